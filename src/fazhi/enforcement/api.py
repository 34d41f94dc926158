"""REST API of enforcement: the catalog, the exemption list and penalty cases with their steps."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from fazhi.core.models import Organization
from fazhi.enforcement import selectors, services
from fazhi.enforcement.domain import Circumstance
from fazhi.enforcement.models import (
    CaseEvidence,
    CaseOutcome,
    EnforcementItem,
    EvidenceKind,
    ExemptionItem,
    PartyType,
    PenaltyCase,
    PenaltyKind,
    ReviewOutcome,
)


class ItemSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)
    original_department = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = EnforcementItem
        fields = [
            "id",
            "code",
            "name",
            "category",
            "legal_basis",
            "penalty_basis",
            "max_fine",
            "mode",
            "organization",
            "original_department",
            "effective_from",
            "effective_to",
        ]


class ItemViewSet(viewsets.ReadOnlyModelViewSet):
    """The penalty-item catalog (public information, 行政处罚法 art 39)."""

    serializer_class = ItemSerializer
    search_fields = ["code", "name"]
    filterset_fields = ["category", "mode"]

    def get_queryset(self):
        return selectors.item_list()


class ExemptionSerializer(serializers.ModelSerializer):
    item = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = ExemptionItem
        fields = [
            "id",
            "code",
            "version",
            "list_name",
            "issuer",
            "list_type",
            "category",
            "violation",
            "legal_basis",
            "conditions",
            "item",
            "effective_from",
            "effective_to",
            "adjustment_reason",
        ]


@extend_schema(parameters=[OpenApiParameter("on", str, description="YYYY-MM-DD, default today")])
class ExemptionViewSet(viewsets.ReadOnlyModelViewSet):
    """The exemption list as it stood on ``on``."""

    serializer_class = ExemptionSerializer
    search_fields = ["code", "violation", "category"]

    def get_queryset(self):
        try:
            on = dt.date.fromisoformat(self.request.query_params.get("on", ""))
        except ValueError:
            on = timezone.localdate()
        return selectors.exemption_list(on=on)


class EvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseEvidence
        fields = ["id", "kind", "description", "file_name", "size", "sha256", "collected_on"]


class CaseSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)
    item = serializers.SlugRelatedField(slug_field="code", read_only=True)
    party_id_number = serializers.CharField(source="masked_party_id", read_only=True)
    exemption = serializers.SlugRelatedField(slug_field="code", read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = PenaltyCase
        fields = [
            "id",
            "case_number",
            "organization",
            "item",
            "status",
            "party_type",
            "party_name",
            "party_id_number",
            "facts",
            "violation_date",
            "discovered_on",
            "opened_on",
            "officers",
            "is_major",
            "notice_on",
            "hearing_offered",
            "hearing_requested_on",
            "hearing_held_on",
            "reviewed_on",
            "review_outcome",
            "discussion_minutes",
            "decided_on",
            "decision_number",
            "outcome",
            "penalty_kinds",
            "fine_amount",
            "exemption",
            "proposed_grade",
            "proposed_min",
            "proposed_max",
            "followed_benchmark",
            "deviation_reason",
            "served_on",
            "published_on",
            "executed_on",
            "closed_on",
            "evidence",
        ]


class CaseOpenSerializer(serializers.Serializer):
    organization = serializers.SlugRelatedField(
        slug_field="code", queryset=Organization.objects.all()
    )
    item = serializers.SlugRelatedField(slug_field="code", queryset=EnforcementItem.objects.all())
    party_type = serializers.ChoiceField(choices=PartyType.choices)
    party_name = serializers.CharField(max_length=120)
    party_id_number = serializers.CharField(max_length=30)
    facts = serializers.CharField()
    violation_date = serializers.DateField()
    discovered_on = serializers.DateField()
    opened_on = serializers.DateField()
    officers = serializers.ListField(child=serializers.CharField(max_length=40), min_length=1)
    limitation_years = serializers.IntegerField(required=False, default=2)
    is_major = serializers.BooleanField(required=False, default=False)
    major_reason = serializers.CharField(required=False, allow_blank=True, default="")


class EvidenceInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=EvidenceKind.choices)
    description = serializers.CharField(max_length=300)
    collected_on = serializers.DateField()
    file = serializers.FileField()


class NotifySerializer(serializers.Serializer):
    on = serializers.DateField()
    intended_kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=PenaltyKind.choices), required=False, default=list
    )
    intended_fine = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, default=None
    )


class ReviewSerializer(serializers.Serializer):
    on = serializers.DateField()
    outcome = serializers.ChoiceField(choices=ReviewOutcome.choices)
    opinion = serializers.CharField()


class DecideSerializer(serializers.Serializer):
    on = serializers.DateField()
    outcome = serializers.ChoiceField(choices=CaseOutcome.choices)
    circumstances = serializers.ListField(
        child=serializers.ChoiceField(choices=[c.value for c in Circumstance]),
        required=False,
        default=list,
    )
    penalty_kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=PenaltyKind.choices), required=False, default=list
    )
    fine_amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, default=None
    )
    exemption = serializers.PrimaryKeyRelatedField(
        queryset=ExemptionItem.objects.all(), required=False, allow_null=True, default=None
    )
    education_given = serializers.CharField(required=False, allow_blank=True, default="")
    deviation_reason = serializers.CharField(required=False, allow_blank=True, default="")


class DateMethodSerializer(serializers.Serializer):
    on = serializers.DateField()
    method = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class CaseViewSet(viewsets.ReadOnlyModelViewSet):
    """Penalty cases in the caller's scope; one endpoint per procedural step."""

    serializer_class = CaseSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    search_fields = ["case_number", "party_name"]
    filterset_fields = ["status", "outcome"]

    def get_queryset(self):
        return selectors.case_list(user=self.request.user).prefetch_related("evidence")

    def _done(self, case: PenaltyCase, code: int = status.HTTP_200_OK) -> Response:
        case = selectors.case_get(user=self.request.user, pk=case.pk)
        return Response(CaseSerializer(case).data, status=code)

    @extend_schema(request=CaseOpenSerializer, responses={201: CaseSerializer})
    def create(self, request: Request) -> Response:
        data = CaseOpenSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        case = services.case_open(
            actor=request.user,
            organization=d["organization"],
            item=d["item"],
            party=services.Party(d["party_type"], d["party_name"], d["party_id_number"]),
            facts=d["facts"],
            violation_date=d["violation_date"],
            discovered_on=d["discovered_on"],
            opened_on=d["opened_on"],
            officers=d["officers"],
            limitation_years=d["limitation_years"],
            is_major=d["is_major"],
            major_reason=d["major_reason"],
        )
        return self._done(case, status.HTTP_201_CREATED)

    @extend_schema(request=EvidenceInputSerializer, responses={200: CaseSerializer})
    @action(detail=True, methods=["post"])
    def evidence(self, request: Request, pk: str | None = None) -> Response:
        data = EvidenceInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        services.case_evidence_add(
            actor=request.user,
            case=self.get_object(),
            kind=data.validated_data["kind"],
            description=data.validated_data["description"],
            file_name=upload.name,
            content=upload.read(),
            collected_on=data.validated_data["collected_on"],
        )
        return self._done(self.get_object())

    @extend_schema(request=NotifySerializer, responses={200: CaseSerializer})
    @action(detail=True, methods=["post"])
    def notify(self, request: Request, pk: str | None = None) -> Response:
        data = NotifySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._done(
            services.case_notify(actor=request.user, case=self.get_object(), **data.validated_data)
        )

    @extend_schema(request=ReviewSerializer, responses={200: CaseSerializer})
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None) -> Response:
        data = ReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._done(
            services.case_legal_review(
                actor=request.user, case=self.get_object(), **data.validated_data
            )
        )

    @extend_schema(request=DecideSerializer, responses={200: CaseSerializer})
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        data = DecideSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._done(
            services.case_decide(actor=request.user, case=self.get_object(), **data.validated_data)
        )

    @extend_schema(request=DateMethodSerializer, responses={200: CaseSerializer})
    @action(detail=True, methods=["post"])
    def serve(self, request: Request, pk: str | None = None) -> Response:
        data = DateMethodSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        return self._done(
            services.case_serve(
                actor=request.user, case=self.get_object(), on=d["on"], method=d["method"]
            )
        )

    @extend_schema(request=DateMethodSerializer, responses={200: CaseSerializer})
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str | None = None) -> Response:
        data = DateMethodSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._done(
            services.case_publish(
                actor=request.user, case=self.get_object(), on=data.validated_data["on"]
            )
        )

    @extend_schema(request=DateMethodSerializer, responses={200: CaseSerializer})
    @action(detail=True, methods=["post"])
    def execute(self, request: Request, pk: str | None = None) -> Response:
        data = DateMethodSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        return self._done(
            services.case_execute(
                actor=request.user, case=self.get_object(), on=d["on"], note=d["note"]
            )
        )

    @extend_schema(request=DateMethodSerializer, responses={200: CaseSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        data = DateMethodSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._done(
            services.case_close(
                actor=request.user, case=self.get_object(), on=data.validated_data["on"]
            )
        )
