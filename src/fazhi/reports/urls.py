from django.urls import path

from fazhi.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/generate/", views.report_generate, name="generate"),
    path("<int:pk>/sections/<str:code>/", views.section_edit, name="section_edit"),
    path("<int:pk>/figures/<str:key>/", views.figure_records, name="figure"),
    path("<int:pk>/download.<str:fmt>", views.report_download, name="download"),
]
