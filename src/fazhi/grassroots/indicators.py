"""The figures of grassroots rule of law (seed-figures.md: ``grassroots.*`` beyond the core's
villages, village groups and towns), counted in SQL from registrations and committees."""

from __future__ import annotations

import datetime as dt

from fazhi.core.domain.rates import Rate
from fazhi.core.indicators import register
from fazhi.core.models import Organization
from fazhi.grassroots.models import Registration, RegistryKind, TownCommittee
from fazhi.grassroots.selectors import committees_in_force, organizations_in_force, registered_at


def _registered(kind: str, year: int, scope: Organization | None):
    queryset = Registration.objects.filter(registered_at(dt.date(year, 12, 31)), kind=kind)
    if scope is not None:
        queryset = queryset.filter(organization__path__startswith=scope.path)
    return queryset


@register(
    "grassroots.legal_literates",
    name="法律明白人",
    unit="名",
    definition="年末在册的法律明白人人数。",
)
def legal_literates(year: int, scope: Organization | None) -> int:
    return _registered(RegistryKind.LEGAL_LITERATE, year, scope).count()


@register(
    "grassroots.rule_of_law_leaders",
    name="法治带头人",
    unit="名",
    definition="年末在册的法治带头人人数。",
)
def rule_of_law_leaders(year: int, scope: Organization | None) -> int:
    return _registered(RegistryKind.RULE_OF_LAW_LEADER, year, scope).count()


@register(
    "grassroots.model_households",
    name="学法用法示范户",
    unit="户",
    definition="年末在册的学法用法示范户户数。",
)
def model_households(year: int, scope: Organization | None) -> int:
    return _registered(RegistryKind.MODEL_HOUSEHOLD, year, scope).count()


@register(
    "grassroots.legal_literate_group_coverage",
    name="村民小组法律明白人覆盖率",
    unit="%",
    definition="年末至少有一名在册法律明白人的村民小组数 ÷ 年末在册的村民小组数。",
)
def legal_literate_group_coverage(year: int, scope: Organization | None) -> Rate:
    groups = organizations_in_force(year, scope, "village_group")
    literates = _registered(RegistryKind.LEGAL_LITERATE, year, None).values("organization")
    return Rate(groups.filter(pk__in=literates).count(), groups.count())


def _towns_with_committee(year: int, scope: Organization | None):
    towns = organizations_in_force(year, scope, "town")
    committees = TownCommittee.objects.filter(committees_in_force(dt.date(year, 12, 31)))
    return towns, towns.filter(pk__in=committees.values("town"))


@register(
    "grassroots.towns_with_committee",
    name="建立依法治镇(街道)委员会的镇(街道)",
    unit="个",
    definition="年末已建立且未撤销依法治镇(街道)委员会的镇(街道)数。",
)
def towns_with_committee(year: int, scope: Organization | None) -> int:
    return _towns_with_committee(year, scope)[1].count()


@register(
    "grassroots.town_committee_coverage",
    name="依法治镇(街道)委员会覆盖率",
    unit="%",
    definition="年末建有依法治镇(街道)委员会的镇(街道)数 ÷ 年末在册的镇(街道)数。",
)
def town_committee_coverage(year: int, scope: Organization | None) -> Rate:
    towns, covered = _towns_with_committee(year, scope)
    return Rate(covered.count(), towns.count())
