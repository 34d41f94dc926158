"""Stable error codes of the assessment; tests assert these, not the wording."""

from enum import StrEnum


class AssessmentErrorCode(StrEnum):
    REQUIRED = "required"
    INVALID = "invalid"
    DUPLICATE = "duplicate"
    UNKNOWN_INDICATOR = "unknown_indicator"
    SCORE_OUT_OF_RANGE = "score_out_of_range"
    UNSCORED_ITEMS = "unscored_items"
    OBJECTION_PERIOD_OVER = "objection_period_over"
    OBJECTION_PERIOD_RUNNING = "objection_period_running"
    NOT_MANUAL = "not_manual"
    POINTS_OVER_TOTAL = "points_over_total"
    SCHEME_IN_USE = "scheme_in_use"
