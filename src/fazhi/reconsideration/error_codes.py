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
    SIMPLIFIED_NOT_ALLOWED = "simplified_not_allowed"
    APPLICATION_TIMELY = "application_timely"
    GROUND_NOT_ALLOWED = "ground_not_allowed"
    MEDIATION_NOT_ALLOWED = "mediation_not_allowed"
    SETTLEMENT_NOT_ALLOWED = "settlement_not_allowed"
    NO_ANSWER_DECISION = "no_answer_decision"
    LAW_VERSION_NOT_CHANGEABLE = "law_version_not_changeable"
    CLOCK_NOT_LAPSED = "clock_not_lapsed"
