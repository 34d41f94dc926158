from rest_framework.routers import DefaultRouter

from fazhi.supervision import api

app_name = "supervision_api"

router = DefaultRouter()
router.register("supervisors", api.SupervisorViewSet, basename="supervisor")
router.register("campaigns", api.CampaignViewSet, basename="campaign")
router.register("notices", api.NoticeViewSet, basename="notice")
router.register("accountability", api.AccountabilityViewSet, basename="accountability")

urlpatterns = router.urls
