"""Stable error codes of grassroots rule of law; tests assert these, not the wording."""

from enum import StrEnum


class GrassrootsErrorCode(StrEnum):
    REQUIRED = "required"
    INVALID = "invalid"
    UNKNOWN_PERSON = "unknown_person"
    NOT_A_VILLAGE = "not_a_village"
    NOT_A_TOWN = "not_a_town"
    ALREADY_REGISTERED = "already_registered"
    DUPLICATE = "duplicate"
