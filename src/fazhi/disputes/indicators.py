"""The figures of people's mediation (seed-figures.md: ``disputes.*``), counted from cases."""

from __future__ import annotations

from fazhi.core.domain.rates import Rate
from fazhi.core.indicators import register
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
    cases = concluded_in(year, scope)
    return Rate(cases.filter(outcome__in=SUCCESS_OUTCOMES).count(), cases.count())
