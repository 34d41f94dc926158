from django.urls import path

from fazhi.review import views

app_name = "review"

urlpatterns = [
    path("", views.review_new, name="new"),
    path("runs/", views.run_list, name="runs"),
    path("runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("findings/<int:pk>/decide/", views.finding_decide, name="finding_decide"),
    path("rules/", views.rule_statistics, name="rules"),
    path("feedback/export/", views.feedback_export, name="feedback_export"),
]
