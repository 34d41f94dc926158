"""The declared case and commitment procedures: what the page offers is what the API and the
services accept, through the same services; a leader reads but never takes a step."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.urls import reverse

from fazhi.core.errors import PermissionDenied
from fazhi.enforcement import services
from fazhi.enforcement.models import (
    CaseOutcome,
    CaseStatus,
    Commitment,
    CommitmentStatus,
    HearingThreshold,
    LegalReviewer,
    PenaltyCase,
)
from fazhi.enforcement.procedures import CASE
from tests.enforcement.conftest import notified_case

pytestmark = pytest.mark.django_db


def _post(client, url: str, data: dict):
    return client.post(url, data, content_type="application/json")


def test_page_offers_close_only_when_case_close_accepts_it(client, enf, tree):
    case = notified_case(enf, tree, fine=Decimal(6000))
    services.case_decide(
        actor=enf.town_officer,
        case=case,
        on=dt.date(2022, 3, 20),
        outcome=CaseOutcome.PENALTY,
        penalty_kinds=["fine"],
        fine_amount=Decimal(6000),
    )
    client.force_login(enf.town_officer)
    page = client.get(f"/enforcement/cases/{case.pk}/").content.decode()
    assert 'data-action="serve"' in page
    assert 'data-action="close"' not in page  # decided, not served: case_close refuses
    services.case_serve(actor=enf.town_officer, case=case, on=dt.date(2022, 3, 21), method="直接")
    page = client.get(f"/enforcement/cases/{case.pk}/").content.decode()
    assert 'data-action="close"' not in page  # a penalty not yet executed
    services.case_execute(actor=enf.town_officer, case=case, on=dt.date(2022, 3, 25), note="已缴")
    case.refresh_from_db()
    assert [t.name for t in CASE.available(enf.town_officer, case)] == ["publish", "close"]


def test_api_takes_every_step_the_page_offers(client, enf, tree, users):
    case = notified_case(enf, tree, fine=Decimal(12000), is_major=True, major_reason="重大")
    client.force_login(enf.town_officer)
    base = f"/api/enforcement/cases/{case.pk}"
    response = _post(client, f"{base}/statement/", {"statement": "当事人称系初次违法"})
    assert response.status_code == 200, response.json()
    assert _post(client, f"{base}/hearing-request/", {"on": "2022-03-14"}).status_code == 200
    response = _post(
        client, f"{base}/hearing-schedule/", {"on": "2022-03-14", "hearing_on": "2022-03-23"}
    )
    assert response.status_code == 200, response.json()
    assert _post(client, f"{base}/hearing-hold/", {"on": "2022-03-25"}).status_code == 200
    response = _post(client, f"{base}/extend/", {"on": "2022-03-26", "days": 10, "reason": "复杂"})
    assert response.status_code == 200, response.json()
    client.force_login(enf.reviewer)
    response = _post(
        client, f"{base}/review/", {"on": "2022-03-28", "outcome": "approved", "opinion": "同意"}
    )
    assert response.status_code == 200, response.json()
    client.force_login(enf.town_officer)
    response = _post(client, f"{base}/discussion/", {"on": "2022-03-29", "minutes": "纪要1号"})
    assert response.status_code == 200, response.json()
    response = _post(
        client,
        f"{base}/decide/",
        {
            "on": "2022-03-30",
            "outcome": "penalty",
            "penalty_kinds": ["fine"],
            "fine_amount": "12000",
        },
    )
    assert response.status_code == 200, response.json()
    assert _post(client, f"{base}/serve/", {"on": "2022-03-31", "method": "直接送达"}).json()[
        "status"
    ] == ("served")
    assert _post(client, f"{base}/publish/", {"on": "2022-04-01"}).status_code == 200
    assert (
        _post(client, f"{base}/execute/", {"on": "2022-04-05", "note": "已缴"}).status_code == 200
    )
    response = _post(client, f"{base}/close/", {"on": "2022-04-06"})
    assert response.json()["status"] == CaseStatus.CLOSED
    case.refresh_from_db()
    assert case.statement and case.discussion_minutes == "纪要1号"


def test_a_step_the_state_does_not_admit_is_refused_with_409(client, enf, tree):
    case = notified_case(enf, tree)
    client.force_login(enf.town_officer)
    before = model_to_dict(PenaltyCase.objects.get(pk=case.pk))
    response = _post(client, f"/api/enforcement/cases/{case.pk}/serve/", {"on": "2022-03-20"})
    assert response.status_code in (400, 409)
    response = _post(
        client, f"/api/enforcement/cases/{case.pk}/serve/", {"on": "2022-03-20", "method": "直接"}
    )
    assert (response.status_code, response.json()["code"]) == (409, "invalid_transition")
    assert model_to_dict(PenaltyCase.objects.get(pk=case.pk)) == before


def test_leader_reads_but_cannot_record_a_collective_discussion(client, enf, tree, users):
    case = notified_case(enf, tree)
    leader = users["leader"]
    before = model_to_dict(PenaltyCase.objects.get(pk=case.pk))
    with pytest.raises(PermissionDenied):
        services.case_collective_discussion(
            actor=leader, case=case, on=dt.date(2022, 3, 12), minutes="纪要"
        )
    client.force_login(leader)
    assert client.get(f"/enforcement/cases/{case.pk}/").status_code == 200
    assert 'data-action="discussion"' not in client.get(f"/enforcement/cases/{case.pk}/").text
    response = _post(
        client,
        f"/api/enforcement/cases/{case.pk}/discussion/",
        {"on": "2022-03-12", "minutes": "纪要"},
    )
    assert (response.status_code, response.json()["code"]) == (403, "forbidden_role")
    page = client.post(
        reverse("core:transition", args=["enforcement.case", case.pk, "discussion"]),
        {"discussion-on": "2022-03-12", "discussion-minutes": "纪要"},
    )
    assert page.status_code == 403
    assert model_to_dict(PenaltyCase.objects.get(pk=case.pk)) == before


def _notify_data(enf, tree, **changes) -> dict:
    return {
        "organization": tree.town.code,
        "exemption": enf.exemption.code,
        "party_type": "organization",
        "party_name": "某商行",
        "party_id_number": "92330481MA2C000001",
        "facts": "店外设置摊点",
        "violation_date": "2022-03-30",
        "notice_on": "2022-04-01",
        "correct_by": "2022-04-11",
    } | changes


def test_commitment_started_by_page_and_api_then_refused_and_converted(client, enf, tree):
    client.force_login(enf.town_officer)
    assert client.get("/enforcement/commitments/new/").status_code == 200
    response = client.post("/enforcement/commitments/new/", _notify_data(enf, tree))
    assert response.status_code == 302
    assert Commitment.objects.count() == 1
    response = _post(client, "/api/enforcement/commitments/", _notify_data(enf, tree))
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert response.json()["party_id_number"] == "92330481MA2C000001"
    response = _post(client, f"/api/enforcement/commitments/{pk}/refuse/", {"on": "2022-04-02"})
    assert response.json()["status"] == CommitmentStatus.REFUSED
    response = _post(
        client,
        f"/api/enforcement/commitments/{pk}/convert/",
        {
            "opened_on": "2022-04-03",
            "officers": "执法员甲、执法员乙",
            "party_address": "浙江省海宁市长安镇长安路2号",
        },
    )
    assert response.status_code == 200, response.json()
    assert response.json()["follow_up_case"]
    response = _post(client, f"/api/enforcement/commitments/{pk}/file/", {"on": "2022-04-04"})
    assert response.json()["filed_on"] == "2022-04-04"


def test_commitment_outside_the_list_is_refused_on_page_and_api(client, enf, tree):
    client.force_login(enf.town_officer)
    data = _notify_data(enf, tree, violation_date="2021-12-30", notice_on="2021-12-31")
    response = client.post("/enforcement/commitments/new/", data)
    assert response.status_code == 400
    assert "不在有效清单内" in response.content.decode()
    response = _post(client, "/api/enforcement/commitments/", data)
    assert (response.status_code, response.json()["code"]) == (400, "exemption_not_in_force")
    client.force_login(enf.other_town_officer)
    response = _post(client, "/api/enforcement/commitments/", _notify_data(enf, tree))
    assert response.json()["code"] == "out_of_scope"
    assert Commitment.objects.count() == 0


def test_catalog_settings_by_command(enf, users, tree, tmp_path, settings):
    call_command(
        "enforcement",
        "--actor",
        "admin",
        "hearing-threshold",
        "--party-type",
        "organization",
        "--min-amount",
        "100000",
        "--source",
        "测试来源",
    )
    assert HearingThreshold.objects.get(party_type="organization").min_amount == 100000
    call_command(
        "enforcement",
        "--actor",
        "admin",
        "legal-reviewer",
        "--username",
        "drafter",
        "--organization",
        tree.market.code,
        "--qualification-number",
        "A2020002",
        "--qualified-on",
        "2020-01-01",
    )
    assert LegalReviewer.objects.filter(qualification_number="A2020002").exists()
    sample = tmp_path / "data" / "catalogs" / "minor_violations_sample.csv"
    sample.parent.mkdir(parents=True)
    sample.write_text(
        "region,list_name,issuer,list_type,category,violation,legal_basis,penalty_provision,"
        "conditions,source_url\n"
        "浙江,清单,某局,不予处罚,市容,违法行为,依据,,,\n"
        "非浙江,清单,某局,不予处罚,市容,违法行为,依据,,,\n",
        encoding="utf-8",
    )
    settings.FAZHI_SHARED_DIR = str(tmp_path)
    call_command(
        "enforcement", "--actor", "admin", "load-exemptions", "--effective-from", "2022-01-01"
    )
    assert services.exemption_sample_path() == sample
    from fazhi.enforcement.models import ExemptionItem

    assert ExemptionItem.objects.filter(code__startswith="ZJ-").count() == 1


def test_statement_and_refusal_services_check_the_declared_state(enf, tree):
    case = notified_case(enf, tree)
    case = services.case_statement_record(actor=enf.town_officer, case=case, statement="申辩")
    assert case.statement == "申辩"
    commitment = services.commitment_notify(
        actor=enf.town_officer,
        organization=tree.town,
        exemption=enf.exemption,
        party=services.Party("organization", "某商行", "92330481MA2C000001"),
        facts="摊点",
        violation_date=dt.date(2022, 3, 30),
        notice_on=dt.date(2022, 4, 1),
        correct_by=dt.date(2022, 4, 11),
    )
    services.commitment_refuse(
        actor=enf.town_officer, commitment=commitment, on=dt.date(2022, 4, 2)
    )
    with pytest.raises(Exception) as caught:
        services.commitment_refuse(
            actor=enf.town_officer, commitment=commitment, on=dt.date(2022, 4, 3)
        )
    assert caught.value.code == "invalid_transition"
