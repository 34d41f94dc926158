"""Stable error codes of the evidence app; tests assert these, not the wording."""

from enum import StrEnum


class EvidenceErrorCode(StrEnum):
    LOGIN_REQUIRED = "login_required"
    REQUIRED = "required"
    TOO_LONG = "too_long"
    FILE_REQUIRED = "file_required"
    FILE_EMPTY = "file_empty"
    FILE_TOO_LARGE = "file_too_large"
    NOT_FOUND = "not_found"
    NOT_YOURS = "not_yours"
    OUT_OF_SCOPE = "out_of_scope"
    INVALID_TRANSITION = "invalid_transition"
    INVALID_HASH = "invalid_hash"
    INVALID_REFERENCE = "invalid_reference"
    INVALID_KIND = "invalid_kind"
    INVALID_SIZE = "invalid_size"
    HEAD_NOT_FOUND = "head_not_found"
    NOTHING_TO_VERIFY = "nothing_to_verify"
    RATE_LIMITED = "rate_limited"
