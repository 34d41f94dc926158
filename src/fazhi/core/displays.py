"""Faster ``get_FOO_display``: the choices' value→label dict built once per field.

Django's ``Model._get_FIELD_display`` rebuilds ``dict(make_hashable(field.flatchoices))`` on
every call, and hashing the lazy Chinese labels forces a translation each time: a list page of
50 rows with a few choice columns spent about a third of its CPU there (issue 19,
``benchmarks/web/requests_profile.py``).  The labels stay lazy in the cached dict, so the label
is still translated in the request's language when it is rendered.  Fields whose choices are
computed (a callable) keep Django's behaviour.
"""

from __future__ import annotations

from functools import partialmethod
from typing import Any

from django.apps import apps
from django.db.models import Field, Model
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

_original = Model._get_FIELD_display  # type: ignore[attr-defined]


def _choices(field: Field) -> dict[Any, Any]:
    cached = field.__dict__.get("_fazhi_choices")
    if cached is None:
        cached = dict(make_hashable(field.flatchoices))
        if isinstance(field.choices, list | tuple):
            field._fazhi_choices = cached  # type: ignore[attr-defined]
    return cached


def _get_field_display(self: Model, field: Field) -> Any:
    value = getattr(self, field.attname)
    choices = _choices(field)
    try:
        label = choices.get(value, value)
    except TypeError:  # an unhashable value (a list in a JSON field)
        label = choices.get(make_hashable(value), value)
    return force_str(label, strings_only=True)


def install() -> None:
    """Point every model's generated ``get_FOO_display`` at the cached version (a model that
    defines its own ``get_FOO_display`` keeps it)."""
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.fields:
            if not field.choices:
                continue
            name = f"get_{field.name}_display"
            for klass in model.__mro__:
                if name in klass.__dict__:
                    current = klass.__dict__[name]
                    if isinstance(current, partialmethod) and current.func is _original:
                        setattr(klass, name, partialmethod(_get_field_display, field=field))
                    break
