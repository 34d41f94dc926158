from django.urls import include, path
from rest_framework.routers import DefaultRouter

from fazhi.services import api

app_name = "services-api"

router = DefaultRouter()
router.register("one-things", api.OneThingViewSet, basename="one-thing")
router.register("applications", api.ApplicationViewSet, basename="application")
router.register("parts", api.PartViewSet, basename="part")
router.register("evaluations", api.EvaluationViewSet, basename="evaluation")
router.register("rectifications", api.RectificationViewSet, basename="rectification")
router.register("certificate-items", api.CertificateItemViewSet, basename="certificate-item")
router.register("verifications", api.VerificationViewSet, basename="verification")
router.register("commitments", api.CommitmentViewSet, basename="commitment")
router.register("notary-items", api.NotaryItemViewSet, basename="notary-item")
router.register("wills", api.WillViewSet, basename="will")
router.register("estates", api.EstateViewSet, basename="estate")
router.register("inquiry-requests", api.InquiryRequestViewSet, basename="inquiry-request")

urlpatterns = [
    path("", include(router.urls)),
    path("certificates/", api.CertificateRegisterView.as_view(), name="certificate-register"),
    path("notary-lookup/", api.NotaryLookupView.as_view(), name="notary-lookup"),
]
