from django.urls import path

from fazhi.reconsideration import portal_views, views

app_name = "reconsideration-portal"

urlpatterns = [
    path("apply/", views.portal_apply, name="apply"),
    path("progress/", portal_views.progress, name="progress"),
    path("cases/<int:pk>/", portal_views.case_detail, name="case"),
]
