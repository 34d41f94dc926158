"""REST API of normdocs: the scoped document register with one endpoint per declared step
(``normdocs.procedures``), joint reviews (for the units holding them), filings, inspections and
their findings, review types, and the public database of issued documents. Endpoints call
services and selectors, nothing else."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from fazhi.core.errors import NotFound
from fazhi.core.models import Organization
from fazhi.core.params import parse_year
from fazhi.core.procedure_api import ERROR_RESPONSES, with_transitions
from fazhi.normdocs import prereview, selectors, services
from fazhi.normdocs.error_codes import NormdocsErrorCode
from fazhi.normdocs.models import (
    Filing,
    Inspection,
    InspectionFinding,
    InspectionKind,
    JointReview,
    NormativeDocument,
    ReviewType,
)
from fazhi.normdocs.procedures import DOCUMENT, FILING, FINDING, INSPECTION, JOINT_REVIEW


class DocumentSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    issuing_body = serializers.SlugRelatedField(slug_field="code", read_only=True)
    # A plain string (values listed in the help) rather than an enum: "status" is a field name
    # many apps use, and one schema enum per name keeps the OpenAPI document unambiguous.
    status = serializers.CharField(
        read_only=True,
        help_text="drafting | in_comment | in_review | legality_passed | "
        "deliberated | issued | repealed | declared_invalid",
    )

    class Meta:
        model = NormativeDocument
        fields = [
            "id",
            "title",
            "organization",
            "organization_name",
            "issuing_body",
            "status",
            "market_related",
            "review_round",
            "comment_starts_on",
            "comment_ends_on",
            "comment_completed_on",
            "document_number",
            "registration_number",
            "issued_on",
            "effective_from",
            "valid_until",
            "is_provisional",
        ]


class DocumentDetailSerializer(DocumentSerializer):
    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "body", "drafting_explanation", "legal_bases"]


class DocumentCreateSerializer(serializers.Serializer):
    organization = serializers.SlugRelatedField(
        slug_field="code", queryset=Organization.objects.all()
    )
    issuing_body = serializers.SlugRelatedField(
        slug_field="code", queryset=Organization.objects.all()
    )
    title = serializers.CharField(max_length=200)
    body = serializers.CharField(required=False, allow_blank=True, default="")
    upload = serializers.FileField(required=False, allow_null=True, default=None)
    drafting_explanation = serializers.CharField(required=False, allow_blank=True, default="")
    legal_bases = serializers.CharField(required=False, allow_blank=True, default="")
    market_related = serializers.BooleanField(required=False, default=False)


@with_transitions(DOCUMENT, DocumentDetailSerializer)
class DocumentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Documents of the caller's units (everything for the justice bureau and leaders), and the
    drafts the caller's unit holds a joint review of."""

    search_fields = ["title", "document_number"]
    filterset_fields = ["status", "market_related"]
    ordering_fields = ["id", "issued_on", "title"]

    def get_queryset(self):
        return selectors.document_list(user=self.request.user)

    def get_serializer_class(self):
        return DocumentDetailSerializer if self.action == "retrieve" else DocumentSerializer

    @extend_schema(request=DocumentCreateSerializer, responses={201: DocumentDetailSerializer})
    def create(self, request: Request) -> Response:
        data = DocumentCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        upload = values.pop("upload")
        document = services.document_create(
            actor=request.user,
            upload=(upload.name, upload.read()) if upload else None,
            **values,
        )
        return Response(DocumentDetailSerializer(document).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        responses={
            201: inline_serializer(
                "NormdocsPrereviewRun",
                {"run": serializers.IntegerField(), "findings": serializers.IntegerField()},
            ),
            404: ERROR_RESPONSES[404],
        },
    )
    @action(detail=True, methods=["post"])
    def prereview(self, request: Request, pk: str | None = None) -> Response:
        """Pre-review the draft's current text (the page's 自动预审); 404 without the review app."""
        document = self.get_object()
        run = prereview.run(document=document, actor=request.user)
        if run is None:
            raise NotFound(NormdocsErrorCode.PREREVIEW_UNAVAILABLE, _("未安装自动预审。"))
        return Response(
            {"run": run.pk, "findings": run.findings.count()}, status=status.HTTP_201_CREATED
        )


class JointReviewSerializer(serializers.ModelSerializer):
    document = serializers.PrimaryKeyRelatedField(read_only=True)
    document_title = serializers.CharField(source="document.title", read_only=True)
    review_type = serializers.SlugRelatedField(slug_field="code", read_only=True)
    owner_unit = serializers.CharField(source="review_type.owner_unit.code", read_only=True)

    class Meta:
        model = JointReview
        fields = [
            "id",
            "document",
            "document_title",
            "review_type",
            "owner_unit",
            "round",
            "outcome",
            "opinion",
            "concluded_on",
        ]


@with_transitions(JOINT_REVIEW, JointReviewSerializer)
class JointReviewViewSet(viewsets.ReadOnlyModelViewSet):
    """Joint reviews of the documents the caller reads, and those the caller's unit holds."""

    serializer_class = JointReviewSerializer
    filterset_fields = ["outcome", "round"]

    def get_queryset(self):
        return selectors.joint_review_list(user=self.request.user)


class FilingSerializer(serializers.ModelSerializer):
    document = serializers.PrimaryKeyRelatedField(read_only=True)
    document_number = serializers.CharField(source="document.document_number", read_only=True)

    class Meta:
        model = Filing
        fields = ["id", "document", "document_number", "target", "due_on", "filed_on"]


@with_transitions(FILING, FilingSerializer)
class FilingViewSet(viewsets.ReadOnlyModelViewSet):
    """Filings of issued documents of the caller's units."""

    serializer_class = FilingSerializer
    filterset_fields = ["target"]

    def get_queryset(self):
        return selectors.filing_list(user=self.request.user)


class ReviewTypeSerializer(serializers.ModelSerializer):
    owner_unit = serializers.SlugRelatedField(
        slug_field="code", queryset=Organization.objects.all()
    )

    class Meta:
        model = ReviewType
        fields = [
            "id",
            "code",
            "name",
            "owner_unit",
            "legal_basis",
            "required_for_market_related",
            "configured_on",
            "is_active",
        ]
        read_only_fields = ["id", "is_active"]


class ReviewTypeViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The configured joint-review types; administrators and the justice bureau add them."""

    serializer_class = ReviewTypeSerializer
    filter_backends: list = []

    def get_queryset(self):
        return selectors.review_type_list().order_by("code")

    def create(self, request: Request) -> Response:
        data = ReviewTypeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        review_type = services.review_type_configure(
            actor=request.user,
            code=values["code"],
            name=values["name"],
            owner_unit=values["owner_unit"],
            configured_on=values["configured_on"],
            legal_basis=values.get("legal_basis", ""),
            required_for_market_related=values.get("required_for_market_related", False),
        )
        return Response(ReviewTypeSerializer(review_type).data, status=status.HTTP_201_CREATED)


class InspectionSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)
    status = serializers.CharField(read_only=True, help_text="open | closed")

    class Meta:
        model = Inspection
        fields = [
            "id",
            "organization",
            "title",
            "kind",
            "started_on",
            "status",
            "closed_on",
            "summary",
        ]


class InspectionCreateSerializer(serializers.Serializer):
    organization = serializers.SlugRelatedField(
        slug_field="code", queryset=Organization.objects.all()
    )
    title = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=InspectionKind.choices)
    started_on = serializers.DateField()


@with_transitions(INSPECTION, InspectionSerializer)
class InspectionViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Document inspections organised by the caller's units."""

    serializer_class = InspectionSerializer
    filterset_fields = ["kind"]

    def get_queryset(self):
        return selectors.inspection_list(user=self.request.user).order_by("-id")

    @extend_schema(request=InspectionCreateSerializer, responses={201: InspectionSerializer})
    def create(self, request: Request) -> Response:
        data = InspectionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        inspection = services.inspection_open(actor=request.user, **data.validated_data)
        return Response(InspectionSerializer(inspection).data, status=status.HTTP_201_CREATED)


class FindingSerializer(serializers.ModelSerializer):
    inspection = serializers.PrimaryKeyRelatedField(read_only=True)
    document = serializers.PrimaryKeyRelatedField(read_only=True)
    status = serializers.CharField(read_only=True, help_text="open | rectified")

    class Meta:
        model = InspectionFinding
        fields = [
            "id",
            "inspection",
            "document",
            "category",
            "description",
            "recorded_on",
            "rectification_due",
            "status",
            "rectified_on",
            "rectification_note",
        ]


@with_transitions(FINDING, FindingSerializer)
class FindingViewSet(viewsets.ReadOnlyModelViewSet):
    """Inspection findings: for the inspectors and the inspected documents' units."""

    serializer_class = FindingSerializer
    filterset_fields = ["category"]

    def get_queryset(self):
        return selectors.finding_list(user=self.request.user)


class PublicDocumentSerializer(serializers.ModelSerializer):
    issuing_body = serializers.CharField(source="issuing_body.name", read_only=True)
    organization = serializers.CharField(source="organization.name", read_only=True)
    validity = serializers.CharField(read_only=True)

    class Meta:
        model = NormativeDocument
        fields = [
            "id",
            "title",
            "issuing_body",
            "organization",
            "document_number",
            "registration_number",
            "issued_on",
            "effective_from",
            "valid_until",
            "validity",
        ]


class PublicDocumentViewSet(viewsets.ReadOnlyModelViewSet):
    """The public database of issued documents: open to everyone."""

    permission_classes = [AllowAny]
    serializer_class = PublicDocumentSerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no request
            return NormativeDocument.objects.none()
        params = self.request.query_params
        year = params.get("year", "")
        unit = Organization.objects.filter(code=params.get("unit", "")).first()
        return selectors.public_documents(
            today=timezone.localdate(),
            search=params.get("q", "").strip(),
            unit=unit,
            year=parse_year(year),
            validity=params.get("validity", ""),
        )
