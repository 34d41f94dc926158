"""The 2022 grassroots demo, worked through the services.

The seed report: 2912 法律明白人, 487 法治带头人 and 158 学法用法示范户 across 145 villages and
2709 village groups, every group covered; a rule-of-law committee and a "1+N" team in each of
the 12 towns. The villagers, their pools and dates are synthetic; the figures come from counting
the registrations. Committee and team members are named by post only (no invented people), and
no document numbers are invented: those fields stay blank.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from fazhi.core import services as core_services
from fazhi.core.models import Organization, Person
from fazhi.core.services import PersonRow
from fazhi.demo import haining
from fazhi.grassroots import services
from fazhi.grassroots.models import (
    MemberRole,
    Pool,
    Registration,
    RegistryKind,
    TeamRole,
    VillageLevel,
)
from fazhi.grassroots.services import RegistrationRow

YEAR = 2022
LEGAL_LITERATES = 2912
RULE_OF_LAW_LEADERS = 487
MODEL_HOUSEHOLDS = 158
POOLS = [
    Pool.GROUP_LEADER,
    Pool.PARTY_MEMBER,
    Pool.VILLAGE_CADRE,
    Pool.MEDIATOR,
    Pool.GRID_WORKER,
    Pool.WOMEN_FEDERATION,
    Pool.FIVE_ELDERS,
    Pool.AUXILIARY_POLICE,
    Pool.OTHER,
]
POSTS = {
    RegistryKind.LEGAL_LITERATE: "法律明白人",
    RegistryKind.RULE_OF_LAW_LEADER: "法治带头人",
    RegistryKind.MODEL_HOUSEHOLD: "学法用法示范户户主",
}
COMMITTEE_MEMBERS = [
    ("镇(街道)党(工)委书记", MemberRole.DIRECTOR),
    ("镇长(街道办事处主任)", MemberRole.DEPUTY),
    ("分管政法副书记", MemberRole.DEPUTY),
    ("司法所所长", MemberRole.OFFICE),
    ("派出所所长", MemberRole.MEMBER),
    ("综合行政执法队队长", MemberRole.MEMBER),
]


def _name(rng: random.Random) -> str:
    return rng.choice(haining.SURNAMES) + "".join(rng.sample(haining.GIVEN, rng.choice((1, 2))))


def build(*, admin, stdout=None) -> None:
    if Registration.objects.exists():
        return
    rng = random.Random(2912)
    groups = list(Organization.objects.filter(kind="village_group").order_by("code"))
    if not groups:
        return
    # Every group gets a 法律明白人; the first groups a second, up to the seed's 2912.
    plan: list[tuple[str, Organization]] = [
        (RegistryKind.LEGAL_LITERATE, groups[i % len(groups)]) for i in range(LEGAL_LITERATES)
    ]
    plan += [
        (RegistryKind.RULE_OF_LAW_LEADER, groups[(i * 5) % len(groups)])
        for i in range(RULE_OF_LAW_LEADERS)
    ]
    plan += [
        (RegistryKind.MODEL_HOUSEHOLD, groups[(i * 17 + 3) % len(groups)])
        for i in range(MODEL_HOUSEHOLDS)
    ]
    first_new = (Person.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    core_services.people_import(
        actor=admin,
        rows=[
            PersonRow(name=_name(rng), organization_code=group.code, post=POSTS[kind])
            for kind, group in plan
        ],
    )
    people = list(
        Person.objects.filter(id__gte=first_new).select_related("organization").order_by("id")
    )
    rows = [
        RegistrationRow(
            kind=kind,
            person=person,
            pool=POOLS[index % len(POOLS)],
            selected_on=dt.date(YEAR - 1, 11, 1) + dt.timedelta(days=index % 240),
        )
        for index, ((kind, _group), person) in enumerate(zip(plan, people, strict=True))
    ]
    services.registrations_record(actor=admin, rows=rows)
    # A few registrations carry their activities, so their timelines show the work.
    for index, registration in enumerate(
        Registration.objects.filter(kind=RegistryKind.LEGAL_LITERATE).order_by("id")[:24]
    ):
        services.registration_activity(
            actor=admin, registration=registration, disputes=1 + index % 3, sessions=index % 4
        )
        services.registration_training(actor=admin, registration=registration, hours=Decimal(4))
    _towns(admin)
    if stdout is not None:
        stdout.write(f"基层法治：名册 {len(rows)} 人，镇(街道) 12 个")


def _towns(admin) -> None:
    towns = list(Organization.objects.filter(kind="town").order_by("code"))
    for index, town in enumerate(towns):
        established = dt.date(YEAR, 3, 1) + dt.timedelta(days=index * 9)
        committee = services.committee_create(
            actor=admin,
            town=town,
            name=f"{town.name}全面依法治{'街道' if town.is_street else '镇'}委员会",
            established_on=established,
        )
        for post, role in COMMITTEE_MEMBERS:
            services.committee_member_add(
                actor=admin,
                committee=committee,
                name=post,
                post=post,
                role=role,
                joined_on=established,
            )
        services.committee_meeting_record(
            actor=admin,
            committee=committee,
            held_on=established + dt.timedelta(days=30),
            topics="审议年度法治建设工作要点；部署法律明白人培养工程",
            decisions="通过年度工作要点",
            attendees=len(COMMITTEE_MEMBERS),
        )
        team = services.team_create(actor=admin, town=town, established_on=established)
        services.team_member_add(
            actor=admin,
            team=team,
            name="司法所专职法治员",
            post="司法所",
            role=TeamRole.FULL_TIME,
            joined_on=established,
        )
        for post in ("综合行政执法队", "综治中心", "党政办", "村(社区)法律顾问")[: 2 + index % 3]:
            services.team_member_add(
                actor=admin,
                team=team,
                name=f"{post}兼职法治员",
                post=post,
                role=TeamRole.PART_TIME,
                joined_on=established,
            )
    villages = list(Organization.objects.filter(kind="village").order_by("code")[::7])
    levels = [
        VillageLevel.COUNTY,
        VillageLevel.COUNTY,
        VillageLevel.PREFECTURE,
        VillageLevel.PROVINCIAL,
    ]
    for index, village in enumerate(villages):
        services.village_recognise(
            actor=admin,
            village=village,
            level=levels[index % len(levels)],
            recognised_on=dt.date(2019 + index % 4, 12, 1),
        )
