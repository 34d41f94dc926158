from django.urls import path

from fazhi.lawbase import views

app_name = "lawbase-portal"

urlpatterns = [
    path("", views.portal_search, name="search"),
    path("laws/<int:pk>/", views.portal_law_detail, name="law_detail"),
]
