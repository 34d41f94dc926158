"""The citizen's own area: registration and login, the staff workbench refused, 我的办件 across
apps (mediation and reconsideration applied online), the progress look-up, and one citizen
never seeing another's applications (pages and API)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from fazhi.core.models import Notification, Role, RoleAssignment
from fazhi.disputes import services as disputes_services
from fazhi.disputes.models import CaseStatus, MediationCase
from fazhi.reconsideration.models import ReconsiderationCase
from tests.disputes.factories import committee, mediator
from tests.factories import user_with_role


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def reconsideration_body(settings):
    settings.FAZHI_RECONSIDERATION_BODY_CODE = "JUSTICE"


@pytest.fixture
def town_committee(tree):
    found = committee(tree.town)
    mediator(found)
    return found


@pytest.fixture
def other_citizen(tree):
    return user_with_role(Role.PUBLIC, tree.city, username="citizen2")


def _mediation_data(committee_org, **overrides):
    data = {
        "committee": committee_org.pk,
        "kind": "neighbour",
        "applicant_name": "王小明",
        "applicant_id_number": "",
        "contact_phone": "13800001111",
        "contact_address": "长安镇某路1号",
        "respondent_name": "李大华",
        "request": "请对方拆除违建围墙",
        "summary": "对方砌墙占用共用通道，协商未果。",
    }
    data.update(overrides)
    return data


def _apply_mediation(client, committee_org, **overrides) -> MediationCase:
    response = client.post(
        reverse("disputes-portal:apply"), _mediation_data(committee_org, **overrides)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return MediationCase.objects.latest("id")


# --- the staff workbench is not for citizens ------------------------------------------------


def test_citizen_is_sent_from_the_workbench_to_their_own_area(client, users):
    client.force_login(users["public"])
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("core:portal_me")
    for url in (reverse("disputes:cases"), reverse("core:people"), reverse("core:my_work")):
        response = client.get(url)
        assert response.status_code == 403
        assert "仅供工作人员使用" in response.content.decode()
    assert client.get(reverse("core:portal_me")).status_code == 200


def test_staff_still_reach_the_workbench(client, users):
    client.force_login(users["mediator"])
    assert client.get("/").status_code == 200


# --- registration and login -----------------------------------------------------------------


def test_register_opens_a_public_account_and_logs_in(client, tree):
    response = client.post(
        reverse("core:portal_register"),
        {
            "username": "zhangsan",
            "display_name": "张三",
            "email": "",
            "password": "Citizen-Pass-2024",
            "password_again": "Citizen-Pass-2024",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("core:portal_me")
    assignment = RoleAssignment.objects.get(user__username="zhangsan")
    assert assignment.role == Role.PUBLIC
    assert client.get(reverse("core:portal_me")).status_code == 200
    assert client.get(reverse("disputes:cases")).status_code == 403


def test_register_refuses_weak_passwords_and_duplicates_and_floods(client, tree, users):
    url = reverse("core:portal_register")
    data = {
        "username": "citizen",
        "display_name": "某",
        "password": "Citizen-Pass-2024",
        "password_again": "Citizen-Pass-2024",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "用户名已被使用" in response.content.decode()
    response = client.post(
        url, {**data, "username": "new1", "password": "short", "password_again": "short"}
    )
    assert response.status_code == 400
    response = client.post(url, {**data, "username": "new2", "password_again": "Other-Pass-2024"})
    assert "两次输入的密码不一致" in response.content.decode()
    for _ in range(10):
        client.post(url, {**data, "username": "new3", "password": "x", "password_again": "x"})
    assert client.post(url, {**data, "username": "new4"}).status_code == 429
    assert not RoleAssignment.objects.filter(user__username__startswith="new").exists()


def test_portal_login_sends_citizens_to_their_area(client, users):
    users["public"].set_password("Citizen-Pass-2024")
    users["public"].save()
    response = client.post(
        reverse("core:portal_login"), {"username": "citizen", "password": "Citizen-Pass-2024"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("core:portal_me")


# --- mediation online ---------------------------------------------------------------------------


def test_apply_needs_login(client, town_committee):
    response = client.get(reverse("disputes-portal:apply"))
    assert response.status_code == 302
    assert reverse("core:portal_login") in response["Location"]


def test_citizen_applies_for_mediation_and_follows_it(client, users, town_committee):
    client.force_login(users["public"])
    case = _apply_mediation(client, town_committee)
    assert case.applicant_user == users["public"]
    assert case.organization == town_committee
    assert case.status == CaseStatus.REGISTERED
    assert case.contact_phone == "13800001111"
    # The committee's mediators are told.
    assert Notification.objects.filter(user=users["mediator"], url__contains=str(case.pk)).exists()
    page = client.get(reverse("core:portal_me")).content.decode()
    assert case.case_no in page and "已登记" in page
    detail = client.get(reverse("disputes-portal:case", args=[case.pk])).content.decode()
    assert "王小明" in detail  # their own name in full
    assert "李大华" not in detail and "李**" in detail  # the other side masked

    # The mediator sees everything submitted, and moves the case on.
    client.force_login(users["mediator"])
    staff = client.get(reverse("disputes:case_detail", args=[case.pk])).content.decode()
    for text in ("13800001111", "长安镇某路1号", "请对方拆除违建围墙", "协商未果", "王小明"):
        assert text in staff
    person = town_committee.people.first()
    today = timezone.localdate()
    disputes_services.mediation_case_start(
        actor=users["mediator"], case=case, on=today, mediator=person
    )
    disputes_services.mediation_case_conclude(
        actor=users["mediator"],
        case=case,
        on=today,
        outcome="agreement_written",
        agreement_terms="被申请人于十日内返还押金三千元。",
        performance_method="银行转账",
    )
    client.force_login(users["public"])
    notes = Notification.objects.filter(user=users["public"]).values_list("title", flat=True)
    assert any("结案" in n for n in notes)
    page = client.get(reverse("core:portal_me")).content.decode()
    assert "已结案" in page


def test_mediation_application_refuses_bad_input(client, tree, users, town_committee):
    client.force_login(users["public"])
    response = client.post(
        reverse("disputes-portal:apply"), _mediation_data(town_committee, contact_phone="abc")
    )
    assert response.status_code == 400
    assert "联系电话" in response.content.decode()
    response = client.post(
        reverse("disputes-portal:apply"), _mediation_data(town_committee, committee=tree.market.pk)
    )
    assert response.status_code == 400
    assert MediationCase.objects.count() == 0


def test_a_citizen_never_sees_another_citizens_applications(
    client, users, other_citizen, town_committee
):
    client.force_login(users["public"])
    case = _apply_mediation(client, town_committee)
    client.force_login(other_citizen)
    assert client.get(reverse("disputes-portal:case", args=[case.pk])).status_code == 404
    assert case.case_no not in client.get(reverse("core:portal_me")).content.decode()
    assert client.get(reverse("api:my-applications")).json() == []
    client.force_login(users["public"])
    rows = client.get(reverse("api:my-applications")).json()
    assert [row["number"] for row in rows] == [case.case_no]


# --- reconsideration online ---------------------------------------------------------------------


def _recon_data(tree):
    return {
        "applicant_name": "陈某",
        "applicant_id_number": "",
        "applicant_phone": "13800000000",
        "applicant_address": "海宁市某街2号",
        "respondent": tree.market.pk,
        "act_kind": "action",
        "contested_act": "罚款5000元的行政处罚决定",
        "request": "撤销该决定",
        "reasons": "事实认定不清",
    }


def test_reconsideration_online_tied_to_the_account_and_progress_look_up(
    client, tree, users, other_citizen
):
    client.force_login(users["public"])
    response = client.post(reverse("reconsideration-portal:apply"), _recon_data(tree))
    assert response.status_code == 200
    case = ReconsiderationCase.objects.get()
    assert case.applicant_user == users["public"]
    assert case.case_no in client.get(reverse("core:portal_me")).content.decode()
    own = client.get(reverse("reconsideration-portal:case", args=[case.pk]))
    assert own.status_code == 200 and "事实认定不清" in own.content.decode()
    # Another citizen: not their case.
    client.force_login(other_citizen)
    assert client.get(reverse("reconsideration-portal:case", args=[case.pk])).status_code == 404
    # Anyone with the case number and the phone number given may look up its progress.
    client.logout()
    url = reverse("reconsideration-portal:progress")
    found = client.get(url, {"case_no": case.case_no, "identity": "13800000000"})
    assert found.status_code == 200
    assert "待审查受理" in found.content.decode()
    wrong = client.get(url, {"case_no": case.case_no, "identity": "13900000000"})
    assert wrong.status_code == 404
    assert "没有找到" in wrong.content.decode()
    # The reconsideration officer sees the reasons and the contact details.
    client.force_login(users["reconsideration_officer"])
    staff = client.get(reverse("reconsideration:case_detail", args=[case.pk])).content.decode()
    assert "事实认定不清" in staff and "13800000000" in staff and "海宁市某街2号" in staff


# --- notifications opened from the citizen's inbox --------------------------------------------


def test_opening_a_notification_marks_it_read_and_follows_it(client, users, other_citizen):
    from fazhi.core import services

    services.notification_raise(
        user=users["public"], title="测试通知", url="/portal/", dedupe_key="t:1"
    )
    note = Notification.objects.get(user=users["public"])
    client.force_login(other_citizen)
    client.post(reverse("core:portal_notification_open", args=[note.pk]))
    note.refresh_from_db()
    assert note.read_at is None  # not theirs: nothing happens
    client.force_login(users["public"])
    response = client.post(reverse("core:portal_notification_open", args=[note.pk]))
    assert response.status_code == 302 and response["Location"] == "/portal/"
    note.refresh_from_db()
    assert note.read_at is not None
