from django.urls import path

from fazhi.grassroots import views

app_name = "grassroots"

urlpatterns = [
    path("registrations/", views.registration_list, name="registrations"),
    path("registrations/new/", views.registration_create, name="registration_create"),
    path("registrations/import/", views.registration_import, name="registration_import"),
    path("registrations/<int:pk>/", views.registration_detail, name="registration_detail"),
    path("coverage/", views.coverage, name="coverage"),
    path("committees/", views.committee_list, name="committees"),
    path("committees/new/", views.committee_create, name="committee_create"),
    path("committees/<int:pk>/", views.committee_detail, name="committee_detail"),
    path("teams/", views.team_list, name="teams"),
    path("teams/new/", views.team_create, name="team_create"),
    path("teams/<int:pk>/", views.team_detail, name="team_detail"),
    path("villages/", views.village_list, name="villages"),
    path("villages/new/", views.village_create, name="village_create"),
    path("villages/<int:pk>/", views.village_detail, name="village_detail"),
]
