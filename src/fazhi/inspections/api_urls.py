from django.urls import include, path
from rest_framework.routers import DefaultRouter

from fazhi.inspections import api

app_name = "inspections-api"

router = DefaultRouter()
router.register("items", api.ItemViewSet, basename="item")
router.register("subjects", api.SubjectViewSet, basename="subject")
router.register("inspectors", api.InspectorViewSet, basename="inspector")
router.register("scenarios", api.ScenarioViewSet, basename="scenario")
router.register("tasks", api.TaskViewSet, basename="task")
router.register("draws", api.DrawPlanViewSet, basename="draw")
router.register("joint-plans", api.JointPlanViewSet, basename="joint-plan")
router.register("visits", api.VisitViewSet, basename="visit")

urlpatterns = [path("", include(router.urls))]
