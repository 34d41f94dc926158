"""REST API of supervision, scoped like the pages; every page step is also an API call.

Supervisors and campaigns are read by the supervising roles and leaders (as their pages are);
notices and accountability records by anyone whose scope covers the supervised unit, and
city-wide by supervisors, the justice bureau and leaders.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from fazhi.core.models import Role
from fazhi.core.procedure_api import (
    ERROR_RESPONSES,
    form_error,
    serializer_from_form,
    with_transitions,
)
from fazhi.core.scoping import scope_for
from fazhi.supervision import forms, selectors, services
from fazhi.supervision.models import (
    AccountabilityRecord,
    Campaign,
    SpecialSupervisor,
    SupervisionNotice,
)
from fazhi.supervision.permissions import SUPERVISION_ROLES
from fazhi.supervision.procedures import CAMPAIGN, NOTICE, SUPERVISOR


def _validated(form_class, request: Request) -> dict:
    """The page's form validates the API input too (same rules, same messages)."""
    form = form_class(request.data)
    if not form.is_valid():
        raise form_error(form)
    return form.cleaned_data


class SupervisingRole(permissions.BasePermission):
    """The roles that may open the supervisor and campaign pages."""

    def has_permission(self, request: Request, view) -> bool:
        return scope_for(request.user).has_role(*SUPERVISION_ROLES, Role.LEADER)


class SupervisionSupervisorSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = SpecialSupervisor
        fields = [
            "id",
            "name",
            "work_unit",
            "sector",
            "organization",
            "appointment_document",
            "term_start",
            "term_end",
            "dismissed_on",
            "dismissal_reason",
        ]


class SupervisionCampaignSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)
    evaluation_count = serializers.IntegerField(read_only=True)
    notice_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Campaign
        fields = [
            "id",
            "title",
            "kind",
            "organization",
            "started_on",
            "ended_on",
            "summary",
            "evaluation_count",
            "notice_count",
        ]


class SupervisionNoticeSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)
    issuer = serializers.SlugRelatedField(slug_field="code", read_only=True)
    campaign = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = SupervisionNotice
        fields = [
            "id",
            "number",
            "organization",
            "issuer",
            "campaign",
            "problems",
            "issued_on",
            "rectify_by",
            "status",
            "response",
            "responded_on",
            "closed_on",
            "closing_opinion",
        ]


class SupervisionAccountabilitySerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)
    notice = serializers.SlugRelatedField(slug_field="number", read_only=True)

    class Meta:
        model = AccountabilityRecord
        fields = ["id", "organization", "person_name", "fault", "measure", "decided_on", "notice"]


@extend_schema(
    parameters=[OpenApiParameter("on", str, description="YYYY-MM-DD (in office that day)")]
)
@with_transitions(SUPERVISOR, SupervisionSupervisorSerializer)
class SupervisorViewSet(viewsets.ReadOnlyModelViewSet):
    """Special supervisors in office on ``on`` (default today); appoint (POST) and dismiss."""

    serializer_class = SupervisionSupervisorSerializer
    permission_classes = [permissions.IsAuthenticated, SupervisingRole]
    search_fields = ["name", "work_unit", "sector"]

    def get_queryset(self):
        if self.action != "list":  # a record is reached whether or not in office today
            return SpecialSupervisor.objects.select_related("organization").order_by("pk")
        try:
            on = dt.date.fromisoformat(self.request.query_params.get("on", ""))
        except ValueError:
            on = timezone.localdate()
        return selectors.supervisor_list(on=on).select_related("organization").order_by("pk")

    @extend_schema(
        request=serializer_from_form(forms.SupervisorAppointForm, "SupervisorAppointInput"),
        responses={201: SupervisionSupervisorSerializer, **ERROR_RESPONSES},
    )
    def create(self, request: Request) -> Response:
        data = _validated(forms.SupervisorAppointForm, request)
        supervisor = services.supervisor_appoint(actor=request.user, **data)
        return Response(
            SupervisionSupervisorSerializer(supervisor).data, status=status.HTTP_201_CREATED
        )


@with_transitions(CAMPAIGN, SupervisionCampaignSerializer)
class CampaignViewSet(viewsets.ReadOnlyModelViewSet):
    """Supervision campaigns: start one (POST), record case-file evaluations, close it."""

    serializer_class = SupervisionCampaignSerializer
    permission_classes = [permissions.IsAuthenticated, SupervisingRole]
    search_fields = ["title"]
    filterset_fields = ["kind"]

    def get_queryset(self):
        return selectors.campaign_list().order_by("-started_on", "pk")

    @extend_schema(
        request=serializer_from_form(forms.CampaignCreateForm, "CampaignCreateInput"),
        responses={201: SupervisionCampaignSerializer, **ERROR_RESPONSES},
    )
    def create(self, request: Request) -> Response:
        data = _validated(forms.CampaignCreateForm, request)
        campaign = services.campaign_create(actor=request.user, **data)
        campaign = self.get_queryset().get(pk=campaign.pk)
        return Response(
            SupervisionCampaignSerializer(campaign).data, status=status.HTTP_201_CREATED
        )


@with_transitions(NOTICE, SupervisionNoticeSerializer)
class NoticeViewSet(viewsets.ReadOnlyModelViewSet):
    """Supervision notices: issue (POST), the unit's response, the issuer's closing."""

    serializer_class = SupervisionNoticeSerializer
    search_fields = ["number", "problems"]
    filterset_fields = ["status"]

    def get_queryset(self):
        return selectors.notice_list(user=self.request.user).order_by("-issued_on", "pk")

    @extend_schema(
        request=serializer_from_form(forms.NoticeIssueForm, "NoticeIssueInput"),
        responses={201: SupervisionNoticeSerializer, **ERROR_RESPONSES},
    )
    def create(self, request: Request) -> Response:
        data = _validated(forms.NoticeIssueForm, request)
        notice = services.notice_issue(
            actor=request.user, issuer=selectors.issuer_of(request.user), **data
        )
        return Response(SupervisionNoticeSerializer(notice).data, status=status.HTTP_201_CREATED)


class AccountabilityViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SupervisionAccountabilitySerializer
    search_fields = ["person_name", "fault"]

    def get_queryset(self):
        return selectors.accountability_list(user=self.request.user)
