"""REST API of administrative litigation: scoped cases, one endpoint per transition, and the
head-of-agency appearance at a hearing."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from fazhi.core.api_support import ScopedPrimaryKeyRelatedField, ScopedSlugRelatedField
from fazhi.core.models import Organization
from fazhi.litigation import selectors, services
from fazhi.litigation.models import (
    Appearance,
    Excuse,
    LitigationCase,
    LitigationHearing,
    Outcome,
    Procedure,
    TrialLevel,
)
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


class LitigationDateSerializer(serializers.Serializer):
    on = serializers.DateField()


class LitigationConcludeSerializer(LitigationDateSerializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    compensation_awarded = serializers.BooleanField(default=False)


class LitigationHearingInputSerializer(serializers.Serializer):
    held_on = serializers.DateField()
    head_required = serializers.BooleanField()
    court_notice_received_on = serializers.DateField(required=False, allow_null=True)


class LitigationAppearanceSerializer(serializers.Serializer):
    appearance = serializers.ChoiceField(choices=Appearance.choices)
    head_name = serializers.CharField(max_length=50, required=False, allow_blank=True)
    head_post = serializers.CharField(max_length=60, required=False, allow_blank=True)
    substitute_name = serializers.CharField(max_length=50, required=False, allow_blank=True)
    excuse = serializers.ChoiceField(choices=Excuse.choices, required=False, allow_blank=True)
    excuse_note = serializers.CharField(max_length=300, required=False, allow_blank=True)
    judicial_recommendation = serializers.BooleanField(default=False)


def _transition(name: str, serializer_class, service):
    @extend_schema(request=serializer_class, responses={200: LitigationCaseSerializer})
    def endpoint(self, request: Request, pk: str | None = None) -> Response:
        data = serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        case = service(actor=request.user, case=self.get_object(), **data.validated_data)
        return Response(LitigationCaseSerializer(case).data)

    endpoint.__name__ = name
    return endpoint


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

    defence = action(detail=True, methods=["post"])(
        _transition("defence", LitigationDateSerializer, services.litigation_defence_file)
    )
    conclude = action(detail=True, methods=["post"])(
        _transition("conclude", LitigationConcludeSerializer, services.litigation_conclude)
    )
    serve = action(detail=True, methods=["post"])(
        _transition("serve", LitigationDateSerializer, services.litigation_serve)
    )
    appeal = action(detail=True, methods=["post"])(
        _transition("appeal", LitigationDateSerializer, services.litigation_appeal)
    )
    finalize = action(detail=True, methods=["post"])(
        _transition("finalize", LitigationDateSerializer, services.litigation_finalize)
    )

    @extend_schema(
        request=LitigationHearingInputSerializer, responses={201: LitigationHearingSerializer}
    )
    @action(detail=True, methods=["post"])
    def hearings(self, request: Request, pk: str | None = None) -> Response:
        data = LitigationHearingInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        hearing = services.litigation_hearing_schedule(
            actor=request.user, case=self.get_object(), **data.validated_data
        )
        return Response(LitigationHearingSerializer(hearing).data, status=status.HTTP_201_CREATED)


class HearingViewSet(viewsets.GenericViewSet):
    serializer_class = LitigationHearingSerializer
    # For the schema's path parameter type; objects are fetched through the scoped selector.
    queryset = LitigationHearing.objects.none()

    def get_object(self):
        return selectors.hearing_get(user=self.request.user, pk=int(self.kwargs["pk"]))

    @extend_schema(
        request=LitigationAppearanceSerializer, responses={200: LitigationHearingSerializer}
    )
    @action(detail=True, methods=["post"])
    def appearance(self, request: Request, pk: str | None = None) -> Response:
        data = LitigationAppearanceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        hearing = services.litigation_hearing_record_appearance(
            actor=request.user, hearing=self.get_object(), **data.validated_data
        )
        return Response(LitigationHearingSerializer(hearing).data)
