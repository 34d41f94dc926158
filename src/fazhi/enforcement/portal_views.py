"""Public pages: the exemption list (any date) and published penalty decisions."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.enforcement import selectors
from fazhi.enforcement.views import PAGE_SIZE, _querystring, exemption_context


def exemption_list(request: HttpRequest) -> HttpResponse:
    return render(request, "enforcement/portal_exemptions.html", exemption_context(request))


def publicity_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    page = Paginator(selectors.publicity_list(search=search), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "enforcement/portal_publicity.html",
        {"page": page, "search": search, "querystring": _querystring(request)},
    )
