"""Reads of the shared kernel, scoped to the user; aggregates in SQL."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet

from fazhi.core.models import (
    Clock,
    ClockStatus,
    DomainEvent,
    Notification,
    Organization,
    Person,
)
from fazhi.core.scoping import scope_for


def organization_list(*, user, search: str = "", kind: str = "") -> QuerySet[Organization]:
    queryset = (
        scope_for(user)
        .filter(Organization.objects.all(), organization_field="")
        .select_related("parent")
    )
    if search:
        queryset = queryset.filter(Q(name__icontains=search) | Q(code__icontains=search))
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset


def organization_children(*, user, parent: Organization | None) -> QuerySet[Organization]:
    queryset = organization_list(user=user).filter(parent=parent)
    return queryset.annotate(child_count=Count("children")).order_by("kind", "code")


def organization_roots(*, user) -> QuerySet[Organization]:
    """The top of what the user may see: the tree roots, or their assigned organisations."""
    scope = scope_for(user)
    if scope.reads_all:
        return organization_children(user=user, parent=None)
    visible = organization_list(user=user)
    return (
        visible.exclude(parent__in=visible).annotate(child_count=Count("children")).order_by("path")
    )


def organization_subtree(organization: Organization) -> QuerySet[Organization]:
    return Organization.objects.filter(path__startswith=organization.path)


def organization_ancestors(organization: Organization) -> list[Organization]:
    return list(
        Organization.objects.filter(path__in=organization.ancestor_paths()).order_by("depth")
    )


def person_list(
    *,
    user,
    search: str = "",
    organization: Organization | None = None,
    certified: bool | None = None,
    leader_level: str = "",
) -> QuerySet[Person]:
    queryset = scope_for(user).filter(Person.objects.all()).select_related("organization")
    if search:
        queryset = queryset.filter(
            Q(name__icontains=search)
            | Q(enforcement_certificate_number__icontains=search)
            | Q(post__icontains=search)
        )
    if organization is not None:
        queryset = queryset.filter(organization__path__startswith=organization.path)
    if certified is True:
        queryset = queryset.exclude(enforcement_certificate_number="")
    elif certified is False:
        queryset = queryset.filter(enforcement_certificate_number="")
    if leader_level:
        queryset = queryset.filter(leader_level=leader_level)
    return queryset


def clock_due_list(
    *, user, today: dt.date, within_days: int = 7, include_overdue: bool = True
) -> QuerySet[Clock]:
    """Running clocks due within N days (and overdue ones), across every module, in scope."""
    horizon = today + dt.timedelta(days=within_days)
    queryset = Clock.objects.filter(status=ClockStatus.RUNNING, due_date__lte=horizon)
    if not include_overdue:
        queryset = queryset.filter(due_date__gte=today)
    return (
        scope_for(user)
        .filter(queryset)
        .select_related("organization", "content_type")
        .order_by("due_date", "id")
    )


def clock_counts(*, user, today: dt.date, within_days: int = 7) -> dict[str, int]:
    queryset = scope_for(user).filter(Clock.objects.filter(status=ClockStatus.RUNNING))
    return queryset.aggregate(
        overdue=Count("id", filter=Q(due_date__lt=today)),
        due_soon=Count(
            "id",
            filter=Q(due_date__gte=today, due_date__lte=today + dt.timedelta(days=within_days)),
        ),
        paused=Count("id", filter=Q(due_date__isnull=True)),
    )


def domain_events_for(subject) -> QuerySet[DomainEvent]:
    from django.contrib.contenttypes.models import ContentType

    return DomainEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=str(subject.pk)
    ).select_related("actor")


def notification_list(*, user, unread_only: bool = False) -> QuerySet[Notification]:
    queryset = Notification.objects.filter(user=user)
    if unread_only:
        queryset = queryset.filter(read_at__isnull=True)
    return queryset


def organization_counts(*, user) -> dict[str, int]:
    queryset = organization_list(user=user)
    rows = queryset.values("kind").annotate(total=Count("id"))
    return {row["kind"]: row["total"] for row in rows}


def domain_event_digest(*, day: dt.date) -> tuple[str, int]:
    """SHA-256 over the day's domain events (Asia/Shanghai day), in id order, and their count.

    Anchored daily in the evidence log, it lets anyone later prove the day's timeline was not
    rewritten: recomputing it from the stored events must give the anchored value.
    """
    import hashlib
    import json

    from django.utils import timezone

    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    end = start + dt.timedelta(days=1)
    digest = hashlib.sha256()
    count = 0
    rows = (
        DomainEvent.objects.filter(at__gte=start, at__lt=end)
        .order_by("id")
        .values_list(
            "id", "content_type_id", "object_id", "event_type", "actor_id", "at", "details"
        )
    )
    for row in rows.iterator(chunk_size=2000):
        identifier, content_type, object_id, event_type, actor, at, details = row
        line = json.dumps(
            [identifier, content_type, object_id, event_type, actor, at.isoformat(), details],
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
            default=str,
        )
        digest.update(line.encode("utf-8") + b"\n")
        count += 1
    return digest.hexdigest(), count
