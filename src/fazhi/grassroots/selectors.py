"""Reads of grassroots rule of law, scoped to the user; coverage counted in SQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import NotFound
from fazhi.core.models import Organization
from fazhi.core.scoping import scope_for
from fazhi.grassroots.models import (
    BodyStatus,
    DemocraticVillage,
    LegalTeam,
    Registration,
    RegistrationStatus,
    RegistryKind,
    TeamRole,
    TownCommittee,
)

# The national target (2021 work norms, spec §9): at least three 法律明白人 per administrative
# village by 2025; Haining's own aim (the seed) is one in every village group.
NATIONAL_TARGET_PER_VILLAGE = 3


def _missing(what: str) -> NotFound:
    return NotFound(
        CoreErrorCode.NOT_FOUND, _("%(what)s不存在或不在您的单位范围内。") % {"what": what}
    )


def registered_at(year_end: dt.date) -> Q:
    """On the registry at a date: selected by then and not withdrawn by then."""
    return Q(selected_on__lte=year_end) & (
        Q(status=RegistrationStatus.ACTIVE) | Q(withdrawn_on__gt=year_end)
    )


def registration_list(
    *, user, search: str = "", kind: str = "", status: str = ""
) -> QuerySet[Registration]:
    queryset = scope_for(user).filter(Registration.objects.all())
    if search:
        queryset = queryset.filter(
            Q(person__name__icontains=search) | Q(organization__name__icontains=search)
        )
    if kind:
        queryset = queryset.filter(kind=kind)
    if status:
        queryset = queryset.filter(status=status)
    return queryset.select_related("person", "organization__parent__parent")


def registration_get(*, user, pk: int) -> Registration:
    registration = registration_list(user=user).filter(pk=pk).first()
    if registration is None:
        raise _missing(_("登记"))
    return registration


@dataclass
class CoverageRow:
    town: str
    village: str
    code: str
    groups: int
    groups_covered: int
    literates: int

    @property
    def meets_national(self) -> bool:
        return self.literates >= NATIONAL_TARGET_PER_VILLAGE


@dataclass
class TownCoverage:
    town: str
    villages: int = 0
    villages_meeting_national: int = 0
    groups: int = 0
    groups_covered: int = 0
    literates: int = 0
    rows: list[CoverageRow] = field(default_factory=list)


def coverage(*, user) -> list[TownCoverage]:
    """Per village (SQL aggregates), then summed per town: 法律明白人, groups, groups covered."""
    scope = scope_for(user)
    villages = scope.filter(Organization.objects.filter(kind="village"), "")
    with_literate = Registration.objects.filter(
        kind=RegistryKind.LEGAL_LITERATE, status=RegistrationStatus.ACTIVE
    ).values("organization")
    groups = (
        Organization.objects.filter(kind="village_group", parent=OuterRef("pk"))
        .order_by()
        .values("parent")
    )
    rows = villages.select_related("parent").annotate(
        group_count=Coalesce(
            Subquery(groups.annotate(n=Count("id")).values("n"), output_field=IntegerField()), 0
        ),
        covered_count=Coalesce(
            Subquery(
                groups.filter(pk__in=with_literate).annotate(n=Count("id")).values("n"),
                output_field=IntegerField(),
            ),
            0,
        ),
        literates=Coalesce(
            Subquery(
                Registration.objects.filter(
                    Q(organization=OuterRef("pk")) | Q(organization__parent=OuterRef("pk")),
                    kind=RegistryKind.LEGAL_LITERATE,
                    status=RegistrationStatus.ACTIVE,
                )
                .order_by()
                .values("kind")
                .annotate(n=Count("id"))
                .values("n"),
                output_field=IntegerField(),
            ),
            0,
        ),
    )
    towns: dict[str, TownCoverage] = {}
    for village in rows.order_by("path"):
        town = towns.setdefault(village.parent.name, TownCoverage(village.parent.name))
        row = CoverageRow(
            town=village.parent.name,
            village=village.name,
            code=village.code,
            groups=village.group_count,
            groups_covered=village.covered_count,
            literates=village.literates,
        )
        town.rows.append(row)
        town.villages += 1
        town.villages_meeting_national += row.meets_national
        town.groups += row.groups
        town.groups_covered += row.groups_covered
        town.literates += row.literates
    return list(towns.values())


def uncovered_groups(*, user) -> QuerySet[Organization]:
    """Village groups without an active 法律明白人."""
    groups = scope_for(user).filter(Organization.objects.filter(kind="village_group"), "")
    covered = Registration.objects.filter(
        kind=RegistryKind.LEGAL_LITERATE, status=RegistrationStatus.ACTIVE
    ).values("organization")
    return groups.exclude(pk__in=covered).select_related("parent__parent").order_by("path")


def committee_list(*, user, search: str = "") -> QuerySet[TownCommittee]:
    queryset = scope_for(user).filter(TownCommittee.objects.all(), "town")
    if search:
        queryset = queryset.filter(Q(name__icontains=search) | Q(town__name__icontains=search))
    return (
        queryset.select_related("town")
        .annotate(
            member_count=Count("members", distinct=True),
            meeting_count=Count("meetings", distinct=True),
        )
        .order_by("town__code")
    )


def committee_get(*, user, pk: int) -> TownCommittee:
    committee = committee_list(user=user).filter(pk=pk).first()
    if committee is None:
        raise _missing(_("委员会"))
    return committee


def team_list(*, user, search: str = "") -> QuerySet[LegalTeam]:
    queryset = scope_for(user).filter(LegalTeam.objects.all(), "town")
    if search:
        queryset = queryset.filter(town__name__icontains=search)
    return (
        queryset.select_related("town")
        .annotate(
            full_time=Count("members", filter=Q(members__role=TeamRole.FULL_TIME)),
            part_time=Count("members", filter=Q(members__role=TeamRole.PART_TIME)),
        )
        .order_by("town__code")
    )


def team_get(*, user, pk: int) -> LegalTeam:
    team = team_list(user=user).filter(pk=pk).first()
    if team is None:
        raise _missing(_("法治员队伍"))
    return team


def village_list(*, user, search: str = "", level: str = "") -> QuerySet[DemocraticVillage]:
    queryset = scope_for(user).filter(DemocraticVillage.objects.all(), "village")
    if search:
        queryset = queryset.filter(village__name__icontains=search)
    if level:
        queryset = queryset.filter(level=level)
    return queryset.select_related("village__parent")


def village_get(*, user, pk: int) -> DemocraticVillage:
    record = village_list(user=user).filter(pk=pk).first()
    if record is None:
        raise _missing(_("民主法治村"))
    return record


def committees_in_force(year_end: dt.date) -> Q:
    return Q(established_on__lte=year_end) & (
        Q(status=BodyStatus.ACTIVE) | Q(dissolved_on__gt=year_end)
    )


def organizations_in_force(year: int, scope: Organization | None, kind: str):
    """Organisations of a kind on the register at the year's end (the core's villages, village
    groups and towns figures count the same way)."""
    year_end = dt.date(year, 12, 31)
    queryset = Organization.objects.filter(kind=kind).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=year_end),
        Q(valid_to__isnull=True) | Q(valid_to__gte=year_end),
    )
    if scope is not None:
        queryset = queryset.filter(path__startswith=scope.path)
    return queryset
