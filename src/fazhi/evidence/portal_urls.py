"""``/portal/evidence/``: public verification, the log's public key and its signed heads."""

from django.urls import path

from fazhi.evidence import views

app_name = "evidence_portal"

urlpatterns = [
    path("", views.verify, name="verify"),
    path("public-key.pem", views.public_key_pem, name="public_key"),
    path("heads/", views.head_list, name="heads"),
]
