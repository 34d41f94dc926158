from django.urls import path

from fazhi.normdocs import portal_views

app_name = "normdocs-portal"

urlpatterns = [
    path("", portal_views.database, name="database"),
    path("<int:pk>/", portal_views.document, name="document"),
]
