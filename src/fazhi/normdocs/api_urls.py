from django.urls import include, path
from rest_framework.routers import DefaultRouter

from fazhi.normdocs import api

app_name = "normdocs-api"

router = DefaultRouter()
router.register("documents", api.DocumentViewSet, basename="document")
router.register("joint-reviews", api.JointReviewViewSet, basename="joint-review")
router.register("filings", api.FilingViewSet, basename="filing")
router.register("review-types", api.ReviewTypeViewSet, basename="review-type")
router.register("inspections", api.InspectionViewSet, basename="inspection")
router.register("findings", api.FindingViewSet, basename="finding")
router.register("public", api.PublicDocumentViewSet, basename="public-document")

urlpatterns = [path("", include(router.urls))]
