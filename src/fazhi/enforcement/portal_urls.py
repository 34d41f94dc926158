from django.urls import path

from fazhi.enforcement import portal_views

app_name = "enforcement_portal"

urlpatterns = [
    path("exemptions/", portal_views.exemption_list, name="exemptions"),
    path("publicity/", portal_views.publicity_list, name="publicity"),
]
