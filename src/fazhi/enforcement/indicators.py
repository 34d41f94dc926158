"""Enforcement figures for the annual report, computed in SQL from the records."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, F, OuterRef, Q

from fazhi.core.domain.rates import Rate
from fazhi.core.indicators import register
from fazhi.core.models import Clock, ClockStatus, Organization, OrganizationKind
from fazhi.enforcement.models import (
    CaseOutcome,
    Commitment,
    CommitmentResult,
    EnforcementItem,
    ExemptionItem,
    ItemDelegation,
    ItemMode,
    PenaltyCase,
    ReviewOutcome,
)
from fazhi.enforcement.selectors import in_force

# The two towns of Haining's first round of comprehensive delegation, which the annual report
# counts separately from the other towns and streets.
PILOT_TOWNS = ("长安镇", "黄湾镇")


def _year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def _in_scope(queryset, scope: Organization | None, field: str = "organization"):
    if scope is None:
        return queryset
    return queryset.filter(**{f"{field}__path__startswith": scope.path})


@register(
    "enforcement.items_transferred",
    name="划转综合执法的行政处罚事项",
    unit="项",
    definition="年末有效、归属方式为“划转综合执法”的行政处罚事项数（由综合行政执法部门实施）。",
)
def items_transferred(year: int, scope: Organization | None) -> int:
    queryset = EnforcementItem.objects.filter(in_force(_year_end(year)), mode=ItemMode.CENTRALISED)
    return _in_scope(queryset, scope).count()


def _delegated_items(year: int, scope: Organization | None, *, pilot: bool) -> int:
    end = _year_end(year)
    towns = Q(organization__kind=OrganizationKind.TOWN)
    named = Q(organization__name__in=PILOT_TOWNS)
    delegations = ItemDelegation.objects.filter(in_force(end), towns & (named if pilot else ~named))
    delegations = _in_scope(delegations, scope)
    return (
        EnforcementItem.objects.filter(in_force(end))
        .filter(Exists(delegations.filter(item=OuterRef("pk"))))
        .count()
    )


@register(
    "enforcement.items_delegated_changan_huangwan",
    name="赋权长安镇、黄湾镇的行政处罚事项",
    unit="项",
    definition="年末有效赋权给长安镇或黄湾镇的不同行政处罚事项数（同一事项赋权两镇计一项）。",
)
def items_delegated_pilot(year: int, scope: Organization | None) -> int:
    return _delegated_items(year, scope, pilot=True)


@register(
    "enforcement.items_delegated_other_towns",
    name="赋权其他镇街的行政处罚事项",
    unit="项",
    definition="年末有效赋权给长安镇、黄湾镇以外镇（街道）的不同行政处罚事项数。",
)
def items_delegated_other(year: int, scope: Organization | None) -> int:
    return _delegated_items(year, scope, pilot=False)


@register(
    "enforcement.minor_violation_exemptions",
    name="轻微违法免罚事项",
    unit="项",
    definition="12月31日有效的轻微违法行为不予处罚清单事项数（全市统一清单，不分单位）。",
)
def minor_violation_exemptions(year: int, scope: Organization | None) -> int:
    return ExemptionItem.objects.filter(in_force(_year_end(year))).count()


@register(
    "enforcement.no_penalty_decisions",
    name="依免罚清单不予处罚的案件",
    unit="件",
    definition="年内依免罚清单事项作出轻微违法不予处罚决定的案件数。",
)
def no_penalty_decisions(year: int, scope: Organization | None) -> int:
    queryset = PenaltyCase.objects.filter(
        outcome=CaseOutcome.NO_PENALTY_MINOR, decided_on__year=year
    )
    return _in_scope(queryset, scope).count()


@register(
    "enforcement.publicity_timeliness",
    name="行政处罚决定公示及时率",
    unit="%",
    definition=(
        "年内作出的行政处罚决定中，在公示期限（决定后7个工作日，期限由统一期限服务计算）内"
        "公示的比例。分母为年内作出的处罚决定数。"
    ),
)
def publicity_timeliness(year: int, scope: Organization | None) -> Rate:
    clocks = _in_scope(
        Clock.objects.filter(clock_type="enforcement.publicity", start_date__year=year), scope
    )
    on_time = clocks.filter(status=ClockStatus.STOPPED, stopped_on__lte=F("due_date")).count()
    return Rate(on_time, clocks.count())


@register(
    "enforcement.legal_review_coverage",
    name="重大执法决定法制审核率",
    unit="%",
    definition="年内作出的重大执法决定中，决定前已经法制审核同意的比例。",
)
def legal_review_coverage(year: int, scope: Organization | None) -> Rate:
    major = _in_scope(PenaltyCase.objects.filter(is_major=True, decided_on__year=year), scope)
    reviewed = major.filter(
        review_outcome=ReviewOutcome.APPROVED, reviewed_on__lte=F("decided_on")
    ).count()
    return Rate(reviewed, major.count())


@register(
    "enforcement.commitment_fulfilment_rate",
    name="轻微违法告知承诺履行率",
    unit="%",
    definition="年内核查的告知承诺中，当事人按承诺改正的比例（已改正 ÷ 已核查）。",
)
def commitment_fulfilment_rate(year: int, scope: Organization | None) -> Rate:
    verified = _in_scope(Commitment.objects.filter(verified_on__year=year), scope)
    return Rate(verified.filter(result=CommitmentResult.CORRECTED).count(), verified.count())
