"""``fazhi deadline 2022-09-30 --working-days 5 [--explain]``: a statutory due date.

``--clock-type reconsideration.answer_2017`` takes the length and day basis of a registered
clock type and prints the article of the rule version it follows."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.core.calendar import due_date
from fazhi.core.domain.calendar import DayBasis


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"start: '{value}' is not a date (use YYYY-MM-DD)") from None


class Command(BaseCommand):
    help = "Compute a statutory due date on China's official working-day calendar."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("start", help="the starting day (not counted), YYYY-MM-DD")
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--working-days", type=int, help="period length in working days")
        group.add_argument("--days", type=int, help="period length in calendar days")
        group.add_argument(
            "--clock-type", help="a registered clock type: its length, basis and article"
        )
        parser.add_argument("--explain", action="store_true", help="show how the date was reached")

    def handle(
        self,
        *args,
        start: str,
        working_days: int | None,
        days: int | None,
        explain: bool,
        clock_type: str | None = None,
        **options,
    ) -> None:
        begin = _date(start)
        declared = None
        if clock_type:
            from fazhi.core import deadlines
            from fazhi.core.procedures import load_all

            load_all()  # every app's procedures import its clock types
            declared = deadlines.get(clock_type)
            if declared is None:
                raise CommandError(f"--clock-type: unknown clock type '{clock_type}'")
            length: int | None = declared.length
            basis = declared.basis
        else:
            length = working_days if working_days is not None else days
            basis = DayBasis.WORKING if working_days is not None else DayBasis.CALENDAR
        if length is None or length < 0:
            raise CommandError("--working-days/--days: must be a whole number of days, 0 or more")
        explanation = due_date(start=begin, length=length, basis=basis)
        if explanation.due is None:
            raise CommandError("the due date falls outside the calendar's range")
        self.stdout.write(explanation.due.isoformat())
        if declared is not None:
            confirmed = "" if declared.confirmed else "（待确认）"
            self.stdout.write(f"  {declared.name}：依据 {declared.legal_basis}{confirmed}")
        if explain:
            for line in explanation.lines():
                self.stdout.write("  " + line)
