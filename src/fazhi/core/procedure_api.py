"""The API side of declared procedures: ``POST …/{id}/<transition>/`` for every transition.

``with_transitions(procedure, ReadSerializer)`` decorates a viewset whose ``get_object`` is
scope-checked: it adds one DRF action per declared transition. The request is validated by the
transition's own form (so page and API accept and refuse exactly the same input); the OpenAPI
schema documents a serializer generated from that form, the record as the answer, and the error
shape for 400/403/404/409.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import cache
from typing import Any

from django import forms
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from fazhi.core.errors import ValidationFailed
from fazhi.core.handoffs import notify_next
from fazhi.core.procedures import Procedure, Transition


class ErrorSerializer(serializers.Serializer):
    """The one error shape of the API (``docs/api.md``)."""

    code = serializers.CharField()
    field = serializers.CharField(allow_null=True)
    detail = serializers.CharField()


ERROR_RESPONSES = {
    400: OpenApiResponse(ErrorSerializer, description="输入有误：field 指出哪一项"),
    403: OpenApiResponse(ErrorSerializer, description="角色或单位范围不允许"),
    404: OpenApiResponse(ErrorSerializer, description="记录不存在或不在您的范围内"),
    409: OpenApiResponse(ErrorSerializer, description="记录当前状态不允许此操作"),
}


def _serializer_field(form_field: forms.Field) -> serializers.Field:
    common: dict[str, Any] = {
        "required": form_field.required,
        "label": str(form_field.label) if form_field.label else None,
        "help_text": str(form_field.help_text) if form_field.help_text else None,
    }
    if isinstance(form_field, forms.BooleanField):
        return serializers.BooleanField(required=False, label=common["label"])
    if isinstance(form_field, forms.ModelMultipleChoiceField):
        return serializers.ListField(child=serializers.CharField(), **common)
    if isinstance(form_field, forms.ModelChoiceField):
        return serializers.CharField(
            **common,
            allow_null=not form_field.required,
        )
    if isinstance(form_field, forms.MultipleChoiceField):
        return serializers.MultipleChoiceField(choices=list(form_field.choices), **common)  # type: ignore[arg-type]
    if isinstance(form_field, forms.ChoiceField):
        choices = [(k, v) for k, v in form_field.choices if k != ""]  # type: ignore[union-attr,misc]
        # Described as text listing its values: a step's choices are often a subset of a model's
        # (or filled from the database), and one enum per form would collide in the schema.
        allowed = "；".join(f"{value}（{label}）" for value, label in choices)
        hint = f"{common['help_text'] or ''} 可选值：{allowed}".strip() if choices else None
        return serializers.CharField(
            allow_blank=not form_field.required,
            required=form_field.required,
            label=common["label"],
            help_text=hint,
        )
    if isinstance(form_field, forms.DateTimeField):
        return serializers.DateTimeField(**common, allow_null=not form_field.required)
    if isinstance(form_field, forms.DateField):
        return serializers.DateField(**common, allow_null=not form_field.required)
    if isinstance(form_field, forms.DecimalField):
        return serializers.DecimalField(
            max_digits=form_field.max_digits,
            decimal_places=form_field.decimal_places,
            allow_null=not form_field.required,
            **common,
        )
    if isinstance(form_field, forms.IntegerField):
        return serializers.IntegerField(
            min_value=form_field.min_value,  # type: ignore[arg-type]
            max_value=form_field.max_value,  # type: ignore[arg-type]
            allow_null=not form_field.required,
            **common,
        )
    if isinstance(form_field, forms.FileField):
        return serializers.FileField(**common)
    return serializers.CharField(
        max_length=getattr(form_field, "max_length", None),
        allow_blank=not form_field.required,
        **common,
    )


@cache
def serializer_from_form(form_class: type[forms.Form], name: str) -> type[serializers.Serializer]:
    """A serializer with the form's fields, for the schema (the form itself validates)."""
    try:
        form = form_class()
    except TypeError:  # a form that needs keyword arguments: declare its fields without them
        form = form_class.__new__(form_class)
        form.fields = dict(form_class.base_fields)
    # Every field the form may take: those it declares (some are dropped at run time for
    # records they do not apply to) and those it adds when built.
    fields = {**form_class.base_fields, **form.fields}
    for name in fields.keys() - form.fields.keys():  # only for some records: never required
        fields[name] = copy.copy(fields[name])
        fields[name].required = False
    attrs: dict[str, Any] = {
        field_name: _serializer_field(field) for field_name, field in fields.items()
    }
    attrs["__doc__"] = form_class.__doc__ or ""
    return type(name, (serializers.Serializer,), attrs)


def _camel(text: str) -> str:
    return "".join(part.capitalize() for part in text.replace(".", "_").split("_"))


def form_error(form: forms.BaseForm) -> ValidationFailed:
    """The first error of the form in the API's error shape, naming the field."""
    for field_name, errors in form.errors.as_data().items():
        error = errors[0]
        message = error.messages[0] if error.messages else str(error)
        return ValidationFailed(
            error.code or "invalid",
            message,
            field=None if field_name == "__all__" else field_name,
        )
    return ValidationFailed("invalid", "输入有误。")


def _endpoint(
    declared: Procedure, transition: Transition, output: type[serializers.Serializer]
) -> Callable[..., Response]:
    input_serializer = serializer_from_form(
        transition.form, f"{_camel(declared.key)}{_camel(transition.name)}Input"
    )

    def endpoint(self, request: Request, pk: str | None = None) -> Response:
        obj = self.get_object()
        # Who may take the step is answered before the input: no 400 that tells an outsider
        # what a valid request would look like (the page view does the same).
        if not declared.may(request.user, obj, transition):
            raise declared.forbidden(transition)
        data = request.data
        form = transition.make_api_form(request.user, obj, data, request.FILES or None)
        if not form.is_valid():
            raise form_error(form)
        declared.perform(
            transition.name,
            actor=request.user,
            obj=obj,
            data=form.cleaned_data,
            files=request.FILES,
        )
        obj.refresh_from_db()
        notify_next(declared, obj, actor=request.user)
        return Response(output(obj, context=self.get_serializer_context()).data)

    endpoint.__name__ = transition.name
    endpoint.__doc__ = str(transition.label)
    # The schema goes on after @action, which would otherwise overwrite it.
    return extend_schema(
        operation_id=f"{declared.key.replace('.', '_')}_{transition.name}",
        summary=str(transition.label),
        description=transition.description or str(transition.label),
        request=input_serializer,
        responses={200: output, **ERROR_RESPONSES},
    )(action(detail=True, methods=["post"], url_path=transition.url_path)(endpoint))


def with_transitions(declared: Procedure, output: type[serializers.Serializer]):
    """Class decorator: one POST action per declared transition on a scoped viewset."""

    def decorate(viewset: type) -> type:
        for transition in declared.transitions:
            if transition.name in viewset.__dict__:
                raise ValueError(f"{viewset.__name__} already defines {transition.name}")
            setattr(viewset, transition.name, _endpoint(declared, transition, output))
        return viewset

    return decorate
