from django.urls import path

from fazhi.lawbase import views

app_name = "lawbase"

urlpatterns = [
    path("", views.search, name="search"),
    path("laws/", views.law_list, name="laws"),
    path("laws/<int:pk>/", views.law_detail, name="law_detail"),
    path("citations/", views.citations, name="citations"),
]
