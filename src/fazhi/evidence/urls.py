"""``/evidence/``: a logged-in user's deposits and certificates."""

from django.urls import path

from fazhi.evidence import views

app_name = "evidence"

urlpatterns = [
    path("", views.deposit_list, name="deposits"),
    path("new/", views.deposit_create, name="deposit_create"),
    path("<uuid:pk>/", views.deposit_detail, name="deposit_detail"),
    path("<uuid:pk>/certificate/", views.certificate_page, name="certificate"),
    path("<uuid:pk>/certificate.json", views.certificate_json, name="certificate_json"),
    path("<uuid:pk>/erase/", views.deposit_erase, name="deposit_erase"),
]
