"""Reads of administrative reconsideration, scoped to the user; figures aggregated in SQL.

A case is visible to users over the reconsideration office that handles it and to users over
the respondent agency (a department sees the cases brought against it).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import NotFound
from fazhi.core.models import Clock, Organization
from fazhi.core.scoping import scope_for
from fazhi.reconsideration import clocks
from fazhi.reconsideration.models import (
    CONCLUDED_CLOSURES,
    ReconsiderationCase,
    ReconsiderationLetter,
)


def _visible(user) -> QuerySet[ReconsiderationCase]:
    scope = scope_for(user)
    queryset = ReconsiderationCase.objects.all()
    if scope.reads_all:
        return queryset
    return queryset.filter(scope.q("organization") | scope.q("respondent"))


def case_list(
    *, user, search: str = "", status: str = "", procedure: str = "", year: int | None = None
) -> QuerySet[ReconsiderationCase]:
    queryset = _visible(user)
    if search:
        queryset = queryset.filter(
            Q(case_no__icontains=search)
            | Q(applicant_name__icontains=search)
            | Q(contested_act__icontains=search)
        )
    if status:
        queryset = queryset.filter(status=status)
    if procedure:
        queryset = queryset.filter(procedure=procedure)
    if year:
        queryset = queryset.filter(received_on__year=year)
    return queryset.select_related("organization", "respondent")


def case_get(*, user, pk: int) -> ReconsiderationCase:
    case = case_list(user=user).filter(pk=pk).first()
    if case is None:
        raise NotFound(CoreErrorCode.NOT_FOUND, _("复议案件不存在或不在您的单位范围内。"))
    return case


def letter_get(*, user, pk: int) -> ReconsiderationLetter:
    """A letter of a case the user can read."""
    letter = (
        ReconsiderationLetter.objects.select_related("case", "organization", "addressee")
        .filter(case__in=_visible(user), pk=pk)
        .first()
    )
    if letter is None:
        raise NotFound(CoreErrorCode.NOT_FOUND, _("未找到该文书。"))
    return letter


def letter_list(*, user) -> QuerySet[ReconsiderationLetter]:
    return ReconsiderationLetter.objects.select_related("case", "organization", "addressee").filter(
        case__in=_visible(user)
    )


def case_by_number(*, user, case_no: str) -> ReconsiderationCase:
    """A visible case by its number (the litigation form links a suit to it)."""
    case = case_list(user=user).filter(case_no=case_no).first()
    if case is None:
        raise NotFound(
            CoreErrorCode.NOT_FOUND,
            _("复议案件不存在或不在您的单位范围内。"),
            field="origin_reconsideration_no",
        )
    return case


def scoped(queryset: QuerySet, scope: Organization | None) -> QuerySet:
    if scope is None:
        return queryset
    return queryset.filter(
        Q(organization__path__startswith=scope.path) | Q(respondent__path__startswith=scope.path)
    )


def _in_year(field: str, year: int) -> Q:
    return Q(**{f"{field}__gte": dt.date(year, 1, 1), f"{field}__lte": dt.date(year, 12, 31)})


def received_in(year: int, scope: Organization | None) -> QuerySet[ReconsiderationCase]:
    return scoped(ReconsiderationCase.objects.filter(_in_year("received_on", year)), scope)


def concluded_in(year: int, scope: Organization | None) -> QuerySet[ReconsiderationCase]:
    """Every decision and closure in the year except refusal at intake (spec §3.8, C)."""
    return scoped(
        ReconsiderationCase.objects.filter(
            _in_year("decided_on", year), closure__in=CONCLUDED_CLOSURES
        ),
        scope,
    )


def with_decision_due(queryset: QuerySet[ReconsiderationCase]) -> QuerySet[ReconsiderationCase]:
    """Annotate each case with its decision clock's due date (a correlated subquery)."""
    due = Clock.objects.filter(
        clock_type__in=clocks.DECISION_CLOCKS,
        content_type=ContentType.objects.get_for_model(ReconsiderationCase),
        object_id=Cast(OuterRef("pk"), CharField()),
    ).values("due_date")[:1]
    return queryset.annotate(decision_due=Subquery(due))


def decided_on_time_q() -> Q:
    return Q(decided_on__lte=F("decision_due"))


def case_clocks(case: ReconsiderationCase) -> QuerySet[Clock]:
    return Clock.objects.filter(
        content_type=ContentType.objects.get_for_model(ReconsiderationCase),
        object_id=str(case.pk),
    ).order_by("created_at", "id")


def lawsuits_of(case: ReconsiderationCase):
    from fazhi.litigation.selectors import lawsuits_after

    return lawsuits_after(case)


# --- the applicant's side (portal) ------------------------------------------------------------


def my_case_list(*, user):
    """The cases the user applied for online; nobody else's."""
    from fazhi.reconsideration.models import ReconsiderationCase

    if user is None or not user.is_authenticated:
        return ReconsiderationCase.objects.none()
    return ReconsiderationCase.objects.filter(applicant_user_id=user.pk).order_by(
        "-received_on", "-id"
    )


def my_case_get(*, user, pk: int):
    from fazhi.core.error_codes import CoreErrorCode
    from fazhi.core.errors import NotFound

    case = my_case_list(user=user).select_related("respondent").filter(pk=pk).first()
    if case is None:
        raise NotFound(CoreErrorCode.NOT_FOUND, _("复议申请不存在。"))
    return case


def online_case_lookup(*, case_no: str, identity: str):
    """An online application found by its number and the applicant's ID or phone number."""
    from fazhi.reconsideration.models import Channel, ReconsiderationCase

    identity = identity.strip().upper()
    if not identity:
        return None
    case = (
        ReconsiderationCase.objects.select_related("respondent")
        .filter(case_no=case_no.strip(), channel=Channel.ONLINE)
        .first()
    )
    if case is None:
        return None
    if identity in {case.applicant_id_number.strip().upper(), case.applicant_phone.strip()} - {""}:
        return case
    return None
