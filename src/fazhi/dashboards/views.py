"""The leader's dashboard: key figures beside last year, towns compared, clocks across modules,
and charts (ECharts, vendored) each with its table, drill-down to records and XLSX export."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.exports import xlsx_response
from fazhi.core.models import Organization
from fazhi.core.scoping import STAFF_ROLES, require_role, scope_for
from fazhi.dashboards import selectors
from fazhi.dashboards.charts import CHARTS

PAGE_SIZE = 50


def _year(request: HttpRequest) -> int:
    value = request.GET.get("year", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return timezone.localdate().year - 1


def _staff(user) -> None:
    require_role(user, *STAFF_ROLES)


def _charts(year: int, scope) -> list[dict]:
    charts = []
    for chart in CHARTS.values():
        data = chart.compute(year, scope)
        charts.append(
            {
                "key": chart.key,
                "title": chart.title,
                "data": data,
                "table": [
                    (value, label, [(key, values[i]) for key, _l, values in data.series])
                    for i, (value, label) in enumerate(data.categories)
                ],
                "json": {
                    "categories": [label for _v, label in data.categories],
                    "values": [value for value, _l in data.categories],
                    "series": [
                        {"key": key, "name": label, "data": values}
                        for key, label, values in data.series
                    ],
                },
            }
        )
    return charts


def _snapshot(year: int, scope, *, refresh: bool = False) -> dict:
    """The scope's figures and charts for the year, computed once per few minutes: ~150
    indicator evaluations take seconds, the page must open in well under one (the time of
    computation is shown, and ``?refresh=1`` recomputes)."""
    key = f"dashboards:{scope.pk}:{year}"
    snapshot = None if refresh else cache.get(key)
    if snapshot is None:
        towns, town_rows = selectors.town_comparison(year, scope)
        snapshot = {
            "figures": selectors.key_figures(year, scope),
            "towns": towns,
            "town_rows": town_rows,
            "charts": _charts(year, scope),
            "computed_at": timezone.now(),
        }
        cache.set(key, snapshot, getattr(settings, "FAZHI_DASHBOARD_CACHE_SECONDS", 300))
    return snapshot


@login_required
def index(request: HttpRequest) -> HttpResponse:
    _staff(request.user)
    year = _year(request)
    scope = selectors.dashboard_scope(request.user, request.GET.get("scope", ""))
    snapshot = _snapshot(year, scope, refresh=request.GET.get("refresh") == "1")
    readable = Organization.objects.exclude(kind__in=["village", "village_group"])
    user_scope = scope_for(request.user)
    if not user_scope.reads_all:
        readable = readable.filter(user_scope.q(""))
    return render(
        request,
        "dashboards/index.html",
        {
            "year": year,
            "scope": scope,
            "scopes": readable.order_by("path")[:200],
            "figures": snapshot["figures"],
            "towns": snapshot["towns"],
            "town_rows": snapshot["town_rows"],
            "computed_at": snapshot["computed_at"],
            "clocks": selectors.clock_summary(request.user, scope),
            "charts": snapshot["charts"],
            "chart_data": {c["key"]: c["json"] for c in snapshot["charts"]},
        },
    )


@login_required
def chart_export(request: HttpRequest, key: str) -> HttpResponse:
    _staff(request.user)
    chart = CHARTS.get(key)
    if chart is None:
        raise Http404
    year = _year(request)
    scope = selectors.dashboard_scope(request.user, request.GET.get("scope", ""))
    data = chart.compute(year, scope)
    return xlsx_response(
        filename=f"{chart.title}_{scope.name}_{year}.xlsx",
        title=chart.title,
        headers=[_("类别"), *(label for _k, label, _v in data.series)],
        rows=data.rows(),
    )


def _cell(record, path: str):
    value = record
    parts = path.split("__")
    for index, part in enumerate(parts):
        if value is None:
            return ""
        if index == len(parts) - 1 and hasattr(value, f"get_{part}_display"):
            return getattr(value, f"get_{part}_display")()
        value = getattr(value, part, "")
    return "" if value is None else value


@login_required
def chart_records(request: HttpRequest, key: str) -> HttpResponse:
    """The records behind one bar: the category (and series) clicked."""
    _staff(request.user)
    chart = CHARTS.get(key)
    if chart is None:
        raise Http404
    year = _year(request)
    scope = selectors.dashboard_scope(request.user, request.GET.get("scope", ""))
    category = request.GET.get("category", "")
    series = request.GET.get("series", "")
    records = scope_for(request.user).filter(
        chart.records(year, scope, category, series).order_by("pk")
    )
    headers = [label for _p, label in chart.columns]
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename=f"{chart.title}_{year}_明细.xlsx",
            title=chart.title,
            headers=headers,
            rows=([str(_cell(r, p)) for p, _l in chart.columns] for r in records[:50000]),
        )
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return render(
        request,
        "dashboards/records.html",
        {
            "chart": chart,
            "year": year,
            "scope": scope,
            "headers": headers,
            "rows": [[_cell(r, p) for p, _l in chart.columns] for r in page.object_list],
            "page": page,
            "querystring": querystring.urlencode(),
        },
    )
