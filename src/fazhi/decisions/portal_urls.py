from django.urls import path

from fazhi.decisions import portal_views

app_name = "decisions-portal"

urlpatterns = [
    path("", portal_views.catalog, name="catalog"),
    path("<int:year>/", portal_views.catalog, name="catalog_year"),
]
