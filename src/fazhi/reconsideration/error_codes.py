"""Stable error codes of administrative reconsideration; tests assert these, not the wording."""

from enum import StrEnum


class ReconsiderationErrorCode(StrEnum):
    REQUIRED = "required"
    INVALID = "invalid"
    DATES_OUT_OF_ORDER = "dates_out_of_order"
    INVALID_TRANSITION = "invalid_transition"
    NOT_YET_ACCEPTED = "not_yet_accepted"
    DEEMED_ACCEPTED = "deemed_accepted"
    DECISION_NOT_ALLOWED = "decision_not_allowed"
    NO_WORSENING = "no_worsening"
    COMPENSATION_NOT_ALLOWED = "compensation_not_allowed"
    EXTENSION_NOT_ALLOWED = "extension_not_allowed"
    NOT_A_RESPONDENT = "not_a_respondent"
    NO_BODY = "no_reconsideration_body"
