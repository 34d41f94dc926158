"""Glue between page forms and services, shared by every app's views."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms

from fazhi.core.errors import ApplicationError


def apply_error(form: forms.BaseForm, error: ApplicationError) -> None:
    """Show a service's refusal on the field it names (or on the form as a whole)."""
    form.add_error(error.field if error.field in form.fields else None, str(error.message))


def submit[T](form: forms.BaseForm, call: Callable[[], T]) -> T | None:
    """Run a service for a form: a refusal shows on its field and returns None; a 403 becomes
    the error page (the middleware renders it)."""
    try:
        return call()
    except ApplicationError as error:
        if error.status == 403:
            raise
        apply_error(form, error)
        return None


def model_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """A form's model choice field, typed (to set its queryset for this request)."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    return field


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """A form's choice field, typed (to set its choices for this request)."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field
