"""Writes of statutory clocks: start, pause, resume, extend, stop; due dates recomputed."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from fazhi.core import deadlines
from fazhi.core.calendar import due_date as compute_due
from fazhi.core.domain.calendar import ClockChange
from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import Conflict, ValidationFailed
from fazhi.core.models import (
    CalendarDay,
    Clock,
    ClockEvent,
    ClockEventKind,
    ClockStatus,
    Organization,
    Role,
)
from fazhi.core.services.base import _user_or_none

# --- clocks -----------------------------------------------------------------------------------


def _clock_type(key: str) -> deadlines.ClockType:
    clock_type = deadlines.get(key)
    if clock_type is None:
        raise ValidationFailed(
            CoreErrorCode.UNKNOWN_CLOCK_TYPE, _("未知的期限类型。"), field="clock_type"
        )
    return clock_type


def _clock_changes(clock: Clock) -> list[ClockChange]:
    return [
        ClockChange(kind=e.kind, date=e.date, days=e.days or 0, note=e.reason)
        for e in clock.events.exclude(kind__in=[ClockEventKind.START, ClockEventKind.STOP])
    ]


def clock_for(subject: models.Model, clock_type: str) -> Clock | None:
    """The clock of a type running (or run) on a record, if it was started."""
    return Clock.objects.filter(
        clock_type=clock_type,
        content_type=ContentType.objects.get_for_model(subject),
        object_id=str(subject.pk),
    ).first()


def clock_of(subject: models.Model, clock_type: str) -> Clock:
    """The clock a step relies on. A missing one means the record skipped the step that starts
    it, so the step is refused rather than computed on a period that never ran."""
    clock = clock_for(subject, clock_type)
    if clock is None:
        raise Conflict(
            CoreErrorCode.CLOCK_MISSING,
            _("该记录尚未开始计算“%(clock)s”期限。") % {"clock": _clock_type(clock_type).name},
            field="clock",
        )
    return clock


def clock_due(clock: Clock) -> dt.date:
    """The last day of a clock that is running (a paused clock has no last day yet)."""
    if clock.due_date is None:
        raise Conflict(
            CoreErrorCode.CLOCK_NOT_RUNNING,
            _("“%(label)s”期限已暂停，当前没有届满日。") % {"label": clock.label},
            field="clock",
        )
    return clock.due_date


def clock_explanation(clock: Clock):
    clock_type = _clock_type(clock.clock_type)
    return compute_due(
        start=clock.start_date,
        length=clock_type.length,
        basis=clock_type.basis,
        changes=_clock_changes(clock),
    )


def _recompute(clock: Clock) -> None:
    clock.due_date = clock_explanation(clock).due
    clock.save(update_fields=["due_date", "status", "stopped_on"])


@transaction.atomic
def clock_start(
    *,
    clock_type: str,
    subject: models.Model,
    organization: Organization,
    start_date: dt.date,
    label: str,
    url: str = "",
    responsible=None,
    actor: User | None = None,
) -> Clock:
    """Start a statutory clock on a record (one clock of each type per record)."""
    _clock_type(clock_type)
    content_type = ContentType.objects.get_for_model(subject)
    if Clock.objects.filter(
        clock_type=clock_type, content_type=content_type, object_id=str(subject.pk)
    ).exists():
        raise Conflict(CoreErrorCode.DUPLICATE, _("该期限已开始计算。"), field="clock_type")
    clock = Clock.objects.create(
        clock_type=clock_type,
        content_type=content_type,
        object_id=str(subject.pk),
        label=label,
        url=url,
        organization=organization,
        responsible=responsible,
        start_date=start_date,
    )
    ClockEvent.objects.create(
        clock=clock, kind=ClockEventKind.START, date=start_date, actor=_user_or_none(actor)
    )
    _recompute(clock)
    return clock


def _locked(clock: Clock) -> Clock:
    return Clock.objects.select_for_update().get(pk=clock.pk)


def _after_start(clock: Clock, on: dt.date, field: str = "date") -> None:
    last = clock.events.order_by("-date", "-id").values_list("date", flat=True).first()
    if on < clock.start_date or (last and on < last):
        raise ValidationFailed(
            CoreErrorCode.INVALID_DATE, _("日期不能早于起算日或上一事件。"), field=field
        )


@transaction.atomic
def clock_pause(*, clock: Clock, on: dt.date, reason: str, actor: User | None = None) -> Clock:
    clock = _locked(clock)
    if not _clock_type(clock.clock_type).pausable:
        raise ValidationFailed(
            CoreErrorCode.CLOCK_NOT_PAUSABLE, _("该期限不能中止计算。"), field="clock"
        )
    if clock.status != ClockStatus.RUNNING:
        raise Conflict(
            CoreErrorCode.INVALID_TRANSITION, _("只有计时中的期限可以暂停。"), field="status"
        )
    if not reason.strip():
        raise ValidationFailed(CoreErrorCode.REQUIRED, _("请填写暂停理由。"), field="reason")
    _after_start(clock, on)
    ClockEvent.objects.create(
        clock=clock, kind=ClockEventKind.PAUSE, date=on, reason=reason, actor=_user_or_none(actor)
    )
    clock.status = ClockStatus.PAUSED
    _recompute(clock)
    return clock


@transaction.atomic
def clock_resume(
    *, clock: Clock, on: dt.date, reason: str = "", actor: User | None = None
) -> Clock:
    clock = _locked(clock)
    if clock.status != ClockStatus.PAUSED:
        raise Conflict(
            CoreErrorCode.INVALID_TRANSITION, _("只有已暂停的期限可以恢复。"), field="status"
        )
    _after_start(clock, on)
    ClockEvent.objects.create(
        clock=clock, kind=ClockEventKind.RESUME, date=on, reason=reason, actor=_user_or_none(actor)
    )
    clock.status = ClockStatus.RUNNING
    _recompute(clock)
    return clock


@transaction.atomic
def clock_extend(
    *, clock: Clock, on: dt.date, days: int, reason: str, actor: User | None = None
) -> Clock:
    clock = _locked(clock)
    clock_type = _clock_type(clock.clock_type)
    if not clock_type.extendable:
        raise ValidationFailed(
            CoreErrorCode.CLOCK_NOT_EXTENDABLE, _("该期限不能延长。"), field="clock"
        )
    if clock.status == ClockStatus.STOPPED:
        raise Conflict(
            CoreErrorCode.INVALID_TRANSITION, _("已停止的期限不能延长。"), field="status"
        )
    if days <= 0:
        raise ValidationFailed(CoreErrorCode.INVALID, _("延长天数必须大于零。"), field="days")
    already = sum(e.days or 0 for e in clock.events.filter(kind=ClockEventKind.EXTEND))
    if clock_type.max_extension_days is not None and already + days > clock_type.max_extension_days:
        raise ValidationFailed(
            CoreErrorCode.EXTENSION_TOO_LONG,
            _("延长合计不得超过%(days)s日。") % {"days": clock_type.max_extension_days},
            field="days",
        )
    if not reason.strip():
        raise ValidationFailed(CoreErrorCode.REQUIRED, _("请填写延长理由。"), field="reason")
    _after_start(clock, on)
    ClockEvent.objects.create(
        clock=clock,
        kind=ClockEventKind.EXTEND,
        date=on,
        days=days,
        reason=reason,
        actor=_user_or_none(actor),
    )
    _recompute(clock)
    return clock


@transaction.atomic
def clock_stop(*, clock: Clock, on: dt.date, actor: User | None = None) -> Clock:
    clock = _locked(clock)
    if clock.status == ClockStatus.STOPPED:
        raise Conflict(CoreErrorCode.INVALID_TRANSITION, _("该期限已停止。"), field="status")
    _after_start(clock, on)
    ClockEvent.objects.create(
        clock=clock, kind=ClockEventKind.STOP, date=on, actor=_user_or_none(actor)
    )
    clock.status = ClockStatus.STOPPED
    clock.stopped_on = on
    _recompute(clock)
    return clock


# --- the official calendar --------------------------------------------------------------------


def _recompute_clocks_around(day: dt.date) -> int:
    """Open clocks whose period may span ``day`` get their due date computed again."""
    changed = 0
    candidates = Clock.objects.exclude(status=ClockStatus.STOPPED).filter(
        Q(due_date__gte=day) | Q(due_date__isnull=True), start_date__lte=day
    )
    for clock in candidates:
        before = clock.due_date
        _recompute(clock)
        changed += clock.due_date != before
    return changed


@transaction.atomic
def calendar_day_set(
    *, actor: User, date: dt.date, is_workday: bool, name: str = "", source: str = ""
) -> CalendarDay:
    """Record the State Council's notice for a day (a holiday or a 调休 workday) over the package.

    Running clocks are recomputed, so a late notice moves the deadlines it affects.
    """
    from fazhi.core.scoping import require_role

    require_role(actor, Role.ADMINISTRATOR, Role.JUSTICE_LEGAL_OFFICER)
    if not source.strip():
        raise ValidationFailed(
            CoreErrorCode.REQUIRED, _("请填写依据（如国务院办公厅通知文号）。"), field="source"
        )
    day, _created = CalendarDay.objects.update_or_create(
        date=date,
        defaults={"is_workday": is_workday, "name": name.strip(), "source": source.strip()},
    )
    _recompute_clocks_around(date)
    return day


@transaction.atomic
def calendar_day_remove(*, actor: User, day: CalendarDay) -> None:
    """Withdraw an override (the package's calendar applies again); clocks are recomputed."""
    from fazhi.core.scoping import require_role

    require_role(actor, Role.ADMINISTRATOR, Role.JUSTICE_LEGAL_OFFICER)
    date = day.date
    CalendarDay.objects.filter(pk=day.pk).delete()
    _recompute_clocks_around(date)
