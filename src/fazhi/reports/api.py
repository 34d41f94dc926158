"""REST API of the annual report: list, read, create, generate the draft, edit a section, and
one POST per declared step (``@with_transitions``)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import NotFound, ValidationFailed
from fazhi.core.models import Organization
from fazhi.core.procedure_api import ERROR_RESPONSES, with_transitions
from fazhi.reports import selectors, services
from fazhi.reports.models import AnnualReport, ReportSection
from fazhi.reports.procedures import REPORT


class SectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportSection
        fields = ["code", "title", "body"]


class ReportSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    sections = SectionSerializer(many=True, read_only=True)

    class Meta:
        model = AnnualReport
        fields = [
            "id",
            "organization",
            "year",
            "title",
            "addressee",
            "issuer",
            "status",
            "status_display",
            "approved_at",
            "report_date",
            "recipients",
            "submitted_on",
            "published_on",
            "sections",
        ]


class ReportCreateSerializer(serializers.Serializer):
    organization = serializers.CharField(help_text="报告单位编码")
    year = serializers.IntegerField(min_value=2000, max_value=2100)


class SectionUpdateSerializer(serializers.Serializer):
    body = serializers.CharField(allow_blank=True)


@with_transitions(REPORT, ReportSerializer)
class ReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ReportSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return selectors.report_list(user=self.request.user).prefetch_related("sections")

    def get_object(self):
        return selectors.report_get(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(
        request=ReportCreateSerializer, responses={201: ReportSerializer, **ERROR_RESPONSES}
    )
    def create(self, request):
        data = ReportCreateSerializer(data=request.data)
        if not data.is_valid():
            field, errors = next(iter(data.errors.items()))
            raise ValidationFailed("invalid", str(errors[0]), field=field)
        organization = Organization.objects.filter(code=data.validated_data["organization"]).first()
        if organization is None:
            raise NotFound(CoreErrorCode.NOT_FOUND, _("单位不存在。"), field="organization")
        report = services.report_create(
            actor=request.user, organization=organization, year=data.validated_data["year"]
        )
        return Response(ReportSerializer(report).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: ReportSerializer, **ERROR_RESPONSES})
    @action(detail=True, methods=["post"], url_path="generate-draft")
    def generate_draft(self, request, pk=None):
        report = services.report_generate_draft(actor=request.user, report=self.get_object())
        report.refresh_from_db()
        return Response(ReportSerializer(report).data)

    @extend_schema(
        request=SectionUpdateSerializer, responses={200: SectionSerializer, **ERROR_RESPONSES}
    )
    @action(detail=True, methods=["post"], url_path=r"sections/(?P<code>C[1-5])")
    def section(self, request, pk=None, code=None):
        report = self.get_object()
        data = SectionUpdateSerializer(data=request.data)
        if not data.is_valid():
            raise ValidationFailed("required", _("请提交正文。"), field="body")
        section = report.sections.get(code=code)
        section = services.section_update(
            actor=request.user, section=section, body=data.validated_data["body"]
        )
        return Response(SectionSerializer(section).data)
