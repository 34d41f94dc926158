from django.urls import path

from fazhi.consultations import views

app_name = "consultations"

urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("moderation/", views.moderation, name="moderation"),
    path("<int:pk>/", views.consultation_detail, name="detail"),
    path("<int:pk>/export/", views.comments_export, name="export"),
    path("<int:pk>/revise/", views.consultation_revise, name="revise"),
    path("<int:pk>/close/", views.consultation_close, name="close"),
    path("<int:pk>/summary/", views.summary_publish, name="summary"),
    path("comments/<int:pk>/moderate/", views.comment_moderate, name="moderate"),
    path("comments/<int:pk>/respond/", views.comment_respond, name="respond"),
]
