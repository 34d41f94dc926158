"""Text reaches a column only if it fits: the shared length check (issue 17).

PostgreSQL refuses an over-long value with a DataError (a 500); SQLite stores it silently. Forms
and serializers built from model fields carry the column's ``max_length``; plain ones declare
it (``tests/security/test_lengths.py`` walks them all). Behind them, this module is the net:
every save of a model checks its character columns (``pre_save``, connected in
``CoreConfig.ready``) and answers a 400 naming the field; bulk imports call
``check_bulk_lengths`` before ``bulk_create`` (which sends no signal), refusing the whole file
with each over-long cell listed by row.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import ImportFailed, ValidationFailed


@cache
def column_limits(model: type[models.Model]) -> tuple[tuple[str, str, int, str], ...]:
    """(name, attname, max_length, label) of each character column of ``model``."""
    return tuple(
        (f.name, f.attname, f.max_length, str(f.verbose_name))
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField) and f.max_length
    )


def length_problems(instance: models.Model) -> list[tuple[str, int, str]]:
    """(field, max_length, label) for each character value of ``instance`` too long for its
    column."""
    problems = []
    for name, attname, limit, label in column_limits(type(instance)):
        value = getattr(instance, attname, None)
        if isinstance(value, str) and len(value) > limit:
            problems.append((name, limit, label))
    return problems


def too_long_message(label: str, limit: int) -> str:
    return _("“%(label)s”不得超过%(max)s个字符。") % {"label": label, "max": limit}


def check_lengths(instance: models.Model) -> None:
    for name, limit, label in length_problems(instance)[:1]:
        raise ValidationFailed(CoreErrorCode.TOO_LONG, too_long_message(label, limit), field=name)


def check_bulk_lengths(
    objects: Sequence[models.Model],
    *,
    first_row: int = 2,
    row_numbers: Sequence[int] | None = None,
) -> None:
    """Before a bulk insert: refuse the whole import if any value is too long, listing each
    (row numbers count from ``first_row``, the sheet's first data row, unless ``row_numbers``
    gives each object's row)."""
    rows: list[dict[str, Any]] = []
    numbers = row_numbers or range(first_row, first_row + len(objects))
    for number, instance in zip(numbers, objects, strict=True):
        for name, limit, label in length_problems(instance):
            rows.append({"row": number, "field": name, "detail": too_long_message(label, limit)})
    if rows:
        raise ImportFailed(
            _("有 %(count)s 处内容超过长度限制，未导入任何一行。") % {"count": len(rows)}, rows
        )


def _check_on_save(sender, instance, raw: bool = False, **kwargs: Any) -> None:
    if not raw:  # fixtures load as they are
        check_lengths(instance)


def install() -> None:
    models.signals.pre_save.connect(_check_on_save, dispatch_uid="fazhi_column_lengths")
