from rest_framework.routers import SimpleRouter

from fazhi.reports.api import ReportViewSet

app_name = "reports-api"

router = SimpleRouter()
router.register("reports", ReportViewSet, basename="report")
urlpatterns = router.urls
