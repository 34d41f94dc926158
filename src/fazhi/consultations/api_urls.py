from django.urls import include, path
from rest_framework.routers import DefaultRouter

from fazhi.consultations import api

app_name = "consultations-api"

router = DefaultRouter()
router.register("consultations", api.ConsultationViewSet, basename="consultation")
router.register("comments", api.CommentViewSet, basename="comment")

urlpatterns = [path("", include(router.urls))]
