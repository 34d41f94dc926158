from django.urls import path

from fazhi.learning import views

app_name = "learning"

urlpatterns = [
    path("sessions/", views.session_list, name="sessions"),
    path("sessions/new/", views.session_create, name="session_create"),
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("hours/", views.officer_hours, name="hours"),
    path("requirements/new/", views.requirement_create, name="requirement_create"),
    path("questions/", views.question_list, name="questions"),
    path("questions/new/", views.question_create, name="question_create"),
    path("sittings/", views.sitting_list, name="sittings"),
    path("sittings/new/", views.sitting_create, name="sitting_create"),
    path("sittings/<int:pk>/", views.sitting_detail, name="sitting_detail"),
    path("papers/", views.paper_list, name="papers"),
    path("papers/<int:pk>/", views.paper_detail, name="paper_detail"),
    path("papers/<int:pk>/certificate/", views.paper_certificate, name="paper_certificate"),
    path("reports/", views.report_list, name="reports"),
    path("reports/new/", views.report_create, name="report_create"),
    path("reports/roster/", views.report_roster, name="report_roster"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("selections/", views.selection_list, name="selections"),
    path("selections/new/", views.selection_create, name="selection_create"),
    path("selections/<int:pk>/", views.selection_detail, name="selection_detail"),
    path("submissions/new/", views.submission_create, name="submission_create"),
    path("episodes/", views.episode_list, name="episodes"),
    path("episodes/new/", views.episode_create, name="episode_create"),
    path("episodes/<int:pk>/", views.episode_detail, name="episode_detail"),
    path("programmes/new/", views.programme_create, name="programme_create"),
    path("duties/", views.duty_list, name="duties"),
    path("duties/new/", views.duty_create, name="duty_create"),
    path("duties/<int:pk>/", views.duty_detail, name="duty_detail"),
]
