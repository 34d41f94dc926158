"""Stable error codes of the decisions app; tests assert these, not the wording."""

from enum import StrEnum


class DecisionErrorCode(StrEnum):
    REQUIRED = "required"
    INVALID = "invalid"
    INVALID_DATE = "invalid_date"
    DUPLICATE = "duplicate"
    INVALID_TRANSITION = "invalid_transition"
    CATALOG_NOT_OPEN = "catalog_not_open"
    CATALOG_EMPTY = "catalog_empty"
    ENTRY_NOT_LISTED = "entry_not_listed"
    ALREADY_LAUNCHED = "already_launched"
    STEP_ALREADY_RECORDED = "step_already_recorded"
    STEP_NOT_OPEN = "step_not_open"
    STEP_NOT_SKIPPABLE = "step_not_skippable"
    STEPS_OPEN = "steps_open"
    CONSULTATION_TOO_SHORT = "consultation_too_short"
    CONSULTATION_NOT_ENDED = "consultation_not_ended"
    REVIEW_TIME_TOO_SHORT = "review_time_too_short"
    LEGALITY_NOT_PASSED = "legality_not_passed"
    CHECK_ALREADY_RECORDED = "check_already_recorded"
    CHECKS_MISSING = "checks_missing"
    HEAD_NOT_LAST = "head_not_last"
    EVALUATOR_NOT_INDEPENDENT = "evaluator_not_independent"
    FILE_TOO_LARGE = "file_too_large"
    FILE_TYPE = "file_type"
