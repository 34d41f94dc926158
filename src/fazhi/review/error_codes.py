"""Stable error codes of the pre-review app; tests assert these, not the wording."""

from enum import StrEnum


class ReviewErrorCode(StrEnum):
    TEXT_REQUIRED = "text_required"
    TEXT_TOO_LONG = "text_too_long"
    TEXT_AND_FILE = "text_and_file"
    UNREADABLE_FILE = "unreadable_file"
    FILE_TOO_LARGE = "file_too_large"
    NO_ORGANIZATION = "no_organization"
    INVALID_DECISION = "invalid_decision"
    REASON_REQUIRED = "reason_required"
    SAME_DECISION = "same_decision"
