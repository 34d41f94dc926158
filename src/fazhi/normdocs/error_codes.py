"""Stable error codes of normdocs; tests assert these, not the wording."""

from enum import StrEnum


class NormdocsErrorCode(StrEnum):
    REQUIRED = "required"
    INVALID = "invalid"
    EMPTY_FILE = "empty_file"
    PREREVIEW_UNAVAILABLE = "prereview_unavailable"
    FILE_TOO_LARGE = "file_too_large"
    NOT_DOCX = "not_docx"
    INVALID_TRANSITION = "invalid_transition"
    INVALID_DATE = "invalid_date"
    REVIEW_OPEN = "review_open"
    REVIEW_FAILED = "review_failed"
    REVIEW_TOO_FAST = "legality_review_too_fast"
    MISSING_REQUIRED_REVIEW = "missing_required_review"
    COMMENT_NOT_COMPLETED = "comment_not_completed"
    WRONG_UNIT = "wrong_unit"
    DUPLICATE = "duplicate"
    NO_SERIES = "no_number_series"
    NOT_FOUND = "not_found"
    NOTHING_SELECTED = "nothing_selected"
    FINDINGS_OPEN = "findings_open"
    WRONG_MEETING = "wrong_meeting"
    COMPETITION_CONCLUSION = "competition_conclusion"
