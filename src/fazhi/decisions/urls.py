from django.urls import path

from fazhi.decisions import views

app_name = "decisions"

urlpatterns = [
    path("", views.decision_list, name="list"),
    path("catalogs/", views.catalog_list, name="catalogs"),
    path("catalogs/<int:pk>/", views.catalog_detail, name="catalog"),
    path("<int:pk>/", views.decision_detail, name="detail"),
    path("<int:pk>/archive.zip", views.decision_archive, name="archive"),
]
