"""Parsing of query parameters every list shares, so a bad value filters nothing instead of
failing: ``?year=0`` or ``?year=10000`` would otherwise reach ``datetime.date`` and raise."""

from __future__ import annotations

MIN_YEAR = 1900
MAX_YEAR = 2999


def parse_year(text: object, *, default: int | None = None) -> int | None:
    """The year in ``text`` when it is a plausible four-digit year, else ``default``."""
    value = str(text or "").strip()
    if not value.isdigit() or len(value) > 4:
        return default
    year = int(value)
    return year if MIN_YEAR <= year <= MAX_YEAR else default
