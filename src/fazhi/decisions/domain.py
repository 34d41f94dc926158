"""Pure rules of the major-decision procedure (重大行政决策程序暂行条例): no Django, no I/O.

The five statutory procedures, which of them the rules let be skipped, the order they must be
closed in, and the order of the "three checks" (三查) that Haining adds before collective
discussion.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


class StepKind(StrEnum):
    PUBLIC_PARTICIPATION = "public_participation"
    EXPERT_ARGUMENTATION = "expert_argumentation"
    RISK_ASSESSMENT = "risk_assessment"
    LEGALITY_REVIEW = "legality_review"
    COLLECTIVE_DISCUSSION = "collective_discussion"


class StepStatus(StrEnum):
    PENDING = "pending"
    OPEN = "open"
    COMPLETED = "completed"
    SKIPPED = "skipped"


class CheckKind(StrEnum):
    SELF_CHECK = "self_check"
    LEGAL_AGENCY_CHECK = "legal_agency_check"
    LEGAL_ADVISER_CHECK = "legal_adviser_check"


# The order the file shows and the gates check.
STEP_ORDER: tuple[StepKind, ...] = tuple(StepKind)
CHECK_ORDER: tuple[CheckKind, ...] = tuple(CheckKind)

# Public participation (第14条: unless lawfully withheld), expert argumentation (第19条: for
# technical matters) and risk assessment (第22条: where stability or safety is at stake) apply
# conditionally. Legality review (第25条) and collective discussion (第30条) never may be skipped.
SKIPPABLE: frozenset[StepKind] = frozenset(
    {StepKind.PUBLIC_PARTICIPATION, StepKind.EXPERT_ARGUMENTATION, StepKind.RISK_ASSESSMENT}
)

# The legality review checks that the procedures were performed (第27条), so the three
# conditional procedures are closed before the draft goes to review.
BEFORE_LEGALITY_REVIEW: tuple[StepKind, ...] = (
    StepKind.PUBLIC_PARTICIPATION,
    StepKind.EXPERT_ARGUMENTATION,
    StepKind.RISK_ASSESSMENT,
)
CLOSED: frozenset[StepStatus] = frozenset({StepStatus.COMPLETED, StepStatus.SKIPPED})


def open_steps_before(
    kind: StepKind, statuses: Mapping[StepKind | str, StepStatus | str]
) -> list[StepKind]:
    """The steps that must be closed before ``kind`` may begin and are not closed yet."""
    if kind == StepKind.LEGALITY_REVIEW:
        required = BEFORE_LEGALITY_REVIEW
    elif kind == StepKind.COLLECTIVE_DISCUSSION:
        required = STEP_ORDER[:-1]
    else:
        return []
    return [step for step in required if StepStatus(statuses.get(step, "pending")) not in CLOSED]


def missing_checks_before(kind: CheckKind, recorded: set[CheckKind | str]) -> list[CheckKind]:
    """The checks that precede ``kind`` (self, then legal agency, then legal adviser) and are missing."""
    position = CHECK_ORDER.index(kind)
    return [check for check in CHECK_ORDER[:position] if check not in recorded]


def evaluator_is_independent(evaluator: str, pre_decision_evaluators: set[str]) -> bool:
    """第36条: not the body that did the main argumentation or assessment before the decision."""
    return evaluator.strip() not in {name.strip() for name in pre_decision_evaluators if name}
