"""REST API of the evidence log.

Public (no login): the log's public key, signed tree heads, entries, inclusion and consistency
proofs (what an outside monitor needs to check the log never rewrote history) and verification
(rate-limited). Logged in: one's own deposits, their certificates and the erasure of a file
(the deposit's declared step, ``evidence.procedures.DEPOSIT``).
"""

from __future__ import annotations

import base64
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from fazhi.core.errors import ValidationFailed
from fazhi.core.listing import LedgerPagination
from fazhi.core.procedure_api import with_transitions
from fazhi.evidence import keys, log, selectors, services, verification
from fazhi.evidence.error_codes import EvidenceErrorCode
from fazhi.evidence.models import Deposit, DepositStatus, SignedTreeHead
from fazhi.evidence.procedures import DEPOSIT


def head_data(head: SignedTreeHead) -> dict[str, Any]:
    return {"log_id": head.log_id, **selectors.tree_head(head).as_dict()}


class TreeHeadSerializer(serializers.Serializer):
    log_id = serializers.CharField()
    tree_size = serializers.IntegerField()
    root_hash = serializers.CharField(help_text="hex SHA-256")
    timestamp = serializers.IntegerField(help_text="milliseconds since 1970-01-01 UTC")
    signature = serializers.CharField(help_text="base64 Ed25519 signature")


def verify_url(request: Request, deposit: Deposit) -> str:
    return request.build_absolute_uri(reverse("evidence_portal:verify") + f"?deposit={deposit.pk}")


class DepositSerializer(serializers.ModelSerializer):
    index = serializers.IntegerField(source="entry_id", read_only=True)
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Deposit
        fields = [
            "id",
            "title",
            "original_name",
            "description",
            "file_sha256",
            "size",
            "media_type",
            "index",
            "deposited_at",
            "status",
            "organization",
            "erased_at",
            "erasure_reason",
        ]


class DepositInputSerializer(serializers.Serializer):
    file = serializers.FileField(required=False, allow_empty_file=True)
    title = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    description = serializers.CharField(required=False, allow_blank=True, default="")


class PublicKeyView(APIView):
    """The log's Ed25519 public key: the one key every tree head and certificate must carry."""

    permission_classes = [AllowAny]

    @extend_schema(
        responses=inline_serializer(
            "EvidencePublicKey",
            {
                "log_id": serializers.CharField(),
                "algorithm": serializers.CharField(),
                "public_key": serializers.CharField(help_text="base64 raw 32 bytes"),
                "pem": serializers.CharField(),
            },
        )
    )
    def get(self, request: Request) -> Response:
        return Response(
            {
                "log_id": keys.log_id(),
                "algorithm": "Ed25519",
                "public_key": base64.b64encode(keys.public_key_bytes()).decode("ascii"),
                "pem": keys.public_key_pem(),
            }
        )


class LatestHeadView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=TreeHeadSerializer)
    def get(self, request: Request) -> Response:
        head = selectors.head_latest()
        if head is None:
            return Response(
                {
                    "code": EvidenceErrorCode.HEAD_NOT_FOUND,
                    "field": None,
                    "detail": _("日志尚无签名树头。"),
                },
                status=status.HTTP_404_NOT_FOUND,
            )
        return Response(head_data(head))


class HeadView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=TreeHeadSerializer)
    def get(self, request: Request, tree_size: int) -> Response:
        return Response(head_data(selectors.head_get(tree_size)))


def _int_param(request: Request, name: str) -> int:
    value = request.query_params.get(name, "")
    try:
        number = int(value)
    except ValueError:
        raise ValidationFailed(
            EvidenceErrorCode.INVALID_SIZE,
            _("参数 %(name)s 必须是非负整数。") % {"name": name},
            field=name,
        ) from None
    if number < 0:
        raise ValidationFailed(
            EvidenceErrorCode.INVALID_SIZE,
            _("参数 %(name)s 必须是非负整数。") % {"name": name},
            field=name,
        )
    return number


class ConsistencyView(APIView):
    """RFC 9162 consistency proof between two signed heads (``first`` ≤ ``second``)."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("first", OpenApiTypes.INT, required=True),
            OpenApiParameter("second", OpenApiTypes.INT, required=True),
        ],
        responses=inline_serializer(
            "EvidenceConsistency",
            {
                "first": TreeHeadSerializer(),
                "second": TreeHeadSerializer(),
                "proof": serializers.ListField(child=serializers.CharField()),
            },
        ),
    )
    def get(self, request: Request) -> Response:
        first = selectors.head_get(_int_param(request, "first"), field="first")
        second = selectors.head_get(_int_param(request, "second"), field="second")
        if first.tree_size > second.tree_size:
            raise ValidationFailed(
                EvidenceErrorCode.INVALID_SIZE,
                _("first 不能大于 second。"),
                field="first",
            )
        proof = log.consistency_proof(first.tree_size, second.tree_size)
        return Response(
            {
                "first": head_data(first),
                "second": head_data(second),
                "proof": [p.hex() for p in proof],
            }
        )


class InclusionView(APIView):
    """Inclusion proof of entry ``index`` in the signed head of ``tree_size`` entries."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("index", OpenApiTypes.INT, required=True),
            OpenApiParameter("tree_size", OpenApiTypes.INT, required=True),
        ],
        responses=inline_serializer(
            "EvidenceInclusion",
            {
                "index": serializers.IntegerField(),
                "leaf_hash": serializers.CharField(),
                "head": TreeHeadSerializer(),
                "proof": serializers.ListField(child=serializers.CharField()),
            },
        ),
    )
    def get(self, request: Request) -> Response:
        index = _int_param(request, "index")
        head = selectors.head_get(_int_param(request, "tree_size"))
        if index >= head.tree_size:
            raise ValidationFailed(
                EvidenceErrorCode.INVALID_SIZE,
                _("序号必须小于树大小。"),
                field="index",
            )
        entry = selectors.entries_range(index, index + 1).get()
        return Response(
            {
                "index": index,
                "leaf_hash": bytes(entry.leaf_hash).hex(),
                "head": head_data(head),
                "proof": [p.hex() for p in log.inclusion_proof(index, head.tree_size)],
            }
        )


class EntriesView(APIView):
    """Raw entries ``[start, end)`` (at most 1000): hashes only, for monitors to recompute."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("start", OpenApiTypes.INT, required=True),
            OpenApiParameter("end", OpenApiTypes.INT, required=True),
        ],
        responses=inline_serializer(
            "EvidenceEntries",
            {
                "entries": serializers.ListField(child=serializers.DictField()),
            },
        ),
    )
    def get(self, request: Request) -> Response:
        start, end = _int_param(request, "start"), _int_param(request, "end")
        if end < start or end - start > selectors.ENTRY_PAGE_MAX:
            raise ValidationFailed(
                EvidenceErrorCode.INVALID_SIZE,
                _("end 必须不小于 start，且一次最多 %(max)s 条。")
                % {"max": selectors.ENTRY_PAGE_MAX},
                field="end",
            )
        entries = [
            {
                "index": entry.index,
                "leaf_hash": bytes(entry.leaf_hash).hex(),
                "entry": selectors.entry_json(entry),
            }
            for entry in selectors.entries_range(start, end)
        ]
        return Response({"entries": entries})


class VerifyInputSerializer(serializers.Serializer):
    certificate = serializers.FileField(
        required=False, allow_empty_file=True, help_text="certificate JSON file"
    )
    certificate_json = serializers.CharField(required=False, allow_blank=True, default="")
    file = serializers.FileField(required=False, allow_empty_file=True)
    sha256 = serializers.CharField(required=False, allow_blank=True, default="")


class OutcomeSerializer(serializers.Serializer):
    valid = serializers.BooleanField()
    code = serializers.CharField()
    reason = serializers.CharField()
    index = serializers.IntegerField(allow_null=True)
    entry_type = serializers.CharField()
    deposit_id = serializers.CharField(allow_null=True)
    logged_at = serializers.DateTimeField(allow_null=True)
    tree_size = serializers.IntegerField(allow_null=True)
    head_signed_at = serializers.DateTimeField(allow_null=True)
    file_sha256 = serializers.CharField(allow_null=True)


class VerifyView(APIView):
    """Public verification of a certificate (and its file), or of a file or hash alone."""

    permission_classes = [AllowAny]
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "public_form"

    @extend_schema(
        request=VerifyInputSerializer,
        responses=inline_serializer(
            "EvidenceVerification",
            {"valid": serializers.BooleanField(), "results": OutcomeSerializer(many=True)},
        ),
    )
    def post(self, request: Request) -> Response:
        data = VerifyInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        certificate = data.validated_data.get("certificate")
        certificate_text: bytes | str = data.validated_data["certificate_json"]
        if certificate is not None:
            services.checked_upload_size(certificate, field="certificate")
            certificate_text = certificate.read()
        upload = data.validated_data.get("file")
        file_sha256 = verification.uploaded_file_sha256(upload) if upload is not None else None
        outcomes = verification.verify_submission(
            certificate_text=certificate_text,
            file_sha256=file_sha256,
            sha256=data.validated_data["sha256"],
        )
        return Response(
            {
                "valid": any(o.valid for o in outcomes),
                "results": [o.as_dict() for o in outcomes],
            }
        )


class DepositListView(APIView):
    """One's own deposits (GET) and a new deposit (POST, multipart: file, title, description)."""

    parser_classes = [MultiPartParser, FormParser]
    pagination_class = LedgerPagination  # pages or a cursor: documented as a paginated object

    @extend_schema(
        operation_id="evidence_deposits_list",
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR),
            OpenApiParameter("status", OpenApiTypes.STR, enum=DepositStatus.values),
            OpenApiParameter("page", OpenApiTypes.INT),
            OpenApiParameter("page_size", OpenApiTypes.INT),
            OpenApiParameter(
                "cursor", OpenApiTypes.STR, description="keyset pages: empty for the first"
            ),
            OpenApiParameter(
                "exact_count", OpenApiTypes.BOOL, description="count exactly even when large"
            ),
        ],
        responses=inline_serializer(
            "PaginatedDepositList",
            {
                "count": serializers.IntegerField(required=False),
                "count_exact": serializers.BooleanField(required=False),
                "next": serializers.URLField(allow_null=True),
                "previous": serializers.URLField(allow_null=True, required=False),
                "results": DepositSerializer(many=True),
            },
        ),
    )
    def get(self, request: Request) -> Response:
        queryset = selectors.deposit_list(
            user=request.user,
            search=request.query_params.get("q", "").strip(),
            status=request.query_params.get("status", ""),
        )
        paginator = LedgerPagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(DepositSerializer(page, many=True).data)

    @extend_schema(
        request=DepositInputSerializer,
        responses={
            201: inline_serializer(
                "EvidenceDepositCreated",
                {"deposit": DepositSerializer(), "certificate": serializers.DictField()},
            )
        },
    )
    def post(self, request: Request) -> Response:
        data = DepositInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        deposit = services.deposit_create(
            actor=request.user,
            upload=data.validated_data.get("file"),
            title=data.validated_data["title"],
            description=data.validated_data["description"],
        )
        certificate = selectors.certificate_for_entry(
            deposit.entry, verify_url=verify_url(request, deposit)
        )
        return Response(
            {"deposit": DepositSerializer(deposit).data, "certificate": certificate.as_dict()},
            status=status.HTTP_201_CREATED,
        )


class DepositDetailView(APIView):
    @extend_schema(responses=DepositSerializer)
    def get(self, request: Request, pk: str) -> Response:
        deposit = selectors.deposit_get_own(user=request.user, deposit_id=pk)
        return Response(DepositSerializer(deposit).data)


class DepositCertificateView(APIView):
    """The deposit certificate as JSON: what ``fazhi verify`` checks offline."""

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, pk: str) -> Response:
        deposit = selectors.deposit_get_own(user=request.user, deposit_id=pk)
        certificate = selectors.certificate_for_entry(
            deposit.entry, verify_url=verify_url(request, deposit)
        )
        return Response(certificate.as_dict())


@with_transitions(DEPOSIT, DepositSerializer)
class DepositStepViewSet(viewsets.GenericViewSet):
    """The declared steps of a deposit (``POST deposits/{id}/erase/``), as on its page.

    The record is looked up unscoped: the step itself answers who may take it (the depositor or
    an administrator: anyone else gets ``not_yours``).
    """

    serializer_class = DepositSerializer
    queryset = Deposit.objects.none()

    def get_object(self) -> Deposit:
        return selectors.deposit_get_public(deposit_id=self.kwargs["pk"])
