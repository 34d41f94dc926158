from django.urls import path

from fazhi.consultations import portal_views

app_name = "consultations-portal"

urlpatterns = [
    path("", portal_views.open_list, name="list"),
    path("status/", portal_views.comment_status, name="status"),
    path("<int:pk>/", portal_views.detail, name="detail"),
    path("<int:pk>/comment/", portal_views.comment, name="comment"),
    path("<int:pk>/summary/", portal_views.summary, name="summary"),
]
