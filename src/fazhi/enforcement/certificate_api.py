"""REST API of enforcement certificates (行政执法证): list, issue, suspend or revoke, and the
training hours the learning records report (the hook ``certificate_training_record``)."""

from __future__ import annotations

from decimal import Decimal

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from fazhi.core.procedure_api import ERROR_RESPONSES, form_error, serializer_from_form
from fazhi.core.scoping import require_change
from fazhi.enforcement import certificates, forms, services
from fazhi.enforcement.certificate_views import issuable_people
from fazhi.enforcement.models import EnforcementCertificate
from fazhi.enforcement.permissions import CERTIFICATE_ROLES


class CertificateSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)
    organization = serializers.CharField(source="person.organization.code", read_only=True)

    class Meta:
        model = EnforcementCertificate
        fields = [
            "id",
            "number",
            "person",
            "person_name",
            "organization",
            "issuer",
            "valid_from",
            "valid_to",
            "status",
            "ended_on",
            "end_reason",
            "end_note",
            "training_year",
            "training_hours",
        ]


class TrainingSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    hours = serializers.DecimalField(max_digits=6, decimal_places=1, min_value=Decimal(0))
    on = serializers.DateField()


class CertificateViewSet(viewsets.ReadOnlyModelViewSet):
    """Certificates of the people in the caller's scope; ``?valid_on=YYYY-MM-DD`` filters to
    those that count on a day."""

    serializer_class = CertificateSerializer
    search_fields = ["number", "person__name"]
    filterset_fields = ["status"]

    def get_queryset(self):
        valid_on = self.request.query_params.get("valid_on")
        day = None
        if valid_on:
            field = serializers.DateField()
            day = field.run_validation(valid_on)
        return certificates.certificate_list(user=self.request.user, valid_on=day).order_by(
            "number"
        )

    @extend_schema(
        request=serializer_from_form(forms.CertificateIssueForm, "CertificateIssueInput"),
        responses={201: CertificateSerializer, **ERROR_RESPONSES},
    )
    def create(self, request: Request) -> Response:
        form = forms.CertificateIssueForm(request.data, people=issuable_people(request.user))
        if not form.is_valid():
            raise form_error(form)
        certificate = services.certificate_issue(actor=request.user, **form.cleaned_data)
        return Response(CertificateSerializer(certificate).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=serializer_from_form(forms.CertificateRevokeForm, "CertificateRevokeInput"),
        responses={200: CertificateSerializer, **ERROR_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def revoke(self, request: Request, pk: str | None = None) -> Response:
        certificate = self.get_object()
        form = forms.CertificateRevokeForm(request.data)
        if not form.is_valid():
            raise form_error(form)
        ended = services.certificate_revoke(
            actor=request.user, certificate=certificate, **form.cleaned_data
        )
        return Response(CertificateSerializer(ended).data)

    @extend_schema(request=TrainingSerializer, responses={200: CertificateSerializer})
    @action(detail=True, methods=["post"])
    def training(self, request: Request, pk: str | None = None) -> Response:
        """A year's class hours on the holder's certificate (the learning records' hook)."""
        certificate = self.get_object()
        require_change(request.user, certificate.person.organization, roles=CERTIFICATE_ROLES)
        data = TrainingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.certificate_training_record(
            person=certificate.person, actor=request.user, **data.validated_data
        )
        certificate.refresh_from_db()
        return Response(CertificateSerializer(certificate).data)
