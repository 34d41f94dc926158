"""Stable error codes of administrative litigation; tests assert these, not the wording."""

from enum import StrEnum


class LitigationErrorCode(StrEnum):
    REQUIRED = "required"
    INVALID = "invalid"
    DATES_OUT_OF_ORDER = "dates_out_of_order"
    INVALID_TRANSITION = "invalid_transition"
    DUPLICATE_CASE_NO = "duplicate_case_no"
    NOT_A_COURT = "not_a_court"
    APPEARANCE_NOT_REQUIRED = "appearance_not_required"
    APPEARANCE_ALREADY_RECORDED = "appearance_already_recorded"
    HEARING_NOT_HELD_YET = "hearing_not_held_yet"
    APPEAL_PERIOD_EXPIRED = "appeal_period_expired"
    APPEAL_PERIOD_RUNNING = "appeal_period_running"
    RECONSIDERATION_NOT_CONCLUDED = "reconsideration_not_concluded"
    NOT_APPEALED = "not_appealed"
