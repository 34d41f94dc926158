from django.urls import path

from fazhi.litigation import views

app_name = "litigation"

urlpatterns = [
    path("cases/", views.case_list, name="cases"),
    path("cases/new/", views.case_create, name="case_create"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
]
