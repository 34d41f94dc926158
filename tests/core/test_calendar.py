"""The statutory day-counting rules on the official calendar (2022 holidays and 调休)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.core.calendar import package_day
from fazhi.core.domain.calendar import (
    ClockChange,
    DayBasis,
    DayKind,
    StepKind,
    add_calendar_days,
    add_working_days,
    compute_due_date,
    layered_lookup,
    working_days_between,
)

lookup = layered_lookup(package_day)
D = dt.date


def test_five_working_days_over_national_day():
    result = add_working_days(lookup, D(2022, 9, 30), 5)
    assert result.due == D(2022, 10, 12)
    counted = [s.date for s in result.steps if s.kind is StepKind.COUNTED]
    assert counted == [
        D(2022, 10, 8),
        D(2022, 10, 9),
        D(2022, 10, 10),
        D(2022, 10, 11),
        D(2022, 10, 12),
    ]
    skipped = [s.date for s in result.steps if s.kind is StepKind.SKIPPED]
    assert skipped == [D(2022, 10, day) for day in range(1, 8)]


def test_explanation_names_holidays_and_makeup_days():
    lines = add_working_days(lookup, D(2022, 9, 30), 5).lines()
    assert lines[1] == "2022-09-30 起算日，不计入"
    assert "2022-10-01 法定节假日（国庆节），跳过" in lines
    assert "2022-10-08 调休工作日（国庆节），计第1日" in lines
    assert lines[-1] == "2022-10-12 期间届满"


def test_calendar_days_ending_on_a_holiday_roll_to_the_next_working_day():
    result = add_calendar_days(lookup, D(2022, 9, 26), 5)  # day 5 is 1 October
    assert result.due == D(2022, 10, 8)  # the Saturday make-up working day
    rolled = [s.date for s in result.steps if s.kind is StepKind.ROLLED_FORWARD]
    assert rolled == [D(2022, 10, day) for day in range(1, 8)]


def test_calendar_days_ending_on_a_working_day_do_not_move():
    result = add_calendar_days(lookup, D(2022, 1, 4), 15)
    assert result.due == D(2022, 1, 19)


def test_calendar_days_ending_on_a_weekend_roll_to_monday():
    assert add_calendar_days(lookup, D(2022, 6, 6), 5).due == D(2022, 6, 13)  # 11 June is Saturday


def test_pause_and_resume_do_not_count_the_paused_days():
    # Mon 7 March 2022, five working days; correction requested on the 8th, received the 14th.
    result = compute_due_date(
        lookup,
        start=D(2022, 3, 7),
        length=5,
        basis=DayBasis.WORKING,
        changes=[
            ClockChange("pause", D(2022, 3, 8), note="补正"),
            ClockChange("resume", D(2022, 3, 14)),
        ],
    )
    assert result.due == D(2022, 3, 18)  # 8th counted, then 15–18 March


def test_paused_clock_has_no_due_date():
    result = compute_due_date(
        lookup,
        start=D(2022, 3, 7),
        length=5,
        basis=DayBasis.WORKING,
        changes=[ClockChange("pause", D(2022, 3, 8))],
    )
    assert result.due is None


def test_period_that_ran_out_before_the_pause_keeps_its_due_date():
    result = compute_due_date(
        lookup,
        start=D(2022, 3, 7),
        length=2,
        basis=DayBasis.WORKING,
        changes=[ClockChange("pause", D(2022, 3, 14))],
    )
    assert result.due == D(2022, 3, 9)


def test_extension_adds_days_in_the_clocks_basis():
    result = compute_due_date(
        lookup,
        start=D(2022, 3, 1),
        length=60,
        basis=DayBasis.CALENDAR,
        changes=[ClockChange("extend", D(2022, 4, 20), days=30, note="情况复杂")],
    )
    assert result.length == 90
    assert result.due == D(2022, 5, 30)


def test_negative_length_is_refused():
    with pytest.raises(ValueError):
        add_working_days(lookup, D(2022, 1, 1), -1)


def test_years_without_an_official_schedule_fall_back_and_are_flagged():
    result = add_working_days(lookup, D(2031, 1, 2), 3)
    assert result.due == D(2031, 1, 7)
    assert result.unconfirmed_days
    assert "请核对" in result.lines()[-1]


def test_table_override_wins_over_the_package():
    override = {D(2022, 10, 10): package_day(D(2022, 10, 1))}
    custom = layered_lookup(override.get, package_day)
    assert custom(D(2022, 10, 10)).kind is DayKind.HOLIDAY
    assert add_working_days(custom, D(2022, 9, 30), 5).due == D(2022, 10, 13)


@settings(max_examples=150, deadline=None)
@given(start=st.dates(min_value=D(2015, 1, 1), max_value=D(2025, 12, 1)), days=st.integers(0, 40))
def test_working_day_due_dates_are_working_days_n_after_start(start, days):
    due = add_working_days(lookup, start, days).due
    assert working_days_between(lookup, start, due) == days
    if days:
        assert lookup(due).is_workday


@settings(max_examples=150, deadline=None)
@given(start=st.dates(min_value=D(2015, 1, 1), max_value=D(2025, 12, 1)), days=st.integers(1, 120))
def test_calendar_day_due_dates_are_working_days_on_or_after_the_plain_sum(start, days):
    due = add_calendar_days(lookup, start, days).due
    plain = start + dt.timedelta(days=days)
    assert due >= plain
    assert lookup(due).is_workday
    assert all(
        not lookup(plain + dt.timedelta(days=i)).is_workday for i in range((due - plain).days)
    )
