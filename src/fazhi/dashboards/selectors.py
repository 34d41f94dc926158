"""The dashboard's reads: key figures beside the previous year, per-town comparisons, and the
clocks of every module (overdue and due soon), all within the user's readable scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import deadlines, indicators
from fazhi.core.domain.rates import Rate
from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import NotFound
from fazhi.core.models import Clock, ClockStatus, Organization
from fazhi.core.scoping import scope_for

AREAS = {
    "grassroots": "基层法治",
    "people": "执法队伍",
    "learning": "学法用法",
    "publicity": "普法宣传",
    "review": "智能预审",
    "normdocs": "行政规范性文件",
    "decisions": "重大行政决策",
    "enforcement": "行政执法",
    "supervision": "执法监督",
    "disputes": "人民调解",
    "reconsideration": "行政复议",
    "litigation": "行政应诉",
    "services": "政务与法律服务",
    "evidence": "电子存证",
}
# The figures compared town by town (those whose records carry a town).
TOWN_KEYS = [
    "disputes.mediation_cases",
    "disputes.mediation_success_rate",
    "grassroots.villages",
    "grassroots.village_groups",
]
DUE_SOON_DAYS = 7


def dashboard_scope(user, code: str = "") -> Organization:
    """The organisation the dashboard shows: the one asked for if readable, else the user's."""
    scope = scope_for(user)
    if code:
        organization = Organization.objects.filter(code=code).first()
        if organization is None or not scope.can_read(organization):
            raise NotFound(CoreErrorCode.NOT_FOUND, _("单位不存在或不在您的单位范围内。"))
        return organization
    if scope.reads_all:
        root = Organization.objects.filter(kind="city_government").order_by("path").first()
        if root is not None:
            return root
    paths = sorted(p for paths in scope.paths_by_role.values() for p in paths)
    organization = Organization.objects.filter(path__in=paths[:1]).first()
    if organization is None:
        raise NotFound(CoreErrorCode.NOT_FOUND, _("您没有可查看的单位。"))
    return organization


@dataclass
class KeyFigure:
    key: str
    name: str
    unit: str
    definition: str
    value: int | Decimal | None
    previous: int | Decimal | None

    @property
    def change(self) -> int | Decimal | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


def areas() -> list[tuple[str, str]]:
    """``(app, area name)`` of every app that registers figures, in the dashboard's order."""
    apps = {indicator.app for indicator in indicators.all_indicators()}
    order = list(AREAS)
    return [
        (app, AREAS.get(app, app))
        for app in sorted(apps, key=lambda a: (order.index(a) if a in order else len(order), a))
    ]


def key_figures(year: int, scope: Organization, area: str = "") -> dict[str, list[KeyFigure]]:
    """Every registered figure (of one area's app, if given) for the year and the one before,
    grouped by area."""
    grouped: dict[str, list[KeyFigure]] = {}
    for indicator in indicators.all_indicators():
        if area and indicator.app != area:
            continue
        now = indicators.evaluate(indicator, year, scope).value
        before = indicators.evaluate(indicator, year - 1, scope).value
        grouped.setdefault(AREAS.get(indicator.app, indicator.app), []).append(
            KeyFigure(
                indicator.key, indicator.name, indicator.unit, indicator.definition, now, before
            )
        )
    return grouped


def towns_under(scope: Organization) -> list[Organization]:
    return list(
        Organization.objects.filter(path__startswith=scope.path, kind="town").order_by("path")
    )


def count_by_town(
    queryset: QuerySet, path_field: str, towns: list[Organization], numerator: Q | None = None
) -> dict[str, tuple[int, int]] | None:
    """``{town path: (records, records in the numerator)}`` in one grouped query: a record
    belongs to the town whose path starts its organisation's path (paths are fixed-width
    segments, so the town's is the first ``len(town.path)`` characters). ``None`` when the
    towns' paths differ in length (no single prefix to group by)."""
    lengths = {len(town.path) for town in towns}
    if len(lengths) != 1:
        return None
    rows = (
        queryset.order_by()
        .annotate(_town=Substr(path_field, 1, lengths.pop()))
        .values("_town")
        .annotate(
            n=Count("pk"), k=Count("pk", filter=numerator) if numerator is not None else Count("pk")
        )
    )
    return {row["_town"]: (row["n"], row["k"]) for row in rows}


def _town_values(key: str, year: int, scope: Organization, towns: list[Organization]):
    """One figure for every town: grouped over the records the figure declares (one query),
    else evaluated town by town."""
    indicator = indicators.get(key)
    assert indicator is not None
    declared = indicators.records(key, year, scope)
    if declared is not None:
        path = f"{declared.organization}__path" if declared.organization else "path"
        counts = count_by_town(declared.queryset, path, towns, declared.numerator)
        if counts is not None:
            values: list[object] = []
            for town in towns:
                total, hits = counts.get(town.path, (0, 0))
                values.append(Rate(hits, total).percent if declared.numerator else total)
            return values
    return [indicators.evaluate(indicator, year, town).value for town in towns]


def town_comparison(year: int, scope: Organization) -> tuple[list[Organization], list[dict]]:
    towns = towns_under(scope)
    rows = []
    for key in TOWN_KEYS:
        indicator = indicators.get(key)
        if indicator is None or not towns:
            continue
        rows.append(
            {
                "key": key,
                "name": indicator.name,
                "unit": indicator.unit,
                "values": _town_values(key, year, scope, towns),
            }
        )
    return towns, rows


@dataclass
class ClockSummary:
    clock_type: str
    name: str
    running: int
    overdue: int
    due_soon: int


def clock_summary(user, scope: Organization) -> list[ClockSummary]:
    today = timezone.localdate()
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    clocks = (
        scope_for(user)
        .filter(Clock.objects.filter(organization__path__startswith=scope.path))
        .exclude(status=ClockStatus.STOPPED)
    )
    rows = (
        clocks.values("clock_type")
        .annotate(
            running=Count("pk"),
            overdue=Count("pk", filter=Q(due_date__lt=today)),
            due_soon=Count("pk", filter=Q(due_date__gte=today, due_date__lte=soon)),
        )
        .order_by("-overdue", "clock_type")
    )
    result = []
    for row in rows:
        clock_type = deadlines.get(row["clock_type"])
        result.append(
            ClockSummary(
                row["clock_type"],
                clock_type.name if clock_type else row["clock_type"],
                row["running"],
                row["overdue"],
                row["due_soon"],
            )
        )
    return result
