"""REST API of normdocs: the scoped document register (read, draft, submit for review) and the
public database of issued documents. Endpoints call services and selectors, nothing else."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from fazhi.core.models import Organization
from fazhi.core.params import parse_year
from fazhi.normdocs import selectors, services
from fazhi.normdocs.models import NormativeDocument


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


class ReviewSubmitSerializer(serializers.Serializer):
    review_types = serializers.ListField(child=serializers.CharField(), allow_empty=True)
    on = serializers.DateField()


class DocumentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Documents of the caller's units (everything for the justice bureau and leaders)."""

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

    @extend_schema(request=ReviewSubmitSerializer, responses={200: DocumentSerializer})
    @action(detail=True, methods=["post"], url_path="submit-for-review")
    def submit_for_review(self, request: Request, pk: str | None = None) -> Response:
        document = self.get_object()
        data = ReviewSubmitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.review_submit(
            actor=request.user,
            document=document,
            review_type_codes=data.validated_data["review_types"],
            on=data.validated_data["on"],
        )
        document.refresh_from_db()
        return Response(DocumentSerializer(document).data)


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
