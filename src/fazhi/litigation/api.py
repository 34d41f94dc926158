"""REST API of administrative litigation: scoped cases, one endpoint per transition, and the
head-of-agency appearance at a hearing."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from fazhi.core.api_support import ScopedPrimaryKeyRelatedField, ScopedSlugRelatedField
from fazhi.core.models import Organization
from fazhi.core.procedure_api import with_transitions
from fazhi.litigation import selectors, services
from fazhi.litigation.models import (
    LitigationCase,
    LitigationHearing,
    Procedure,
    TrialLevel,
)
from fazhi.litigation.procedures import CASE, HEARING
from fazhi.reconsideration import selectors as reconsideration_selectors
from fazhi.reconsideration.models import ReconsiderationCase


class LitigationHearingSerializer(serializers.ModelSerializer):
    class Meta:
        model = LitigationHearing
        fields = [
            "id",
            "held_on",
            "head_required",
            "court_notice_received_on",
            "appearance",
            "head_name",
            "head_post",
            "substitute_name",
            "excuse",
            "excuse_note",
            "judicial_recommendation",
        ]


class LitigationCaseSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)
    court = serializers.SlugRelatedField(slug_field="code", read_only=True)
    plaintiff_id_number = serializers.CharField(source="masked_plaintiff_id_number", read_only=True)
    origin_reconsideration = serializers.SlugRelatedField(slug_field="case_no", read_only=True)
    hearings = LitigationHearingSerializer(many=True, read_only=True)

    class Meta:
        model = LitigationCase
        fields = [
            "id",
            "court_case_no",
            "court",
            "trial_level",
            "procedure",
            "organization",
            "plaintiff_name",
            "plaintiff_id_number",
            "cause",
            "contested_act",
            "origin_reconsideration",
            "appeal_of",
            "filed_on",
            "complaint_received_on",
            "defence_filed_on",
            "status",
            "outcome",
            "compensation_awarded",
            "concluded_on",
            "served_on",
            "appealed_on",
            "final_on",
            "hearings",
        ]
        read_only_fields = fields  # output only: cases are registered through the service


class LitigationCaseRegisterSerializer(serializers.Serializer):
    organization = serializers.SlugRelatedField(
        slug_field="code", queryset=Organization.objects.all()
    )
    court = serializers.SlugRelatedField(slug_field="code", queryset=Organization.objects.all())
    court_case_no = serializers.CharField(max_length=60)
    trial_level = serializers.ChoiceField(choices=TrialLevel.choices)
    procedure = serializers.ChoiceField(choices=Procedure.choices, default=Procedure.ORDINARY)
    plaintiff_name = serializers.CharField(max_length=100)
    plaintiff_id_number = serializers.CharField(max_length=18, required=False, allow_blank=True)
    cause = serializers.CharField(max_length=200)
    contested_act = serializers.CharField(max_length=300)
    filed_on = serializers.DateField()
    complaint_received_on = serializers.DateField(required=False, allow_null=True)
    # Looked up within the caller's scope only, like the page does: a case of another unit
    # is "does not exist", so neither linking to it nor probing for it is possible.
    origin_reconsideration = ScopedSlugRelatedField(
        slug_field="case_no",
        queryset=ReconsiderationCase.objects.none(),
        scoped=lambda user: reconsideration_selectors.case_list(user=user),
        required=False,
        allow_null=True,
    )
    appeal_of = ScopedPrimaryKeyRelatedField(
        queryset=LitigationCase.objects.none(),
        scoped=lambda user: selectors.case_list(user=user),
        required=False,
        allow_null=True,
    )


@with_transitions(CASE, LitigationCaseSerializer)
class CaseViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Litigation cases of agencies in the caller's scope."""

    serializer_class = LitigationCaseSerializer
    filterset_fields = ["status", "trial_level", "outcome"]
    search_fields = ["court_case_no", "plaintiff_name", "cause"]
    ordering_fields = ["filed_on", "concluded_on"]

    def get_queryset(self):
        return selectors.case_list(user=self.request.user).prefetch_related("hearings")

    @extend_schema(
        request=LitigationCaseRegisterSerializer, responses={201: LitigationCaseSerializer}
    )
    def create(self, request: Request) -> Response:
        data = LitigationCaseRegisterSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        case = services.litigation_case_register(actor=request.user, **data.validated_data)
        return Response(LitigationCaseSerializer(case).data, status=status.HTTP_201_CREATED)


@with_transitions(HEARING, LitigationHearingSerializer)
class HearingViewSet(viewsets.ReadOnlyModelViewSet):
    """Hearings of the lawsuits in the caller's scope, and who appeared for the agency."""

    serializer_class = LitigationHearingSerializer
    filterset_fields = ["head_required", "appearance"]

    def get_queryset(self):
        return selectors.hearing_list(user=self.request.user)
