"""The dashboard's charts: each a grouped SQL count over one app's records, with the records
behind every bar (drill-down) and the same rows as a table and an XLSX file.

A chart answers ``ChartData`` (categories, series of values) for a year and a scope; its
``records(year, scope, category, series)`` is the queryset a bar counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from fazhi.core.models import Organization


@dataclass
class ChartData:
    categories: list[tuple[str, str]]  # (value used to drill down, label)
    series: list[tuple[str, str, list[int]]]  # (value, label, counts per category)

    def rows(self) -> list[list[Any]]:
        return [
            [label, *(values[index] for _v, _l, values in self.series)]
            for index, (_value, label) in enumerate(self.categories)
        ]


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    compute: Callable[[int, Organization], ChartData]
    records: Callable[[int, Organization, str, str], QuerySet]
    columns: tuple[tuple[str, str], ...] = field(default_factory=tuple)


def _town_of(scope: Organization) -> list[Organization]:
    return list(
        Organization.objects.filter(path__startswith=scope.path, kind="town").order_by("path")
    )


def _choices_label(model, field_name: str) -> dict[str, str]:
    return {str(k): str(v) for k, v in model._meta.get_field(field_name).choices}


# --- people's mediation ------------------------------------------------------------------------


def _mediation(year: int, scope: Organization):
    from fazhi.disputes.selectors import concluded_in

    return concluded_in(year, scope)


def _success_q() -> Q:
    from fazhi.disputes.models import SUCCESS_OUTCOMES

    return Q(outcome__in=SUCCESS_OUTCOMES)


def mediation_by_town(year: int, scope: Organization) -> ChartData:
    from fazhi.dashboards.selectors import count_by_town

    towns = _town_of(scope)
    cases = _mediation(year, scope)
    counts = count_by_town(cases, "organization__path", towns, _success_q())
    if counts is None:  # towns at different depths: one aggregate per town's subtree
        counts = {}
        for town in towns:
            data = cases.filter(organization__path__startswith=town.path).aggregate(
                total=Count("pk"), ok=Count("pk", filter=_success_q())
            )
            counts[town.path] = (data["total"], data["ok"])
    categories, success, failed = [], [], []
    for town in towns:
        total, ok = counts.get(town.path, (0, 0))
        categories.append((str(town.pk), town.name))
        success.append(ok)
        failed.append(total - ok)
    return ChartData(categories, [("ok", "调解成功", success), ("failed", "调解不成", failed)])


def mediation_by_town_records(year, scope, category, series):
    cases = _mediation(year, scope)
    town = Organization.objects.filter(pk=int(category) if category.isdigit() else 0).first()
    if town is not None:
        cases = cases.filter(organization__path__startswith=town.path)
    if series == "ok":
        cases = cases.filter(_success_q())
    elif series == "failed":
        cases = cases.exclude(_success_q())
    return cases.select_related("organization")


def mediation_by_kind(year: int, scope: Organization) -> ChartData:
    from fazhi.disputes.models import MediationCase

    labels = _choices_label(MediationCase, "kind")
    rows = _mediation(year, scope).values("kind").annotate(n=Count("pk")).order_by("-n")
    return ChartData(
        [(r["kind"], labels.get(r["kind"], r["kind"])) for r in rows],
        [("all", "调处纠纷", [r["n"] for r in rows])],
    )


def mediation_by_kind_records(year, scope, category, series):
    return _mediation(year, scope).filter(kind=category).select_related("organization")


MEDIATION_COLUMNS = (
    ("case_no", "案号"),
    ("organization__name", "调委会"),
    ("kind", "纠纷类型"),
    ("outcome", "调解结果"),
    ("concluded_on", "结案日期"),
)


# --- reconsideration ---------------------------------------------------------------------------


def reconsideration_outcomes(year: int, scope: Organization) -> ChartData:
    from fazhi.reconsideration.models import ReconsiderationCase
    from fazhi.reconsideration.selectors import concluded_in

    labels = _choices_label(ReconsiderationCase, "closure")
    rows = concluded_in(year, scope).values("closure").annotate(n=Count("pk")).order_by("-n")
    return ChartData(
        [(r["closure"], labels.get(r["closure"], r["closure"])) for r in rows],
        [("all", "办结", [r["n"] for r in rows])],
    )


def reconsideration_records(year, scope, category, series):
    from fazhi.reconsideration.selectors import concluded_in

    return concluded_in(year, scope).filter(closure=category).select_related("respondent")


# --- enforcement -------------------------------------------------------------------------------


def _penalties(year: int, scope: Organization):
    from fazhi.enforcement.models import PenaltyCase

    return PenaltyCase.objects.filter(
        opened_on__gte=dt.date(year, 1, 1),
        opened_on__lte=dt.date(year, 12, 31),
        organization__path__startswith=scope.path,
    )


def enforcement_by_field(year: int, scope: Organization) -> ChartData:
    rows = (
        _penalties(year, scope)
        .values("item__category")
        .annotate(n=Count("pk"), major=Count("pk", filter=Q(is_major=True)))
        .order_by("-n")
    )
    return ChartData(
        [(r["item__category"], r["item__category"] or "—") for r in rows],
        [
            ("ordinary", "一般案件", [r["n"] - r["major"] for r in rows]),
            ("major", "重大执法决定", [r["major"] for r in rows]),
        ],
    )


def enforcement_records(year, scope, category, series):
    cases = _penalties(year, scope).filter(item__category=category)
    if series == "major":
        cases = cases.filter(is_major=True)
    elif series == "ordinary":
        cases = cases.filter(is_major=False)
    return cases.select_related("organization", "item")


# --- enforcement consistency (类案同罚) ----------------------------------------------------------


def _year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def consistency_flags(year: int, scope: Organization) -> ChartData:
    """Per item with enough peers: decided fines within the peer spread and those flagged
    (modified z-score above 3.5 against the median and MAD of the same item and grade)."""
    from fazhi.enforcement.models import EnforcementItem
    from fazhi.enforcement.selectors import flagged_under, spread_under

    start, end = _year_bounds(year)
    spread = spread_under(scope.path + "%", start, end)
    flagged = flagged_under(scope.path + "%", start, end)
    cases: dict[int, int] = {}
    flags: dict[int, int] = {}
    for row in spread:
        cases[row.item_id] = cases.get(row.item_id, 0) + row.cases
    for flag in flagged:
        flags[flag.item_id] = flags.get(flag.item_id, 0) + 1
    names = dict(EnforcementItem.objects.filter(pk__in=cases).values_list("pk", "name"))
    order = sorted(cases, key=lambda pk: (-flags.get(pk, 0), names.get(pk, "")))
    return ChartData(
        [(str(pk), names.get(pk, str(pk))) for pk in order],
        [
            ("within", "处罚幅度一致", [cases[pk] - flags.get(pk, 0) for pk in order]),
            ("flagged", "偏离同类案件", [flags.get(pk, 0) for pk in order]),
        ],
    )


def consistency_records(year, scope, category, series):
    from fazhi.enforcement.models import CaseOutcome, PenaltyCase
    from fazhi.enforcement.selectors import flagged_under, spread_under

    start, end = _year_bounds(year)
    item_id = int(category) if category.isdigit() else 0
    # the item's peer groups (grades) with enough cases to compare
    grades = [s.grade for s in spread_under(scope.path + "%", start, end) if s.item_id == item_id]
    decided = PenaltyCase.objects.filter(
        item_id=item_id,
        outcome=CaseOutcome.PENALTY,
        fine_amount__isnull=False,
        decided_on__gte=start,
        decided_on__lte=end,
        proposed_grade__in=grades,
        organization__path__startswith=scope.path,
    )
    flagged = [
        f.case_id for f in flagged_under(scope.path + "%", start, end) if f.item_id == item_id
    ]
    if series == "flagged":
        decided = decided.filter(pk__in=flagged)
    elif series == "within":
        decided = decided.exclude(pk__in=flagged)
    return decided.select_related("organization", "item")


# --- normative documents -----------------------------------------------------------------------


def _documents(scope: Organization):
    from fazhi.normdocs.models import NormativeDocument

    return NormativeDocument.objects.filter(organization__path__startswith=scope.path)


def normdocs_pipeline(year: int, scope: Organization) -> ChartData:
    from fazhi.normdocs.models import DocumentStatus

    counts = dict(_documents(scope).values_list("status").annotate(n=Count("pk")))
    return ChartData(
        [(value, str(label)) for value, label in DocumentStatus.choices],
        [("all", "文件数", [counts.get(value, 0) for value, _label in DocumentStatus.choices])],
    )


def normdocs_records(year, scope, category, series):
    return _documents(scope).filter(status=category).select_related("organization")


# --- assessment ranking ------------------------------------------------------------------------


def _assessments(year: int, scope: Organization):
    from fazhi.assessment.models import Assessment

    return Assessment.objects.filter(
        scheme__year=year, organization__path__startswith=scope.path
    ).select_related("organization")


def assessment_ranking(year: int, scope: Organization) -> ChartData:
    rows = list(_assessments(year, scope).order_by("-total", "organization__path"))
    return ChartData(
        [(str(a.organization_id), a.organization.name) for a in rows],
        [("total", "考核总分", [float(a.total) for a in rows])],
    )


def assessment_records(year, scope, category, series):
    return _assessments(year, scope).filter(
        organization_id=int(category) if category.isdigit() else 0
    )


CHARTS: dict[str, Chart] = {
    chart.key: chart
    for chart in [
        Chart(
            "mediation_town",
            "人民调解：各镇（街道）调处情况",
            mediation_by_town,
            mediation_by_town_records,
            MEDIATION_COLUMNS,
        ),
        Chart(
            "mediation_kind",
            "人民调解：纠纷类型",
            mediation_by_kind,
            mediation_by_kind_records,
            MEDIATION_COLUMNS,
        ),
        Chart(
            "reconsideration",
            "行政复议：办结方式",
            reconsideration_outcomes,
            reconsideration_records,
            (
                ("case_no", "案号"),
                ("respondent__name", "被申请人"),
                ("closure", "结案方式"),
                ("decided_on", "结案日期"),
            ),
        ),
        Chart(
            "enforcement",
            "行政处罚：执法领域与重大执法决定",
            enforcement_by_field,
            enforcement_records,
            (
                ("case_number", "案号"),
                ("organization__name", "办案单位"),
                ("item__name", "处罚事项"),
                ("status", "状态"),
                ("opened_on", "立案日期"),
            ),
        ),
        Chart(
            "consistency",
            "行政处罚：类案同罚一致性（偏离同类案件的处罚）",
            consistency_flags,
            consistency_records,
            (
                ("case_number", "案号"),
                ("organization__name", "办案单位"),
                ("item__name", "处罚事项"),
                ("proposed_grade", "裁量阶次"),
                ("fine_amount", "罚款金额"),
                ("decided_on", "决定日期"),
            ),
        ),
        Chart(
            "assessment",
            "法治建设考核：总分排名",
            assessment_ranking,
            assessment_records,
            (("organization__name", "被考核单位"), ("total", "总分"), ("status", "状态")),
        ),
        Chart(
            "normdocs",
            "行政规范性文件：制定流程",
            normdocs_pipeline,
            normdocs_records,
            (("title", "标题"), ("organization__name", "制定单位"), ("status", "状态")),
        ),
    ]
}
