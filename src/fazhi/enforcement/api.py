"""REST API of enforcement: the catalog, the exemption list and penalty cases with their steps."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from fazhi.core.domain.identity import mask_id_number
from fazhi.core.listing import LedgerPagination
from fazhi.core.models import Organization
from fazhi.core.procedure_api import (
    ERROR_RESPONSES,
    form_error,
    serializer_from_form,
    with_transitions,
)
from fazhi.core.scoping import require_role
from fazhi.enforcement import forms, selectors, services
from fazhi.enforcement.models import (
    BenchmarkRow,
    CaseEvidence,
    Commitment,
    DiscretionGrade,
    EnforcementItem,
    ExemptionItem,
    ItemDelegation,
    PartyType,
    PenaltyCase,
)
from fazhi.enforcement.permissions import CATALOG_ROLES
from fazhi.enforcement.procedures import CASE, COMMITMENT


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


class DelegationSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = ItemDelegation
        fields = [
            "id",
            "organization",
            "decision_document",
            "effective_from",
            "effective_to",
            "withdrawal_reason",
        ]


class DelegationInputSerializer(serializers.Serializer):
    organization = serializers.SlugRelatedField(
        slug_field="code", queryset=Organization.objects.all()
    )
    decision_document = serializers.CharField(max_length=120)
    effective_from = serializers.DateField()


class DelegationWithdrawInputSerializer(serializers.Serializer):
    delegation = serializers.IntegerField(help_text="id of one of this item's delegations")
    on = serializers.DateField()
    reason = serializers.CharField(max_length=300)


class BenchmarkRowSerializer(serializers.ModelSerializer):
    class Meta:
        model = BenchmarkRow
        fields = [
            "id",
            "grade",
            "circumstances",
            "min_fine",
            "max_fine",
            "source",
            "effective_from",
            "effective_to",
        ]


class BenchmarkRowInputSerializer(serializers.Serializer):
    grade = serializers.ChoiceField(choices=DiscretionGrade.choices)
    circumstances = serializers.CharField()
    min_fine = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)
    max_fine = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)
    source = serializers.CharField(max_length=200)
    effective_from = serializers.DateField()


class ItemViewSet(viewsets.ReadOnlyModelViewSet):
    """The penalty-item catalog (public information, 行政处罚法 art 39); catalog roles
    delegate items to towns, withdraw delegations and add discretion-benchmark rows."""

    serializer_class = ItemSerializer
    search_fields = ["code", "name"]
    filterset_fields = ["category", "mode"]

    def get_queryset(self):
        return selectors.item_list()

    @extend_schema(request=DelegationInputSerializer, responses={201: DelegationSerializer})
    @action(detail=True, methods=["post"])
    def delegate(self, request: Request, pk: str | None = None) -> Response:
        require_role(request.user, *CATALOG_ROLES)
        data = DelegationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        delegation = services.item_delegate(
            actor=request.user, item=self.get_object(), **data.validated_data
        )
        return Response(DelegationSerializer(delegation).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=DelegationWithdrawInputSerializer, responses={200: DelegationSerializer})
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        require_role(request.user, *CATALOG_ROLES)
        data = DelegationWithdrawInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        delegation = self.get_object().delegations.filter(pk=d["delegation"]).first()
        if delegation is None:
            raise serializers.ValidationError({"delegation": [_("该事项没有这项赋权。")]})
        withdrawn = services.delegation_withdraw(
            actor=request.user, delegation=delegation, on=d["on"], reason=d["reason"]
        )
        return Response(DelegationSerializer(withdrawn).data)

    @extend_schema(responses={200: DelegationSerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def delegations(self, request: Request, pk: str | None = None) -> Response:
        """Every delegation of the item, withdrawn ones included (public like the catalog)."""
        rows = selectors.delegations_for(self.get_object())
        return Response(DelegationSerializer(rows, many=True).data)

    @extend_schema(methods=["GET"], responses={200: BenchmarkRowSerializer(many=True)})
    @extend_schema(
        methods=["POST"],
        request=BenchmarkRowInputSerializer,
        responses={201: BenchmarkRowSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def benchmarks(self, request: Request, pk: str | None = None) -> Response:
        """GET: every benchmark row, old ones included; POST: add a row (catalog roles)."""
        if request.method == "GET":
            rows = self.get_object().benchmarks.order_by("grade", "effective_from")
            return Response(BenchmarkRowSerializer(rows, many=True).data)
        require_role(request.user, *CATALOG_ROLES)
        data = BenchmarkRowInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        row = services.benchmark_row_add(
            actor=request.user, item=self.get_object(), **data.validated_data
        )
        return Response(BenchmarkRowSerializer(row).data, status=status.HTTP_201_CREATED)


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


class ExemptionFieldsInputSerializer(serializers.Serializer):
    list_name = serializers.CharField(max_length=200)
    issuer = serializers.CharField(max_length=100)
    list_type = serializers.CharField(max_length=30)
    category = serializers.CharField(max_length=40)
    violation = serializers.CharField()
    legal_basis = serializers.CharField()
    conditions = serializers.CharField()
    item = serializers.SlugRelatedField(
        slug_field="code",
        queryset=EnforcementItem.objects.all(),
        required=False,
        allow_null=True,
        default=None,
    )
    source_url = serializers.URLField(max_length=300, required=False, allow_blank=True, default="")


class ExemptionAddInputSerializer(ExemptionFieldsInputSerializer):
    code = serializers.RegexField(r"^[^/\s]+$", max_length=40)
    effective_from = serializers.DateField()


class ExemptionAdjustInputSerializer(ExemptionFieldsInputSerializer):
    """The full next version: fields not sent keep the current version's value."""

    on = serializers.DateField()
    reason = serializers.CharField(max_length=300)


class ExemptionRepealInputSerializer(serializers.Serializer):
    on = serializers.DateField()
    reason = serializers.CharField(max_length=300)


@extend_schema(parameters=[OpenApiParameter("on", str, description="YYYY-MM-DD, default today")])
class ExemptionViewSet(viewsets.ReadOnlyModelViewSet):
    """The exemption list as it stood on ``on``; catalog roles add, adjust and repeal items."""

    serializer_class = ExemptionSerializer
    search_fields = ["code", "violation", "category"]

    def get_queryset(self):
        if self.action in ("adjust", "repeal"):
            # Act on the open version whatever ``on`` says; the service locks it again.
            return ExemptionItem.objects.filter(effective_to__isnull=True)
        if self.action == "versions":
            return ExemptionItem.objects.all()
        try:
            on = dt.date.fromisoformat(self.request.query_params.get("on", ""))
        except ValueError:
            on = timezone.localdate()
        return selectors.exemption_list(on=on)

    @extend_schema(request=ExemptionAddInputSerializer, responses={201: ExemptionSerializer})
    def create(self, request: Request) -> Response:
        require_role(request.user, *CATALOG_ROLES)
        data = ExemptionAddInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        exemption = services.exemption_add(actor=request.user, **data.validated_data)
        return Response(ExemptionSerializer(exemption).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: ExemptionSerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def versions(self, request: Request, pk: str | None = None) -> Response:
        """Every version of this item's code, oldest first (the adjustment history)."""
        versions = selectors.exemption_versions(self.get_object().code)
        return Response(ExemptionSerializer(versions, many=True).data)

    @extend_schema(request=ExemptionAdjustInputSerializer, responses={201: ExemptionSerializer})
    @action(detail=True, methods=["post"])
    def adjust(self, request: Request, pk: str | None = None) -> Response:
        require_role(request.user, *CATALOG_ROLES)
        current = self.get_object()
        data = ExemptionAdjustInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        changes = dict(data.validated_data)
        if "on" not in changes or "reason" not in changes:
            missing = "on" if "on" not in changes else "reason"
            raise serializers.ValidationError({missing: [_("该字段是必填项。")]})
        new = services.exemption_adjust(
            actor=request.user,
            exemption=current,
            on=changes.pop("on"),
            reason=changes.pop("reason"),
            **changes,
        )
        return Response(ExemptionSerializer(new).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ExemptionRepealInputSerializer, responses={200: ExemptionSerializer})
    @action(detail=True, methods=["post"])
    def repeal(self, request: Request, pk: str | None = None) -> Response:
        require_role(request.user, *CATALOG_ROLES)
        data = ExemptionRepealInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        repealed = services.exemption_repeal(
            actor=request.user, exemption=self.get_object(), **data.validated_data
        )
        return Response(ExemptionSerializer(repealed).data)


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
            "party_address",
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
    # Required by the service (field ``party_address``, 行政处罚法 art 59).
    party_address = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    facts = serializers.CharField()
    violation_date = serializers.DateField()
    discovered_on = serializers.DateField()
    opened_on = serializers.DateField()
    officers = serializers.ListField(child=serializers.CharField(max_length=40), min_length=1)
    limitation_years = serializers.IntegerField(required=False, default=2)
    is_major = serializers.BooleanField(required=False, default=False)
    major_reason = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default=""
    )


@with_transitions(CASE, CaseSerializer)
class CaseViewSet(viewsets.ReadOnlyModelViewSet):
    """Penalty cases in the caller's scope; one endpoint per procedural step."""

    serializer_class = CaseSerializer
    pagination_class = LedgerPagination
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    search_fields = ["case_number", "party_name"]
    filterset_fields = ["status", "outcome"]

    def get_queryset(self):
        # Every relation the serializer reads is joined or prefetched: the query count does not
        # grow with the page (tests/enforcement/test_api_queries.py).
        return (
            selectors.case_list(user=self.request.user)
            .select_related("exemption")
            .prefetch_related("evidence")
        )

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
            party=services.Party(
                d["party_type"], d["party_name"], d["party_id_number"], d["party_address"]
            ),
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


class CommitmentSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)
    exemption = serializers.SlugRelatedField(slug_field="code", read_only=True)
    party_id_number = serializers.SerializerMethodField()
    follow_up_case = serializers.SlugRelatedField(slug_field="case_number", read_only=True)

    class Meta:
        model = Commitment
        fields = [
            "id",
            "organization",
            "exemption",
            "status",
            "party_type",
            "party_name",
            "party_id_number",
            "facts",
            "violation_date",
            "notice_on",
            "correct_by",
            "signed_on",
            "refused_on",
            "verified_on",
            "result",
            "follow_up_case",
            "filed_on",
        ]

    def get_party_id_number(self, commitment: Commitment) -> str:
        if commitment.party_type == PartyType.CITIZEN:
            return mask_id_number(commitment.party_id_number)
        return commitment.party_id_number


@with_transitions(COMMITMENT, CommitmentSerializer)
class CommitmentViewSet(viewsets.ReadOnlyModelViewSet):
    """Notice-and-commitment records in the caller's scope: start one (告知), then its steps."""

    serializer_class = CommitmentSerializer
    search_fields = ["party_name"]
    filterset_fields = ["status", "result"]

    def get_queryset(self):
        return selectors.commitment_list(user=self.request.user).order_by("-notice_on", "-id")

    @extend_schema(
        request=serializer_from_form(forms.CommitmentNotifyForm, "CommitmentNotifyInput"),
        responses={201: CommitmentSerializer, **ERROR_RESPONSES},
    )
    def create(self, request: Request) -> Response:
        # The page's form validates here too, so page and API accept the same input.
        form = forms.CommitmentNotifyForm(request.data)
        if not form.is_valid():
            raise form_error(form)
        data = form.cleaned_data
        commitment = services.commitment_notify(
            actor=request.user,
            organization=data["organization"],
            exemption=data["exemption"],
            party=services.Party(data["party_type"], data["party_name"], data["party_id_number"]),
            facts=data["facts"],
            violation_date=data["violation_date"],
            notice_on=data["notice_on"],
            correct_by=data["correct_by"],
        )
        return Response(CommitmentSerializer(commitment).data, status=status.HTTP_201_CREATED)
