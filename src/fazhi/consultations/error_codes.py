"""Stable error codes of the consultation component; tests assert these, not the wording."""

from enum import StrEnum


class ConsultationErrorCode(StrEnum):
    REQUIRED = "required"
    TOO_SHORT = "period_too_short"
    INVALID_PERIOD = "invalid_period"
    DUPLICATE = "duplicate_consultation"
    NOT_OPEN = "consultation_not_open"
    NOT_STARTED = "consultation_not_started"
    PERIOD_ENDED = "comment_period_ended"
    PERIOD_NOT_ENDED = "comment_period_not_ended"
    INVALID_TRANSITION = "invalid_transition"
    UNCHANGED = "text_unchanged"
    UNKNOWN_ANCHOR = "unknown_anchor"
    TOO_LONG = "comment_too_long"
    RATE_LIMITED = "rate_limited"
    INVALID_OUTCOME = "invalid_outcome"
    REASON_REQUIRED = "reason_required"
    NOT_MODERATED = "comments_not_moderated"
    NOT_RESPONDED = "comments_not_responded"
    NOT_FOUND = "not_found"
