from rest_framework.routers import DefaultRouter

from fazhi.enforcement import api, certificate_api, summary_api

app_name = "enforcement_api"

router = DefaultRouter()
router.register("items", api.ItemViewSet, basename="item")
router.register("exemptions", api.ExemptionViewSet, basename="exemption")
router.register("cases", api.CaseViewSet, basename="case")
router.register("commitments", api.CommitmentViewSet, basename="commitment")
router.register("summary", summary_api.SummaryViewSet, basename="summary")
router.register("certificates", certificate_api.CertificateViewSet, basename="certificate")

urlpatterns = router.urls
