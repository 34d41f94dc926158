"""Stable error codes of the shared kernel; tests assert these, not the wording."""

from enum import StrEnum


class CoreErrorCode(StrEnum):
    INVALID = "invalid"
    REQUIRED = "required"
    NOT_FOUND = "not_found"
    OUT_OF_SCOPE = "out_of_scope"
    FORBIDDEN_ROLE = "forbidden_role"
    INVALID_DATE = "invalid_date"
    INVALID_TRANSITION = "invalid_transition"
    DUPLICATE = "duplicate"
    UNKNOWN_ORGANIZATION = "unknown_organization"
    ORGANIZATION_CYCLE = "organization_cycle"
    INVALID_ID_NUMBER = "invalid_id_number"
    INVALID_TEMPLATE = "invalid_template"
    UNKNOWN_CLOCK_TYPE = "unknown_clock_type"
    CLOCK_MISSING = "clock_missing"
    CLOCK_NOT_RUNNING = "clock_not_running"
    CLOCK_NOT_PAUSABLE = "clock_not_pausable"
    CLOCK_NOT_EXTENDABLE = "clock_not_extendable"
    EXTENSION_TOO_LONG = "extension_too_long"
    IMPORT_INVALID = "import_invalid"
    UNREADABLE_FILE = "unreadable_file"
    FILE_TOO_LARGE = "file_too_large"
    LOCKED_OUT = "locked_out"
    UNKNOWN_INDICATOR = "unknown_indicator"
