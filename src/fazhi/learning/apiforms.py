"""``POST`` create endpoints validated by the same Django form as the create page, so page and
API accept and refuse the same input (as ``core.procedure_api`` does for declared steps)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from fazhi.core.procedure_api import ERROR_RESPONSES, form_error, serializer_from_form


def create_action(
    form_class: type,
    call: Callable[[Any, dict[str, Any]], Any],
    output: type[serializers.Serializer],
    name: str,
):
    """A viewset ``create``: ``call(user, cleaned_data)`` performs the service."""
    input_serializer = serializer_from_form(form_class, f"{name}Input")

    @extend_schema(
        request=input_serializer,
        responses={201: output, **{k: v for k, v in ERROR_RESPONSES.items() if k != 409}},
    )
    def create(self, request: Request) -> Response:
        form = form_class(data=request.data, files=request.FILES or None)
        if not form.is_valid():
            raise form_error(form)
        record = call(request.user, form.cleaned_data)
        return Response(
            output(record, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    return create
