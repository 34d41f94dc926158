"""Shared API plumbing: pagination and the one error format ``{"code", "field", "detail"}``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from fazhi.core.errors import ApplicationError


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500


def _first_field_error(detail: Any, prefix: str = "") -> tuple[str | None, str, str]:
    """The first (field, message, code) in a DRF validation error structure."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            field = f"{prefix}{key}" if key != "non_field_errors" else (prefix.rstrip(".") or None)
            found = _first_field_error(value, f"{field}." if field else "")
            return (found[0] or field, found[1], found[2])
    if isinstance(detail, list) and detail:
        return _first_field_error(detail[0], prefix)
    code = getattr(detail, "code", "invalid") or "invalid"
    return (None, str(detail), str(code))


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ApplicationError):
        return Response(exc.as_dict(), status=exc.status)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        field, message, code = _first_field_error(exc.detail)
        response.data = {"code": code, "field": field, "detail": message, "errors": exc.detail}
    else:
        detail = getattr(exc, "detail", str(exc))
        error_code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
        response.data = {"code": str(error_code), "field": None, "detail": str(detail)}
    return response


def error_response(error: ApplicationError) -> Response:
    return Response(error.as_dict(), status=error.status or status.HTTP_400_BAD_REQUEST)
