"""REST API of learning, exams, 述法, 以案释法 and publicity: scoped ledgers, create endpoints
validated by the page forms, and one ``POST …/{id}/<step>/`` per declared step."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.api_support import ReadModelSerializer
from fazhi.core.errors import ValidationFailed
from fazhi.core.ledger_api import create_action
from fazhi.core.params import parse_year
from fazhi.core.procedure_api import with_transitions
from fazhi.core.scoping import require_role
from fazhi.learning import forms, selectors
from fazhi.learning.models import (
    Attendance,
    CaseSelection,
    CaseSubmission,
    DutyItem,
    Episode,
    ExamPaper,
    ExamSitting,
    LawReport,
    Programme,
    Question,
    TrainingRequirement,
    TrainingSession,
)
from fazhi.learning.procedures import (
    DUTY,
    EPISODE,
    PAPER,
    REPORT,
    ROLES,
    SELECTION,
    SESSION,
    SITTING,
    SUBMISSION,
)
from fazhi.learning.services import exams, publicity, reports, training

CODE = {"slug_field": "code", "read_only": True}


class RequirementSerializer(serializers.ModelSerializer):
    class Meta:
        model = TrainingRequirement
        fields = ["id", "valid_from", "min_hours", "source", "note"]


class SessionSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(**CODE)
    laws = serializers.SlugRelatedField(slug_field="title", many=True, read_only=True)
    attendees = serializers.IntegerField(read_only=True, required=False)

    class Meta:
        model = TrainingSession
        fields = [
            "id",
            "organization",
            "kind",
            "title",
            "held_on",
            "hours",
            "location",
            "laws",
            "materials",
            "status",
            "attendees",
        ]


class AttendanceSerializer(ReadModelSerializer):
    person = serializers.CharField(source="person.name", read_only=True)
    organization = serializers.CharField(source="person.organization.code", read_only=True)

    class Meta:
        model = Attendance
        fields = ["id", "session", "person", "organization", "hours", "via", "recorded_at"]


class QuestionSerializer(ReadModelSerializer):
    organization = serializers.SlugRelatedField(**CODE)

    class Meta:
        model = Question
        fields = ["id", "organization", "kind", "stem", "options", "answer", "article", "is_active"]


class SittingSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(**CODE)

    class Meta:
        model = ExamSitting
        fields = [
            "id",
            "organization",
            "kind",
            "title",
            "held_on",
            "duration_minutes",
            "question_count",
            "pass_mark",
            "seed",
            "status",
        ]


class PaperQuestionSerializer(serializers.Serializer):
    question = serializers.IntegerField(source="question_id")
    position = serializers.IntegerField()
    kind = serializers.CharField(source="question.kind")
    stem = serializers.CharField(source="question.stem")
    options = serializers.ListField(child=serializers.CharField(), source="question.options")
    given = serializers.ListField(child=serializers.CharField())
    correct = serializers.BooleanField(allow_null=True)


class PaperSerializer(ReadModelSerializer):
    person = serializers.CharField(source="person.name", read_only=True)
    organization = serializers.SlugRelatedField(**CODE)
    sitting_title = serializers.CharField(source="sitting.title", read_only=True)
    questions = serializers.SerializerMethodField()
    seconds_left = serializers.SerializerMethodField()

    class Meta:
        model = ExamPaper
        fields = [
            "id",
            "sitting",
            "sitting_title",
            "person",
            "organization",
            "new_post",
            "retake_of",
            "status",
            "started_at",
            "deadline_at",
            "seconds_left",
            "submitted_at",
            "score",
            "passed",
            "questions",
        ]

    def get_questions(self, paper: ExamPaper) -> list[dict]:
        """The paper's questions (no answer key) once the detail is asked for."""
        if not self.context.get("detail"):
            return []
        return PaperQuestionSerializer(selectors.paper_items(paper), many=True).data

    def get_seconds_left(self, paper: ExamPaper) -> int | None:
        if paper.deadline_at is None or paper.status != "answering":
            return None
        return max(0, int((paper.deadline_at - timezone.now()).total_seconds()))


class LawReportSerializer(serializers.ModelSerializer):
    person = serializers.CharField(source="person.name", read_only=True)
    organization = serializers.SlugRelatedField(**CODE)

    class Meta:
        model = LawReport
        fields = [
            "id",
            "person",
            "organization",
            "year",
            "form",
            "reported_on",
            "summary",
            "issues",
            "status",
            "evaluation",
            "evaluation_comment",
            "evaluated_on",
            "rectification",
            "rectified_on",
        ]


class RosterSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    organization = serializers.CharField(source="organization.code")
    post = serializers.CharField()
    reported = serializers.BooleanField()


class SelectionSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(**CODE)

    class Meta:
        model = CaseSelection
        fields = ["id", "organization", "year", "title", "status"]


class SubmissionSerializer(ReadModelSerializer):
    organization = serializers.SlugRelatedField(**CODE)
    average = serializers.DecimalField(
        max_digits=5, decimal_places=1, read_only=True, required=False, allow_null=True
    )

    class Meta:
        model = CaseSubmission
        fields = [
            "id",
            "selection",
            "organization",
            "title",
            "case_ref",
            "summary",
            "law",
            "submitted_on",
            "status",
            "award",
            "average",
        ]


class ProgrammeSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(**CODE)

    class Meta:
        model = Programme
        fields = ["id", "organization", "name", "description"]


class EpisodeSerializer(serializers.ModelSerializer):
    programme = serializers.SlugRelatedField(slug_field="name", read_only=True)

    class Meta:
        model = Episode
        fields = [
            "id",
            "programme",
            "number",
            "title",
            "topic",
            "aired_on",
            "views",
            "views_recorded_on",
        ]


class DutySerializer(ReadModelSerializer):
    organization = serializers.SlugRelatedField(**CODE)

    class Meta:
        model = DutyItem
        fields = [
            "id",
            "organization",
            "year",
            "law",
            "law_title",
            "task",
            "audience",
            "method",
            "schedule",
            "status",
            "completed_on",
            "outcome",
        ]


class OfficerHoursSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    organization = serializers.CharField(source="organization.code")
    enforcement_certificate_number = serializers.CharField()
    year_hours = serializers.DecimalField(max_digits=7, decimal_places=1)


# --- viewsets -------------------------------------------------------------------------------------


class RequirementViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The dated yearly minimum hours with their sources."""

    serializer_class = RequirementSerializer
    queryset = TrainingRequirement.objects.all()
    create = create_action(
        forms.RequirementForm,
        lambda user, data: training.requirement_set(actor=user, **data),
        RequirementSerializer,
        "LearningRequirement",
    )


@with_transitions(SESSION, SessionSerializer)
class SessionViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Training sessions in the caller's scope; attendance is a step on each."""

    serializer_class = SessionSerializer
    filterset_fields = ["kind", "status"]
    search_fields = ["title", "location"]

    def get_queryset(self):
        return selectors.session_list(user=self.request.user).prefetch_related("laws")

    create = create_action(
        forms.SessionForm,
        lambda user, data: training.session_create(actor=user, **data),
        SessionSerializer,
        "LearningSession",
    )


class AttendanceViewSet(viewsets.ReadOnlyModelViewSet):
    """Sign-ins of the sessions in the caller's scope (``?session=<id>``)."""

    serializer_class = AttendanceSerializer
    filterset_fields = ["session", "via"]

    def get_queryset(self):
        sessions = selectors.session_list(user=self.request.user).values("pk")
        return (
            Attendance.objects.filter(session__in=sessions)
            .select_related("person__organization")
            .order_by("id")
        )


class QuestionViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The question bank (staff only: it holds the answers)."""

    serializer_class = QuestionSerializer
    filterset_fields = ["kind", "is_active"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator
            return Question.objects.none()
        require_role(self.request.user, *ROLES)
        return selectors.question_list(user=self.request.user)

    create = create_action(
        forms.QuestionForm,
        lambda user, data: exams.question_create(actor=user, **data),
        QuestionSerializer,
        "LearningQuestion",
    )


@with_transitions(SITTING, SittingSerializer)
class SittingViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = SittingSerializer
    filterset_fields = ["kind", "status"]

    def get_queryset(self):
        return selectors.sitting_list(user=self.request.user)

    create = create_action(
        forms.SittingForm,
        lambda user, data: exams.sitting_create(actor=user, **data),
        SittingSerializer,
        "LearningSitting",
    )


@with_transitions(PAPER, PaperSerializer)
class PaperViewSet(viewsets.ReadOnlyModelViewSet):
    """Papers: the candidate's own, and those of the sittings and units in the caller's scope.
    The detail lists the paper's questions (never the key); ``submit`` takes ``answers``."""

    serializer_class = PaperSerializer
    filterset_fields = ["sitting", "status", "passed"]

    def get_queryset(self):
        return selectors.paper_list(user=self.request.user)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["detail"] = self.action != "list"
        return context


@with_transitions(REPORT, LawReportSerializer)
class ReportViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = LawReportSerializer
    filterset_fields = ["year", "status", "form", "evaluation"]

    def get_queryset(self):
        return selectors.report_list(user=self.request.user)

    create = create_action(
        forms.LawReportForm,
        lambda user, data: reports.law_report_record(actor=user, **data),
        LawReportSerializer,
        "LearningReport",
    )


class RosterView(APIView):
    """The city-managed leaders who must report on ``year`` and whether each has."""

    @extend_schema(
        parameters=[
            OpenApiParameter("year", int, required=True),
            OpenApiParameter("missing", bool, required=False),
        ],
        responses={200: RosterSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        year = _year(request)
        missing = request.query_params.get("missing") in ("1", "true")
        people = selectors.roster(user=request.user, year=year, missing_only=missing)
        return Response(RosterSerializer(people, many=True).data)


def _year(request: Request) -> int:
    """The ``year`` parameter (this year when absent); a malformed one is refused by name."""
    text = request.query_params.get("year")
    if not text:
        return timezone.localdate().year
    year = parse_year(text)
    if year is None:
        raise ValidationFailed("invalid", _("年度无效。"), field="year")
    return year


class OfficerHoursView(APIView):
    """Certified officers' hours in ``year`` (``below=1``: only those under the minimum)."""

    @extend_schema(
        parameters=[
            OpenApiParameter("year", int, required=True),
            OpenApiParameter("below", bool, required=False),
        ],
        responses={200: OfficerHoursSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        require_role(request.user, *ROLES)
        year = _year(request)
        below = request.query_params.get("below") in ("1", "true")
        people, _requirement = selectors.officer_hours(
            user=request.user, year=year, below_only=below
        )
        return Response(OfficerHoursSerializer(people, many=True).data)


@with_transitions(SELECTION, SelectionSerializer)
class SelectionViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = SelectionSerializer

    def get_queryset(self):
        return selectors.selection_list(user=self.request.user)

    create = create_action(
        forms.SelectionForm,
        lambda user, data: reports.selection_create(actor=user, **data),
        SelectionSerializer,
        "LearningSelection",
    )


@with_transitions(SUBMISSION, SubmissionSerializer)
class SubmissionViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = SubmissionSerializer
    filterset_fields = ["selection", "status", "award"]

    def get_queryset(self):
        return selectors.submission_list(user=self.request.user)

    create = create_action(
        forms.SubmissionForm,
        lambda user, data: reports.submission_create(actor=user, **data),
        SubmissionSerializer,
        "LearningSubmission",
    )


class ProgrammeViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ProgrammeSerializer
    queryset = Programme.objects.select_related("organization")
    create = create_action(
        forms.ProgrammeForm,
        lambda user, data: publicity.programme_create(actor=user, **data),
        ProgrammeSerializer,
        "PublicityProgramme",
    )


@with_transitions(EPISODE, EpisodeSerializer)
class EpisodeViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = EpisodeSerializer
    filterset_fields = ["programme"]

    def get_queryset(self):
        return selectors.episode_list(user=self.request.user)

    create = create_action(
        forms.EpisodeForm,
        lambda user, data: publicity.episode_create(actor=user, **data),
        EpisodeSerializer,
        "PublicityEpisode",
    )


@with_transitions(DUTY, DutySerializer)
class DutyViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = DutySerializer
    filterset_fields = ["year", "status"]

    def get_queryset(self):
        return selectors.duty_list(user=self.request.user)

    create = create_action(
        forms.DutyForm,
        lambda user, data: publicity.duty_create(actor=user, **data),
        DutySerializer,
        "PublicityDuty",
    )
