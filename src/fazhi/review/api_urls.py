from django.urls import include, path
from rest_framework.routers import SimpleRouter

from fazhi.review import api

app_name = "review-api"

router = SimpleRouter()
router.register("runs", api.RunViewSet, basename="run")
router.register("findings", api.FindingViewSet, basename="finding")

urlpatterns = [
    path("", api.ReviewView.as_view(), name="review"),
    path(
        "findings/<str:pk>/decision/",
        api.FindingViewSet.as_view({"post": "decision"}),
        name="finding-decision",
    ),
    path("rules/", api.RuleStatisticsView.as_view(), name="rules"),
    path("feedback/", api.FeedbackView.as_view(), name="feedback"),
    path("", include(router.urls)),
]
