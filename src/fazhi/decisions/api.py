"""REST API of major decisions: catalogs and decision files (read), and the procedure's gates
(write). Endpoints call services and selectors, nothing else."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from fazhi.core.errors import NotFound
from fazhi.core.procedure_api import with_transitions
from fazhi.core.scoping import STAFF_ROLES, require_role
from fazhi.decisions import selectors, services
from fazhi.decisions.domain import CheckKind, StepKind
from fazhi.decisions.error_codes import DecisionErrorCode as Code
from fazhi.decisions.models import (
    Catalog,
    CatalogEntry,
    CheckOutcome,
    Decision,
    DecisionCheck,
    LegalityOutcome,
    MeetingResult,
    MeetingType,
    ProcedureStep,
)
from fazhi.decisions.procedures import CATALOG, DECISION, ENTRY


class CatalogEntrySerializer(serializers.ModelSerializer):
    sponsor = serializers.CharField(source="organization.name", read_only=True)
    decision = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = CatalogEntry
        fields = [
            "id",
            "catalog",
            "sequence",
            "title",
            "category",
            "sponsor",
            "basis",
            "planned_completion",
            "status",
            "decision",
        ]
        # Entries are written by the catalog's steps (propose, adjust), never through this shape.
        read_only_fields = fields


class CatalogSerializer(serializers.ModelSerializer):
    organization = serializers.CharField(source="organization.name", read_only=True)
    entries = CatalogEntrySerializer(many=True, read_only=True)

    class Meta:
        model = Catalog
        fields = [
            "id",
            "year",
            "title",
            "organization",
            "status",
            "party_consent_on",
            "approved_on",
            "approval_meeting",
            "published_on",
            "entries",
        ]


class StepSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProcedureStep
        exclude = ["decision", "recorded_by"]


class CheckSerializer(serializers.ModelSerializer):
    class Meta:
        model = DecisionCheck
        exclude = ["decision", "recorded_by"]


class DecisionSerializer(serializers.ModelSerializer):
    sponsor = serializers.CharField(source="organization.name", read_only=True)
    catalog_year = serializers.IntegerField(source="entry.catalog.year", read_only=True)
    steps = StepSerializer(many=True, read_only=True)
    checks = CheckSerializer(many=True, read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "title",
            "sponsor",
            "catalog_year",
            "status",
            "launched_on",
            "decided_on",
            "published_on",
            "document_number",
            "steps",
            "checks",
        ]


class SkipInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[k.value for k in StepKind])
    reason = serializers.CharField(allow_blank=True)
    basis = serializers.CharField(allow_blank=True)
    skipped_on = serializers.DateField()


class LegalitySubmitInput(serializers.Serializer):
    submitted_on = serializers.DateField()
    review_due_on = serializers.DateField()


class LegalityConcludeInput(serializers.Serializer):
    concluded_on = serializers.DateField()
    outcome = serializers.ChoiceField(choices=LegalityOutcome.choices)
    opinion = serializers.CharField(allow_blank=True)


class CheckInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[k.value for k in CheckKind])
    checker = serializers.CharField(max_length=100, allow_blank=True)
    checked_on = serializers.DateField()
    outcome = serializers.ChoiceField(choices=CheckOutcome.choices)
    findings = serializers.CharField(allow_blank=True, required=False, default="")
    rectification = serializers.CharField(allow_blank=True, required=False, default="")


class CollectiveInput(serializers.Serializer):
    meeting_type = serializers.ChoiceField(choices=MeetingType.choices)
    meeting_name = serializers.CharField(max_length=200, allow_blank=True)
    held_on = serializers.DateField()
    result = serializers.ChoiceField(choices=MeetingResult.choices)
    head_spoke_last = serializers.BooleanField()
    minutes = serializers.CharField(allow_blank=True)
    dissent = serializers.CharField(allow_blank=True, required=False, default="")
    majority_differs_reason = serializers.CharField(allow_blank=True, required=False, default="")


class CatalogCreateInput(serializers.Serializer):
    year = serializers.IntegerField()
    title = serializers.CharField(max_length=200, allow_blank=True)


@with_transitions(CATALOG, CatalogSerializer)
class CatalogViewSet(viewsets.ReadOnlyModelViewSet):
    """Annual catalogs with their entries (staff); the government opens one per year."""

    serializer_class = CatalogSerializer
    filterset_fields = ["year", "status"]

    queryset = Catalog.objects.none()  # for the schema generator only

    def get_queryset(self) -> QuerySet[Catalog]:
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        require_role(self.request.user, *STAFF_ROLES)
        return selectors.catalog_list(user=self.request.user).prefetch_related(
            "entries__organization", "entries__decision"
        )

    def get_object(self) -> Catalog:
        require_role(self.request.user, *STAFF_ROLES)
        try:
            return selectors.catalog_get(user=self.request.user, pk=int(self.kwargs["pk"]))
        except ValueError:
            raise NotFound(Code.INVALID, "not found", field="catalog") from None

    @extend_schema(request=CatalogCreateInput, responses={201: CatalogSerializer})
    def create(self, request: Request) -> Response:
        """Open the year's catalog of the city government (as the catalog page does)."""
        require_role(request.user, *STAFF_ROLES)
        data = CatalogCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        catalog = services.catalog_create(
            actor=request.user, organization=selectors.city_government(), **data.validated_data
        )
        return Response(
            CatalogSerializer(selectors.catalog_get(user=request.user, pk=catalog.pk)).data,
            status=201,
        )


@with_transitions(ENTRY, CatalogEntrySerializer)
class EntryViewSet(viewsets.ReadOnlyModelViewSet):
    """Catalog entries (staff); a listed one is launched here (``launch``)."""

    serializer_class = CatalogEntrySerializer
    filterset_fields = ["status", "catalog"]

    queryset = CatalogEntry.objects.none()  # for the schema generator only

    def get_queryset(self) -> QuerySet[CatalogEntry]:
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        require_role(self.request.user, *STAFF_ROLES)
        return selectors.entry_list(user=self.request.user)

    def get_object(self) -> CatalogEntry:
        try:
            return selectors.entry_get(user=self.request.user, pk=int(self.kwargs["pk"]))
        except ValueError:
            raise NotFound(Code.INVALID, "not found", field="entry") from None


@with_transitions(DECISION, DecisionSerializer)
class DecisionViewSet(viewsets.ReadOnlyModelViewSet):
    """Decisions in the caller's scope, each with its five steps and three checks."""

    serializer_class = DecisionSerializer
    search_fields = ["title"]
    filterset_fields = ["status"]

    queryset = Decision.objects.none()  # for the schema generator only

    def get_queryset(self) -> QuerySet[Decision]:
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return selectors.decision_list(user=self.request.user).prefetch_related("steps", "checks")

    def get_object(self) -> Decision:
        try:
            return selectors.decision_get(user=self.request.user, pk=int(self.kwargs["pk"]))
        except ValueError:
            raise NotFound(Code.INVALID, "not found", field="decision") from None

    def _run(self, request: Request, input_class, service) -> Response:
        decision = self.get_object()
        data = input_class(data=request.data)
        data.is_valid(raise_exception=True)
        service(actor=request.user, decision=decision, **data.validated_data)
        return Response(
            DecisionSerializer(selectors.decision_get(user=request.user, pk=decision.pk)).data
        )

    @extend_schema(request=SkipInput, responses={200: DecisionSerializer})
    @action(detail=True, methods=["post"], url_path="skip")
    def skip(self, request: Request, pk: str | None = None) -> Response:
        return self._run(request, SkipInput, services.step_skip)

    @extend_schema(request=LegalitySubmitInput, responses={200: DecisionSerializer})
    @action(detail=True, methods=["post"], url_path="legality-review/submit")
    def legality_submit(self, request: Request, pk: str | None = None) -> Response:
        return self._run(request, LegalitySubmitInput, services.legality_review_submit)

    @extend_schema(request=LegalityConcludeInput, responses={200: DecisionSerializer})
    @action(detail=True, methods=["post"], url_path="legality-review/conclude")
    def legality_conclude(self, request: Request, pk: str | None = None) -> Response:
        return self._run(request, LegalityConcludeInput, services.legality_review_conclude)

    @extend_schema(request=CheckInput, responses={200: DecisionSerializer})
    @action(detail=True, methods=["post"], url_path="checks")
    def checks(self, request: Request, pk: str | None = None) -> Response:
        return self._run(request, CheckInput, services.check_record)

    @extend_schema(request=CollectiveInput, responses={200: DecisionSerializer})
    @action(detail=True, methods=["post"], url_path="collective-discussion")
    def collective(self, request: Request, pk: str | None = None) -> Response:
        return self._run(request, CollectiveInput, services.collective_discussion_record)
