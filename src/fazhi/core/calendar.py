"""The official calendar: chinese-calendar, overridden by the admin-editable ``CalendarDay`` table.

Years the package does not cover yet are entered in the table (from the State Council's annual
notice); dates neither knows fall back to Monday–Friday and are flagged as unconfirmed.
"""

from __future__ import annotations

from datetime import date

import chinese_calendar

from fazhi.core.domain.calendar import (
    ClockChange,
    DayBasis,
    DayInfo,
    DayKind,
    DayKindLookup,
    Explanation,
    compute_due_date,
    layered_lookup,
)

HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


# The years the installed package has the State Council's schedule for; others are unknown to it.
PACKAGE_YEARS = frozenset(d.year for d in (*chinese_calendar.holidays, *chinese_calendar.workdays))


def package_day(day: date) -> DayInfo | None:
    if day.year not in PACKAGE_YEARS:
        return None
    is_holiday, name = chinese_calendar.get_holiday_detail(day)
    label = HOLIDAY_NAMES_ZH.get(name or "", name or "")
    weekend = day.weekday() >= 5
    if is_holiday:
        return DayInfo(DayKind.HOLIDAY if name else DayKind.WEEKEND, label)
    if weekend:
        return DayInfo(DayKind.MAKEUP_WORKDAY, label)
    return DayInfo(DayKind.WORKDAY)


def official_lookup() -> DayKindLookup:
    """A lookup for this request: table overrides first, then the package, then weekdays."""
    from fazhi.core.models import CalendarDay

    overrides: dict[date, DayInfo] = {}
    for row in CalendarDay.objects.all():
        weekend = row.date.weekday() >= 5
        if row.is_workday:
            kind = DayKind.MAKEUP_WORKDAY if weekend else DayKind.WORKDAY
        else:
            kind = DayKind.HOLIDAY if (row.name or not weekend) else DayKind.WEEKEND
        overrides[row.date] = DayInfo(kind, row.name)
    return layered_lookup(overrides.get, package_day)


def due_date(
    *,
    start: date,
    length: int,
    basis: DayBasis | str,
    changes: tuple[ClockChange, ...] | list[ClockChange] = (),
    lookup: DayKindLookup | None = None,
) -> Explanation:
    return compute_due_date(
        lookup or official_lookup(),
        start=start,
        length=length,
        basis=DayBasis(basis),
        changes=changes,
    )


def due_on(*, start: date, length: int, basis: DayBasis | str) -> date:
    """The last day of a period that is never paused (``due_date`` without changes)."""
    due = due_date(start=start, length=length, basis=basis).due
    assert due is not None  # only a paused clock has no due date yet
    return due
