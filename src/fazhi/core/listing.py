"""Lists over the big ledgers (issue 19): counts that do not scan a million rows and keyset
(cursor) pagination for the API.

*Counts.* ``ledger_count`` asks PostgreSQL's planner for the list query's row estimate (one
``EXPLAIN``, no rows read). Below ``EXACT_BELOW`` rows the exact ``COUNT(*)`` is cheap and is
taken instead, so a town's or a filtered list is exact; above it the estimate is shown as such
(“约 …”) unless the user asks for the exact figure. SQLite always counts exactly.

*Keyset pagination.* ``LedgerPagination`` keeps page numbers (the default, with ``count``) and
adds a cursor mode the client selects with ``?cursor=`` (empty for the first page): the next page
starts after the last row's ordering values, so page 10,000 costs what page 1 costs and no count
is taken. The ordering is the model's default one and must end with a unique field (the id).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from fazhi.core.api_support import Pagination
from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import ValidationFailed

# Below this estimate the exact count is taken (an index-only count of 10,000 rows is ~1 ms).
EXACT_BELOW = 10_000

TRUE_VALUES = {"1", "true", "yes", "on"}


def estimated_count(queryset: QuerySet) -> int | None:
    """The planner's row estimate for the queryset on PostgreSQL, ``None`` elsewhere."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    try:
        sql, params = queryset.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # a filter that can match nothing (``none()``, ``pk__in=[]``)
        return 0
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


@dataclass(frozen=True)
class LedgerCount:
    value: int
    exact: bool


def ledger_count(queryset: QuerySet, *, exact: bool = False) -> LedgerCount:
    """The list's row count: exact on request, when small, or off PostgreSQL; else estimated."""
    if not isinstance(queryset, QuerySet):  # a list already in memory
        return LedgerCount(len(queryset), exact=True)
    if not exact:
        estimate = estimated_count(queryset)
        if estimate is not None and estimate >= EXACT_BELOW:
            return LedgerCount(estimate, exact=False)
    return LedgerCount(queryset.count(), exact=True)


def wants_exact(params: Any) -> bool:
    return str(params.get("exact_count", "")).lower() in TRUE_VALUES


class LedgerPaginator(Paginator):
    """A page paginator for the big ledgers' pages: the count is estimated when large.

    ``estimated`` tells the pager template to say “约” and offer the exact count."""

    def __init__(self, object_list, per_page, *, exact: bool = False, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._exact = exact

    @cached_property
    def ledger_count(self) -> LedgerCount:
        return ledger_count(self.object_list, exact=self._exact)  # type: ignore[arg-type]

    @cached_property
    def count(self) -> int:
        return self.ledger_count.value

    @property
    def estimated(self) -> bool:
        return not self.ledger_count.exact


def ledger_page(request, queryset: QuerySet, per_page: int):
    """The requested page of a big ledger's list page (``?exact_count=1`` for the exact total)."""
    paginator = LedgerPaginator(queryset, per_page, exact=wants_exact(request.GET))
    return paginator.get_page(request.GET.get("page"))


# --- keyset pagination -----------------------------------------------------------------------


def _ordering(model: type[Model]) -> list[tuple[str, bool]]:
    """The model's default ordering as (field name, descending), ending with a unique field."""
    fields = [
        (name[1:], True) if name.startswith("-") else (name, False)
        for name in model._meta.ordering or ()
        if isinstance(name, str)
    ]
    if not fields:
        raise ValueError(f"{model.__name__} has no default ordering for keyset pagination")
    for name, _desc in fields:
        field = model._meta.get_field(name)
        if "__" in name or getattr(field, "null", False):
            raise ValueError(f"{model.__name__}.{name}: keyset fields must be own, non-null")
    last = model._meta.get_field(fields[-1][0])
    if not (getattr(last, "primary_key", False) or getattr(last, "unique", False)):
        raise ValueError(f"{model.__name__}: the ordering must end with a unique field")
    return fields


def _encode(values: list[Any]) -> str:
    text = json.dumps([None if v is None else str(v) for v in values], separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _decode(model: type[Model], ordering: list[tuple[str, bool]], cursor: str) -> list[Any]:
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(raw, list) or len(raw) != len(ordering):
            raise ValueError
        values = []
        for (name, _desc), text in zip(ordering, raw, strict=True):
            field = model._meta.get_field(name)
            target = getattr(field, "target_field", field)  # a foreign key: its key's type
            values.append(target.to_python(text))  # type: ignore[union-attr]
        return values
    except (ValueError, TypeError, binascii.Error, DjangoValidationError) as error:
        raise ValidationFailed(
            CoreErrorCode.INVALID, _("翻页游标无效，请从第一页重新开始。"), field="cursor"
        ) from error


def after(queryset: QuerySet, ordering: list[tuple[str, bool]], values: list[Any]) -> QuerySet:
    """Rows strictly after ``values`` in ``ordering``.

    The leading ``first <= v`` (or ``>=``) is redundant with the lexicographic condition but is
    what lets the database start its index scan at the cursor instead of filtering from the top.
    """
    (first, first_desc), first_value = ordering[0], values[0]
    queryset = queryset.filter(**{f"{first}__{'lte' if first_desc else 'gte'}": first_value})
    condition = Q()
    equal: dict[str, Any] = {}
    for (name, desc), value in zip(ordering, values, strict=True):
        condition |= Q(**equal, **{f"{name}__{'lt' if desc else 'gt'}": value})
        equal[name] = value
    return queryset.filter(condition)


def _values_of(obj: Model, ordering: list[tuple[str, bool]]) -> list[Any]:
    meta = obj._meta
    values = []
    for name, _desc in ordering:
        value = getattr(obj, meta.get_field(name).attname)  # type: ignore[union-attr]
        values.append(value.isoformat() if hasattr(value, "isoformat") else value)
    return values


class LedgerPagination(Pagination):
    """Page numbers by default (``count`` estimated when large, ``count_exact`` says which;
    ``?exact_count=1`` for the exact figure); ``?cursor=`` selects keyset pagination."""

    cursor_query_param = "cursor"

    def paginate_queryset(self, queryset, request, view=None):
        self.cursor_mode = self.cursor_query_param in request.query_params
        if not self.cursor_mode:
            self.exact = wants_exact(request.query_params)
            return super().paginate_queryset(queryset, request, view)
        if request.query_params.get("ordering"):
            raise ValidationFailed(
                CoreErrorCode.INVALID,
                _("游标翻页按台账的默认顺序，不能同时指定排序。"),
                field="ordering",
            )
        self.request = request
        model = queryset.model
        ordering = _ordering(model)
        size = self.get_page_size(request) or 50
        cursor = request.query_params.get(self.cursor_query_param, "")
        if cursor:
            queryset = after(queryset, ordering, _decode(model, ordering, cursor))
        queryset = queryset.order_by(*[f"-{n}" if d else n for n, d in ordering])
        rows = list(queryset[: size + 1])
        self.next_cursor = (
            _encode(_values_of(rows[size - 1], ordering)) if len(rows) > size else None
        )
        return rows[:size]

    def django_paginator_class(self, object_list, per_page, **kwargs):  # type: ignore[override]
        return LedgerPaginator(object_list, per_page, exact=self.exact, **kwargs)

    def get_next_link(self):
        if not getattr(self, "cursor_mode", False):
            return super().get_next_link()
        if self.next_cursor is None:
            return None
        assert self.request is not None
        return replace_query_param(
            self.request.build_absolute_uri(), self.cursor_query_param, self.next_cursor
        )

    def get_paginated_response(self, data) -> Response:
        if self.cursor_mode:
            return Response(OrderedDict([("next", self.get_next_link()), ("results", data)]))
        assert self.page is not None
        paginator = self.page.paginator
        assert isinstance(paginator, LedgerPaginator)
        return Response(
            OrderedDict(
                [
                    ("count", paginator.count),
                    ("count_exact", not paginator.estimated),
                    ("next", self.get_next_link()),
                    ("previous", self.get_previous_link()),
                    ("results", data),
                ]
            )
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["results"],
            "properties": {
                "count": {
                    "type": "integer",
                    "description": "page-number mode only: rows in the list, estimated when "
                    "count_exact is false",
                    "example": 123,
                },
                "count_exact": {
                    "type": "boolean",
                    "description": "page-number mode only: false when count is the "
                    "planner's estimate (ask ?exact_count=1)",
                },
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "previous": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "page-number mode only",
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            *super().get_schema_operation_parameters(view),
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "keyset pagination: empty for the first page, then the cursor "
                "in the previous answer's next link (no count; default order only)",
                "schema": {"type": "string"},
            },
            {
                "name": "exact_count",
                "required": False,
                "in": "query",
                "description": "page-number mode: count exactly even when the list is large",
                "schema": {"type": "boolean"},
            },
        ]
