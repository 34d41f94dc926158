"""Services and figures of grassroots rule of law: registries (one person, one registration
per kind), the all-or-nothing roster import, committees, teams and villages."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from fazhi.core.errors import ImportFailed
from fazhi.core.models import Role
from fazhi.grassroots import indicators, selectors, services
from fazhi.grassroots.models import (
    BodyStatus,
    MemberRole,
    Pool,
    Registration,
    RegistrationStatus,
    RegistryKind,
    TeamRole,
    VillageLevel,
)
from tests.factories import OrganizationFactory, PersonFactory, user_with_role
from tests.learning.conftest import refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def town_officer(tree):
    """The town's legal officer (司法所) keeps its registers."""
    return user_with_role(Role.DEPARTMENT_LEGAL_OFFICER, tree.town, username="town_legal")


@pytest.fixture
def groups(tree):
    return [
        OrganizationFactory(code=f"G{n}", name=f"{n}组", kind="village_group", parent=tree.village)
        for n in (1, 2)
    ]


def register(actor, person, kind=RegistryKind.LEGAL_LITERATE):
    return services.registration_create(
        actor=actor,
        kind=kind,
        person_ref=person.id_number,
        pool=Pool.GROUP_LEADER,
        selected_on=dt.date(2022, 3, 1),
    )


def roster(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(services.IMPORT_HEADERS))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_one_registration_per_person_and_kind(tree, town_officer, groups):
    villager = PersonFactory(organization=groups[0], name="村民甲")
    registration = register(town_officer, villager)
    assert registration.organization == groups[0]
    refused(
        "already_registered",
        lambda: register(town_officer, villager),
        registration,
        field="person_ref",
    )
    assert Registration.objects.count() == 1
    register(town_officer, villager, RegistryKind.RULE_OF_LAW_LEADER)  # another kind is fine
    clerk = PersonFactory(organization=tree.market)
    refused("not_a_village", lambda: register(town_officer, clerk), field="person_ref")
    other = PersonFactory(organization=OrganizationFactory(kind="village", parent=tree.other_town))
    refused("out_of_scope", lambda: register(town_officer, other))


def test_activity_training_and_withdrawal(tree, town_officer, groups):
    registration = register(town_officer, PersonFactory(organization=groups[0]))
    services.registration_activity(
        actor=town_officer, registration=registration, disputes=2, sessions=1
    )
    services.registration_training(actor=town_officer, registration=registration, hours=Decimal(4))
    refused(
        "invalid",
        lambda: services.registration_withdraw(
            actor=town_officer, registration=registration, on=dt.date(2022, 1, 1), reason="迁出"
        ),
        registration,
        field="on",
    )
    registration = services.registration_withdraw(
        actor=town_officer, registration=registration, on=dt.date(2022, 12, 1), reason="迁出"
    )
    assert (registration.status, registration.disputes_helped, registration.training_hours) == (
        RegistrationStatus.WITHDRAWN,
        2,
        Decimal("4.0"),
    )
    assert indicators.legal_literates(2021, None) == 0
    assert indicators.legal_literates(2022, None) == 0  # withdrawn by the year's end


def test_roster_import_is_all_or_nothing(tree, town_officer, groups):
    first = PersonFactory(organization=groups[0], name="村民甲")
    second = PersonFactory(organization=groups[1], name="村民乙")
    bad = roster(
        [
            ("法律明白人", first.id_number, "村民甲", "党员", "2022-03-01"),
            ("法律明白人", second.id_number, "村民乙", "党员", "2022-13-01"),
            ("法律明白人", first.id_number, "村民甲", "党员", "2022-03-01"),
        ]
    )
    error = refused(
        "import_invalid", lambda: services.registrations_import(actor=town_officer, data=bad)
    )
    assert isinstance(error, ImportFailed)
    assert [(r["row"], r["field"]) for r in error.rows] == [(3, "selected_on")]
    duplicate = roster(
        [
            ("法律明白人", first.id_number, "村民甲", "党员", "2022-03-01"),
            ("法律明白人", first.id_number, "村民甲", "党员", "2022-03-01"),
        ]
    )
    error = refused(
        "import_invalid", lambda: services.registrations_import(actor=town_officer, data=duplicate)
    )
    assert [(r["row"], r["field"]) for r in error.rows] == [(3, "person_ref")]
    assert not Registration.objects.exists()
    good = roster(
        [
            ("法律明白人", first.id_number, "村民甲", "党员", "2022-03-01"),
            ("legal_literate", second.id_number, "", "", dt.date(2022, 4, 1)),
        ]
    )
    assert services.registrations_import(actor=town_officer, data=good) == 2
    assert indicators.legal_literates(2022, None) == 2
    assert indicators.legal_literate_group_coverage(2022, None).percent == Decimal("100.00")
    coverage = selectors.coverage(user=town_officer)
    assert [(t.town, t.groups, t.groups_covered, t.literates) for t in coverage] == [
        ("长安镇", 2, 2, 2)
    ]
    assert not selectors.uncovered_groups(user=town_officer).exists()


def test_committees_teams_and_villages(tree, town_officer):
    committee = services.committee_create(
        actor=town_officer,
        town=tree.town,
        name="长安镇全面依法治镇委员会",
        established_on=dt.date(2022, 3, 1),
    )
    refused(
        "duplicate",
        lambda: services.committee_create(
            actor=town_officer, town=tree.town, name="重复", established_on=dt.date(2022, 3, 2)
        ),
        committee,
        field="town",
    )
    refused(
        "not_a_town",
        lambda: services.committee_create(
            actor=town_officer, town=tree.village, name="村", established_on=dt.date(2022, 3, 2)
        ),
        field="town",
    )
    services.committee_member_add(
        actor=town_officer,
        committee=committee,
        name="镇党委书记",
        post="镇党委书记",
        role=MemberRole.DIRECTOR,
        joined_on=dt.date(2022, 3, 1),
    )
    refused(
        "invalid",
        lambda: services.committee_meeting_record(
            actor=town_officer,
            committee=committee,
            held_on=dt.date(2022, 1, 1),
            topics="x",
            attendees=3,
        ),
        committee,
        field="held_on",
    )
    services.committee_meeting_record(
        actor=town_officer,
        committee=committee,
        held_on=dt.date(2022, 4, 1),
        topics="年度要点",
        attendees=6,
    )
    assert indicators.towns_with_committee(2022, None) == 1
    assert indicators.town_committee_coverage(2022, None).percent == Decimal("50.00")
    refused(
        "out_of_scope",
        lambda: services.committee_dissolve(
            actor=user_with_role(Role.DEPARTMENT_LEGAL_OFFICER, tree.other_town),
            committee=committee,
            on=dt.date(2022, 6, 1),
        ),
        committee,
    )
    committee = services.committee_dissolve(
        actor=town_officer, committee=committee, on=dt.date(2022, 6, 1)
    )
    assert committee.status == BodyStatus.DISSOLVED
    assert indicators.towns_with_committee(2022, None) == 0
    team = services.team_create(
        actor=town_officer, town=tree.town, established_on=dt.date(2022, 3, 1)
    )
    services.team_member_add(
        actor=town_officer,
        team=team,
        name="专职法治员",
        post="司法所",
        role=TeamRole.FULL_TIME,
        joined_on=dt.date(2022, 3, 1),
    )
    assert selectors.team_list(user=town_officer).get().full_time == 1
    record = services.village_recognise(
        actor=town_officer,
        village=tree.village,
        level=VillageLevel.COUNTY,
        recognised_on=dt.date(2021, 12, 1),
    )
    refused(
        "duplicate",
        lambda: services.village_recognise(
            actor=town_officer,
            village=tree.village,
            level=VillageLevel.COUNTY,
            recognised_on=dt.date(2021, 12, 2),
        ),
        record,
        field="level",
    )
    record = services.village_revoke(
        actor=town_officer, record=record, on=dt.date(2022, 5, 1), reason="发生重大违法事件"
    )
    assert record.status == BodyStatus.DISSOLVED
