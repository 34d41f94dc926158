"""Record history pages: which models show history, and how their changes read.

Apps register a model with the function that gives a record's organisation, so that the one
history page and API can check scope before showing anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import NotFound


@dataclass(frozen=True)
class HistorySubject:
    key: str
    model: type[models.Model]
    organization_of: Callable[[Any], Any]
    # Fields whose values are never shown (personal data): only that they changed.
    hidden_fields: frozenset[str] = frozenset()


_subjects: dict[str, HistorySubject] = {}


def register(
    model: type[models.Model],
    organization_of: Callable[[Any], Any],
    hidden_fields: frozenset[str] = frozenset(),
) -> None:
    key = f"{model._meta.app_label}.{model._meta.model_name}"
    _subjects[key] = HistorySubject(key, model, organization_of, hidden_fields)


def subject(key: str) -> HistorySubject:
    entry = _subjects.get(key)
    if entry is None:
        raise NotFound(CoreErrorCode.NOT_FOUND, _("该类记录没有历史页面。"), field="model")
    return entry


def key_for(instance: models.Model) -> str:
    return f"{instance._meta.app_label}.{instance._meta.model_name}"


def _display(instance: models.Model, field_name: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("是") if value else _("否")
    try:
        field = instance._meta.get_field(field_name)
    except FieldDoesNotExist:  # a history-only field
        return str(value)
    if getattr(field, "choices", None):
        return str(dict(getattr(field, "flatchoices", ())).get(value, value))
    if field.is_relation and field.related_model is not None:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else str(value)
    return str(value)


def changes(instance: models.Model) -> list[dict[str, Any]]:
    """Newest first: each history row with who, when, what kind, and field changes."""
    entry = _subjects.get(key_for(instance))
    hidden = entry.hidden_fields if entry else frozenset()
    manager = instance.history  # type: ignore[attr-defined]  # simple-history's manager
    rows = list(manager.select_related("history_user").order_by("-history_date", "-history_id"))
    out: list[dict[str, Any]] = []
    for index, row in enumerate(rows):
        previous = rows[index + 1] if index + 1 < len(rows) else None
        fields: list[dict[str, str]] = []
        if previous is not None:
            for change in row.diff_against(previous).changes:
                if change.field in hidden:
                    fields.append(
                        {
                            "field": change.field,
                            "label": _label(instance, change.field),
                            "old": "***",
                            "new": "***",
                        }
                    )
                    continue
                fields.append(
                    {
                        "field": change.field,
                        "label": _label(instance, change.field),
                        "old": _display(instance, change.field, change.old),
                        "new": _display(instance, change.field, change.new),
                    }
                )
        out.append(
            {
                "at": row.history_date.isoformat(),
                "user": row.history_user.get_username() if row.history_user else None,
                "type": {"+": "created", "~": "changed", "-": "deleted"}[row.history_type],
                "reason": row.history_change_reason or "",
                "fields": fields,
            }
        )
    return out


def _label(instance: models.Model, field_name: str) -> str:
    try:
        return str(getattr(instance._meta.get_field(field_name), "verbose_name", field_name))
    except FieldDoesNotExist:
        return field_name
