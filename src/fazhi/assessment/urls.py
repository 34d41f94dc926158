from django.urls import path

from fazhi.assessment import views

app_name = "assessment"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
]
