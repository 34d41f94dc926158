"""The public database of issued normative documents: search, filter by unit, year, validity."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from fazhi.core.models import Organization
from fazhi.core.params import parse_year
from fazhi.normdocs import selectors
from fazhi.normdocs.models import Validity

PAGE_SIZE = 20


def database(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    search = request.GET.get("q", "").strip()
    unit_code = request.GET.get("unit", "")
    unit = Organization.objects.filter(code=unit_code).first() if unit_code else None
    year = request.GET.get("year", "")
    validity = request.GET.get("validity", "")
    if validity not in Validity.values:
        validity = ""
    queryset = selectors.public_documents(
        today=today,
        search=search,
        unit=unit,
        year=parse_year(year),
        validity=validity,
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    for row in page:
        row.validity_label = Validity(row.validity).label
    return render(
        request,
        "normdocs/portal/database.html",
        {
            "page": page,
            "search": search,
            "unit": unit_code,
            "year": year,
            "validity": validity,
            "units": selectors.public_units(),
            "years": selectors.public_years(),
            "validities": Validity.choices,
            "querystring": f"q={search}&unit={unit_code}&year={year}&validity={validity}",
        },
    )


def document(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.public_document(pk=pk, today=timezone.localdate())
    found.validity_label = Validity(found.validity).label
    return render(request, "normdocs/portal/document.html", {"document": found})
