from django.urls import include, path
from rest_framework.routers import DefaultRouter

from fazhi.grassroots import api

app_name = "grassroots-api"

router = DefaultRouter()
router.register("registrations", api.RegistrationViewSet, basename="registration")
router.register("committees", api.CommitteeViewSet, basename="committee")
router.register("teams", api.TeamViewSet, basename="team")
router.register("villages", api.VillageViewSet, basename="village")

urlpatterns = [
    path("", include(router.urls)),
    path("coverage/", api.CoverageView.as_view(), name="coverage"),
]
