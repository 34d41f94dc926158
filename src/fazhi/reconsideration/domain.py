"""Pure rules of reconsideration: which decisions fit which case (2023 arts 63–72), the
application period and the scope of mediation and settlement under each dated rule set."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

ACTION_DECISIONS = frozenset(
    {"vary", "annul", "annul_partial", "confirm_illegal", "confirm_void", "uphold"}
)
# Art 66 (order performance), art 69 (reject the claim), art 65 (confirm illegality where
# ordering performance is pointless).
NON_PERFORMANCE_DECISIONS = frozenset({"order_perform", "reject_claim", "confirm_illegal"})
# Art 71 adds the agreement-specific liability order to the ordinary outcomes.
AGREEMENT_DECISIONS = ACTION_DECISIONS | {"agreement_liability"}

ALLOWED_DECISIONS: dict[str, frozenset[str]] = {
    "action": ACTION_DECISIONS,
    "non_performance": NON_PERFORMANCE_DECISIONS,
    "agreement": AGREEMENT_DECISIONS,
}

# Art 72: compensation is decided together with annulment, variation, illegality or voidness.
COMPENSATION_DECISIONS = frozenset(
    {"vary", "annul", "annul_partial", "confirm_illegal", "confirm_void"}
)

# Decisions that correct the respondent (spec §3.8, 直接纠错率).
CORRECTING_DECISIONS = frozenset(
    {"vary", "annul", "annul_partial", "confirm_illegal", "order_perform", "confirm_void"}
)


def decision_allowed(act_kind: str, decision: str) -> bool:
    return decision in ALLOWED_DECISIONS.get(act_kind, frozenset())


def compensation_allowed(decision: str) -> bool:
    return decision in COMPENSATION_DECISIONS


def variation_allowed(*, worsens_applicant: bool, third_party_requested: bool) -> bool:
    """Art 63(2): no variation that leaves the applicant worse off, unless a third party asked."""
    return not worsens_applicant or third_party_requested


# --- the application period (2017 art 9, Reg 15–17; 2023 arts 20–21) -------------------------


@dataclass(frozen=True)
class ApplicationPeriod:
    """The last day to apply, and why; ``due`` is None when the start is not known."""

    due: dt.date | None
    basis: str  # the articles applied
    note: str = ""

    def timely(self, received_on: dt.date) -> bool | None:
        return None if self.due is None else received_on <= self.due


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def application_period(
    *,
    version: str,
    known_on: dt.date | None,
    act_made_on: dt.date | None = None,
    real_property: bool = False,
    rights_notified: bool = True,
    rights_known_on: dt.date | None = None,
    obstacle_from: dt.date | None = None,
    obstacle_to: dt.date | None = None,
    due_date: Callable[[dt.date, int], dt.date],
) -> ApplicationPeriod:
    """The application deadline under the rule set ``version`` (values from ``rules``).

    60 calendar days from knowing the act (a justified obstacle pauses the count, which then
    continues). Under the 2023 law only: an agency that did not tell of the right → from knowing
    the right, at most 1 year from knowing the act (art 20 para 3); absolute caps of 5 years
    (20 for real property) from the act (art 21). ``due_date(start, days)`` counts calendar
    days with the last day moved off a holiday (Civil Procedure Law).
    """
    from fazhi.reconsideration import rules

    if known_on is None:
        return ApplicationPeriod(None, rules.rule(version, "application.period_days").article)
    days = rules.value(version, "application.period_days")
    articles = [rules.rule(version, "application.period_days").article]
    start = known_on
    cap: dt.date | None = None
    cap_days = rules.value(version, "application.rights_not_notified_cap_days")
    if not rights_notified and cap_days is not None and rights_known_on is not None:
        start = max(known_on, rights_known_on)
        cap = known_on + dt.timedelta(days=cap_days)
        articles.append(rules.rule(version, "application.rights_not_notified_cap_days").article)
    paused = 0
    if obstacle_from and obstacle_to and rules.value(version, "application.obstacle_pauses"):
        first = max(obstacle_from, start)
        if obstacle_to >= first:
            paused = (obstacle_to - first).days + 1
            articles.append(rules.rule(version, "application.obstacle_pauses").article)
    due = due_date(start, days + paused)
    if cap is not None:
        due = min(due, cap)
    cap_key = "application.cap_years_real_property" if real_property else "application.cap_years"
    years = rules.value(version, cap_key)
    if years is not None and act_made_on is not None:
        absolute = _add_years(act_made_on, years)
        if absolute < due:
            due = absolute
            articles.append(rules.rule(version, cap_key).article)
    return ApplicationPeriod(due, "；".join(dict.fromkeys(articles)))


def mediation_in_scope(*, version: str, discretionary: bool, compensation: bool) -> bool:
    """2017: Reg 50 — discretionary acts and compensation disputes only; 2023: any case."""
    from fazhi.reconsideration import rules

    scope = rules.value(version, "mediation.scope")
    return scope == "any" or discretionary or compensation


def settlement_in_scope(*, version: str, discretionary: bool) -> bool:
    """2017: Reg 40 — discretionary acts only; 2023 art 74: any case."""
    from fazhi.reconsideration import rules

    return rules.value(version, "settlement.scope") == "any" or discretionary


# Decisions open after the respondent failed to answer (2017 art 28(4); 2023 art 70).
NO_ANSWER_DECISIONS = {
    "annul": frozenset({"annul"}),
    "annul_or_illegal_or_void_or_perform": frozenset(
        {"annul", "annul_partial", "confirm_illegal", "confirm_void", "order_perform"}
    ),
}
