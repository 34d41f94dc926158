"""The party's address (行政处罚法 art 59 (i)): asked at intake on the page and the API, refused
by name when missing, shown on the case page and printed on the notice and the decision."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from fazhi.enforcement import services
from fazhi.enforcement.models import CaseOutcome, PartyType, PenaltyCase
from tests.document_checks import assert_contains, docx_text, open_docx
from tests.enforcement.conftest import notified_case, open_case
from tests.enforcement.test_services import refused

pytestmark = pytest.mark.django_db

ADDRESS = "浙江省海宁市长安镇长安路1号"


def test_case_without_the_party_address_is_refused_by_field_art_59(client, enf, tree):
    error = refused(
        "required",
        lambda: open_case(
            enf, tree, party=services.Party(PartyType.CITIZEN, "张三", "330481198001010016", " ")
        ),
    )
    assert error.field == "party_address"
    client.force_login(enf.town_officer)
    data = {
        "organization": tree.town.code,
        "item": enf.item.code,
        "party_type": "citizen",
        "party_name": "张三",
        "party_id_number": "330481198001010016",
        "facts": "事实",
        "violation_date": "2022-03-01",
        "discovered_on": "2022-03-02",
        "opened_on": "2022-03-03",
        "officers": ["执法员甲", "执法员乙"],
    }
    response = client.post("/api/enforcement/cases/", data, content_type="application/json")
    assert response.status_code == 400
    assert (response.json()["code"], response.json()["field"]) == ("required", "party_address")
    response = client.post(
        "/api/enforcement/cases/",
        data | {"party_address": ADDRESS},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["party_address"] == ADDRESS
    assert PenaltyCase.objects.get().party_address == ADDRESS
    page = client.get(reverse("enforcement:case_open")).content.decode()
    assert 'name="party_address"' in page


def test_notice_and_decision_print_the_party_address_art_59(client, enf, tree):
    case = notified_case(enf, tree, fine=Decimal(6000))
    client.force_login(enf.town_officer)
    assert ADDRESS in client.get(f"/enforcement/cases/{case.pk}/").content.decode()
    notice = client.get(
        reverse("core:record_document", args=["enforcement.penalty_notice", case.pk, "docx"])
    )
    assert_contains(docx_text(open_docx(notice.content)), ADDRESS)
    case = services.case_decide(
        actor=enf.town_officer,
        case=case,
        on=dt.date(2022, 3, 20),
        outcome=CaseOutcome.PENALTY,
        penalty_kinds=["fine"],
        fine_amount=Decimal(6000),
    )
    decision = client.get(
        reverse("core:record_document", args=["enforcement.penalty_decision", case.pk, "docx"])
    )
    assert_contains(docx_text(open_docx(decision.content)), "地址：" + ADDRESS)
