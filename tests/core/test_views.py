"""Pages of the shared kernel, as a person uses them."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from fazhi.core import services
from fazhi.core.models import Organization, Person
from tests.factories import PersonFactory, run_queued_job

pytestmark = pytest.mark.django_db


def test_login_page_logs_in_and_shows_the_dashboard(client, users):
    response = client.post(
        "/login/", {"username": "leader", "password": "correct-horse-42"}, follow=True
    )
    assert response.status_code == 200
    assert "工作台" in response.content.decode()


def test_login_locks_out_after_repeated_failures(client, users, settings):
    settings.FAZHI_LOGIN_MAX_FAILURES = 3
    for _ in range(3):
        response = client.post("/login/", {"username": "leader", "password": "wrong"})
        assert "请输入一个正确的" in response.content.decode() or response.status_code == 200
    response = client.post("/login/", {"username": "leader", "password": "correct-horse-42"})
    assert "已暂时锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_dashboard_counts_due_and_overdue_clocks(client, users, tree, monkeypatch):
    from fazhi.core import deadlines
    from fazhi.core.domain.calendar import DayBasis

    deadlines.register(
        deadlines.ClockType("test.view", "测试", 5, DayBasis.WORKING, "x", "测试依据")
    )
    today = dt.date(2022, 10, 11)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: today)
    services.clock_start(
        clock_type="test.view",
        subject=tree.market,
        organization=tree.market,
        start_date=dt.date(2022, 9, 30),
        label="即将到期的事项",
    )
    services.clock_start(
        clock_type="test.view",
        subject=tree.town,
        organization=tree.town,
        start_date=dt.date(2022, 9, 20),
        label="另一镇的事项",
    )
    client.force_login(users["department_legal_officer"])
    page = client.get("/").content.decode()
    assert 'data-testid="due-soon-count">1<' in page
    assert 'data-testid="overdue-count">0<' in page
    assert "即将到期的事项" in page and "另一镇的事项" not in page
    client.force_login(users["leader"])
    page = client.get("/").content.decode()
    assert 'data-testid="overdue-count">1<' in page


def test_organization_tree_expands_with_htmx(client, users, tree):
    client.force_login(users["leader"])
    page = client.get("/organizations/").content.decode()
    assert "海宁市人民政府" in page
    partial = client.get(
        f"/organizations/{tree.town.pk}/children/", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "测试村" in partial and "<html" not in partial


def test_organization_search_and_bad_kind(client, users, tree):
    client.force_login(users["leader"])
    page = client.get("/organizations/", {"q": "黄湾"}).content.decode()
    assert "黄湾镇" in page and "长安镇" not in page
    assert client.get("/organizations/", {"kind": "planet"}).status_code == 200


def test_organization_form_shows_errors_on_the_field(client, users, tree):
    client.force_login(users["administrator"])
    response = client.post(
        "/organizations/new/",
        {"code": "CITY", "name": "重复", "kind": "department", "parent_code": "CITY"},
    )
    assert response.status_code == 200
    assert "编码已被使用" in response.content.decode() or "已存在" in response.content.decode()
    response = client.post(
        "/organizations/new/",
        {"code": "NEWX", "name": "新单位", "kind": "department", "parent_code": "NOPE"},
    )
    assert "上级组织不存在" in response.content.decode()
    assert not Organization.objects.filter(code="NEWX").exists()
    response = client.post(
        "/organizations/new/",
        {"code": "NEWX", "name": "新单位", "kind": "department", "parent_code": "CITY"},
    )
    assert response.status_code == 302
    assert Organization.objects.get(code="NEWX").parent == tree.city


def test_people_list_masks_ids_filters_and_paginates(
    client, users, tree, django_assert_max_num_queries
):
    people = [PersonFactory(organization=tree.market) for _ in range(55)]
    client.force_login(users["justice_legal_officer"])
    with django_assert_max_num_queries(12):
        page = client.get("/people/").content.decode()
    assert "共 55 条" in page
    assert people[0].id_number not in page
    assert people[0].masked_id_number in page or people[50].masked_id_number in page
    second = client.get("/people/", {"page": 2}).content.decode()
    assert "第 2 / 2 页" in second
    partial = client.get("/people/", {"q": people[3].name}, HTTP_HX_REQUEST="true").content.decode()
    assert people[3].name in partial and "<html" not in partial


def test_people_export_is_a_real_xlsx_with_masked_ids(client, users, tree):
    person = PersonFactory(organization=tree.market, post="科员")
    PersonFactory(organization=tree.town)
    client.force_login(users["department_legal_officer"])
    response = client.get("/people/", {"export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("姓名", "身份证号", "单位")
    assert rows[1:] == [
        (
            person.name,
            person.masked_id_number,
            "海宁市市场监督管理局",
            "科员",
            "非领导干部",
            None,
            None,
        )
    ]


def test_person_form_refuses_bad_id_and_changes_nothing(client, users, tree):
    client.force_login(users["department_legal_officer"])
    response = client.post(
        "/people/new/",
        {
            "name": "王五",
            "organization_code": "MARKET",
            "id_number": "123",
            "leader_level": "none",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "身份证号码格式或校验位不正确" in response.content.decode()
    assert not Person.objects.exists()


def test_person_edit_never_echoes_the_full_id(client, users, tree):
    person = PersonFactory(organization=tree.market)
    client.force_login(users["department_legal_officer"])
    page = client.get(f"/people/{person.pk}/edit/").content.decode()
    assert person.id_number not in page
    client.post(
        f"/people/{person.pk}/edit/",
        {
            "name": "新名",
            "organization_code": "MARKET",
            "id_number": "",
            "leader_level": "none",
            "is_active": "on",
        },
    )
    person.refresh_from_db()
    assert person.name == "新名" and person.id_number  # blank kept the number


def test_deadline_calculator_page(client, users):
    client.force_login(users["drafter"])
    page = client.get(
        "/deadlines/calculator/", {"start": "2022-09-30", "length": 5, "basis": "working"}
    ).content.decode()
    assert 'data-testid="due-date">2022-10-12<' in page
    assert "调休工作日（国庆节），计第1日" in page
    bad = client.get(
        "/deadlines/calculator/", {"start": "2022-13-40", "length": 5, "basis": "working"}
    )
    assert bad.status_code == 200 and "errorlist" in bad.content.decode()


def test_indicator_page_for_leader_and_scoped_user(client, users, tree):
    client.force_login(users["leader"])
    page = client.get("/indicators/", {"year": 2022}).content.decode()
    # Grouped by area under Chinese headings; no internal keys.
    assert "<h2>基层法治</h2>" in page and "法律明白人" in page
    assert "grassroots." not in page
    assert "<h2>" in client.get("/indicators/").content.decode()  # opens on a year with data
    client.force_login(users["mediator"])
    assert (
        client.get("/indicators/", {"year": 2022}).status_code == 404
    )  # no person record: no scope


def test_history_page_lists_field_changes(client, users, tree):
    person = services.person_create(
        actor=users["administrator"], organization=tree.market, name="甲", post="科员"
    )
    services.person_update(actor=users["administrator"], person=person, post="科长")
    client.force_login(users["leader"])
    page = client.get(f"/history/core.person/{person.pk}/").content.decode()
    assert "科员 → 科长" in page
    assert "修改人员" in page and "person_updated" not in page  # labels, never raw keys


def test_english_switch(client, users):
    client.force_login(users["leader"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert "Workbench" in page
    assert 'lang="en"' in page


def test_notifications_page_marks_read(client, users):
    services.notification_raise(user=users["drafter"], title="即将到期：某事项", dedupe_key="k1")
    client.force_login(users["drafter"])
    page = client.get("/notifications/").content.decode()
    assert "即将到期：某事项" in page
    notification = users["drafter"].notifications.get()
    client.post(f"/notifications/{notification.pk}/read/")
    notification.refresh_from_db()
    assert notification.read_at is not None
    client.force_login(users["leader"])
    assert client.post(f"/notifications/{notification.pk}/read/").status_code == 404


def _sheet(rows):
    from fazhi.core.exports import xlsx_bytes
    from fazhi.core.services import PEOPLE_SHEET_HEADERS

    return io.BytesIO(xlsx_bytes(title="人员", headers=PEOPLE_SHEET_HEADERS, rows=rows))


def test_people_import_page_all_or_nothing(client, users, tree):
    from tests.factories import run_queued_job, valid_id_number

    client.force_login(users["department_legal_officer"])
    bad = _sheet(
        [
            ["甲", "MARKET", valid_id_number(11), "科员", "非领导干部", "", ""],
            ["乙", "TOWN", "", "", "", "", ""],
            ["丙", "MARKET", "", "", "", "33040000009", "2025-02-30"],
        ]
    )
    bad.name = "people.xlsx"
    # The worker imports the sheet; the job keeps every bad row.
    job = run_queued_job(client.post("/people/import/", {"file": bad}))
    assert job.status == "failed"
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "certificate_valid_until" in page
    assert not Person.objects.exists()
    good = _sheet([["甲", "MARKET", valid_id_number(11), "科员", "市管领导干部", "", ""]])
    good.name = "people.xlsx"
    assert run_queued_job(client.post("/people/import/", {"file": good})).status == "done"
    person = Person.objects.get()
    assert (person.name, person.leader_level, person.organization) == (
        "甲",
        "city_managed",
        tree.market,
    )


def test_people_import_refuses_a_file_that_is_not_xlsx(client, users, tree):
    client.force_login(users["department_legal_officer"])
    fake = io.BytesIO(b"PK\x03\x04 not really a workbook")
    fake.name = "people.xlsx"
    page = client.post("/people/import/", {"file": fake}).content.decode()
    assert "不是有效的 Excel" in page
    assert client.get("/people/import/template.xlsx").status_code == 200


def test_people_import_is_for_legal_officers(client, users):
    client.force_login(users["drafter"])
    assert client.get("/people/import/").status_code == 403


def test_portal_front_page_is_public_and_lists_registered_services(client):
    from fazhi.core import navigation

    navigation.register_portal(
        navigation.PortalEntry("core:login", "测试服务", "用于测试的公开服务")
    )
    page = client.get("/portal/").content.decode()
    assert "海宁市法治政府建设公开平台" in page
    assert "测试服务" in page


def test_organization_edit_moves_and_refuses_cycles(client, users, tree):
    client.force_login(users["administrator"])
    form = {"name": "长安镇", "kind": "town", "parent_code": "VILLAGE"}
    page = client.post(f"/organizations/{tree.town.pk}/edit/", form).content.decode()
    assert "不能把组织移到其自身或下级之下" in page
    tree.town.refresh_from_db()
    assert tree.town.parent == tree.city
    form["parent_code"] = "TOWN2"
    assert client.post(f"/organizations/{tree.town.pk}/edit/", form).status_code == 302
    tree.village.refresh_from_db()
    assert tree.village.path.startswith(tree.other_town.path)
    client.force_login(users["leader"])
    assert client.post(f"/organizations/{tree.town.pk}/edit/", form).status_code == 403


def test_accounts_roles_and_calendar_are_managed_in_the_staff_ui(client, users, tree):
    """user_register, role_assign, role_revoke, user_set_active, calendar_day_set and
    calendar_day_remove from the pages; only administrators manage accounts."""
    from django.contrib.auth import get_user_model

    from fazhi.core.models import CalendarDay, RoleAssignment

    client.force_login(users["drafter"])
    assert client.get("/accounts/").status_code == 403
    client.force_login(users["administrator"])
    weak = client.post("/accounts/new/", {"username": "new1", "password": "short"})
    assert weak.status_code == 200 and "password" in weak.context["form"].errors
    assert not get_user_model().objects.filter(username="new1").exists()
    response = client.post(
        "/accounts/new/",
        {"username": "new1", "display_name": "新人", "password": "Haining-2026!x"},
    )
    account = get_user_model().objects.get(username="new1")
    assert response.status_code == 302 and account.check_password("Haining-2026!x")
    bad = client.post(f"/accounts/{account.pk}/", {"role": "mediator"})
    assert bad.status_code == 400 and not RoleAssignment.objects.filter(user=account).exists()
    client.post(f"/accounts/{account.pk}/", {"role": "mediator", "organization": tree.town.pk})
    assignment = RoleAssignment.objects.get(user=account)
    assert (assignment.role, assignment.organization) == ("mediator", tree.town)
    assert (
        "人民调解员" in client.get("/accounts/").content.decode()
        or "调解" in client.get("/accounts/").content.decode()
    )
    client.post(f"/accounts/roles/{assignment.pk}/revoke/")
    assert not RoleAssignment.objects.filter(user=account).exists()
    client.post(f"/accounts/{account.pk}/active/", {"active": "0"})
    account.refresh_from_db()
    assert account.is_active is False
    # the calendar: a source is required; an override is listed and can be withdrawn
    refused = client.post("/calendar/", {"date": "2030-10-08", "is_workday": "0", "source": ""})
    assert refused.status_code == 400 and not CalendarDay.objects.exists()
    client.post(
        "/calendar/",
        {
            "date": "2030-10-08",
            "is_workday": "0",
            "name": "国庆",
            "source": "国办发明电〔2029〕X号",
        },
    )
    day = CalendarDay.objects.get()
    assert "国庆" in client.get("/calendar/").content.decode()
    client.post(f"/calendar/{day.pk}/remove/")
    assert not CalendarDay.objects.exists()


def _organization_sheet(rows):
    from fazhi.core.exports import xlsx_bytes
    from fazhi.core.services import ORGANIZATION_SHEET_HEADERS

    sheet = io.BytesIO(xlsx_bytes(title="组织", headers=ORGANIZATION_SHEET_HEADERS, rows=rows))
    sheet.name = "organizations.xlsx"
    return sheet


def test_organizations_import_page_all_or_nothing_naming_row_and_field(client, users, tree):
    client.force_login(users["administrator"])
    assert "批量导入" in client.get("/organizations/").content.decode()
    bad = _organization_sheet(
        [
            ["T09", "示例镇", "镇(街道)", "CITY", "", "", "否", "", ""],
            ["V09", "示例村", "行政村", "T09", "", "", "也许", "2025-02-30", ""],
            ["V10", "", "村庄", "NOPE", "", "", "", "", ""],
        ]
    )
    # The worker imports the sheet; the failed job lists every bad row by number and field.
    job = run_queued_job(client.post("/organizations/import/", {"file": bad}))
    assert job.status == "failed"
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    for field in ("is_street", "valid_from", "name", "kind", "parent_code"):
        assert f"<td>{field}</td>" in page
    assert "<td>3</td><td>is_street</td>" in page
    assert not Organization.objects.filter(code__in=["T09", "V09", "V10"]).exists()
    good = _organization_sheet(
        [
            ["V09", "示例村", "village", "T09", "", "", "", "2025-01-01", ""],
            ["T09", "示例镇", "镇(街道)", "CITY", "", "示例", "是", "", ""],
        ]
    )
    assert run_queued_job(client.post("/organizations/import/", {"file": good})).status == "done"
    village = Organization.objects.get(code="V09")
    assert (village.kind, village.parent.code, village.valid_from) == (
        "village",
        "T09",
        dt.date(2025, 1, 1),
    )
    assert village.parent.is_street and village.parent.parent == tree.city
    assert client.get("/organizations/import/template.xlsx").status_code == 200


def test_organizations_import_is_for_administrators(client, users):
    client.force_login(users["department_legal_officer"])
    assert client.get("/organizations/import/").status_code == 403
    assert "organizations/import" not in client.get("/organizations/").content.decode()
