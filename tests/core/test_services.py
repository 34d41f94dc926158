"""Writes of the shared kernel: each refused action changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from fazhi.core import deadlines, services
from fazhi.core.domain.calendar import DayBasis
from fazhi.core.errors import ApplicationError, ImportFailed, PermissionDenied
from fazhi.core.models import (
    Clock,
    ClockStatus,
    DomainEvent,
    IssuedNumber,
    Notification,
    Organization,
    Person,
    Role,
)
from fazhi.core.services import OrganizationRow, PersonRow
from tests.factories import PersonFactory, valid_id_number

pytestmark = pytest.mark.django_db
D = dt.date

TEST_CLOCK = deadlines.register(
    deadlines.ClockType(
        key="test.acceptance",
        name="受理审查",
        length=5,
        basis=DayBasis.WORKING,
        start_event="received",
        legal_basis="行政复议法 第三十条",
        pausable=True,
        extendable=True,
        max_extension_days=10,
    )
)
FIXED_CLOCK = deadlines.register(
    deadlines.ClockType(
        key="test.fixed",
        name="公示",
        length=7,
        basis=DayBasis.WORKING,
        start_event="decided",
        legal_basis="行政处罚法 第四十八条",
    )
)


# --- organisations ----------------------------------------------------------------------------


def test_create_sets_path_and_records_event(tree, users):
    unit = services.organization_create(
        actor=users["administrator"], code="NEW", name="新单位", kind="department", parent=tree.city
    )
    assert unit.path == tree.city.path + f"{unit.pk:08d}/"
    assert unit.depth == 1
    assert (
        DomainEvent.objects.filter(
            object_id=str(unit.pk), event_type="organization_created"
        ).count()
        == 1
    )
    assert unit.history.count() == 1


@pytest.mark.parametrize(
    ("kwargs", "field", "code"),
    [
        ({"code": "", "name": "x", "kind": "department"}, "code", "required"),
        ({"code": "CITY", "name": "x", "kind": "department"}, "code", "duplicate"),
        ({"code": "N1", "name": " ", "kind": "department"}, "name", "required"),
        ({"code": "N1", "name": "x", "kind": "planet"}, "kind", "invalid"),
        (
            {
                "code": "N1",
                "name": "x",
                "kind": "department",
                "valid_from": D(2022, 5, 1),
                "valid_to": D(2022, 1, 1),
            },
            "valid_to",
            "invalid_date",
        ),
    ],
)
def test_create_refuses_bad_input(tree, users, kwargs, field, code):
    before = Organization.objects.count()
    with pytest.raises(ApplicationError) as error:
        services.organization_create(actor=users["administrator"], parent=tree.city, **kwargs)
    assert (error.value.field, error.value.code) == (field, code)
    assert Organization.objects.count() == before


def test_only_administrators_create_organizations(tree, users):
    with pytest.raises(PermissionDenied) as error:
        services.organization_create(
            actor=users["justice_legal_officer"],
            code="X",
            name="x",
            kind="department",
            parent=tree.city,
        )
    assert error.value.code == "forbidden_role"
    assert not Organization.objects.filter(code="X").exists()


def test_moving_an_organization_moves_its_subtree(tree, users):
    services.organization_update(
        actor=users["administrator"], organization=tree.town, parent=tree.other_town
    )
    tree.village.refresh_from_db()
    tree.town.refresh_from_db()
    assert tree.town.path.startswith(tree.other_town.path)
    assert tree.village.path == tree.town.path + f"{tree.village.pk:08d}/"
    assert tree.village.depth == 3


def test_moving_under_own_descendant_is_refused(tree, users):
    with pytest.raises(ApplicationError) as error:
        services.organization_update(
            actor=users["administrator"], organization=tree.town, parent=tree.village
        )
    assert error.value.code == "organization_cycle"
    tree.town.refresh_from_db()
    assert tree.town.parent == tree.city


def test_import_is_all_or_nothing_with_row_errors(tree, users):
    rows = [
        OrganizationRow(code="T9", name="新镇", kind="town", parent_code="CITY"),
        OrganizationRow(code="T9-V1", name="新村", kind="village", parent_code="T9"),
        OrganizationRow(code="T9-V2", name="", kind="village", parent_code="T9"),
        OrganizationRow(code="T9-V3", name="坏村", kind="village", parent_code="NOWHERE"),
        OrganizationRow(code="T9", name="重复", kind="town", parent_code="CITY"),
    ]
    before = Organization.objects.count()
    with pytest.raises(ImportFailed) as error:
        services.organizations_import(actor=users["administrator"], rows=rows)
    assert {(r["row"], r["field"]) for r in error.value.rows} == {
        (4, "name"),
        (5, "parent_code"),
        (6, "code"),
    }
    assert Organization.objects.count() == before


def test_import_builds_the_tree_in_any_row_order(tree, users):
    rows = [
        OrganizationRow(code="T9-V1-G1", name="一组", kind="village_group", parent_code="T9-V1"),
        OrganizationRow(code="T9-V1", name="新村", kind="village", parent_code="T9"),
        OrganizationRow(code="T9", name="新镇", kind="town", parent_code="CITY"),
    ]
    services.organizations_import(actor=users["administrator"], rows=rows)
    group = Organization.objects.get(code="T9-V1-G1")
    assert group.depth == 3
    assert group.path.startswith(Organization.objects.get(code="T9").path)
    assert group.history.count() == 1


# --- people -----------------------------------------------------------------------------------


def test_person_create_validates_id_number(tree, users):
    with pytest.raises(ApplicationError) as error:
        services.person_create(
            actor=users["administrator"],
            organization=tree.market,
            name="李四",
            id_number="330481198001010011",
        )
    assert (error.value.field, error.value.code) == ("id_number", "invalid_id_number")
    assert not Person.objects.exists()


def test_person_masked_id_number(tree, users):
    person = services.person_create(
        actor=users["administrator"],
        organization=tree.market,
        name="李四",
        id_number=valid_id_number(7),
    )
    assert person.masked_id_number == person.id_number[:6] + "********" + person.id_number[-4:]


def test_certificate_needs_validity_date(tree, users):
    with pytest.raises(ApplicationError) as error:
        services.person_create(
            actor=users["administrator"],
            organization=tree.market,
            name="李四",
            enforcement_certificate_number="33040000001",
        )
    assert error.value.field == "certificate_valid_until"


def test_department_legal_officer_edits_only_own_unit(tree, users):
    own = PersonFactory(organization=tree.market)
    other = PersonFactory(organization=tree.town)
    services.person_update(actor=users["department_legal_officer"], person=own, post="科员")
    with pytest.raises(PermissionDenied) as error:
        services.person_update(actor=users["department_legal_officer"], person=other, post="科员")
    assert error.value.code == "out_of_scope"
    other.refresh_from_db()
    assert other.post == ""


def test_person_cannot_be_moved_out_of_scope(tree, users):
    own = PersonFactory(organization=tree.market)
    with pytest.raises(PermissionDenied):
        services.person_update(
            actor=users["department_legal_officer"], person=own, organization=tree.town
        )
    own.refresh_from_db()
    assert own.organization == tree.market


def test_people_import_reports_each_bad_row(tree, users):
    PersonFactory(id_number=valid_id_number(1))
    rows = [
        PersonRow(name="甲", organization_code="MARKET", id_number=valid_id_number(2)),
        PersonRow(name="乙", organization_code="NOPE"),
        PersonRow(name="丙", organization_code="MARKET", id_number=valid_id_number(1)),
        PersonRow(name="丁", organization_code="MARKET", id_number=valid_id_number(2)),
        PersonRow(name="戊", organization_code="MARKET", enforcement_certificate_number="X1"),
        PersonRow(name="己", organization_code="MARKET", leader_level="emperor"),
    ]
    count = Person.objects.count()
    with pytest.raises(ImportFailed) as error:
        services.people_import(actor=users["administrator"], rows=rows)
    assert [(r["row"], r["field"]) for r in error.value.rows] == [
        (3, "organization_code"),
        (4, "id_number"),
        (5, "id_number"),
        (6, "certificate_valid_until"),
        (7, "leader_level"),
    ]
    assert Person.objects.count() == count


def test_people_import_refuses_rows_outside_scope(tree, users):
    with pytest.raises(ImportFailed) as error:
        services.people_import(
            actor=users["department_legal_officer"],
            rows=[PersonRow(name="甲", organization_code="TOWN")],
        )
    assert error.value.rows[0]["field"] == "organization_code"


# --- accounts ---------------------------------------------------------------------------------


def test_login_lockout_after_repeated_failures(settings):
    settings.FAZHI_LOGIN_MAX_FAILURES = 3
    for _ in range(3):
        assert not services.login_locked_out("someone")
        services.login_failure_record(username="someone", ip_address="127.0.0.1")
    assert services.login_locked_out("someone")
    assert services.login_locked_out("SOMEONE")
    services.login_success_record(username="someone")
    assert not services.login_locked_out("someone")


def test_role_assign_by_non_admin_is_refused(tree, users):
    target = get_user_model().objects.create_user("newbie")
    with pytest.raises(PermissionDenied):
        services.role_assign(
            actor=users["justice_legal_officer"],
            user=target,
            role=Role.LEADER,
            organization=tree.city,
        )
    assert not target.role_assignments.exists()


# --- clocks -----------------------------------------------------------------------------------


def _clock(tree, **kwargs):
    return services.clock_start(
        clock_type=kwargs.pop("clock_type", "test.acceptance"),
        subject=tree.market,
        organization=tree.market,
        start_date=kwargs.pop("start", D(2022, 9, 30)),
        label="测试事项",
    )


def test_clock_lifecycle_derives_due_date(tree):
    clock = _clock(tree)
    assert clock.due_date == D(2022, 10, 12)
    clock = services.clock_pause(clock=clock, on=D(2022, 10, 8), reason="补正")
    assert clock.status == ClockStatus.PAUSED and clock.due_date is None
    clock = services.clock_resume(clock=clock, on=D(2022, 10, 17))
    assert clock.due_date == D(2022, 10, 21)  # 1 day used, 4 more after the 17th
    clock = services.clock_extend(clock=clock, on=D(2022, 10, 18), days=2, reason="情况复杂")
    assert clock.due_date == D(2022, 10, 25)
    clock = services.clock_stop(clock=clock, on=D(2022, 10, 20))
    assert clock.status == ClockStatus.STOPPED and clock.stopped_on == D(2022, 10, 20)
    assert [e.kind for e in clock.events.all()] == ["start", "pause", "resume", "extend", "stop"]


@pytest.mark.parametrize(
    ("action", "code"),
    [
        (lambda c: services.clock_resume(clock=c, on=D(2022, 10, 10)), "invalid_transition"),
        (lambda c: services.clock_pause(clock=c, on=D(2022, 9, 1), reason="x"), "invalid_date"),
        (lambda c: services.clock_pause(clock=c, on=D(2022, 10, 9), reason=" "), "required"),
        (
            lambda c: services.clock_extend(clock=c, on=D(2022, 10, 9), days=11, reason="x"),
            "extension_too_long",
        ),
        (
            lambda c: services.clock_extend(clock=c, on=D(2022, 10, 9), days=0, reason="x"),
            "invalid",
        ),
    ],
)
def test_clock_refuses_bad_transitions(tree, action, code):
    clock = _clock(tree)
    with pytest.raises(ApplicationError) as error:
        action(clock)
    assert error.value.code == code
    clock.refresh_from_db()
    assert clock.status == ClockStatus.RUNNING and clock.due_date == D(2022, 10, 12)
    assert clock.events.count() == 1


def test_clock_type_flags_are_enforced(tree):
    clock = _clock(tree, clock_type="test.fixed")
    with pytest.raises(ApplicationError) as error:
        services.clock_pause(clock=clock, on=D(2022, 10, 9), reason="x")
    assert error.value.code == "clock_not_pausable"
    with pytest.raises(ApplicationError) as error:
        services.clock_extend(clock=clock, on=D(2022, 10, 9), days=1, reason="x")
    assert error.value.code == "clock_not_extendable"


def test_one_clock_of_a_type_per_record(tree):
    _clock(tree)
    with pytest.raises(ApplicationError) as error:
        _clock(tree)
    assert error.value.code == "duplicate"
    assert Clock.objects.count() == 1


def test_unknown_clock_type_is_refused(tree):
    with pytest.raises(ApplicationError) as error:
        _clock(tree, clock_type="nope.never")
    assert error.value.code == "unknown_clock_type"


def test_deadline_notifications_are_raised_once(tree, users):
    clock = _clock(tree, start=D(2022, 9, 30))
    assert (
        services.deadline_notifications_raise(today=D(2022, 10, 11)) == 1
    )  # the market's legal officer
    assert services.deadline_notifications_raise(today=D(2022, 10, 11)) == 0
    notification = Notification.objects.get()
    assert notification.user == users["department_legal_officer"]
    assert notification.title == "即将到期：测试事项"
    assert services.deadline_notifications_raise(today=D(2022, 10, 13)) == 1  # now overdue
    services.clock_stop(clock=clock, on=D(2022, 10, 13))
    assert services.deadline_notifications_raise(today=D(2022, 10, 20)) == 0


# --- numbering --------------------------------------------------------------------------------


def test_numbers_are_sequential_per_series_and_year(tree):
    services.number_series_create(
        key="city",
        name="市政府规范性文件",
        template="海政规〔{year}〕{seq}号",
        organization=tree.city,
    )
    numbers = [services.number_issue(series_key="city", year=2022).number for _ in range(3)]
    assert numbers == ["海政规〔2022〕1号", "海政规〔2022〕2号", "海政规〔2022〕3号"]
    assert services.number_issue(series_key="city", year=2023).number == "海政规〔2023〕1号"


def test_a_rolled_back_number_leaves_no_gap(tree):
    from django.db import transaction

    services.number_series_create(
        key="city", name="x", template="海政规〔{year}〕{seq}号", organization=tree.city
    )
    with pytest.raises(RuntimeError), transaction.atomic():
        services.number_issue(series_key="city", year=2022)
        raise RuntimeError("the document failed to save")
    assert services.number_issue(series_key="city", year=2022).sequence == 1
    assert IssuedNumber.objects.count() == 1


@pytest.mark.parametrize(
    ("template", "code"),
    [("海政规〔{year}〕号", "invalid_template"), ("{year}-{seq}-{who}", "invalid_template")],
)
def test_bad_number_templates_are_refused(tree, template, code):
    with pytest.raises(ApplicationError) as error:
        services.number_series_create(
            key="bad", name="x", template=template, organization=tree.city
        )
    assert (error.value.code, error.value.field) == (code, "template")


def test_unknown_series_is_refused(tree):
    with pytest.raises(ApplicationError) as error:
        services.number_issue(series_key="nope", year=2022)
    assert error.value.status == 404


def test_event_details_take_dates_and_decimals(tree):
    from decimal import Decimal

    event = services.event_record(
        subject=tree.market,
        event_type="test",
        details={"on": D(2022, 10, 8), "fine": Decimal("500.00")},
    )
    event.refresh_from_db()
    assert event.details == {"on": "2022-10-08", "fine": "500.00"}


def test_number_series_ensure_creates_once_and_then_returns_the_same_series(tree):
    from fazhi.core import services as core_services
    from fazhi.core.models import NumberSeries

    first = core_services.number_series_ensure(
        key="ensure-test",
        name="测试编号",
        template="测〔{year}〕{seq}号",
        organization=tree.justice,
    )
    again = core_services.number_series_ensure(
        key="ensure-test", name="另一名称", template="另〔{year}〕{seq}号", organization=tree.city
    )
    assert again.pk == first.pk and again.template == "测〔{year}〕{seq}号"
    assert NumberSeries.objects.filter(key="ensure-test").count() == 1
    with pytest.raises(ApplicationError) as error:
        core_services.number_series_ensure(
            key="bad-template", name="坏", template="无序号", organization=tree.justice
        )
    assert error.value.code == "invalid_template"
    assert not NumberSeries.objects.filter(key="bad-template").exists()
