"""``fazhi deadline 2022-09-30 --working-days 5 [--explain]``: a statutory due date."""

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
        parser.add_argument("--explain", action="store_true", help="show how the date was reached")

    def handle(
        self,
        *args,
        start: str,
        working_days: int | None,
        days: int | None,
        explain: bool,
        **options,
    ) -> None:
        begin = _date(start)
        length = working_days if working_days is not None else days
        if length is None or length < 0:
            raise CommandError("--working-days/--days: must be a whole number of days, 0 or more")
        basis = DayBasis.WORKING if working_days is not None else DayBasis.CALENDAR
        explanation = due_date(start=begin, length=length, basis=basis)
        if explanation.due is None:
            raise CommandError("the due date falls outside the calendar's range")
        self.stdout.write(explanation.due.isoformat())
        if explain:
            for line in explanation.lines():
                self.stdout.write("  " + line)
