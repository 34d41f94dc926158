"""Reads of administrative litigation, scoped to the user; figures are aggregated in SQL."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import NotFound
from fazhi.core.models import Organization
from fazhi.core.scoping import scope_for
from fazhi.litigation.models import (
    HEAD_APPEARANCES,
    LOST_OUTCOMES,
    LitigationCase,
    LitigationHearing,
    TrialLevel,
)


def case_list(
    *, user, search: str = "", status: str = "", trial_level: str = "", year: int | None = None
) -> QuerySet[LitigationCase]:
    queryset = scope_for(user).filter(LitigationCase.objects.all())
    if search:
        queryset = queryset.filter(
            Q(court_case_no__icontains=search)
            | Q(plaintiff_name__icontains=search)
            | Q(cause__icontains=search)
        )
    if status:
        queryset = queryset.filter(status=status)
    if trial_level:
        queryset = queryset.filter(trial_level=trial_level)
    if year:
        queryset = queryset.filter(filed_on__year=year)
    return queryset.select_related("organization", "court", "origin_reconsideration")


def case_get(*, user, pk: int) -> LitigationCase:
    case = case_list(user=user).filter(pk=pk).first()
    if case is None:
        raise NotFound(CoreErrorCode.NOT_FOUND, _("诉讼案件不存在或不在您的单位范围内。"))
    return case


def hearing_list(*, user) -> QuerySet[LitigationHearing]:
    return (
        scope_for(user)
        .filter(LitigationHearing.objects.select_related("case", "organization"))
        .order_by("-held_on", "-id")
    )


def hearing_get(*, user, pk: int) -> LitigationHearing:
    hearing = hearing_list(user=user).filter(pk=pk).first()
    if hearing is None:
        raise NotFound(CoreErrorCode.NOT_FOUND, _("庭审记录不存在或不在您的单位范围内。"))
    return hearing


def _in_year(field: str, year: int) -> Q:
    return Q(**{f"{field}__gte": dt.date(year, 1, 1), f"{field}__lte": dt.date(year, 12, 31)})


def _scoped(queryset: QuerySet, scope: Organization | None) -> QuerySet:
    if scope is None:
        return queryset
    return queryset.filter(organization__path__startswith=scope.path)


def first_instance_concluded(year: int, scope: Organization | None) -> QuerySet[LitigationCase]:
    return _scoped(
        LitigationCase.objects.filter(_in_year("concluded_on", year), trial_level=TrialLevel.FIRST),
        scope,
    )


def lost_q() -> Q:
    """The agency lost: a judgment against it, or compensation awarded (spec §4.2)."""
    return Q(outcome__in=LOST_OUTCOMES) | Q(compensation_awarded=True)


def head_required_hearings(year: int, scope: Organization | None) -> QuerySet[LitigationHearing]:
    return _scoped(
        LitigationHearing.objects.filter(_in_year("held_on", year), head_required=True), scope
    )


def attended_q() -> Q:
    return Q(appearance__in=HEAD_APPEARANCES)


# Read by the reconsideration app: lawsuits that followed its cases.


def lawsuit_exists_q(prefix: str = "lawsuits") -> Q:
    return Q(**{f"{prefix}__isnull": False})


def lawsuit_lost_in_year_q(year: int, prefix: str = "lawsuits") -> Q:
    """A lawsuit after reconsideration that the agency lost, concluded in the year."""
    concluded = Q(
        **{
            f"{prefix}__concluded_on__gte": dt.date(year, 1, 1),
            f"{prefix}__concluded_on__lte": dt.date(year, 12, 31),
        }
    )
    lost = Q(**{f"{prefix}__outcome__in": LOST_OUTCOMES}) | Q(
        **{f"{prefix}__compensation_awarded": True}
    )
    return concluded & lost


def lawsuits_after(reconsideration_case) -> QuerySet[LitigationCase]:
    """The suits that followed a reconsideration case (shown on its file)."""
    return LitigationCase.objects.filter(
        origin_reconsideration=reconsideration_case
    ).select_related("court")
