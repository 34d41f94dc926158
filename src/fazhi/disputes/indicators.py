"""The figures of people's mediation (seed-figures.md: ``disputes.*``), counted from cases."""

from __future__ import annotations

from django.db.models import Count, Q

from fazhi.core.domain.rates import Rate
from fazhi.core.indicators import RecordSet, register, register_records
from fazhi.core.models import Organization
from fazhi.disputes.models import SUCCESS_OUTCOMES
from fazhi.disputes.selectors import concluded_in


@register(
    "disputes.mediation_cases",
    name="调处矛盾纠纷",
    unit="起",
    definition="当年结案且经调解的纠纷数（调解成功与调解不成；当事人拒绝调解的不计）。",
)
def mediation_cases(year: int, scope: Organization | None) -> int:
    return concluded_in(year, scope).count()


@register(
    "disputes.mediation_successes",
    name="成功调处",
    unit="件",
    definition="当年结案的纠纷中达成调解协议（书面或口头）的件数。",
)
def mediation_successes(year: int, scope: Organization | None) -> int:
    return concluded_in(year, scope).filter(outcome__in=SUCCESS_OUTCOMES).count()


@register(
    "disputes.mediation_success_rate",
    name="调处成功率",
    unit="%",
    definition="成功调处件数 ÷ 调处矛盾纠纷数（人民调解法；平台口径）。",
)
def mediation_success_rate(year: int, scope: Organization | None) -> Rate:
    counts = concluded_in(year, scope).aggregate(
        cases=Count("pk"), successes=Count("pk", filter=Q(outcome__in=SUCCESS_OUTCOMES))
    )
    return Rate(counts["successes"], counts["cases"])  # one scan, not two


# --- the records behind the figures (provenance) ----------------------------------------------

_MEDIATION_COLUMNS = (
    ("case_no", "案号"),
    ("organization__name", "所属单位"),
    ("kind", "纠纷类型"),
    ("outcome", "调解结果"),
    ("concluded_on", "结案日期"),
)


@register_records("disputes.mediation_cases")
def mediation_case_records(year: int, scope: Organization | None) -> RecordSet:
    return RecordSet(
        concluded_in(year, scope).select_related("organization"),
        columns=_MEDIATION_COLUMNS,
        search=("case_no",),
    )


@register_records("disputes.mediation_successes")
def mediation_success_records(year: int, scope: Organization | None) -> RecordSet:
    base = mediation_case_records(year, scope)
    return RecordSet(
        base.queryset.filter(outcome__in=SUCCESS_OUTCOMES), columns=base.columns, search=base.search
    )


@register_records("disputes.mediation_success_rate")
def mediation_success_rate_records(year: int, scope: Organization | None) -> RecordSet:
    base = mediation_case_records(year, scope)
    return RecordSet(
        base.queryset,
        numerator=Q(outcome__in=SUCCESS_OUTCOMES),
        columns=base.columns,
        search=base.search,
    )
