"""REST API of the pre-review app: review text or a file, read runs, decide on findings,
acceptance rates per rule. Endpoints call services and selectors only."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.domain.rates import Rate
from fazhi.core.params import parse_year
from fazhi.review import selectors, services
from fazhi.review.feedback import feedback_records
from fazhi.review.models import DecisionOutcome, ReviewDecision, ReviewFinding, ReviewRun
from fazhi.review.permissions import require_adoption


def _pk(value: str) -> int:
    if not str(value).isdigit():
        raise Http404
    return int(value)


class ReviewInputSerializer(serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    file = serializers.FileField(required=False, allow_empty_file=True)
    as_of = serializers.DateField(required=False, allow_null=True)
    title = serializers.CharField(required=False, allow_blank=True, max_length=200)


class ReviewDecisionSerializer(serializers.ModelSerializer):
    decided_by = serializers.CharField(source="decided_by.username", default=None)

    class Meta:
        model = ReviewDecision
        fields = ["id", "outcome", "reason", "decided_by", "decided_at"]


class ReviewFindingSerializer(serializers.ModelSerializer):
    decisions = ReviewDecisionSerializer(many=True, read_only=True)

    class Meta:
        model = ReviewFinding
        fields = [
            "id",
            "position",
            "rule",
            "category",
            "severity",
            "start",
            "end",
            "excerpt",
            "basis",
            "message",
            "suggestion",
            "standard",
            "reason",
            "confidence",
            "detector",
            "clause",
            "status",
            "decisions",
        ]


class ReviewRunSerializer(serializers.ModelSerializer):
    organization = serializers.CharField(source="organization.name")

    class Meta:
        model = ReviewRun
        fields = ["id", "title", "organization", "source_name", "as_of", "created_at"]


class ReviewRunDetailSerializer(ReviewRunSerializer):
    findings = ReviewFindingSerializer(many=True, read_only=True)

    class Meta(ReviewRunSerializer.Meta):
        fields = [*ReviewRunSerializer.Meta.fields, "text", "findings"]


class ReviewView(APIView):
    """Pre-review pasted ``text`` or an uploaded ``file`` (DOCX or UTF-8 text); the run is kept."""

    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(request=ReviewInputSerializer, responses={201: ReviewRunDetailSerializer})
    def post(self, request: Request) -> Response:
        data = ReviewInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        run = services.review_run_record(
            actor=request.user,
            text=values.get("text", ""),
            upload=values.get("file"),
            as_of=values.get("as_of"),
            title=values.get("title", ""),
        )
        run = selectors.run_get(user=request.user, pk=run.pk)
        return Response(ReviewRunDetailSerializer(run).data, status=status.HTTP_201_CREATED)


class RunViewSet(viewsets.ReadOnlyModelViewSet):
    """Stored runs the caller may read, newest first."""

    filter_backends = []

    def get_serializer_class(self):
        return ReviewRunDetailSerializer if self.action == "retrieve" else ReviewRunSerializer

    def get_queryset(self):
        return selectors.run_list(
            user=self.request.user, search=self.request.query_params.get("q", "")
        )

    def get_object(self) -> ReviewRun:
        return selectors.run_get(user=self.request.user, pk=_pk(self.kwargs["pk"]))


class ReviewDecisionInputSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=DecisionOutcome.choices)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class FindingViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """One finding; ``POST …/decision/`` accepts or dismisses it (legal officers)."""

    serializer_class = ReviewFindingSerializer
    filter_backends = []
    queryset = ReviewFinding.objects.none()

    def get_object(self) -> ReviewFinding:
        return selectors.finding_get(user=self.request.user, pk=_pk(self.kwargs["pk"]))

    @extend_schema(request=ReviewDecisionInputSerializer, responses={201: ReviewFindingSerializer})
    def decision(self, request: Request, pk: str | None = None) -> Response:
        finding = self.get_object()
        data = ReviewDecisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.finding_decide(
            actor=request.user,
            finding=finding,
            outcome=data.validated_data["outcome"],
            reason=data.validated_data.get("reason", ""),
        )
        finding = selectors.finding_get(user=request.user, pk=finding.pk)
        return Response(ReviewFindingSerializer(finding).data, status=status.HTTP_201_CREATED)


class ReviewRuleStatisticSerializer(serializers.Serializer):
    rule = serializers.CharField()
    category = serializers.CharField()
    total = serializers.IntegerField()
    accepted = serializers.IntegerField()
    dismissed = serializers.IntegerField()
    pending = serializers.IntegerField()
    acceptance_rate = serializers.SerializerMethodField()

    def get_acceptance_rate(self, row) -> float | None:
        percent = Rate(row["accepted"], row["accepted"] + row["dismissed"]).percent
        return float(percent) if percent is not None else None


class RuleStatisticsView(APIView):
    """Per rule: findings, accepted, dismissed, pending and the acceptance rate (percent)."""

    @extend_schema(
        parameters=[OpenApiParameter("year", int, description="review date's year")],
        responses={200: ReviewRuleStatisticSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        require_adoption(request.user)
        year = request.query_params.get("year", "")
        rows = selectors.rule_statistics(user=request.user, year=parse_year(year))
        return Response(ReviewRuleStatisticSerializer(rows, many=True).data)


class FeedbackExampleSerializer(serializers.Serializer):
    id = serializers.CharField()
    text = serializers.CharField()
    label = serializers.ChoiceField(choices=["violation", "compliant"])
    group = serializers.CharField()
    category = serializers.CharField()
    source = serializers.CharField()
    source_title = serializers.CharField()
    note = serializers.CharField(help_text="the reviewer's reason")
    rule = serializers.CharField()
    detector = serializers.CharField()
    confidence = serializers.FloatField(allow_null=True)
    document = serializers.CharField(help_text="the reviewed document's title or file name")
    decided_by = serializers.CharField()
    decided_at = serializers.CharField()


class FeedbackView(APIView):
    """Decided findings as labelled clauses (accepted = problem, dismissed = not), with the
    reviewer's reason: the data of the next training run (same records as the JSONL export)."""

    @extend_schema(
        parameters=[OpenApiParameter("year", int, description="review date's year")],
        responses={200: FeedbackExampleSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        year = request.query_params.get("year", "")
        records = feedback_records(user=request.user, year=int(year) if year.isdigit() else None)
        return Response(FeedbackExampleSerializer(records, many=True).data)
