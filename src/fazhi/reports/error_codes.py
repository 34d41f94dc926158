"""Stable error codes of the annual report; tests assert these, not the wording."""

from enum import StrEnum


class ReportErrorCode(StrEnum):
    REQUIRED = "required"
    INVALID = "invalid"
    DUPLICATE = "duplicate"
    FROZEN = "report_frozen"
    SECTION_MISSING = "section_missing"
    UNKNOWN_INDICATOR = "unknown_indicator"
    INVALID_TRANSITION = "invalid_transition"
    DATE_IN_FUTURE = "date_in_future"
    BACKDATE_REASON = "backdate_reason_required"
    NO_RECORDS = "no_records"
