from django.urls import path

from fazhi.inspections import views

app_name = "inspections-portal"

urlpatterns = [
    path("draws/", views.portal_draws, name="draws"),
    path("draws/<int:pk>/", views.portal_draw, name="draw"),
]
