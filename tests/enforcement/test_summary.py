"""The summary procedure (简易程序, 行政处罚法 art 51–53): warnings and fines up to ¥200 for a
citizen or ¥3,000 for an organisation, decided on the spot and filed with the agency."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core.models import Clock
from fazhi.enforcement import services
from fazhi.enforcement.models import PartyType, SummaryDecision
from tests.enforcement.test_services import refused

pytestmark = pytest.mark.django_db
DAY = dt.date(2022, 3, 3)


def decide(enf, tree, **changes):
    values = {
        "actor": enf.town_officer,
        "organization": tree.town,
        "item": enf.item,
        "party": services.Party(PartyType.CITIZEN, "张三", "330481198001010016"),
        "facts": "占道经营",
        "place": "长安镇某路",
        "decided_on": DAY,
        "penalty_kinds": ["fine"],
        "fine_amount": Decimal(200),
        "officers": ["执法员甲"],
    } | changes
    return services.summary_decide(**values)


def test_summary_fine_ceiling_by_party_type_art_51(enf, tree):
    refused("summary_not_eligible", lambda: decide(enf, tree, fine_amount=Decimal(201)))
    refused(
        "summary_not_eligible",
        lambda: decide(enf, tree, penalty_kinds=["suspend_permit"], fine_amount=None),
    )
    organisation = services.Party(PartyType.ORGANIZATION, "某公司", "91330481MA2000001X")
    refused(
        "summary_not_eligible",
        lambda: decide(enf, tree, party=organisation, fine_amount=Decimal(3001)),
    )
    assert decide(enf, tree, party=organisation, fine_amount=Decimal(3000)).number
    assert decide(enf, tree).fine_amount == Decimal(200)
    assert decide(enf, tree, penalty_kinds=["warning"], fine_amount=None).fine_amount is None


def test_summary_needs_a_certified_officer_art_52(enf, tree):
    refused("officer_not_certified", lambda: decide(enf, tree, officers=["无此证"]))
    refused("required", lambda: decide(enf, tree, officers=[]))


def test_summary_filed_with_the_agency_stops_its_clock_art_52(enf, tree, client):
    decision = decide(enf, tree)
    clock = Clock.objects.get(clock_type="enforcement.summary_filing", object_id=str(decision.pk))
    assert clock.due_date == dt.date(2022, 3, 7)  # 2 working days (configurable, UNCONFIRMED)
    client.force_login(enf.town_officer)
    response = client.post(
        f"/api/enforcement/summary/{decision.pk}/file/",
        {"on": "2022-03-04"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "filed"
    assert services.summary_file  # the step's service


def test_summary_page_and_api_are_scoped(enf, tree, client):
    decision = decide(enf, tree)
    client.force_login(enf.other_town_officer)
    assert client.get(f"/enforcement/summary/{decision.pk}/").status_code in (403, 404)
    assert client.get("/api/enforcement/summary/").json()["count"] == 0
    response = client.post(
        "/api/enforcement/summary/",
        {
            "organization": tree.town.code,
            "item": enf.item.code,
            "party_type": "citizen",
            "party_name": "李四",
            "party_id_number": "330481198001010016",
            "facts": "占道",
            "place": "某路",
            "decided_on": "2022-03-03",
            "penalty_kinds": ["warning"],
            "officers": "执法员甲",
        },
        content_type="application/json",
    )
    assert response.status_code == 403
    assert SummaryDecision.objects.count() == 1
    client.force_login(enf.town_officer)
    page = client.post(
        "/enforcement/summary/new/",
        {
            "organization": tree.town.code,
            "item": enf.item.code,
            "party_type": "citizen",
            "party_name": "李四",
            "party_id_number": "330481198001010016",
            "facts": "占道",
            "place": "某路",
            "decided_on": "2022-03-03",
            "penalty_kinds": ["fine"],
            "fine_amount": "500",
            "officers": "执法员甲",
        },
    )
    assert page.status_code == 400 and "二百" not in page.content.decode()
    assert SummaryDecision.objects.count() == 1
    assert client.get("/enforcement/summary/").status_code == 200
