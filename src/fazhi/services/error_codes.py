"""Stable error codes of the services app; tests assert these, not the wording."""

from enum import StrEnum


class ServicesErrorCode(StrEnum):
    REQUIRED = "required"
    INVALID = "invalid"
    DUPLICATE = "duplicate"
    DATES_OUT_OF_ORDER = "dates_out_of_order"
    NOT_IN_FORCE = "not_in_force"
    MATERIAL_MISSING = "material_missing"
    LATE_WITHOUT_REASON = "late_without_reason"
    MALFORMED_NUMBER = "malformed_number"
    RATE_LIMITED = "rate_limited"
    WITNESSES = "witnesses_required"
    WITNESS_DISQUALIFIED = "witness_disqualified"
    NOT_APPLICANT = "not_applicant"
    OUTSIDE_TOWN = "committee_outside_town"
    WRONG_REPLACEMENT = "wrong_replacement"
    REQUESTS_OPEN = "requests_open"
    FUTURE_DATE = "future_date"
