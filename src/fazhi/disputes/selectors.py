"""Reads of people's mediation, scoped to the user; statistics are aggregated in SQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from fazhi.core.models import PATH_DIGITS, Organization, OrganizationKind
from fazhi.core.scoping import scope_for
from fazhi.disputes.models import (
    MEDIATED_OUTCOMES,
    SUCCESS_OUTCOMES,
    CaseStatus,
    JudicialConfirmation,
    MediationCase,
    Outcome,
)


def counted_outcomes() -> tuple[str, ...]:
    """Which concluded cases count as "mediated". Whether refusals at intake are excluded is
    not settled in the sources (spec §5, UNCONFIRMED): excluded by default, included when
    ``FAZHI_MEDIATION_COUNT_REFUSALS`` is set."""
    if getattr(settings, "FAZHI_MEDIATION_COUNT_REFUSALS", False):
        return (*MEDIATED_OUTCOMES, Outcome.PARTY_REFUSED)
    return MEDIATED_OUTCOMES


def case_list(
    *,
    user,
    search: str = "",
    status: str = "",
    kind: str = "",
    committee: Organization | None = None,
    year: int | None = None,
) -> QuerySet[MediationCase]:
    queryset = scope_for(user).filter(MediationCase.objects.all())
    if search:
        queryset = queryset.filter(Q(case_no__icontains=search) | Q(summary__icontains=search))
    if status:
        queryset = queryset.filter(status=status)
    if kind:
        queryset = queryset.filter(kind=kind)
    if committee is not None:
        queryset = queryset.filter(organization__path__startswith=committee.path)
    if year:
        queryset = queryset.filter(registered_on__year=year)
    return queryset.select_related("organization", "mediator")


def case_get(*, user, pk: int) -> MediationCase:
    from fazhi.core.error_codes import CoreErrorCode
    from fazhi.core.errors import NotFound

    case = case_list(user=user).prefetch_related("parties").filter(pk=pk).first()
    if case is None:
        raise NotFound(CoreErrorCode.NOT_FOUND, _("调解案件不存在或不在您的单位范围内。"))
    return case


def confirmation_get(*, user, pk: int) -> JudicialConfirmation:
    """A judicial confirmation of a case the user can read."""
    from fazhi.core.error_codes import CoreErrorCode
    from fazhi.core.errors import NotFound

    confirmation = (
        JudicialConfirmation.objects.select_related("case", "organization")
        .filter(case__in=case_list(user=user), pk=pk)
        .first()
    )
    if confirmation is None:
        raise NotFound(CoreErrorCode.NOT_FOUND, _("司法确认申请不存在或不在您的单位范围内。"))
    return confirmation


def confirmation_list(*, user) -> QuerySet[JudicialConfirmation]:
    return JudicialConfirmation.objects.select_related("case", "organization").filter(
        case__in=case_list(user=user)
    )


def committee_list(*, user) -> QuerySet[Organization]:
    return (
        scope_for(user)
        .filter(Organization.objects.filter(kind=OrganizationKind.MEDIATION_COMMITTEE), "")
        .select_related("parent")
    )


# The bodies that establish a people's mediation committee (人民调解法 arts 8, 34).
COMMITTEE_PARENT_KINDS = (
    OrganizationKind.VILLAGE,
    OrganizationKind.TOWN,
    OrganizationKind.DEPARTMENT,
    OrganizationKind.COMMITTEE,
)


def committee_parent_choices(*, user) -> QuerySet[Organization]:
    """Where the user may set up a mediation committee (its establishing body)."""
    return scope_for(user).filter(
        Organization.objects.filter(kind__in=COMMITTEE_PARENT_KINDS).order_by("path"), ""
    )


def concluded_in(
    year: int, scope: Organization | None, cases: QuerySet[MediationCase] | None = None
) -> QuerySet[MediationCase]:
    """Cases mediated and concluded in the year (a party's refusal at intake is not counted).

    ``cases`` narrows the base set (a user's visible cases, for the statistics page)."""
    queryset = (MediationCase.objects.all() if cases is None else cases).filter(
        status=CaseStatus.CONCLUDED,
        concluded_on__gte=dt.date(year, 1, 1),
        concluded_on__lte=dt.date(year, 12, 31),
        outcome__in=counted_outcomes(),
    )
    if scope is not None:
        queryset = queryset.filter(organization__path__startswith=scope.path)
    return queryset


_COUNTS = {
    "cases": Count("id"),
    "successes": Count("id", filter=Q(outcome__in=SUCCESS_OUTCOMES)),
}


def statistics_by_kind(
    *, year: int, scope: Organization | None, cases: QuerySet[MediationCase] | None = None
) -> list[dict[str, Any]]:
    return [
        dict(row)
        for row in concluded_in(year, scope, cases)
        .values("kind")
        .annotate(**_COUNTS)
        .order_by("kind")
    ]


def statistics_by_committee(
    *, year: int, scope: Organization | None, cases: QuerySet[MediationCase] | None = None
) -> list[dict[str, Any]]:
    return [
        dict(row)
        for row in concluded_in(year, scope, cases)
        .values("organization_id", "organization__name", "organization__parent__name")
        .annotate(**_COUNTS)
        .order_by("organization__path")
    ]


def statistics_by_town(
    *, year: int, scope: Organization | None, cases: QuerySet[MediationCase] | None = None
) -> list[dict[str, Any]]:
    """Per top-level unit under the city (a town or street, or a department for professional
    committees): the second segment of the committee's materialised path, grouped in SQL."""
    width = PATH_DIGITS + 1
    rows: list[dict[str, Any]] = [
        dict(row)
        for row in concluded_in(year, scope, cases)
        .annotate(unit=Substr("organization__path", 1, 2 * width))
        .values("unit")
        .annotate(**_COUNTS)
        .order_by("unit")
    ]
    names = dict(
        Organization.objects.filter(path__in=[r["unit"] for r in rows]).values_list("path", "name")
    )
    for row in rows:
        row["name"] = names.get(row["unit"], "—")
    return rows


# --- the citizen's side: their own online applications ---------------------------------------


def public_committees(search: str = "") -> QuerySet[Organization]:
    """Committees a citizen may apply to (those in force today)."""
    from django.utils import timezone

    today = timezone.localdate()
    queryset = Organization.objects.filter(kind=OrganizationKind.MEDIATION_COMMITTEE).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    )
    if search:
        queryset = queryset.filter(Q(name__icontains=search) | Q(parent__name__icontains=search))
    return queryset.select_related("parent").order_by("path")


def my_case_list(*, user) -> QuerySet[MediationCase]:
    """The cases the user applied for online; nobody else's."""
    if user is None or not user.is_authenticated:
        return MediationCase.objects.none()
    return (
        MediationCase.objects.filter(applicant_user_id=user.pk)
        .select_related("organization")
        .order_by("-registered_on", "-id")
    )


def my_case_get(*, user, pk: int) -> MediationCase:
    from fazhi.core.error_codes import CoreErrorCode
    from fazhi.core.errors import NotFound

    case = my_case_list(user=user).prefetch_related("parties").filter(pk=pk).first()
    if case is None:
        raise NotFound(CoreErrorCode.NOT_FOUND, _("调解申请不存在。"))
    return case
