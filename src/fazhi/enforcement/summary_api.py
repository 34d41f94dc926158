"""REST API of the summary procedure (简易程序, 行政处罚法 art 51–53)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from fazhi.core.domain.identity import mask_by_shape
from fazhi.core.procedure_api import (
    ERROR_RESPONSES,
    form_error,
    serializer_from_form,
    with_transitions,
)
from fazhi.enforcement import forms, selectors, services
from fazhi.enforcement.models import PartyType, SummaryDecision
from fazhi.enforcement.procedures import SUMMARY
from fazhi.enforcement.summary_views import summary_arguments


class SummarySerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)
    item = serializers.SlugRelatedField(slug_field="code", read_only=True)
    party_id_number = serializers.SerializerMethodField()

    class Meta:
        model = SummaryDecision
        fields = [
            "id",
            "number",
            "organization",
            "item",
            "status",
            "party_type",
            "party_name",
            "party_id_number",
            "facts",
            "place",
            "decided_on",
            "penalty_kinds",
            "fine_amount",
            "officers",
            "party_refused_to_sign",
            "filed_on",
        ]

    def get_party_id_number(self, decision: SummaryDecision) -> str:
        return mask_by_shape(
            decision.party_id_number, personal=decision.party_type == PartyType.CITIZEN
        )


@with_transitions(SUMMARY, SummarySerializer)
class SummaryViewSet(viewsets.ReadOnlyModelViewSet):
    """On-the-spot decisions in the caller's scope: decide (create), then file."""

    serializer_class = SummarySerializer
    search_fields = ["number", "party_name"]
    filterset_fields = ["status"]

    def get_queryset(self):
        return selectors.summary_list(user=self.request.user).order_by("-decided_on", "-id")

    @extend_schema(
        request=serializer_from_form(forms.SummaryDecideForm, "SummaryDecideInput"),
        responses={201: SummarySerializer, **ERROR_RESPONSES},
    )
    def create(self, request: Request) -> Response:
        form = forms.SummaryDecideForm(request.data)
        if not form.is_valid():
            raise form_error(form)
        decision = services.summary_decide(
            actor=request.user, **summary_arguments(form.cleaned_data)
        )
        return Response(SummarySerializer(decision).data, status=status.HTTP_201_CREATED)
