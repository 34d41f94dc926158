from django.urls import path

from fazhi.supervision import views

app_name = "supervision"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("notices/", views.notice_list, name="notices"),
    path("notices/new/", views.notice_issue, name="notice_issue"),
    path("notices/<int:pk>/", views.notice_detail, name="notice_detail"),
    path("accountability/", views.accountability_list, name="accountability"),
    path("accountability/new/", views.accountability_new, name="accountability_new"),
    path("supervisors/", views.supervisor_list, name="supervisors"),
    path("supervisors/new/", views.supervisor_appoint, name="supervisor_appoint"),
    path("campaigns/new/", views.campaign_create, name="campaign_create"),
    path("campaigns/", views.campaign_list, name="campaigns"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign_detail"),
]
