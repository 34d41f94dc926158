"""Reads of enforcement certificates (行政执法证): who may act as an officer on a given day.

``certificate_valid_on(person, day)`` is the one question other apps ask (inspections, learning):
a certificate counts on ``day`` when ``valid_from <= day <= valid_to`` and it was not suspended,
revoked or lapsed on or before that day (行政处罚法 art 42, 55; 浙江省综合行政执法条例 art 28).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import Q, QuerySet
from django.http import Http404

from fazhi.core.models import Organization, Person
from fazhi.core.scoping import require_read, scope_for
from fazhi.enforcement.models import EnforcementCertificate


def valid_on_q(day: dt.date, prefix: str = "") -> Q:
    """The certificates that count on ``day`` (``prefix`` e.g. ``"certificates__"``)."""
    return Q(**{f"{prefix}valid_from__lte": day, f"{prefix}valid_to__gte": day}) & (
        Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gt": day})
    )


def valid_certificate(person: Person, day: dt.date) -> EnforcementCertificate | None:
    """The person's certificate that counts on ``day``, if any."""
    return (
        EnforcementCertificate.objects.filter(person=person)
        .filter(valid_on_q(day))
        .order_by("-valid_from", "-id")
        .first()
    )


def certificate_valid_on(person: Person, day: dt.date) -> bool:
    """Whether ``person`` holds a certificate that counts on ``day``."""
    return valid_certificate(person, day) is not None


def certified_people(organization: Organization, day: dt.date) -> QuerySet[Person]:
    """People of ``organization``'s subtree holding a certificate that counts on ``day``."""
    return (
        Person.objects.filter(organization__path__startswith=organization.path)
        .filter(valid_on_q(day, "certificates__"))
        .distinct()
        .order_by("organization__path", "name", "id")
    )


def people_by_certificate(numbers: Sequence[str]) -> tuple[list[Person], list[str]]:
    """The people holding the certificate ``numbers`` (in order) and the numbers not found."""
    wanted = [n.strip() for n in numbers if n.strip()]
    found = {
        c.number: c.person
        for c in EnforcementCertificate.objects.filter(number__in=wanted).select_related(
            "person__organization"
        )
    }
    return [found[n] for n in wanted if n in found], [n for n in wanted if n not in found]


def certificate_list(
    *, user, search: str = "", status: str = "", valid_on: dt.date | None = None
) -> QuerySet[EnforcementCertificate]:
    queryset = scope_for(user).filter(
        EnforcementCertificate.objects.all(), organization_field="person__organization"
    )
    if search:
        queryset = queryset.filter(Q(number__icontains=search) | Q(person__name__icontains=search))
    if status:
        queryset = queryset.filter(status=status)
    if valid_on is not None:
        queryset = queryset.filter(valid_on_q(valid_on))
    return queryset.select_related("person__organization")


def certificate_get(*, user, pk: int) -> EnforcementCertificate:
    certificate = (
        EnforcementCertificate.objects.select_related("person__organization").filter(pk=pk).first()
    )
    if certificate is None:
        raise Http404
    require_read(user, certificate.person.organization)
    return certificate


def officers_from_numbers(numbers: Sequence[str] | str) -> list[Person]:
    """The officers named by their certificate numbers (a list, or text split on 、 and commas);
    an unknown number is refused on the ``officers`` field."""
    from django.utils.translation import gettext as _

    from fazhi.core.errors import ValidationFailed
    from fazhi.enforcement.error_codes import EnforcementErrorCode as Code

    if isinstance(numbers, str):
        numbers = numbers.replace(",", "、").replace("，", "、").split("、")
    people, unknown = people_by_certificate(numbers)
    if unknown:
        raise ValidationFailed(
            Code.OFFICER_NOT_CERTIFIED,
            _("执法证号不存在：%(numbers)s。") % {"numbers": "、".join(unknown)},
            field="officers",
        )
    return people
