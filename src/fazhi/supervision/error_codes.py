"""Stable error codes of the supervision app."""

from enum import StrEnum


class SupervisionErrorCode(StrEnum):
    REQUIRED = "required"
    INVALID = "invalid"
    INVALID_DATE = "invalid_date"
    INVALID_TRANSITION = "invalid_transition"
    DUPLICATE = "duplicate"
    UNKNOWN_CRITERION = "unknown_criterion"
