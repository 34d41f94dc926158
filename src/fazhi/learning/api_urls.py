from django.urls import include, path
from rest_framework.routers import DefaultRouter

from fazhi.learning import api

app_name = "learning-api"

router = DefaultRouter()
router.register("requirements", api.RequirementViewSet, basename="requirement")
router.register("sessions", api.SessionViewSet, basename="session")
router.register("attendance", api.AttendanceViewSet, basename="attendance")
router.register("questions", api.QuestionViewSet, basename="question")
router.register("sittings", api.SittingViewSet, basename="sitting")
router.register("papers", api.PaperViewSet, basename="paper")
router.register("reports", api.ReportViewSet, basename="report")
router.register("selections", api.SelectionViewSet, basename="selection")
router.register("submissions", api.SubmissionViewSet, basename="submission")
router.register("programmes", api.ProgrammeViewSet, basename="programme")
router.register("episodes", api.EpisodeViewSet, basename="episode")
router.register("duties", api.DutyViewSet, basename="duty")

urlpatterns = [
    path("", include(router.urls)),
    path("roster/", api.RosterView.as_view(), name="roster"),
    path("officer-hours/", api.OfficerHoursView.as_view(), name="officer-hours"),
]
