"""One way to show a ledger page: search, pagination, Excel export of the same columns, and an
empty state — so every list of learning and grassroots behaves alike. (Grassroots uses it too:
it is a presentation helper, not a domain dependency.)"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.core.exports import xlsx_response

PAGE_SIZE = 50
EXPORT_LIMIT = 50000


@dataclass(frozen=True)
class Column:
    header: Any
    value: Callable[[Any], Any]
    link: Callable[[Any], str] | None = None


@dataclass(frozen=True)
class Filter:
    name: str
    label: Any
    choices: Sequence[tuple[Any, Any]]
    value: str = ""


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Model):
        return str(value)
    return value


def ledger(
    request: HttpRequest,
    *,
    rows,
    title: Any,
    columns: Sequence[Column],
    filename: str,
    search: str = "",
    search_hint: Any = "",
    filters: Sequence[Filter] = (),
    actions: Sequence[tuple[Any, str]] = (),
    extra: dict[str, Any] | None = None,
    template: str = "learning/ledger.html",
) -> HttpResponse:
    """Render ``rows`` (a queryset or list) as a paginated table, or as XLSX on ``?export=xlsx``."""
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename=filename,
            title=str(title),
            headers=[str(c.header) for c in columns],
            rows=([_cell(c.value(r)) for c in columns] for r in rows[:EXPORT_LIMIT]),
        )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    querystring = request.GET.copy()
    querystring.pop("page", None)
    table = [
        [(_cell(c.value(r)), c.link(r) if c.link else "") for c in columns]
        for r in page.object_list
    ]
    context = {
        "title": title,
        "columns": columns,
        "table": table,
        "page": page,
        "search": search,
        "search_hint": search_hint,
        "filters": filters,
        "actions": actions,
        "querystring": querystring.urlencode(),
    }
    context.update(extra or {})
    return render(request, template, context)
