from django.urls import path

from fazhi.consultations import views

app_name = "consultations"

urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("moderation/", views.moderation, name="moderation"),
    path("<int:pk>/", views.consultation_detail, name="detail"),
    path("<int:pk>/export/", views.comments_export, name="export"),
]
