"""Glue between page forms and services, shared by every app's views."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

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


# The empty choice of every choice list, on every staff, portal and admin form. Django gives
# "---------" (BLANK_CHOICE_DASH) or "- Select an option -" (BLANK_CHOICE_LABEL, the default
# ModelChoiceField.empty_label); core's ready() sets BLANK_CHOICE_LABEL and the renderer, which
# draws every form widget, renames what is left, so no form sets ``empty_label`` itself.
DJANGO_BLANK_LABELS = frozenset({"---------", "- Select an option -"})
EMPTY_CHOICE_LABEL = _("请选择")


def _is_django_blank(label: object) -> bool:
    text = str(label)
    return text in DJANGO_BLANK_LABELS or text == gettext("- Select an option -")


class FormRenderer(DjangoTemplates):
    """The project's form renderer (``FORM_RENDERER``): Django's template renderer, with the
    empty option of a select shown as "请选择"."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if isinstance(widget, dict):
            for _group, options, _index in widget.get("optgroups") or ():
                for option in options:
                    if option.get("value") in ("", None) and _is_django_blank(option.get("label")):
                        option["label"] = EMPTY_CHOICE_LABEL
        return super().render(template_name, context, request)
