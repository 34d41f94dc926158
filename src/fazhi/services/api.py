"""REST API of the services app: every page write is also here, through the same services.

Catalog reads and the certificate look-up are public; everything else needs an account and is
scoped like the pages. Each declared step is ``POST …/{id}/<step>/`` (``with_transitions``).
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.api_support import ReadModelSerializer
from fazhi.core.ledger_api import create_action
from fazhi.core.listing import LedgerPagination
from fazhi.core.models import Organization, OrganizationKind
from fazhi.core.procedure_api import ERROR_RESPONSES, with_transitions
from fazhi.services import selectors
from fazhi.services.models import (
    ApplicationPart,
    CertificateItem,
    Commitment,
    EstateInquiry,
    Evaluation,
    InquiryRequest,
    NotaryCategory,
    NotaryItem,
    OneThing,
    OneThingApplication,
    Rectification,
    Registry,
    Relation,
    Replacement,
    VerificationRequest,
    WillForm,
    WillRegistration,
)
from fazhi.services.portal_views import client_address
from fazhi.services.procedures import (
    APPLICATION,
    COMMITMENT,
    ESTATE,
    ESTATE_APPLICANT,
    INQUIRY_REQUEST,
    PART,
    RECTIFICATION,
    VERIFICATION,
    WILL,
)
from fazhi.services.services import catalog, certification, inheritance, notary
from fazhi.services.services.common import client_reference

ORG = serializers.SlugRelatedField(slug_field="code", read_only=True)
# The model's own choices, so the schema has one enum for promised times.
TIME_LIMIT_CHOICES = OneThing._meta.get_field("time_limit_days").choices


def _org_field(**kinds) -> serializers.SlugRelatedField:
    queryset = Organization.objects.all()
    if kinds:
        queryset = queryset.filter(kind__in=kinds["kinds"])
    return serializers.SlugRelatedField(slug_field="code", queryset=queryset)


# --- 一件事 ------------------------------------------------------------------------------------


class ItemSerializer(serializers.Serializer):
    department = _org_field()
    name = serializers.CharField(max_length=200)
    time_limit_days = serializers.ChoiceField(choices=TIME_LIMIT_CHOICES)
    materials = serializers.ListField(child=serializers.CharField(max_length=200))
    visits = serializers.IntegerField(min_value=0, max_value=10, default=1)


class OneThingSerializer(serializers.ModelSerializer):
    organization = ORG
    items = serializers.SerializerMethodField()
    materials = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    visits_saved = serializers.IntegerField(read_only=True)
    materials_saved = serializers.IntegerField(read_only=True)

    class Meta:
        model = OneThing
        fields = [
            "id",
            "code",
            "version",
            "name",
            "organization",
            "effective_from",
            "effective_to",
            "time_limit_days",
            "combined_visits",
            "separate_visits",
            "separate_materials",
            "combined_materials",
            "visits_saved",
            "materials_saved",
            "items",
            "materials",
        ]

    def get_items(self, thing) -> list[dict]:
        return [
            {
                "department": i.department.code,
                "name": i.name,
                "time_limit_days": i.time_limit_days,
                "materials": i.materials,
            }
            for i in thing.items.all()
        ]


class OneThingPublishSerializer(serializers.Serializer):
    organization = _org_field()
    code = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=200)
    effective_from = serializers.DateField()
    time_limit_days = serializers.ChoiceField(choices=TIME_LIMIT_CHOICES)
    combined_visits = serializers.IntegerField(min_value=0, max_value=1, default=1)
    items = ItemSerializer(many=True)


class OneThingViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The 一件事 catalog in force today (``?versions=all`` for every version)."""

    serializer_class = OneThingSerializer
    search_fields = ["code", "name"]

    def get_permissions(self):
        return [AllowAny()] if self.action in ("list", "retrieve") else super().get_permissions()

    def get_queryset(self):
        return selectors.one_thing_list(
            all_versions=self.request.query_params.get("versions") == "all"
        ).prefetch_related("items__department", "materials")

    create = create_action(
        OneThingPublishSerializer,
        lambda user, data: catalog.one_thing_publish(
            actor=user, **{**data, "items": [catalog.ItemInput(**i) for i in data["items"]]}
        ),
        OneThingSerializer,
    )


class PartSerializer(ReadModelSerializer):
    organization = ORG
    item = serializers.CharField(source="item.name", read_only=True)

    class Meta:
        model = ApplicationPart
        fields = ["id", "application", "item", "organization", "status", "done_on", "note"]


class ApplicationSerializer(serializers.ModelSerializer):
    organization = ORG
    one_thing = serializers.SlugRelatedField(slug_field="code", read_only=True)
    applicant_id_number = serializers.CharField(source="masked_applicant_id_number", read_only=True)
    parts = PartSerializer(many=True, read_only=True)

    class Meta:
        model = OneThingApplication
        fields = [
            "id",
            "one_thing",
            "organization",
            "applicant_name",
            "applicant_id_number",
            "submitted_on",
            "materials_provided",
            "status",
            "closed_on",
            "parts",
        ]


class ApplySerializer(serializers.Serializer):
    one_thing = serializers.PrimaryKeyRelatedField(queryset=OneThing.objects.all())
    applicant_name = serializers.CharField(max_length=100)
    applicant_id_number = serializers.CharField(max_length=18)
    materials = serializers.ListField(child=serializers.CharField(max_length=200), allow_empty=True)


@with_transitions(APPLICATION, ApplicationSerializer)
class ApplicationViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Applications: the applicant's own, or those of the staff user's units."""

    serializer_class = ApplicationSerializer
    pagination_class = LedgerPagination
    filterset_fields = ["status"]
    search_fields = ["applicant_name", "one_thing__name"]

    def get_queryset(self):
        return selectors.application_list(user=self.request.user).prefetch_related(
            "parts__item", "parts__organization"
        )

    create = create_action(
        ApplySerializer,
        lambda user, data: catalog.one_thing_apply(actor=user, **data),
        ApplicationSerializer,
    )


@with_transitions(PART, PartSerializer)
class PartViewSet(viewsets.ReadOnlyModelViewSet):
    """Each department's part of the applications visible to the caller."""

    serializer_class = PartSerializer
    filterset_fields = ["status"]

    def get_queryset(self):
        return selectors.part_list(user=self.request.user)


class EvaluationSerializer(serializers.ModelSerializer):
    organization = ORG

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "organization",
            "service_name",
            "one_thing_code",
            "grade",
            "comment",
            "evaluated_on",
        ]


class EvaluationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = EvaluationSerializer
    pagination_class = LedgerPagination
    filterset_fields = ["grade"]

    def get_queryset(self):
        return selectors.evaluation_list(user=self.request.user)


class RectificationSerializer(ReadModelSerializer):
    organization = ORG

    class Meta:
        model = Rectification
        fields = [
            "id",
            "evaluation",
            "organization",
            "opened_on",
            "status",
            "response",
            "responded_on",
            "on_time",
        ]


@with_transitions(RECTIFICATION, RectificationSerializer)
class RectificationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = RectificationSerializer
    filterset_fields = ["status"]

    def get_queryset(self):
        return selectors.rectification_list(user=self.request.user)


# --- 证明事项 ----------------------------------------------------------------------------------


class CertificateItemSerializer(serializers.ModelSerializer):
    organization = ORG
    holder = serializers.SlugRelatedField(
        slug_field="code", queryset=Organization.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = CertificateItem
        fields = [
            "id",
            "code",
            "organization",
            "category",
            "name",
            "issuing_body",
            "holder",
            "replacement",
            "response_days",
            "basis",
        ]


class CertificateItemSaveSerializer(CertificateItemSerializer):
    organization = _org_field()
    replacement = serializers.ChoiceField(choices=Replacement.choices)

    class Meta(CertificateItemSerializer.Meta):
        fields = [f for f in CertificateItemSerializer.Meta.fields if f != "id"]
        extra_kwargs = {"code": {"validators": []}}


class CertificateItemViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = CertificateItemSerializer
    filterset_fields = ["replacement", "category"]
    search_fields = ["code", "name"]

    def get_queryset(self):
        return selectors.certificate_item_list()

    create = create_action(
        CertificateItemSaveSerializer,
        lambda user, data: certification.certificate_item_save(actor=user, **data),
        CertificateItemSerializer,
    )


class VerificationSerializer(serializers.ModelSerializer):
    organization = ORG
    holder = ORG
    item = serializers.SlugRelatedField(slug_field="code", read_only=True)
    subject_id_number = serializers.CharField(source="masked_subject_id_number", read_only=True)

    class Meta:
        model = VerificationRequest
        fields = [
            "id",
            "organization",
            "holder",
            "item",
            "matter",
            "subject_name",
            "subject_id_number",
            "fact",
            "requested_on",
            "status",
            "result",
            "answered_on",
            "late_reason",
        ]


class VerificationCreateSerializer(serializers.Serializer):
    organization = _org_field()
    item = serializers.SlugRelatedField(slug_field="code", queryset=CertificateItem.objects.all())
    matter = serializers.CharField(max_length=200)
    subject_name = serializers.CharField(max_length=100)
    subject_id_number = serializers.CharField(max_length=18)
    fact = serializers.CharField(max_length=300)


@with_transitions(VERIFICATION, VerificationSerializer)
class VerificationViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Verification requests the caller's units sent or must answer."""

    serializer_class = VerificationSerializer
    filterset_fields = ["status", "result"]

    def get_queryset(self):
        return selectors.verification_list(user=self.request.user)

    def get_object(self):
        # Through the selector that logs the read.
        return selectors.verification_get(user=self.request.user, pk=self.kwargs["pk"])

    create = create_action(
        VerificationCreateSerializer,
        lambda user, data: certification.verification_request(actor=user, **data),
        VerificationSerializer,
    )


class CertificateCommitmentSerializer(serializers.ModelSerializer):
    organization = ORG
    item = serializers.SlugRelatedField(slug_field="code", read_only=True)
    applicant_id_number = serializers.CharField(source="masked_applicant_id_number", read_only=True)

    class Meta:
        model = Commitment
        fields = [
            "id",
            "organization",
            "item",
            "matter",
            "applicant_name",
            "applicant_id_number",
            "promised_fact",
            "committed_on",
            "status",
            "checked_on",
            "check_note",
            "measures",
            "credit_record",
            "handled_on",
        ]


class CertificateCommitmentCreateSerializer(serializers.Serializer):
    organization = _org_field()
    item = serializers.SlugRelatedField(slug_field="code", queryset=CertificateItem.objects.all())
    matter = serializers.CharField(max_length=200)
    applicant_name = serializers.CharField(max_length=100)
    applicant_id_number = serializers.CharField(max_length=18)
    promised_fact = serializers.CharField(max_length=300)


@with_transitions(COMMITMENT, CertificateCommitmentSerializer)
class CommitmentViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = CertificateCommitmentSerializer
    filterset_fields = ["status"]

    def get_queryset(self):
        return selectors.commitment_list(user=self.request.user)

    def get_object(self):
        # Through the selector that logs the read.
        return selectors.commitment_get(user=self.request.user, pk=self.kwargs["pk"])

    create = create_action(
        CertificateCommitmentCreateSerializer,
        lambda user, data: certification.commitment_record(actor=user, **data),
        CertificateCommitmentSerializer,
    )


# --- notary -----------------------------------------------------------------------------------


class NotaryItemSerializer(serializers.ModelSerializer):
    category = serializers.SlugRelatedField(slug_field="code", read_only=True)
    category_name = serializers.CharField(source="category.name", read_only=True)

    class Meta:
        model = NotaryItem
        fields = ["id", "code", "name", "category", "category_name", "one_visit", "listed_on"]


class NotaryItemViewSet(viewsets.ReadOnlyModelViewSet):
    """The notary 最多跑一次 list (public)."""

    serializer_class = NotaryItemSerializer
    permission_classes = [AllowAny]
    filterset_fields = ["one_visit"]
    search_fields = ["code", "name"]

    def get_queryset(self):
        return selectors.notary_item_list()


class CertificateRegisterSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=60)
    category = serializers.SlugRelatedField(
        slug_field="code", queryset=NotaryCategory.objects.all()
    )
    issued_on = serializers.DateField()
    office = serializers.CharField(max_length=100)


class CertificateRegisterView(APIView):
    """Register an issued notarial certificate (notary staff)."""

    @extend_schema(
        request=CertificateRegisterSerializer,
        responses={
            201: {"type": "object", "properties": {"number": {"type": "string"}}},
            **ERROR_RESPONSES,
        },
    )
    def post(self, request: Request) -> Response:
        data = CertificateRegisterSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        certificate = notary.notarial_certificate_register(
            actor=request.user, **data.validated_data
        )
        return Response({"number": certificate.number}, status=status.HTTP_201_CREATED)


class LookupAnswerSerializer(serializers.Serializer):
    number = serializers.CharField()
    exists = serializers.BooleanField()
    kind = serializers.CharField(required=False)
    issued_on = serializers.DateField(required=False)
    office = serializers.CharField(required=False)


class NotaryLookupView(APIView):
    """Whether a notarial certificate exists, its kind, date and office — nothing else.

    Rate-limited per client (429) and logged, like the portal page.
    """

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[OpenApiParameter("number", str, required=True, description="公证书编号")],
        responses={200: LookupAnswerSerializer, **ERROR_RESPONSES, 429: ERROR_RESPONSES[400]},
    )
    def get(self, request: Request) -> Response:
        answer = notary.notary_lookup(
            number=request.query_params.get("number", ""),
            client=client_reference(client_address(request)),
            user=request.user,
        )
        return Response(LookupAnswerSerializer(answer).data)


# --- wills and estates ------------------------------------------------------------------------


class WillSerializer(serializers.ModelSerializer):
    testator_id_number = serializers.CharField(source="masked_testator_id_number", read_only=True)

    class Meta:
        model = WillRegistration
        fields = [
            "id",
            "registration_no",
            "testator_name",
            "testator_id_number",
            "form",
            "made_on",
            "place",
            "witnesses",
            "notary_office",
            "registry",
            "keeping_place",
            "registered_on",
            "status",
            "revoked_on",
        ]


class WillRegisterSerializer(serializers.Serializer):
    testator_name = serializers.CharField(max_length=100)
    testator_id_number = serializers.CharField(max_length=18)
    testator_username = serializers.CharField(max_length=150, required=False, default="")
    form = serializers.ChoiceField(choices=WillForm.choices)
    made_on = serializers.DateField()
    registry = serializers.ChoiceField(choices=Registry.choices)
    witnesses = serializers.ListField(child=serializers.CharField(max_length=50), default=list)
    place = serializers.CharField(max_length=200, required=False, default="")
    pages = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    signed_each_page = serializers.BooleanField(default=False)
    emergency = serializers.BooleanField(default=False)
    notary_office = serializers.CharField(max_length=100, required=False, default="")
    keeping_place = serializers.CharField(max_length=200, required=False, default="")


@with_transitions(WILL, WillSerializer)
class WillViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Will registrations: the testator's own, or all for the notary staff (every read logged)."""

    serializer_class = WillSerializer

    def get_queryset(self):
        return selectors.will_list(user=self.request.user)

    def get_object(self):
        return selectors.will_get(user=self.request.user, pk=self.kwargs["pk"])

    create = create_action(
        WillRegisterSerializer,
        lambda user, data: inheritance.will_register(actor=user, **data),
        WillSerializer,
    )


class InquiryRequestSerializer(ReadModelSerializer):
    class Meta:
        model = InquiryRequest
        fields = [
            "id",
            "inquiry",
            "source",
            "holder",
            "sent_on",
            "status",
            "found",
            "answer",
            "answered_on",
            "late_reason",
        ]


class EstateSerializer(serializers.ModelSerializer):
    organization = ORG
    town = ORG
    deceased_id_number = serializers.CharField(source="masked_deceased_id_number", read_only=True)
    requests = InquiryRequestSerializer(many=True, read_only=True)
    mediation_case = serializers.SlugRelatedField(slug_field="case_no", read_only=True)

    class Meta:
        model = EstateInquiry
        fields = [
            "id",
            "number",
            "organization",
            "town",
            "applicant_name",
            "relation",
            "deceased_name",
            "deceased_id_number",
            "died_on",
            "submitted_on",
            "status",
            "accepted_on",
            "outcome_summary",
            "closed_on",
            "mediation_case",
            "requests",
        ]


class EstateApplySerializer(serializers.Serializer):
    town = _org_field(kinds=[OrganizationKind.TOWN])
    applicant_name = serializers.CharField(max_length=100)
    applicant_id_number = serializers.CharField(max_length=18)
    relation = serializers.ChoiceField(choices=Relation.choices)
    deceased_name = serializers.CharField(max_length=100)
    deceased_id_number = serializers.CharField(max_length=18)
    died_on = serializers.DateField()
    death_proof = serializers.CharField(max_length=200, allow_blank=True)
    kinship_proof = serializers.CharField(max_length=200, allow_blank=True)


@with_transitions(ESTATE_APPLICANT, EstateSerializer)
@with_transitions(ESTATE, EstateSerializer)
class EstateViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Estate inquiries: the applicant's own (apply, evaluate) or the notary staff's (steps)."""

    serializer_class = EstateSerializer
    filterset_fields = ["status"]

    def get_queryset(self):
        return selectors.estate_list(user=self.request.user).prefetch_related("requests")

    def get_object(self):
        # Through the selector that logs the read.
        return selectors.estate_get(user=self.request.user, pk=self.kwargs["pk"])

    create = create_action(
        EstateApplySerializer,
        lambda user, data: inheritance.estate_apply(actor=user, **data),
        EstateSerializer,
    )


@with_transitions(INQUIRY_REQUEST, InquiryRequestSerializer)
class InquiryRequestViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = InquiryRequestSerializer
    filterset_fields = ["status", "source"]

    def get_queryset(self):
        return selectors.inquiry_request_list(user=self.request.user)
