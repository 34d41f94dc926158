"""Reads of the supervision app; aggregates in SQL."""

from __future__ import annotations

import datetime as dt

from django.db.models import Avg, Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import PermissionDenied
from fazhi.core.models import Organization, Role, RoleAssignment
from fazhi.core.scoping import require_read, require_role, scope_for
from fazhi.enforcement import selectors as enforcement_selectors
from fazhi.supervision.models import (
    AccountabilityRecord,
    Campaign,
    CaseFileEvaluation,
    NoticeStatus,
    SpecialSupervisor,
    SupervisionNotice,
)
from fazhi.supervision.permissions import SUPERVISION_ROLES


def notice_list(*, user, status: str = "") -> QuerySet[SupervisionNotice]:
    """A supervised unit sees its own notices; supervisors see every notice."""
    queryset = SupervisionNotice.objects.select_related("organization", "issuer", "campaign")
    if not enforcement_selectors.reads_city_wide(user):
        queryset = scope_for(user).filter(queryset)
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def accountability_list(*, user, search: str = "") -> QuerySet[AccountabilityRecord]:
    """Scoped like notices: a unit sees the records about its own subtree."""
    queryset = AccountabilityRecord.objects.select_related("organization", "notice")
    if not enforcement_selectors.reads_city_wide(user):
        queryset = scope_for(user).filter(queryset)
    if search:
        queryset = queryset.filter(
            Q(person_name__icontains=search)
            | Q(fault__icontains=search)
            | Q(organization__name__icontains=search)
        )
    return queryset.order_by("-decided_on", "-pk")


def open_notices(*, user, today: dt.date) -> QuerySet[SupervisionNotice]:
    return notice_list(user=user).exclude(status=NoticeStatus.CLOSED).order_by("rectify_by")


def supervisor_list(*, on: dt.date) -> QuerySet[SpecialSupervisor]:
    return SpecialSupervisor.objects.filter(term_start__lte=on, term_end__gte=on).filter(
        Q(dismissed_on__isnull=True) | Q(dismissed_on__gt=on)
    )


def campaign_list() -> QuerySet[Campaign]:
    return Campaign.objects.select_related("organization").annotate(
        evaluation_count=Count("evaluations"), notice_count=Count("notices", distinct=True)
    )


def unit_scores(campaign: Campaign) -> list[dict]:
    """Mean score per evaluated unit, best first (ties broken by the total)."""
    rows = (
        CaseFileEvaluation.objects.filter(campaign=campaign)
        .values("organization__name")
        .annotate(files=Count("id"), mean=Avg("score"))
        .order_by("-mean", "-files", "organization__name")
    )
    return [dict(row) for row in rows]


def notice_get(*, user, pk: int) -> SupervisionNotice:
    """A notice for its supervised unit's readers, or for anyone reading city-wide."""
    notice = get_object_or_404(
        SupervisionNotice.objects.select_related("organization", "issuer", "campaign"), pk=pk
    )
    if not enforcement_selectors.reads_city_wide(user):
        require_read(user, notice.organization)
    return notice


def _require_supervising_reader(user) -> None:
    require_role(user, *SUPERVISION_ROLES, Role.LEADER)


def campaign_get(*, user, pk: int) -> Campaign:
    _require_supervising_reader(user)
    return get_object_or_404(Campaign.objects.select_related("organization"), pk=pk)


def supervisor_get(*, user, pk: int) -> SpecialSupervisor:
    _require_supervising_reader(user)
    return get_object_or_404(SpecialSupervisor.objects.select_related("organization"), pk=pk)


def issuer_of(user) -> Organization:
    """The organisation in whose name a supervisor issues notices (their first assignment)."""
    assignment = (
        RoleAssignment.objects.filter(user=user, role__in=SUPERVISION_ROLES)
        .select_related("organization")
        .order_by("id")
        .first()
    )
    if assignment is None:
        raise PermissionDenied(CoreErrorCode.FORBIDDEN_ROLE, _("您的角色无权执行此操作。"))
    return assignment.organization
