from django.urls import include, path
from rest_framework.routers import DefaultRouter

from fazhi.litigation import api

app_name = "litigation-api"

router = DefaultRouter()
router.register("cases", api.CaseViewSet, basename="case")
router.register("hearings", api.HearingViewSet, basename="hearing")

urlpatterns = [path("", include(router.urls))]
