"""先行登记保存 (行政处罚法 art 56, art 85): registered with the head's approval on the server's
date, decided within 7 working days counted on the official calendar (调休 make-up workdays count),
refused with nothing changed; the same step on the page and through the API."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core import dating
from fazhi.core.models import Clock, ClockStatus
from fazhi.enforcement import services
from fazhi.enforcement.models import EvidencePreservation, PreservationOutcome
from tests.enforcement.conftest import open_case
from tests.enforcement.test_services import events, refused

pytestmark = pytest.mark.django_db

# Friday 30 September 2022: 1–7 October is the National Day holiday, Saturday 8 and Sunday 9
# October are make-up workdays (调休), so 7 working days run to Friday 14 October.
FRIDAY = dt.date(2022, 9, 30)
DUE = dt.date(2022, 10, 14)


@pytest.fixture
def today(monkeypatch):
    """Move the server's date (the date a preservation step is recorded on)."""

    def move(day: dt.date) -> None:
        monkeypatch.setattr(dating, "today", lambda: day)

    return move


def _preserve(enf, case, **changes):
    values = {
        "actor": enf.town_officer,
        "case": case,
        "items": "过期食品20箱",
        "place": "长安镇执法中队证物室",
        "approved_by": "王局长",
    } | changes
    return services.case_evidence_preserve(**values)


def _decide(enf, case, outcome, **changes):
    return services.case_preservation_decide(
        actor=enf.town_officer, case=case, outcome=outcome, **changes
    )


def test_registered_on_the_server_date_and_decided_in_7_working_days_across_tiaoxiu_art_56(
    enf, tree, today
):
    case = open_case(enf, tree)
    today(FRIDAY)
    preservation = _preserve(enf, case)
    assert (preservation.registered_on, preservation.due_on) == (FRIDAY, DUE)
    clock = Clock.objects.get(clock_type="enforcement.preservation")
    assert clock.due_date == DUE and clock.status != ClockStatus.STOPPED
    today(DUE)  # the last day counts
    decided = _decide(enf, case, PreservationOutcome.TEST, note="送检")
    assert (decided.decided_on, decided.outcome) == (DUE, "test")
    clock.refresh_from_db()
    assert (clock.status, clock.stopped_on) == (ClockStatus.STOPPED, DUE)
    assert events(case)[-2:] == [
        "enforcement.evidence_preserved",
        "enforcement.preservation_decided",
    ]
    # A further registration on the same case starts its own clock.
    today(dt.date(2022, 10, 17))
    _preserve(enf, case, items="账本3册")
    assert Clock.objects.filter(clock_type="enforcement.preservation").count() == 2


def test_head_approval_and_one_open_registration_required_art_56(enf, tree, today):
    case = open_case(enf, tree)
    today(FRIDAY)
    refused("required", lambda: _preserve(enf, case, approved_by=" "), case)
    refused("no_preservation", lambda: _decide(enf, case, "release"), case)
    _preserve(enf, case)
    refused("preservation_pending", lambda: _preserve(enf, case, items="账本"), case)
    assert EvidencePreservation.objects.count() == 1


def test_after_7_working_days_only_a_release_art_56(enf, tree, today):
    case = open_case(enf, tree)
    today(FRIDAY)
    _preserve(enf, case)
    today(DUE + dt.timedelta(days=3))  # Monday 17 October: the 7 working days have run
    refused("preservation_late", lambda: _decide(enf, case, "transfer"), case)
    assert EvidencePreservation.objects.get().decided_on is None
    released = _decide(enf, case, PreservationOutcome.RELEASE)
    assert released.outcome == "release"
    assert Clock.objects.get(clock_type="enforcement.preservation").status == ClockStatus.STOPPED


def test_seizure_cites_a_law_the_law_base_holds_art_56(enf, tree, today):
    case = open_case(enf, tree)
    today(FRIDAY)
    _preserve(enf, case)
    refused("preservation_basis_required", lambda: _decide(enf, case, "seize"), case)
    refused(
        "preservation_basis_required",
        lambda: _decide(enf, case, "seize", basis="《中华人民共和国行政强制法》第九十九条"),
        case,
    )
    refused("invalid", lambda: _decide(enf, case, "destroy"), case)
    seized = _decide(enf, case, "seize", basis="《中华人民共和国行政强制法》第二十二条")
    assert seized.outcome_basis == "《中华人民共和国行政强制法》第二十二条"


def test_page_and_api_take_the_same_declared_steps_art_56(client, enf, tree, today):
    case = open_case(enf, tree)
    today(FRIDAY)
    client.force_login(enf.town_officer)
    page = client.get(f"/enforcement/cases/{case.pk}/")
    assert "先行登记保存证据" in page.content.decode()
    response = client.post(
        f"/enforcement/cases/{case.pk}/steps/preserve/",
        {"preserve-items": "过期食品20箱", "preserve-place": "证物室", "preserve-approved_by": " "},
    )
    assert response.status_code == 400
    assert EvidencePreservation.objects.count() == 0
    response = client.post(
        f"/api/enforcement/cases/{case.pk}/preserve/",
        {"items": "过期食品20箱", "place": "证物室", "approved_by": "王局长"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    response = client.post(
        f"/api/enforcement/cases/{case.pk}/preserve/",
        {"items": "账本", "place": "证物室", "approved_by": "王局长"},
        content_type="application/json",
    )
    assert response.status_code == 409 and response.json()["code"] == "preservation_pending"
    today(DUE)
    response = client.post(
        f"/enforcement/cases/{case.pk}/steps/preservation_decide/",
        {"preservation_decide-outcome": "release", "preservation_decide-note": "违法事实不成立"},
    )
    assert response.status_code == 302
    page = client.get(f"/enforcement/cases/{case.pk}/").content.decode()
    assert "解除先行登记保存，退还当事人" in page and "先行登记保存处理决定" in page
    assert EvidencePreservation.objects.get().decided_on == DUE
