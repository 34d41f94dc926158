"""The API twin of ``core.ledgers``: lists and create endpoints of every app, one way.

Lists. A read-only viewset's ``get_queryset`` calls the same selector as the page with
``user=self.request.user`` (so the API sees exactly the page's scope); ``search_fields`` and
``filterset_fields`` give ``?search=`` and the filters, and the project's default pagination
(``core.api_support.Pagination``, ``?page=`` and ``?page_size=``) pages it. Nothing else to write.

Creation. ``create = create_action(Input, call, Output)`` on the viewset is its ``POST``:

- ``Input`` is the page's Django form (page and API then accept and refuse the same input, as
  ``core.procedure_api`` does for declared steps; the schema shows a serializer generated from
  the form), or a DRF serializer where the API takes a shape no page form has (nested items);
- ``call(user, cleaned_data)`` performs the service (which checks role and scope);
- the answer is ``Output`` of the new record, ``201``; a refusal is the API's one error shape.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from fazhi.core.procedure_api import ERROR_RESPONSES, form_error, serializer_from_form


def create_action(
    input_class: type,
    call: Callable[[Any, dict[str, Any]], Any],
    output: type[serializers.Serializer],
    name: str = "",
):
    """A viewset ``create``: validate ``input_class`` (a form or a serializer), then
    ``call(user, data)``; ``name`` names the schema's input when it is generated from a form."""
    is_form = issubclass(input_class, forms.BaseForm)
    schema_input = (
        serializer_from_form(input_class, f"{name or input_class.__name__}Input")
        if is_form
        else input_class
    )

    def validated(view, request: Request) -> dict[str, Any]:
        if is_form:
            form = input_class(data=request.data, files=request.FILES or None)
            if not form.is_valid():
                raise form_error(form)
            return form.cleaned_data
        data = input_class(data=request.data, context=view.get_serializer_context())
        data.is_valid(raise_exception=True)
        return dict(data.validated_data)

    @extend_schema(
        request=schema_input,
        responses={201: output, **ERROR_RESPONSES},
    )
    def create(self, request: Request) -> Response:
        record = call(request.user, validated(self, request))
        return Response(
            output(record, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    return create
