"""Download an official document generated from a record (DOCX or PDF), page and API.

The record is read through its app's scope-checked getter, so a document is exactly as visible
as the record it is generated from.
"""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view

from fazhi.core import documents
from fazhi.core.documents.records import record_document
from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import Conflict, NotFound

FORMATS = {"docx": documents.DOCX_TYPE, "pdf": documents.PDF_TYPE}


def _download(user, key: str, pk: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise NotFound(CoreErrorCode.NOT_FOUND, _("文书格式只能是 DOCX 或 PDF。"), field="format")
    declared = record_document(key)
    obj = declared.get_object(user, pk)
    doc = declared.document(obj)
    if fmt == "pdf":
        if not documents.pdf_available():
            raise Conflict("pdf_unavailable", _("服务器未安装 PDF 转换组件，请下载 DOCX。"))
        try:
            data = documents.render_pdf(doc)
        except documents.PdfUnavailable:
            raise Conflict("pdf_unavailable", _("PDF 生成失败，请下载 DOCX。")) from None
    else:
        data = documents.render_docx(doc)
    response = HttpResponse(data, content_type=FORMATS[fmt])
    name = declared.file_name(obj, fmt)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@login_required
def record_document_download(request: HttpRequest, key: str, pk: int, fmt: str) -> HttpResponse:
    return _download(request.user, key, pk, fmt)


@extend_schema(
    summary="Download an official document (文书) generated from a record",
    description=(
        "`key` is the document type (e.g. `enforcement.penalty_decision`), `pk` the record, "
        "`fmt` `docx` or `pdf`. 404 when the record is not in the caller's scope; 409 when the "
        "record is not yet at the stage the document needs (or PDF conversion is unavailable)."
    ),
    responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
)
@api_view(["GET"])
def record_document_api(request, key: str, pk: int, fmt: str) -> HttpResponse:
    return _download(request.user, key, pk, fmt)
