from django.urls import path

from fazhi.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.index, name="index"),
    path("figures/", views.figures, name="figures"),
    path("towns/", views.towns, name="towns"),
    path("charts/<str:key>/", views.chart, name="chart"),
    path("charts/<str:key>/export/", views.chart_export, name="chart_export"),
    path("charts/<str:key>/records/", views.chart_records, name="chart_records"),
]
