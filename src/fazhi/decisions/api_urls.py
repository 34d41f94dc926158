from rest_framework.routers import DefaultRouter

from fazhi.decisions import api

app_name = "decisions-api"

router = DefaultRouter()
router.register("catalogs", api.CatalogViewSet, basename="catalog")
router.register("decisions", api.DecisionViewSet, basename="decision")
router.register("entries", api.EntryViewSet, basename="entry")

urlpatterns = router.urls
