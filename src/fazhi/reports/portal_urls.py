from django.urls import path

from fazhi.reports import views

app_name = "reports-portal"

urlpatterns = [
    path("", views.portal_list, name="list"),
    path("<int:pk>/", views.portal_detail, name="detail"),
    path("<int:pk>/download.<str:fmt>", views.portal_download, name="download"),
]
