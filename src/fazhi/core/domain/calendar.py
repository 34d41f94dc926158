"""Statutory period counting over China's official working-day calendar.

One implementation for every module (rules-enforcement-disputes.md §0):

- the starting day is never counted;
- a period in **working days** counts only official working days, so public holidays and
  weekends are skipped and make-up working days (调休) count;
- a period in **calendar days** counts every day, but when its last day is not a working day it
  ends on the next working day (Civil Procedure Law art. 85; Penalty Law art. 85);
- a clock may be paused (the days between a pause and its resume do not count, the resume day
  is a new starting day) and extended (the extension adds days in the clock's own basis).

Everything here is pure: the calendar itself is passed in as a ``DayKindLookup``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum


class DayBasis(StrEnum):
    WORKING = "working"
    CALENDAR = "calendar"


class DayKind(StrEnum):
    WORKDAY = "workday"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    MAKEUP_WORKDAY = "makeup_workday"


@dataclass(frozen=True)
class DayInfo:
    kind: DayKind
    name: str = ""
    confirmed: bool = True  # False where no official calendar covers the date

    @property
    def is_workday(self) -> bool:
        return self.kind in (DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY)


DayKindLookup = Callable[[date], DayInfo]


class StepKind(StrEnum):
    START = "start"
    COUNTED = "counted"
    SKIPPED = "skipped"
    ROLLED_FORWARD = "rolled_forward"
    PAUSED = "paused"
    RESUMED = "resumed"
    EXTENDED = "extended"
    DUE = "due"


@dataclass(frozen=True)
class Step:
    date: date
    kind: StepKind
    day: DayInfo | None = None
    count: int | None = None
    note: str = ""


@dataclass
class Explanation:
    """How a due date was reached: each day that mattered, in order."""

    start: date
    basis: DayBasis
    length: int
    due: date | None
    steps: list[Step] = field(default_factory=list)

    @property
    def unconfirmed_days(self) -> list[date]:
        return [s.date for s in self.steps if s.day is not None and not s.day.confirmed]

    def lines(self) -> list[str]:
        """A readable account in Chinese, one line per step."""
        basis = "工作日" if self.basis is DayBasis.WORKING else "自然日"
        out = [f"期限：{self.length}个{basis}"]
        for step in self.steps:
            out.append(_describe(step))
        if self.unconfirmed_days:
            out.append("注意：部分日期不在官方节假日安排范围内，按周末休息推定，请核对。")
        return out


def _day_label(day: DayInfo | None) -> str:
    if day is None:
        return ""
    labels = {
        DayKind.WORKDAY: "工作日",
        DayKind.WEEKEND: "周末",
        DayKind.HOLIDAY: f"法定节假日（{day.name}）" if day.name else "法定节假日",
        DayKind.MAKEUP_WORKDAY: f"调休工作日（{day.name}）" if day.name else "调休工作日",
    }
    return labels[day.kind]


def _describe(step: Step) -> str:
    iso = step.date.isoformat()
    match step.kind:
        case StepKind.START:
            return f"{iso} 起算日，不计入"
        case StepKind.COUNTED:
            return f"{iso} {_day_label(step.day)}，计第{step.count}日"
        case StepKind.SKIPPED:
            return f"{iso} {_day_label(step.day)}，跳过"
        case StepKind.ROLLED_FORWARD:
            return f"{iso} 期间最后一日为{_day_label(step.day)}，顺延"
        case StepKind.PAUSED:
            return f"{iso} 暂停计算（{step.note}）" if step.note else f"{iso} 暂停计算"
        case StepKind.RESUMED:
            return f"{iso} 恢复计算，当日不计入" + (f"（{step.note}）" if step.note else "")
        case StepKind.EXTENDED:
            return f"{iso} 延长{step.count}日" + (f"（{step.note}）" if step.note else "")
        case StepKind.DUE:
            return f"{iso} 期间届满"
    raise AssertionError(step.kind)  # pragma: no cover


def _counts(day: DayInfo, basis: DayBasis) -> bool:
    return basis is DayBasis.CALENDAR or day.is_workday


def _walk(
    lookup: DayKindLookup,
    start: date,
    units: int,
    basis: DayBasis,
    steps: list[Step],
    counted_before: int,
    stop_at: date | None = None,
) -> tuple[date | None, int]:
    """Count ``units`` days after ``start``; stop early at ``stop_at`` (a pause).

    Returns (the date the count completed, or None if stopped early; units counted).
    """
    counted = 0
    day = start
    while counted < units:
        day += timedelta(days=1)
        if stop_at is not None and day > stop_at:
            return None, counted
        info = lookup(day)
        if _counts(info, basis):
            counted += 1
            if basis is DayBasis.WORKING or info.kind is not DayKind.WORKDAY:
                steps.append(Step(day, StepKind.COUNTED, info, counted_before + counted))
        elif basis is DayBasis.WORKING:
            steps.append(Step(day, StepKind.SKIPPED, info))
    return day, counted


def _roll_forward(lookup: DayKindLookup, due: date, steps: list[Step]) -> date:
    while not (info := lookup(due)).is_workday:
        steps.append(Step(due, StepKind.ROLLED_FORWARD, info))
        due += timedelta(days=1)
    return due


@dataclass(frozen=True)
class ClockChange:
    """A pause, resume or extension recorded on a clock."""

    kind: str  # "pause" | "resume" | "extend"
    date: date
    days: int = 0
    note: str = ""


def compute_due_date(
    lookup: DayKindLookup,
    *,
    start: date,
    length: int,
    basis: DayBasis,
    changes: Sequence[ClockChange] = (),
) -> Explanation:
    """The due date of a period, with pauses and extensions, and how it was reached.

    Returns ``due=None`` while the clock is paused (the due date is then not yet known).
    """
    if length < 0:
        raise ValueError("length must not be negative")
    explanation = Explanation(start=start, basis=basis, length=length, due=None)
    steps = explanation.steps
    steps.append(Step(start, StepKind.START, lookup(start)))
    total = length
    consumed = 0
    segment_start = start
    paused = False
    due: date | None = None
    for change in sorted(changes, key=lambda c: c.date):
        if change.kind == "extend":
            total += change.days
            steps.append(Step(change.date, StepKind.EXTENDED, count=change.days, note=change.note))
        elif change.kind == "pause" and not paused:
            reached, counted = _walk(
                lookup, segment_start, total - consumed, basis, steps, consumed, change.date
            )
            consumed += counted
            if reached is not None:
                due = reached  # the period ran out before the pause
                break
            steps.append(Step(change.date, StepKind.PAUSED, note=change.note))
            paused = True
        elif change.kind == "resume" and paused:
            steps.append(Step(change.date, StepKind.RESUMED, note=change.note))
            segment_start = change.date
            paused = False
    if due is None and not paused:
        due, _ = _walk(lookup, segment_start, total - consumed, basis, steps, consumed)
    if due is not None:
        if basis is DayBasis.CALENDAR:
            due = _roll_forward(lookup, due, steps)
        steps.append(Step(due, StepKind.DUE, lookup(due)))
    explanation.due = due
    explanation.length = total
    return explanation


def add_working_days(lookup: DayKindLookup, start: date, days: int) -> Explanation:
    return compute_due_date(lookup, start=start, length=days, basis=DayBasis.WORKING)


def add_calendar_days(lookup: DayKindLookup, start: date, days: int) -> Explanation:
    return compute_due_date(lookup, start=start, length=days, basis=DayBasis.CALENDAR)


def working_days_between(lookup: DayKindLookup, start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 if end <= start)."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if lookup(day).is_workday:
            count += 1
    return count


def weekday_fallback(day: date) -> DayInfo:
    """For dates no official schedule covers: Monday–Friday work, marked unconfirmed."""
    kind = DayKind.WEEKEND if day.weekday() >= 5 else DayKind.WORKDAY
    return DayInfo(kind, confirmed=False)


def layered_lookup(*lookups: Callable[[date], DayInfo | None]) -> DayKindLookup:
    """The first lookup that knows a date wins; unknown dates fall back to weekdays."""

    def lookup(day: date) -> DayInfo:
        for candidate in lookups:
            info = candidate(day)
            if info is not None:
                return info
        return weekday_fallback(day)

    return lookup


def dates_in(start: date, end: date) -> Iterable[date]:
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)
