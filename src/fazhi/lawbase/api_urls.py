from django.urls import include, path
from rest_framework.routers import DefaultRouter

from fazhi.lawbase import api

app_name = "lawbase-api"

router = DefaultRouter()
router.register("laws", api.LawViewSet, basename="law")
router.register("articles", api.ArticleViewSet, basename="article")

urlpatterns = [
    path("citations/resolve/", api.CitationResolveView.as_view(), name="citation-resolve"),
    path("", include(router.urls)),
]
