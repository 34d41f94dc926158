"""Pure rules of the 2023 reconsideration law: which decisions fit which case (arts 63–72)."""

from __future__ import annotations

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
