"""The date an act happened: the server's date unless a reason says otherwise (issue 16).

An act recorded in the system happened today (``timezone.localdate()``). A paper record entered
later may carry an earlier date, but only with a reason, and it is marked as back-dated. A
statutory minimum period that runs in the system — public-comment exposure, the minimum time of
a legality review — is counted from the day its start was entered whenever its end falls on or
after that day: back-dating the start never shortens it. Only a period that ended before the
system knew of it (a whole paper record) is counted from the dates on paper.

A mechanism beside the clocks (``core.services.clocks``): used by consultations, normdocs and
decisions, and by any app whose acts may be entered after the fact.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.errors import ValidationFailed

BACKDATE_REASON_REQUIRED = "backdate_reason_required"
DATE_IN_FUTURE = "date_in_future"
DATE_BEFORE_PREVIOUS = "date_before_previous_step"


@dataclass(frozen=True)
class ActDate:
    """When an act happened, when it was entered, and why they differ (if they do)."""

    on: dt.date
    recorded_on: dt.date
    reason: str = ""

    @property
    def backdated(self) -> bool:
        return self.on < self.recorded_on

    def details(self) -> dict[str, object]:
        """For the act's domain event: the mark a timeline shows."""
        return {"backdated": True, "backdate_reason": self.reason} if self.backdated else {}


def today() -> dt.date:
    """The server's date (one place, so tests can move the clock)."""
    return timezone.localdate()


def act_date(
    on: dt.date | None,
    *,
    reason: str = "",
    field: str = "on",
    reason_field: str = "backdate_reason",
    not_before: dt.date | None = None,
) -> ActDate:
    """The act's date: today when not given; never in the future; earlier only with a reason."""
    today_ = today()
    on = on or today_
    if on > today_:
        raise ValidationFailed(DATE_IN_FUTURE, _("日期不能晚于今天。"), field=field)
    if not_before is not None and on < not_before:
        raise ValidationFailed(
            DATE_BEFORE_PREVIOUS,
            _("日期不能早于上一环节（%(date)s）。") % {"date": not_before.isoformat()},
            field=field,
        )
    reason = (reason or "").strip()
    if on < today_ and not reason:
        raise ValidationFailed(
            BACKDATE_REASON_REQUIRED,
            _("日期早于今天（补录）的，请填写补录理由。"),
            field=reason_field,
        )
    return ActDate(on=on, recorded_on=today_, reason=reason if on < today_ else "")


def period_start(*, start_on: dt.date, start_recorded_on: dt.date, end_on: dt.date) -> dt.date:
    """The day a statutory minimum period counts from (see the module docstring)."""
    if end_on < start_recorded_on:  # the whole period lies before the system knew of it
        return start_on
    return max(start_on, start_recorded_on)
