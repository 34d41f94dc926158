"""The pure procedure rules: ordering of the five steps and the three checks."""

from fazhi.decisions.domain import (
    CheckKind,
    StepKind,
    evaluator_is_independent,
    missing_checks_before,
    open_steps_before,
)


def test_legality_review_waits_for_the_three_conditional_steps():
    statuses = {
        StepKind.PUBLIC_PARTICIPATION: "completed",
        StepKind.EXPERT_ARGUMENTATION: "open",
        StepKind.RISK_ASSESSMENT: "pending",
    }
    assert open_steps_before(StepKind.LEGALITY_REVIEW, statuses) == [
        StepKind.EXPERT_ARGUMENTATION,
        StepKind.RISK_ASSESSMENT,
    ]


def test_collective_discussion_waits_for_all_four_and_accepts_skips():
    statuses = dict.fromkeys(list(StepKind)[:3], "skipped")
    assert open_steps_before(StepKind.COLLECTIVE_DISCUSSION, statuses) == [StepKind.LEGALITY_REVIEW]
    statuses[StepKind.LEGALITY_REVIEW] = "completed"
    assert open_steps_before(StepKind.COLLECTIVE_DISCUSSION, statuses) == []


def test_conditional_steps_have_no_prerequisite():
    assert open_steps_before(StepKind.RISK_ASSESSMENT, {}) == []


def test_three_checks_in_order():
    assert missing_checks_before(CheckKind.SELF_CHECK, set()) == []
    assert missing_checks_before(CheckKind.LEGAL_ADVISER_CHECK, {"self_check"}) == [
        CheckKind.LEGAL_AGENCY_CHECK
    ]


def test_evaluator_independence_ignores_blanks_and_spacing():
    assert not evaluator_is_independent(" 嘉兴学院 ", {"嘉兴学院", ""})
    assert evaluator_is_independent("嘉兴学院", {"", "浙江大学"})
