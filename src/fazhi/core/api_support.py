"""Shared API plumbing: pagination and the one error format ``{"code", "field", "detail"}``."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.db import DataError, IntegrityError
from django.http import Http404
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from fazhi.core.errors import ApplicationError


class _ScopedMixin(serializers.RelatedField):
    """A by-number/by-key input looked up only among the records the caller may read.

    ``scoped(user)`` returns that queryset (the app's list selector).  A record of another unit
    then answers exactly like one that does not exist: nothing to link to, nothing to probe.
    The serializer needs ``context={"request": request}``.
    """

    def __init__(self, *args, scoped, **kwargs):
        self._scoped = scoped
        super().__init__(*args, **kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.queryset.none()  # type: ignore[union-attr,arg-type]
        return self._scoped(user)


class ScopedSlugRelatedField(_ScopedMixin, serializers.SlugRelatedField):
    pass


class ScopedPrimaryKeyRelatedField(_ScopedMixin, serializers.PrimaryKeyRelatedField):
    pass


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


logger = logging.getLogger("fazhi.api")


def _error(code: str, detail: str, status_code: int) -> Response:
    return Response({"code": code, "field": None, "detail": detail}, status=status_code)


def unexpected_error_response(exc: Exception) -> Response:
    """What the API answers for an exception no view handled: never an HTML 500 page.

    A uniqueness race (two requests taking the same case number) is a conflict; a value the
    database cannot store (too long, out of range) or arithmetic that overflows is bad input;
    anything else is a server error, logged with its traceback, in the same JSON shape.
    """
    if isinstance(exc, IntegrityError):
        return _error("conflict", "与已有记录冲突（例如编号重复），请刷新后重试。", 409)
    if isinstance(exc, DataError):
        return _error("invalid", "输入的值超出允许的长度或范围。", 400)
    if isinstance(exc, (OverflowError, RecursionError)):
        return _error("invalid", "输入的值超出允许的范围。", 400)
    if isinstance(exc, RequestDataTooBig):
        return _error("too_large", "请求内容过大。", 413)
    logger.error("Unhandled API error", exc_info=exc)
    return _error("server_error", "服务器内部错误，已记录，请稍后重试。", 500)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ApplicationError):
        return Response(exc.as_dict(), status=exc.status)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return unexpected_error_response(exc)
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


class ReadModelSerializer(serializers.ModelSerializer):
    """A record as the API answers it: every field read-only, so a serializer that only
    describes output can never be used to write a foreign key it was not meant to take."""

    def get_fields(self):
        fields = super().get_fields()
        for field in fields.values():
            field.read_only = True
        return fields
