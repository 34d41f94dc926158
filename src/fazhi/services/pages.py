"""Page helpers shared by the staff and portal views: a paginated, searchable, exportable list
and a form page that shows a service's refusal next to the field at fault."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.core.errors import ApplicationError
from fazhi.core.exports import xlsx_response
from fazhi.core.forms import apply_error
from fazhi.core.listing import ledger_page

PAGE_SIZE = 50
EXPORT_LIMIT = 20000


def list_page(
    request: HttpRequest,
    *,
    title: Any,
    queryset,
    headers: Sequence[Any],
    row: Callable[[Any], Sequence[tuple[Any, str | None]]],
    export: str = "",
    filters: Iterable[tuple[str, Any, Any, str]] = (),
    links: Iterable[tuple[str, Any]] = (),
    base: str = "base.html",
    intro: Any = "",
    empty: Any = "",
) -> HttpResponse:
    if export and request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename=f"{export}.xlsx",
            title=str(title),
            headers=[str(h) for h in headers],
            rows=([text for text, _url in row(obj)] for obj in queryset[:EXPORT_LIMIT]),
        )
    page = ledger_page(request, queryset, PAGE_SIZE)
    querystring = request.GET.copy()
    querystring.pop("page", None)
    querystring.pop("export", None)
    return render(
        request,
        "services/list.html",
        {
            "title": title,
            "page": page,
            "rows": [row(obj) for obj in page.object_list],
            "headers": headers,
            "search": request.GET.get("q", ""),
            "filters": list(filters),
            "links": list(links),
            "export": bool(export),
            "querystring": querystring.urlencode(),
            "base": base,
            "intro": intro,
            "empty": empty,
        },
    )


def form_page(
    request: HttpRequest,
    *,
    form,
    title: Any,
    call: Callable[[dict[str, Any]], HttpResponse],
    base: str = "base.html",
    intro: Any = "",
    submit: Any = "",
) -> HttpResponse:
    """Validate the form, call the service; a refusal (but a 403) is shown on the form."""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                return call(form.cleaned_data)
            except ApplicationError as error:
                if error.status == 403:
                    raise
                apply_error(form, error)
                status = error.status
        else:
            status = 400
    return render(
        request,
        "services/form.html",
        {"form": form, "title": title, "base": base, "intro": intro, "submit": submit},
        status=status,
    )
