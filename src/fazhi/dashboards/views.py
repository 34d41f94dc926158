"""The leader's dashboard: key figures beside last year, towns compared, clocks across modules,
and charts (ECharts, vendored) each with its table, drill-down to records and XLSX export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.exports import xlsx_response
from fazhi.core.models import Organization
from fazhi.core.scoping import STAFF_ROLES, require_role, scope_for
from fazhi.dashboards import cache_keys, selectors
from fazhi.dashboards.charts import CHARTS

PAGE_SIZE = 50


def _year(request: HttpRequest) -> int:
    value = request.GET.get("year", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return timezone.localdate().year - 1


def _staff(user) -> None:
    require_role(user, *STAFF_ROLES)


def _chart(chart, year: int, scope) -> dict:
    data = chart.compute(year, scope)
    return {
        "key": chart.key,
        "data_id": f"{chart.key}-data",
        "title": chart.title,
        "series": [(key, label) for key, label, _v in data.series],
        "table": [
            (value, label, [(key, values[i]) for key, _l, values in data.series])
            for i, (value, label) in enumerate(data.categories)
        ],
        "json": {
            "categories": [label for _v, label in data.categories],
            "values": [value for value, _l in data.categories],
            "series": [
                {"key": key, "name": label, "data": values} for key, label, values in data.series
            ],
        },
    }


def _params(request: HttpRequest):
    _staff(request.user)
    year = _year(request)
    scope = selectors.dashboard_scope(request.user, request.GET.get("scope", ""))
    return year, scope


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The page itself: the toolbar and the clocks (one grouped query); the figures, the towns
    and every chart load after it, each from its own fragment (``hx-trigger="load"``), each
    cached per (scope, year) until a record of an app with figures changes."""
    year, scope = _params(request)
    if request.GET.get("refresh") == "1":
        cache_keys.invalidate()
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
            "scopes": readable.only("code", "name").order_by("path")[:200],
            "clocks": selectors.clock_summary(request.user, scope),
            "charts": list(CHARTS.values()),
            "areas": selectors.areas(),
        },
    )


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    """Every registered figure (of ``?area=<app>``) for the year beside the previous year
    (fragment): one request per area, so no single answer waits for every figure."""
    year, scope = _params(request)
    area = request.GET.get("area", "")
    if area and area not in dict(selectors.areas()):
        raise Http404
    part = cache_keys.cached(
        f"figures:{area}", scope, year, lambda: selectors.key_figures(year, scope, area)
    )
    return render(
        request,
        "dashboards/_figures.html",
        {
            "year": year,
            "scope": scope,
            "figures": part.value,
            "computed_at": part.computed_at,
            "area": area,
        },
    )


@login_required
def towns(request: HttpRequest) -> HttpResponse:
    """The town-by-town comparison (fragment)."""
    year, scope = _params(request)
    part = cache_keys.cached("towns", scope, year, lambda: selectors.town_comparison(year, scope))
    town_list, rows = part.value
    return render(
        request,
        "dashboards/_towns.html",
        {"year": year, "scope": scope, "towns": town_list, "town_rows": rows},
    )


@login_required
def chart(request: HttpRequest, key: str) -> HttpResponse:
    """One chart (fragment): its ECharts data, table view with drill-down links and export;
    ``?format=json`` answers the data alone."""
    chart = CHARTS.get(key)
    if chart is None:
        raise Http404
    year, scope = _params(request)
    part = cache_keys.cached(f"chart:{key}", scope, year, lambda: _chart(chart, year, scope))
    if request.GET.get("format") == "json":
        return JsonResponse(part.value["json"])
    return render(
        request,
        "dashboards/_chart.html",
        {"year": year, "scope": scope, "chart": part.value, "computed_at": part.computed_at},
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
