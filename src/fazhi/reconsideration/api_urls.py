from django.urls import include, path
from rest_framework.routers import DefaultRouter

from fazhi.reconsideration import api

app_name = "reconsideration-api"

router = DefaultRouter()
router.register("cases", api.CaseViewSet, basename="case")
router.register("letters", api.LetterViewSet, basename="letter")

urlpatterns = [
    path("", include(router.urls)),
    path("apply/", api.PublicApplicationView.as_view(), name="apply"),
]
