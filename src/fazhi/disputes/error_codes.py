"""Stable error codes of people's mediation; tests assert these, not the wording."""

from enum import StrEnum


class DisputesErrorCode(StrEnum):
    REQUIRED = "required"
    INVALID = "invalid"
    INVALID_DATE = "invalid_date"
    DATES_OUT_OF_ORDER = "dates_out_of_order"
    DUPLICATE_CASE_NO = "duplicate_case_no"
    NOT_A_COMMITTEE = "not_a_committee"
    COMMITTEE_PARENT_INVALID = "committee_parent_invalid"
    MEDIATOR_NOT_IN_COMMITTEE = "mediator_not_in_committee"
    INVALID_TRANSITION = "invalid_transition"
    CONFIRMATION_TOO_LATE = "confirmation_too_late"
    NO_AGREEMENT = "no_agreement"
