"""Statutory clocks of major decisions: legality review time and post-decision evaluation."""

from fazhi.core.deadlines import ClockType, register
from fazhi.decisions.rules import rule

LEGALITY_REVIEW = "decisions.legality_review"
POST_EVALUATION = "decisions.post_evaluation"

_review = rule("legality_review_min_working_days")
_evaluation = rule("post_evaluation_days")

register(
    ClockType(
        key=LEGALITY_REVIEW,
        name="重大行政决策合法性审查时间",
        length=_review.value,
        basis=_review.basis,
        start_event="送请合法性审查",
        legal_basis=_review.source,
        confirmed=_review.confirmed,
    )
)
register(
    ClockType(
        key=POST_EVALUATION,
        name="重大行政决策后评估",
        length=_evaluation.value,
        basis=_evaluation.basis,
        start_event="启动决策后评估",
        legal_basis=_evaluation.source,
        confirmed=_evaluation.confirmed,
    )
)
