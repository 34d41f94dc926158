"""Pure rules of a normative document's validity period. No Django."""

from __future__ import annotations

import calendar
import datetime as dt

PROVISIONAL_MARKERS = ("暂行", "试行")


def is_provisional(title: str) -> bool:
    """暂行/试行 documents get the shorter validity period."""
    return any(marker in title for marker in PROVISIONAL_MARKERS)


def shift_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the month's last day (31 Aug − 6 → 28 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def longest_validity(effective_from: dt.date, years: int) -> dt.date:
    """The last day of a period of ``years`` from ``effective_from`` (spec §10: + N years − 1 day)."""
    return shift_months(effective_from, 12 * years) - dt.timedelta(days=1)


def evaluation_starts(valid_until: dt.date, months: int) -> dt.date:
    """When pre-expiry evaluation should begin."""
    return shift_months(valid_until, -months)
