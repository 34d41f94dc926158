"""Stable error codes of the law base; tests assert these, not the wording."""

from enum import StrEnum


class LawbaseErrorCode(StrEnum):
    CORPUS_UNREADABLE = "corpus_unreadable"
    CORPUS_INVALID = "corpus_invalid"
    QUERY_TOO_LONG = "query_too_long"
    TEXT_REQUIRED = "text_required"
    TEXT_TOO_LONG = "text_too_long"
    VERSION_LAW_UNKNOWN = "version_law_unknown"
    VERSION_UNKNOWN = "version_unknown"
    NO_VERSION_ON_DATE = "no_version_on_date"
