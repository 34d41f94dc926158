from rest_framework.routers import SimpleRouter

from fazhi.assessment.api import AssessmentViewSet, SchemeViewSet

app_name = "assessment-api"

router = SimpleRouter()
router.register("assessments", AssessmentViewSet, basename="assessment")
router.register("schemes", SchemeViewSet, basename="scheme")
urlpatterns = router.urls
