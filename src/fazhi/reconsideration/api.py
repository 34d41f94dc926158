"""REST API of administrative reconsideration: scoped cases, one endpoint per transition,
and the public application endpoint (throttled with the ``public_form`` scope)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from fazhi.core.models import Organization
from fazhi.core.procedure_api import with_transitions
from fazhi.reconsideration import selectors, services
from fazhi.reconsideration.models import (
    ActKind,
    Channel,
    ReconsiderationCase,
    ReconsiderationLetter,
)
from fazhi.reconsideration.procedures import CASE, LETTER


class ReconsiderationCaseSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)
    respondent = serializers.SlugRelatedField(slug_field="code", read_only=True)
    applicant_id_number = serializers.CharField(source="masked_applicant_id_number", read_only=True)

    class Meta:
        model = ReconsiderationCase
        fields = [
            "id",
            "case_no",
            "organization",
            "respondent",
            "channel",
            "received_on",
            "applicant_name",
            "applicant_id_number",
            "act_kind",
            "contested_act",
            "contested_act_ref",
            "act_known_on",
            "request",
            "normative_document_text",
            "normative_document_id",
            "status",
            "correction_requested_on",
            "correction_received_on",
            "procedure",
            "accepted_on",
            "hearing_held",
            "heard_on",
            "mediation_attempted",
            "closure",
            "decision",
            "compensation_awarded",
            "decided_on",
            "served_on",
        ]


class ReconsiderationApplicationSerializer(serializers.Serializer):
    applicant_name = serializers.CharField(max_length=100)
    applicant_id_number = serializers.CharField(max_length=18, required=False, allow_blank=True)
    applicant_phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    applicant_address = serializers.CharField(max_length=200, required=False, allow_blank=True)
    respondent = serializers.SlugRelatedField(
        slug_field="code", queryset=Organization.objects.all()
    )
    act_kind = serializers.ChoiceField(choices=ActKind.choices, default=ActKind.ACTION)
    contested_act = serializers.CharField(max_length=300)
    contested_act_ref = serializers.CharField(max_length=100, required=False, allow_blank=True)
    act_known_on = serializers.DateField(required=False, allow_null=True)
    request = serializers.CharField()
    reasons = serializers.CharField(required=False, allow_blank=True)
    normative_document_text = serializers.CharField(
        max_length=300, required=False, allow_blank=True
    )


class ReconsiderationStaffApplicationSerializer(ReconsiderationApplicationSerializer):
    channel = serializers.ChoiceField(choices=Channel.choices)
    received_on = serializers.DateField()
    normative_document_id = serializers.IntegerField(required=False, allow_null=True, min_value=1)


@with_transitions(CASE, ReconsiderationCaseSerializer)
class CaseViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Reconsideration cases visible to the caller (the office's and those against them)."""

    serializer_class = ReconsiderationCaseSerializer
    filterset_fields = ["status", "procedure", "closure", "decision", "channel"]
    search_fields = ["case_no", "applicant_name", "contested_act"]
    ordering_fields = ["received_on", "decided_on", "case_no"]

    def get_queryset(self):
        return selectors.case_list(user=self.request.user)

    @extend_schema(
        request=ReconsiderationStaffApplicationSerializer,
        responses={201: ReconsiderationCaseSerializer},
    )
    def create(self, request: Request) -> Response:
        data = ReconsiderationStaffApplicationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = services.reconsideration_receive(
            actor=request.user,
            organization=services.reconsideration_body(),
            **data.validated_data,
        )
        return Response(ReconsiderationCaseSerializer(case).data, status=status.HTTP_201_CREATED)


class ReconsiderationLetterSerializer(serializers.ModelSerializer):
    addressee = serializers.SlugRelatedField(slug_field="code", read_only=True)
    case = serializers.SlugRelatedField(slug_field="case_no", read_only=True)

    class Meta:
        model = ReconsiderationLetter
        fields = [
            "id",
            "case",
            "letter_type",
            "addressee",
            "issued_on",
            "issues",
            "replied_on",
            "rectified",
        ]


@with_transitions(LETTER, ReconsiderationLetterSerializer)
class LetterViewSet(viewsets.ReadOnlyModelViewSet):
    """Opinion and recommendation letters of the cases visible to the caller, and their replies."""

    serializer_class = ReconsiderationLetterSerializer
    filterset_fields = ["letter_type"]

    def get_queryset(self):
        return selectors.letter_list(user=self.request.user)


class PublicApplicationView(APIView):
    """An online application from the public (no login), rate-limited."""

    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "public_form"

    @extend_schema(
        request=ReconsiderationApplicationSerializer,
        responses={201: {"type": "object", "properties": {"case_no": {"type": "string"}}}},
    )
    def post(self, request: Request) -> Response:
        data = ReconsiderationApplicationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = services.reconsideration_apply_online(**data.validated_data)
        return Response({"case_no": case.case_no}, status=status.HTTP_201_CREATED)
