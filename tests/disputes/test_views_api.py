"""Pages and API of mediation: who sees and changes what (anonymous, wrong role, wrong
organisation, right role)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.core.exports import xlsx_bytes
from fazhi.core.models import Organization, Role
from fazhi.disputes.models import CaseStatus, JudicialConfirmation, MediationCase
from fazhi.disputes.services import LEDGER_HEADERS
from tests.disputes.factories import committee, mediator, register
from tests.factories import user_with_role


@pytest.fixture
def case(tree, users):
    town_committee = committee(tree.town)
    mediator(town_committee)
    return register(users["mediator"], town_committee)


@pytest.fixture
def outsider(tree):
    return user_with_role(Role.MEDIATOR, tree.other_town, username="outsider")


def test_anonymous_is_sent_to_login(client, case):
    for url in (reverse("disputes:cases"), reverse("disputes:case_detail", args=[case.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    assert client.get(reverse("disputes-api:case-list")).status_code in (401, 403)


def test_mediator_sees_own_cases_and_outsider_does_not(client, case, users, outsider):
    client.force_login(users["mediator"])
    response = client.get(reverse("disputes:cases"), {"q": "2022"})
    assert response.status_code == 200
    assert case.case_no in response.content.decode()
    detail = client.get(reverse("disputes:case_detail", args=[case.pk])).content.decode()
    assert "王**" in detail and "王小明" not in detail  # party names masked
    client.force_login(outsider)
    assert case.case_no not in client.get(reverse("disputes:cases")).content.decode()
    assert client.get(reverse("disputes:case_detail", args=[case.pk])).status_code == 404
    assert client.get(reverse("disputes-api:case-detail", args=[case.pk])).status_code == 404
    assert client.get(reverse("disputes-api:case-list")).json()["count"] == 0


def test_list_page_exports_xlsx_and_keeps_queries_bounded(
    client, case, users, django_assert_max_num_queries
):
    client.force_login(users["justice_legal_officer"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("disputes:cases"))
    assert response.status_code == 200
    # The ledger export runs in the worker: the page answers with the job's status page.
    export = client.get(reverse("disputes:cases"), {"export": "xlsx"})
    assert export.status_code == 302 and "/jobs/" in export["Location"]


def test_transition_through_page_and_wrong_users(client, case, users, outsider):
    person = case.organization.people.get()
    url = reverse("core:transition", args=["disputes.case", case.pk, "start"])
    data = {"start-on": "2022-03-02", "start-mediator": person.pk}
    client.force_login(outsider)
    assert client.post(url, data).status_code == 404
    client.force_login(users["drafter"])
    assert client.post(url, data).status_code == 404  # not in the drafter's scope either
    client.force_login(users["leader"])  # reads everything, changes nothing
    assert client.post(url, data).status_code == 403
    case.refresh_from_db()
    assert case.status == CaseStatus.REGISTERED
    client.force_login(users["mediator"])
    bad = client.post(url, {"start-on": "2022-01-01", "start-mediator": person.pk})
    assert bad.status_code == 400
    assert "开始调解日期不能早于登记日期" in bad.content.decode()
    assert client.post(url, data).status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.MEDIATING


def test_api_register_and_conclude(client, tree, users, case):
    client.force_login(users["mediator"])
    person = case.organization.people.get()
    url = reverse("disputes-api:case-start", args=[case.pk])
    assert client.post(url, {"on": "2022-03-02", "mediator": person.pk}).status_code == 200
    response = client.post(
        reverse("disputes-api:case-conclude", args=[case.pk]),
        {"on": "2022-03-01", "outcome": "agreement_oral"},
    )
    assert response.status_code == 400
    assert response.json()["code"] == "dates_out_of_order"
    response = client.post(
        reverse("disputes-api:case-list"),
        {
            "committee": case.organization.code,
            "case_no": "API-1",
            "kind": "contract",
            "source": "court_referral",
            "registered_on": "2022-05-01",
            "parties": [
                {"role": "applicant", "name": "甲公司"},
                {"role": "respondent", "name": "乙"},
            ],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    client.force_login(users["leader"])
    assert client.post(url, {"on": "2022-03-02", "mediator": person.pk}).status_code == 403


def test_ledger_import_page_shows_row_errors(client, case, users):
    client.force_login(users["mediator"])
    row = [
        "TOWN-MC",
        "L-1",
        "邻里纠纷",
        "当事人申请",
        dt.date(2022, 3, 1),
        dt.date(2022, 2, 1),
        "调解成功（口头协议）",
        "",
        "甲",
        "",
        "乙",
        "",
        "",
        "",
        "",
    ]
    upload = xlsx_bytes(title="台账", headers=LEDGER_HEADERS, rows=[row])
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import run_queued_job

    response = client.post(
        reverse("disputes:ledger_import"),
        {"file": SimpleUploadedFile("ledger.xlsx", upload)},
    )
    job = run_queued_job(response)  # the worker imports the ledger, all or nothing
    assert job.status == "failed"
    assert "结案日期不能早于登记日期" in client.get(f"/jobs/{job.pk}/").content.decode()
    assert MediationCase.objects.filter(case_no="L-1").count() == 0
    client.force_login(users["drafter"])
    assert client.get(reverse("disputes:ledger_import")).status_code == 403


def test_statistics_page_and_api(client, case, users):
    client.force_login(users["justice_legal_officer"])
    assert client.get(reverse("disputes:statistics"), {"year": 2022}).status_code == 200
    response = client.get(reverse("disputes-api:statistics"), {"year": "abc"})
    assert response.status_code == 400
    assert client.get(reverse("disputes-api:statistics"), {"year": 2022}).status_code == 200


def test_api_confirmation_and_follow_up_are_steps_of_the_declared_procedure(
    client, users, case, outsider
):
    """Judicial confirmation (art 33) and the return visit, through the API as on the page."""
    client.force_login(users["mediator"])
    person = case.organization.people.get()
    base = "disputes-api:case-"
    client.post(
        reverse(base + "start", args=[case.pk]), {"on": "2022-03-02", "mediator": person.pk}
    )
    without_terms = client.post(
        reverse(base + "conclude", args=[case.pk]),
        {"on": "2022-03-05", "outcome": "agreement_written", "performance_method": "转账"},
    )
    assert (without_terms.status_code, without_terms.json()["field"]) == (400, "agreement_terms")
    concluded = client.post(
        reverse(base + "conclude", args=[case.pk]),
        {
            "on": "2022-03-05",
            "outcome": "agreement_written",
            "agreement_effective_on": "2022-03-05",
            "agreement_terms": "被申请人于2022年3月31日前向申请人支付货款两万元。",
            "performance_method": "银行转账",
        },
    )
    assert concluded.status_code == 200, concluded.json()
    assert concluded.json()["agreement_terms"].startswith("被申请人于2022年3月31日前")
    # mediation_confirmation_apply
    response = client.post(
        reverse(base + "confirmation-apply", args=[case.pk]),
        {"on": "2022-03-10", "court": "海宁市人民法院"},
    )
    assert response.status_code == 200, response.json()
    again = client.post(
        reverse(base + "confirmation-apply", args=[case.pk]),
        {"on": "2022-03-11", "court": "海宁市人民法院"},
    )
    assert (again.status_code, again.json()["code"]) == (409, "invalid_transition")
    confirmation = JudicialConfirmation.objects.get(case=case)
    decide = reverse("disputes-api:confirmation-decide", args=[confirmation.pk])
    client.force_login(outsider)
    assert client.post(decide, {"on": "2022-03-20", "result": "confirmed"}).status_code == 404
    client.force_login(users["mediator"])
    response = client.post(decide, {"on": "2022-03-01", "result": "confirmed"})
    assert (response.status_code, response.json()["field"]) == (400, "on")
    # mediation_confirmation_decide
    assert client.post(decide, {"on": "2022-03-20", "result": "confirmed"}).status_code == 200
    confirmation.refresh_from_db()
    assert confirmation.result == "confirmed"
    # mediation_follow_up_record
    response = client.post(
        reverse(base + "follow-up", args=[case.pk]),
        {"on": "2022-04-01", "note": "协议已按期履行", "performed": True},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    assert case.follow_ups.get().agreement_performed is True


def test_justice_bureau_sets_up_a_committee_on_the_page(client, tree, users):
    client.force_login(users["mediator"])
    assert client.get(reverse("disputes:committee_create")).status_code == 403
    client.force_login(users["justice_legal_officer"])
    assert "设立调解委员会" in client.get(reverse("disputes:cases")).content.decode()
    page = client.get(reverse("disputes:committee_create")).content.decode()
    assert f'value="{tree.village.pk}"' in page and f'value="{tree.city.pk}"' not in page
    data = {"parent": tree.village.pk, "code": "VILLAGE-MC", "name": "测试村人民调解委员会"}
    response = client.post(reverse("disputes:committee_create"), data)
    assert response.status_code == 302
    committee = Organization.objects.get(code="VILLAGE-MC")
    assert (committee.kind, committee.parent) == ("mediation_committee", tree.village)
    again = client.post(reverse("disputes:committee_create"), data).content.decode()
    assert "编码已被使用" in again


def test_justice_bureau_sets_up_a_committee_through_the_api(tree, users):
    from rest_framework.test import APIClient

    def as_user(role: str) -> APIClient:
        api = APIClient()
        api.force_authenticate(users[role])
        return api

    url = reverse("disputes-api:committee-list")
    body = {"parent": "TOWN", "code": "TOWN-MC", "name": "长安镇人民调解委员会"}
    assert as_user("mediator").post(url, body, format="json").status_code == 403
    city = as_user("justice_legal_officer").post(url, {**body, "parent": "CITY"}, format="json")
    assert city.status_code == 400 and city.json()["code"] == "committee_parent_invalid"
    created = as_user("justice_legal_officer").post(url, body, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["parent"] == "TOWN"
    listed = as_user("justice_legal_officer").get(url).json()["results"]
    assert "TOWN-MC" in [row["code"] for row in listed]
