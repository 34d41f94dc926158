"""REST API of grassroots rule of law: scoped registries (with an all-or-nothing import),
coverage, committees, teams and villages; one ``POST …/{id}/<step>/`` per declared step."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.ledger_api import create_action
from fazhi.core.procedure_api import ERROR_RESPONSES, with_transitions
from fazhi.grassroots import forms, selectors, services
from fazhi.grassroots.models import DemocraticVillage, LegalTeam, Registration, TownCommittee
from fazhi.grassroots.procedures import COMMITTEE, REGISTRATION, TEAM, VILLAGE
from fazhi.jobs.imports import QueuedImportSerializer, import_enqueue, queued_response


class RegistrationSerializer(serializers.ModelSerializer):
    person = serializers.CharField(source="person.name", read_only=True)
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Registration
        fields = [
            "id",
            "kind",
            "person",
            "organization",
            "pool",
            "selected_on",
            "training_hours",
            "disputes_helped",
            "sessions_given",
            "status",
            "withdrawn_on",
            "withdrawal_reason",
        ]


class ImportInputSerializer(serializers.Serializer):
    file = serializers.FileField()


class CommitteeSerializer(serializers.ModelSerializer):
    town = serializers.SlugRelatedField(slug_field="code", read_only=True)
    members = serializers.SerializerMethodField()
    meetings = serializers.SerializerMethodField()

    class Meta:
        model = TownCommittee
        fields = [
            "id",
            "town",
            "name",
            "established_on",
            "document_ref",
            "status",
            "dissolved_on",
            "members",
            "meetings",
        ]

    def get_members(self, committee) -> list[dict]:
        return list(committee.members.values("name", "post", "role", "joined_on"))

    def get_meetings(self, committee) -> list[dict]:
        return list(committee.meetings.values("held_on", "topics", "decisions", "attendees"))


class TeamSerializer(serializers.ModelSerializer):
    town = serializers.SlugRelatedField(slug_field="code", read_only=True)
    full_time = serializers.IntegerField(read_only=True, required=False)
    part_time = serializers.IntegerField(read_only=True, required=False)

    class Meta:
        model = LegalTeam
        fields = ["id", "town", "established_on", "full_time", "part_time"]


class VillageSerializer(serializers.ModelSerializer):
    village = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = DemocraticVillage
        fields = [
            "id",
            "village",
            "level",
            "recognised_on",
            "document_ref",
            "status",
            "revoked_on",
            "revocation_reason",
        ]


class CoverageRowSerializer(serializers.Serializer):
    town = serializers.CharField()
    village = serializers.CharField()
    code = serializers.CharField()
    groups = serializers.IntegerField()
    groups_covered = serializers.IntegerField()
    literates = serializers.IntegerField()
    meets_national = serializers.BooleanField()


@with_transitions(REGISTRATION, RegistrationSerializer)
class RegistrationViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """法律明白人, 法治带头人 and 学法用法示范户 in the caller's scope."""

    serializer_class = RegistrationSerializer
    filterset_fields = ["kind", "status", "pool"]

    def get_queryset(self):
        return selectors.registration_list(user=self.request.user)

    create = create_action(
        forms.RegistrationForm,
        lambda user, data: services.registration_create(actor=user, **data),
        RegistrationSerializer,
        "GrassrootsRegistration",
    )

    @extend_schema(
        request={"multipart/form-data": ImportInputSerializer},
        responses={
            202: QueuedImportSerializer,
            400: ERROR_RESPONSES[400],
            403: ERROR_RESPONSES[403],
        },
    )
    @action(detail=False, methods=["post"], url_path="import", parser_classes=[MultiPartParser])
    def import_roster(self, request: Request) -> Response:
        """A roster sheet, all rows or none (``rows`` lists each bad row on refusal)."""
        form = forms.RegistrationImportForm(request.data, request.FILES)
        if not form.is_valid():
            from fazhi.core.procedure_api import form_error

            raise form_error(form)
        job = import_enqueue(  # the worker imports it, all or nothing
            actor=request.user,
            service=services.registrations_import,
            title=_("导入名册"),
            **forms.read_upload(form.cleaned_data, request.FILES),
        )
        return Response(queued_response(job), status=status.HTTP_202_ACCEPTED)


class CoverageView(APIView):
    """法律明白人 coverage per village in the caller's scope."""

    @extend_schema(responses={200: CoverageRowSerializer(many=True)})
    def get(self, request: Request) -> Response:
        rows = [row for town in selectors.coverage(user=request.user) for row in town.rows]
        return Response(CoverageRowSerializer(rows, many=True).data)


@with_transitions(COMMITTEE, CommitteeSerializer)
class CommitteeViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = CommitteeSerializer

    def get_queryset(self):
        return selectors.committee_list(user=self.request.user).prefetch_related(
            "members", "meetings"
        )

    create = create_action(
        forms.CommitteeForm,
        lambda user, data: services.committee_create(actor=user, **data),
        CommitteeSerializer,
        "GrassrootsCommittee",
    )


@with_transitions(TEAM, TeamSerializer)
class TeamViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = TeamSerializer

    def get_queryset(self):
        return selectors.team_list(user=self.request.user)

    create = create_action(
        forms.TeamForm,
        lambda user, data: services.team_create(actor=user, **data),
        TeamSerializer,
        "GrassrootsTeam",
    )


@with_transitions(VILLAGE, VillageSerializer)
class VillageViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = VillageSerializer
    filterset_fields = ["level", "status"]

    def get_queryset(self):
        return selectors.village_list(user=self.request.user)

    create = create_action(
        forms.VillageForm,
        lambda user, data: services.village_recognise(actor=user, **data),
        VillageSerializer,
        "GrassrootsVillage",
    )
