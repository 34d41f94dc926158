"""Public pages: the published annual catalogs, with each matter's progress and a link to
comment on its draft while the consultation is open (the commenting is the consultations page)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from fazhi.consultations import selectors as consultation_selectors
from fazhi.decisions import selectors


def catalog(request: HttpRequest, year: int | None = None) -> HttpResponse:
    catalogs = selectors.published_catalogs()
    years = list(catalogs.values_list("year", flat=True).distinct().order_by("-year"))
    if year is None and years:
        year = years[0]
    current = catalogs.filter(year=year).first() if year else None
    if year is not None and current is None:
        raise Http404
    rows = []
    if current is not None:
        for entry in selectors.published_entries(current):
            decision = getattr(entry, "decision", None)
            consultation = consultation_selectors.consultation_for(decision) if decision else None
            participation = decision.participation[0] if decision else None
            rows.append(
                {
                    "entry": entry,
                    "decision": decision,
                    "consultation": consultation,
                    # 第15条: a shortened period is explained to the public where it is announced.
                    "shortened_reason": participation.shortened_reason if participation else "",
                }
            )
    return render(
        request,
        "decisions/portal_catalog.html",
        {"catalog": current, "rows": rows, "years": years, "today": timezone.localdate()},
    )
