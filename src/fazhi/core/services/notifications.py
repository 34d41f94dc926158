"""Notifications: raise once per key, mark read, and the daily deadline sweep."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import NotFound
from fazhi.core.models import (
    Clock,
    ClockStatus,
    Notification,
    Role,
    RoleAssignment,
)

# --- notifications ----------------------------------------------------------------------------


def notification_raise(*, user, title: str, body: str = "", url: str = "", dedupe_key: str) -> bool:
    """Raise a notification once per (user, dedupe_key); True if it was new."""
    _, created = Notification.objects.get_or_create(
        user=user,
        dedupe_key=dedupe_key[:200],
        defaults={"title": title[:200], "body": body, "url": url},
    )
    return created


def notification_mark_read(*, user, notification_id: int) -> None:
    updated = Notification.objects.filter(
        user=user, pk=notification_id, read_at__isnull=True
    ).update(read_at=timezone.now())
    if not updated and not Notification.objects.filter(user=user, pk=notification_id).exists():
        raise NotFound(CoreErrorCode.NOT_FOUND, _("通知不存在。"), field="notification")


def notification_open(*, user, notification_id: int) -> Notification:
    """Open one of the user's notifications (from the inbox): it is read from now on."""
    notification_mark_read(user=user, notification_id=notification_id)
    return Notification.objects.get(user=user, pk=notification_id)


def notification_mark_all_read(*, user) -> int:
    """全部标为已读: every unread notification of the user; how many there were."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def deadline_notifications_raise(*, today: dt.date, within_days: int = 3) -> int:
    """Notify each clock's responsible user (or its unit's legal officers) of due and overdue
    clocks. Idempotent: the same clock and due date notify a user once."""
    horizon = today + dt.timedelta(days=within_days)
    clocks = Clock.objects.filter(status=ClockStatus.RUNNING, due_date__lte=horizon).select_related(
        "responsible"
    )
    # One query for every unit's legal officers, not one per clock.
    officers: dict[int, list] = {}
    for assignment in RoleAssignment.objects.filter(
        organization__in=clocks.filter(responsible__isnull=True).values("organization"),
        role__in=[Role.DEPARTMENT_LEGAL_OFFICER, Role.JUSTICE_LEGAL_OFFICER],
    ).select_related("user"):
        unit = officers.setdefault(assignment.organization_id, [])
        if assignment.user not in unit:
            unit.append(assignment.user)
    raised = 0
    for clock in clocks.iterator(chunk_size=500):
        recipients = (
            [clock.responsible] if clock.responsible_id else officers.get(clock.organization_id, [])
        )
        if clock.due_date is None:
            continue
        overdue = clock.due_date < today
        title = (_("已逾期：%(label)s") if overdue else _("即将到期：%(label)s")) % {
            "label": clock.label
        }
        for user in recipients:
            raised += notification_raise(
                user=user,
                title=title,
                body=_("届满日：%(due)s") % {"due": clock.due_date.isoformat()},
                url=clock.url,
                dedupe_key=f"clock:{clock.pk}:{clock.due_date.isoformat()}:{'overdue' if overdue else 'due'}",
            )
    return raised
