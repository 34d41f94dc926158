from django.urls import include, path
from rest_framework.routers import DefaultRouter

from fazhi.normdocs import api

app_name = "normdocs-api"

router = DefaultRouter()
router.register("documents", api.DocumentViewSet, basename="document")
router.register("public", api.PublicDocumentViewSet, basename="public-document")

urlpatterns = [path("", include(router.urls))]
