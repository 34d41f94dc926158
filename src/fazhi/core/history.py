"""Record history pages: which models show history, and how their changes read.

Apps register a model with the function that gives a record's organisation, so that the one
history page and API can check scope before showing anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
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
# Labels of the codes stored in list (JSON) fields, e.g. circumstances: {"first_violation": "初次违法"}.
_value_labels: dict[tuple[str, str], Mapping[str, Any]] = {}


def register_value_labels(
    model: type[models.Model], field_name: str, labels: Mapping[str, Any]
) -> None:
    """Chinese labels for the codes a field holds (a list field without Django choices)."""
    _value_labels[(f"{model._meta.app_label}.{model._meta.model_name}", field_name)] = labels


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
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, dt.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{local:%Y-%m-%d %H:%M}"
    if isinstance(value, (list, tuple)):
        labels = _value_labels.get((key_for(instance), field_name), {})
        return "、".join(
            str(labels.get(item, _display(instance, field_name, item))) for item in value
        )
    if isinstance(value, dict):
        return "；".join(f"{k}：{_display(instance, field_name, v)}" for k, v in value.items())
    try:
        field = instance._meta.get_field(field_name)
    except FieldDoesNotExist:  # a history-only field
        return str(value)
    if getattr(field, "choices", None):
        return str(dict(getattr(field, "flatchoices", ())).get(value, value))
    codes = _value_labels.get((key_for(instance), field_name))
    if codes is not None and isinstance(value, str) and value in codes:
        return str(codes[value])
    if field.is_relation and field.related_model is not None:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else str(value)
    return str(value)


def changes(instance: models.Model) -> list[dict[str, Any]]:
    """Newest first: each history row with who, when, what kind, and field changes."""
    entry = _subjects.get(key_for(instance))
    hidden = entry.hidden_fields if entry else frozenset()
    manager = instance.history  # type: ignore[attr-defined]  # simple-history's manager
    rows = list(
        manager.select_related("history_user__person").order_by("-history_date", "-history_id")
    )
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
                "user_name": _person_name(row.history_user),
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


def _person_name(user) -> str | None:
    """The person behind an account, as colleagues know them (the account name otherwise)."""
    if user is None:
        return None
    person = getattr(user, "person", None)
    if person is not None and person.name:
        return str(person.name)
    return user.get_full_name() or user.get_username()
