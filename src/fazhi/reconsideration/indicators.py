"""The figures of administrative reconsideration (seed-figures.md: ``reconsideration.*``),
plus the decision-period compliance rate. Rates follow the platform's definitions (spec §3.8;
official local definitions UNCONFIRMED)."""

from __future__ import annotations

from django.db.models import Q

from fazhi.core.domain.rates import Rate
from fazhi.core.indicators import RecordSet, register, register_records
from fazhi.core.models import Organization
from fazhi.litigation.selectors import lawsuit_exists_q, lawsuit_lost_in_year_q
from fazhi.reconsideration.models import MEDIATION_CLOSURES, ReconsiderationCase
from fazhi.reconsideration.selectors import (
    concluded_in,
    decided_on_time_q,
    received_in,
    scoped,
    with_decision_due,
)


@register(
    "reconsideration.received",
    name="收到行政复议申请",
    unit="件",
    definition="当年收到的行政复议申请数（按收到申请日期，含不予受理）。",
)
def received(year: int, scope: Organization | None) -> int:
    return received_in(year, scope).count()


@register(
    "reconsideration.concluded",
    name="行政复议办结",
    unit="件",
    definition="当年作出复议决定或以驳回申请、调解、撤回、终止结案的案件数（不含不予受理）。",
)
def concluded(year: int, scope: Organization | None) -> int:
    return concluded_in(year, scope).count()


@register(
    "reconsideration.mediation_rate",
    name="行政复议调解成功率",
    unit="%",
    definition="办结案件中以调解或和解撤回结案的件数 ÷ 办结件数（平台口径）。",
)
def mediation_rate(year: int, scope: Organization | None) -> Rate:
    cases = concluded_in(year, scope)
    return Rate(cases.filter(closure__in=MEDIATION_CLOSURES).count(), cases.count())


@register(
    "reconsideration.litigated_after_rate",
    name="复议后起诉率",
    unit="%",
    definition="当年办结案件中，申请人其后就同一行为提起行政诉讼的件数 ÷ 办结件数（平台口径）。",
)
def litigated_after_rate(year: int, scope: Organization | None) -> Rate:
    cases = concluded_in(year, scope)
    sued = cases.filter(lawsuit_exists_q()).distinct().count()
    return Rate(sued, cases.count())


@register(
    "reconsideration.lost_in_court",
    name="复议后诉讼败诉",
    unit="件",
    definition="当年审结的复议后行政诉讼中，行政机关败诉的复议案件数。",
)
def lost_in_court(year: int, scope: Organization | None) -> int:
    return (
        scoped(ReconsiderationCase.objects.filter(lawsuit_lost_in_year_q(year)), scope)
        .distinct()
        .count()
    )


@register(
    "reconsideration.decision_on_time_rate",
    name="复议决定按期率",
    unit="%",
    definition="当年受理后办结的案件中，在法定审理期限（含依法延长、扣除中止期间）内"
    "办结的件数 ÷ 受理后办结的件数。",
)
def decision_on_time_rate(year: int, scope: Organization | None) -> Rate:
    cases = with_decision_due(concluded_in(year, scope)).filter(decision_due__isnull=False)
    return Rate(cases.filter(decided_on_time_q()).count(), cases.count())


# --- the records behind the figures (provenance) ----------------------------------------------

_RECORD_COLUMNS = (
    ("case_no", "案号"),
    ("respondent__name", "被申请人"),
    ("received_on", "收到申请日期"),
    ("closure", "结案方式"),
    ("decided_on", "结案日期"),
)


@register_records("reconsideration.received")
def received_records(year: int, scope: Organization | None) -> RecordSet:
    return RecordSet(
        received_in(year, scope).select_related("respondent"),
        columns=_RECORD_COLUMNS,
        search=("case_no",),
    )


@register_records("reconsideration.concluded")
def concluded_records(year: int, scope: Organization | None) -> RecordSet:
    return RecordSet(
        concluded_in(year, scope).select_related("respondent"),
        columns=_RECORD_COLUMNS,
        search=("case_no",),
    )


@register_records("reconsideration.mediation_rate")
def mediation_rate_records(year: int, scope: Organization | None) -> RecordSet:
    base = concluded_records(year, scope)
    return RecordSet(
        base.queryset,
        numerator=Q(closure__in=MEDIATION_CLOSURES),
        columns=base.columns,
        search=base.search,
    )
