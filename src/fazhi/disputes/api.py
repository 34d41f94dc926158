"""REST API of people's mediation: cases (scoped), their transitions, the ledger import and
the statistics. Endpoints call services and selectors, nothing else."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.models import Organization
from fazhi.core.procedure_api import with_transitions
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
    filterset_fields = ["status", "kind", "source", "outcome"]
    search_fields = ["case_no", "summary"]
    ordering_fields = ["registered_on", "concluded_on", "case_no"]

    def get_queryset(self):
        return selectors.case_list(user=self.request.user).prefetch_related("parties")

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
        responses={
            201: inline_serializer(
                "MediationLedgerImported", {"imported": serializers.IntegerField()}
            )
        },
    )
    def post(self, request: Request) -> Response:
        upload = request.FILES.get("file")
        data = upload.read() if upload is not None else b""
        count = services.mediation_cases_import_xlsx(actor=request.user, data=data)
        return Response({"imported": count}, status=status.HTTP_201_CREATED)


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
