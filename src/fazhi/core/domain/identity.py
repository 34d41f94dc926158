"""Resident identity numbers (GB 11643-1999): validation and masking for display."""

from __future__ import annotations

import re

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_PATTERN = re.compile(r"^\d{17}[\dX]$")


def id_number_check_char(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character for the first 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def is_valid_id_number(value: str) -> bool:
    value = value.strip().upper()
    if not _PATTERN.match(value):
        return False
    return id_number_check_char(value[:17]) == value[17]


def mask_id_number(value: str) -> str:
    """Keep the region (first 6) and the last 4 characters: 330481********123X.

    Lists, pages and exports only ever show this form; the full number stays in the database.
    """
    if not value:
        return ""
    if len(value) <= 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


_PERSONAL_SHAPE = re.compile(r"^(\d{17}[\dXx]|\d{15})$")


def looks_like_personal_id(value: str) -> bool:
    """Whether ``value`` has the shape of a resident identity number (18 or old 15 digits).

    Masking decides by what the value *is*, not by what the record says it should be: a
    personal ID typed into an organisation's code field is still a person's number.  (An
    all-digit unified social credit code would be masked too; the safe side.)
    """
    return bool(_PERSONAL_SHAPE.match((value or "").strip()))


def mask_by_shape(value: str, *, personal: bool = False) -> str:
    """Mask ``value`` when it belongs to a person (``personal``) or looks like a personal ID."""
    if personal or looks_like_personal_id(value):
        return mask_id_number(value)
    return value
