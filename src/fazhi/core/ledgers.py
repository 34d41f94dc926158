"""List pages (台账) of every app: one way to show records the user may see.

A ledger page is a table of records with a search box, drop-down filters, pagination, an empty
state in Chinese and an Excel export of exactly the columns on screen. A view does three things:

1. reads the query (``search_term``, ``choice`` / ``Filter.from_request``);
2. asks the app's **selector** for the rows, passing ``user=request.user`` so the queryset is
   already limited to the caller's scope (a ledger never filters by scope itself: the selector
   that serves the page also serves the API and the record page);
3. returns ``ledger(request, rows=..., title=..., columns=[Column(...), ...], filename=...)``.

``?export=xlsx`` on the same URL returns the same rows (not just the page shown, at most
``EXPORT_LIMIT``) as an XLSX file through ``core.exports.xlsx_response``, named by the Chinese
title and today's date (``学法培训-20260107.xlsx``); ``filename`` only says in code what the
export is. Booleans become 是/否, records their name, ``None`` an empty cell.

Record pages built on a ledger (a training session and its sign-ins) pass ``template`` naming a
template that extends ``core/ledger.html`` and fills its ``before``/``after`` blocks.

Also here: ``staff_required`` (the staff-only page decorator), ``create_page`` (a create form
that calls a service and shows a refusal on its field) and ``record_page`` (a record's facts,
declared steps and timeline). The API twin is ``core.ledger_api``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import PermissionDenied
from fazhi.core.exports import xlsx_response
from fazhi.core.forms import submit
from fazhi.core.listing import ledger_page
from fazhi.core.scoping import scope_for
from fazhi.core.selectors import domain_events_for

PAGE_SIZE = 50
EXPORT_LIMIT = 50000


@dataclass(frozen=True)
class Column:
    """One column: its header, the cell's value for a row and, optionally, the cell's link."""

    header: Any
    value: Callable[[Any], Any]
    link: Callable[[Any], str | None] | None = None


@dataclass(frozen=True)
class Filter:
    """A drop-down of the toolbar: ``?name=value``, ``value`` being the one chosen ("" = all)."""

    name: str
    label: Any
    choices: Sequence[tuple[Any, Any]]
    value: str = ""

    @classmethod
    def from_request(
        cls, request: HttpRequest, name: str, label: Any, choices: Sequence[tuple[Any, Any]]
    ) -> Filter:
        """The filter with the value the query names, if it is one of the choices."""
        return cls(name, label, choices, choice(request, name, [str(v) for v, _l in choices]))


def search_term(request: HttpRequest) -> str:
    """The search box's text (``?q=``), trimmed."""
    return request.GET.get("q", "").strip()


def choice(request: HttpRequest, name: str, values: Iterable[Any]) -> str:
    """``?name=`` if it is one of ``values``, else "" (all): a bad value never reaches a query."""
    value = request.GET.get(name, "")
    return value if value in {str(v) for v in values} else ""


def cell(value: Any) -> Any:
    """A value as a cell shows it (on the page and in the export)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, Model):
        return str(value)
    return value


def ledger(
    request: HttpRequest,
    *,
    rows,
    title: Any,
    columns: Sequence[Column],
    filename: str = "",
    search: str | None = None,
    search_hint: Any = "",
    filters: Sequence[Filter] = (),
    actions: Sequence[tuple[Any, str]] = (),
    extra: dict[str, Any] | None = None,
    template: str = "core/ledger.html",
    base: str = "base.html",
    intro: Any = "",
    empty: Any = "",
    exportable: bool = True,
) -> HttpResponse:
    """Render ``rows`` (a scoped queryset or a list) as a paginated table, or XLSX on
    ``?export=xlsx``.

    ``actions`` are (label, url) buttons of the toolbar; ``empty`` is what an empty ledger says
    when nothing is searched or filtered ("暂无记录。" if not given; when something is searched
    or filtered: "没有符合条件的记录。");
    ``exportable=False`` for a ledger that must not leave the system in bulk (wills).
    """
    if search is None:
        search = search_term(request)
    if exportable and request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename=filename or "ledger.xlsx",
            title=str(title),
            headers=[str(c.header) for c in columns],
            rows=([cell(c.value(r)) for c in columns] for r in rows[:EXPORT_LIMIT]),
        )
    # A big ledger shows an estimated total on PostgreSQL unless the user asks for the exact one.
    page = ledger_page(request, rows, PAGE_SIZE)
    querystring = request.GET.copy()
    querystring.pop("page", None)
    querystring.pop("export", None)
    table = [
        [(cell(c.value(r)), (c.link(r) or "") if c.link else "") for c in columns]
        for r in page.object_list
    ]
    narrowed = bool(search) or any(f.value for f in filters)
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
        "exportable": exportable,
        "base": base,
        "intro": intro,
        "empty": _("没有符合条件的记录。") if narrowed else (empty or _("暂无记录。")),
    }
    context.update(extra or {})
    return render(request, template, context)


# --- the rest of a list's pages ----------------------------------------------------------------


def require_staff(request: HttpRequest) -> None:
    """Refuse a page of the staff side to a citizen or company account."""
    if not scope_for(request.user).is_staff_user:
        raise PermissionDenied(CoreErrorCode.FORBIDDEN_ROLE, _("此页面仅供工作人员使用。"))


def staff_required(view):
    """Decorator: a logged-in staff user only (else the login page, or 403 for a citizen)."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        require_staff(request)
        return view(request, *args, **kwargs)

    return wrapped


def create_page(
    request: HttpRequest,
    form: Any,
    call: Callable[[dict[str, Any]], Any],
    title: Any,
    success: Callable[[Any], str],
) -> HttpResponse:
    """A staff create page: the form, then ``call(cleaned_data)`` (the service); a refusal shows
    on its field (400), a success goes to ``success(record)``."""
    require_staff(request)
    if request.method == "POST" and form.is_valid():
        record = submit(form, lambda: call(form.cleaned_data))
        if record is not None:
            messages.success(request, _("已保存。"))
            return redirect(success(record))
    return render(
        request,
        "core/form.html",
        {"form": form, "title": title},
        status=400 if form.errors else 200,
    )


def record_page(
    request: HttpRequest,
    template: str,
    record: Any,
    title: Any,
    facts: Sequence[tuple[Any, Any]],
    procedure_key: str,
    history_key: str,
    **extra: Any,
) -> HttpResponse:
    """A record's page: its facts, its declared steps (``{% transitions %}`` on
    ``procedure_key``), its timeline and a link to its change history (``history_key``)."""
    context = {
        "record": record,
        "title": title,
        "facts": facts,
        "procedure_key": procedure_key,
        "history_key": history_key,
        "events": domain_events_for(record),
    }
    context.update(extra)
    return render(request, template, context)
