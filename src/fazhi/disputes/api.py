"""REST API of people's mediation: cases (scoped), their transitions, the ledger import and
the statistics. Endpoints call services and selectors, nothing else."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import PermissionDenied
from fazhi.core.listing import LedgerPagination
from fazhi.core.models import Organization
from fazhi.core.procedure_api import ERROR_RESPONSES, with_transitions
from fazhi.core.scoping import scope_for
from fazhi.disputes import selectors, services
from fazhi.disputes.models import (
    CaseSource,
    DisputeKind,
    JudicialConfirmation,
    MediationCase,
    MediationParty,
    PartyRole,
)
from fazhi.disputes.procedures import CASE, CONFIRMATION
from fazhi.jobs.imports import QueuedImportSerializer, import_enqueue, queued_response


class MediationPartySerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="masked_name", read_only=True)
    id_number = serializers.CharField(source="masked_id_number", read_only=True)

    class Meta:
        model = MediationParty
        fields = ["role", "name", "id_number"]


class MediationCaseSerializer(serializers.ModelSerializer):
    committee = serializers.SlugRelatedField(
        source="organization", slug_field="code", read_only=True
    )
    committee_name = serializers.CharField(source="organization.name", read_only=True)
    mediator = serializers.CharField(source="mediator.name", read_only=True, default=None)
    parties = MediationPartySerializer(many=True, read_only=True)

    class Meta:
        model = MediationCase
        fields = [
            "id",
            "case_no",
            "committee",
            "committee_name",
            "kind",
            "source",
            "summary",
            "amount",
            "mediator",
            "registered_on",
            "started_on",
            "status",
            "outcome",
            "concluded_on",
            "agreement_effective_on",
            "agreement_terms",
            "performance_method",
            "performance_due",
            "next_channel",
            "parties",
        ]


class MediationPartyInputSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=PartyRole.choices)
    name = serializers.CharField(max_length=100)
    id_number = serializers.CharField(max_length=18, required=False, allow_blank=True)


class MediationCaseRegisterSerializer(serializers.Serializer):
    committee = serializers.SlugRelatedField(slug_field="code", queryset=Organization.objects.all())
    case_no = serializers.CharField(max_length=60)
    kind = serializers.ChoiceField(choices=DisputeKind.choices)
    source = serializers.ChoiceField(choices=CaseSource.choices)
    registered_on = serializers.DateField()
    parties = MediationPartyInputSerializer(many=True)
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, default=None
    )


@with_transitions(CASE, MediationCaseSerializer)
class CaseViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Mediation cases in the caller's scope."""

    serializer_class = MediationCaseSerializer
    pagination_class = LedgerPagination
    filterset_fields = ["status", "kind", "source", "outcome"]
    search_fields = ["case_no", "summary"]
    ordering_fields = ["registered_on", "concluded_on", "case_no"]

    def get_queryset(self):
        # The parties' own order: their default one sorts by the case's, which joins the whole
        # case table into the prefetch (benchmarks/lists: 190 ms at 123,000 cases).
        parties = MediationParty.objects.order_by("case_id", "role", "id")
        return selectors.case_list(user=self.request.user).prefetch_related(
            Prefetch("parties", queryset=parties)
        )

    @extend_schema(
        request=MediationCaseRegisterSerializer, responses={201: MediationCaseSerializer}
    )
    def create(self, request: Request) -> Response:
        data = MediationCaseRegisterSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values["parties"] = [services.PartyInput(**p) for p in values["parties"]]
        case = services.mediation_case_register(
            actor=request.user, committee=values.pop("committee"), **values
        )
        return Response(MediationCaseSerializer(case).data, status=status.HTTP_201_CREATED)


class MediationCommitteeSerializer(serializers.ModelSerializer):
    parent: serializers.SlugRelatedField[Organization] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )

    class Meta:
        model = Organization
        fields = ["id", "code", "name", "parent", "valid_from"]


class MediationCommitteeCreateSerializer(serializers.Serializer):
    parent = serializers.SlugRelatedField(slug_field="code", queryset=Organization.objects.all())
    code = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=100)
    valid_from = serializers.DateField(required=False, allow_null=True, default=None)


class MediationCommitteeViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """People's mediation committees in the caller's scope; the justice bureau sets them up."""

    serializer_class = MediationCommitteeSerializer
    search_fields = ["code", "name"]

    def get_queryset(self):
        return selectors.committee_list(user=self.request.user).order_by("path")

    @extend_schema(
        request=MediationCommitteeCreateSerializer,
        responses={
            201: MediationCommitteeSerializer,
            400: ERROR_RESPONSES[400],
            403: ERROR_RESPONSES[403],
        },
    )
    def create(self, request: Request) -> Response:
        data = MediationCommitteeCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        committee = services.mediation_committee_create(actor=request.user, **data.validated_data)
        return Response(
            MediationCommitteeSerializer(committee).data, status=status.HTTP_201_CREATED
        )


class JudicialConfirmationSerializer(serializers.ModelSerializer):
    case = serializers.SlugRelatedField(slug_field="case_no", read_only=True)

    class Meta:
        model = JudicialConfirmation
        fields = ["id", "case", "court", "applied_on", "result", "decided_on"]


@with_transitions(CONFIRMATION, JudicialConfirmationSerializer)
class ConfirmationViewSet(viewsets.ReadOnlyModelViewSet):
    """Judicial confirmations of the agreements of cases in the caller's scope."""

    serializer_class = JudicialConfirmationSerializer
    filterset_fields = ["result"]

    def get_queryset(self):
        return selectors.confirmation_list(user=self.request.user)


class MediationYearSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=1990, max_value=2999)


class LedgerImportView(APIView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
            }
        },
        responses={202: QueuedImportSerializer},
    )
    def post(self, request: Request) -> Response:
        """Queue the ledger for the worker (all or nothing); follow the job at ``url``."""
        upload = request.FILES.get("file")
        data = upload.read() if upload is not None else b""
        if not scope_for(request.user).has_role(*services.MEDIATION_ROLES, "administrator"):
            raise PermissionDenied(CoreErrorCode.FORBIDDEN_ROLE, _("您的角色无权执行此操作。"))
        job = import_enqueue(
            actor=request.user,
            service=services.mediation_cases_import_xlsx,
            data=data,
            title=_("导入调解台账"),
        )
        return Response(queued_response(job), status=status.HTTP_202_ACCEPTED)


class StatisticsView(APIView):
    @extend_schema(
        responses={
            200: inline_serializer(
                "MediationStatistics",
                {
                    "year": serializers.IntegerField(),
                    "by_kind": serializers.ListField(child=serializers.DictField()),
                    "by_town": serializers.ListField(child=serializers.DictField()),
                },
            )
        }
    )
    def get(self, request: Request) -> Response:
        query = MediationYearSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        year = query.validated_data["year"]
        visible = selectors.case_list(user=request.user)
        return Response(
            {
                "year": year,
                "by_kind": selectors.statistics_by_kind(year=year, scope=None, cases=visible),
                "by_town": selectors.statistics_by_town(year=year, scope=None, cases=visible),
            }
        )
