from django.urls import path

from fazhi.jobs import views

app_name = "jobs-api"

urlpatterns = [path("<int:pk>/", views.job_status_api, name="status")]
