"""Turns an application error raised in a page view into a 4xx page, never a 500.

Also the few database and arithmetic errors that bad input can provoke anywhere (a duplicate
number taken concurrently, a value too long for its column, a date beyond year 9999): pages
answer them with the error page and a 4xx, the API (under ``/api/``) in its JSON error shape.
"""

from __future__ import annotations

from django.db import DataError, IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.core.errors import ApplicationError, Conflict, ValidationFailed


class ApplicationErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if request.path.startswith("/api/") and not isinstance(exception, ApplicationError):
            # Raised outside a DRF view's handler (e.g. in a serializer's rendering): answer
            # in the API's JSON shape all the same.
            from rest_framework.renderers import JSONRenderer

            from fazhi.core.api_support import unexpected_error_response

            response = unexpected_error_response(exception)
            body = JSONRenderer().render(response.data)
            return HttpResponse(body, status=response.status_code, content_type="application/json")
        if isinstance(exception, IntegrityError):
            exception = Conflict("conflict", "与已有记录冲突（例如编号重复），请刷新后重试。")
        elif isinstance(exception, (DataError, OverflowError, RecursionError)):
            exception = ValidationFailed("invalid", "输入的值超出允许的长度或范围。")
        if not isinstance(exception, ApplicationError):
            return None
        return render(request, "core/error.html", {"error": exception}, status=exception.status)
