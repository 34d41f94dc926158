"""The party's rights and the clocks after the decision (行政处罚法 arts 44–45, 48, 61–64, 67, 72):
each rule with the article it comes from, refused with nothing changed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core.models import Clock
from fazhi.enforcement import domain, services
from fazhi.enforcement.models import CaseOutcome
from fazhi.enforcement.rules import rules_on
from tests.enforcement.conftest import notified_case
from tests.enforcement.test_services import refused

pytestmark = pytest.mark.django_db


def _decide(enf, case, on: dt.date, fine: int = 6000, kinds=("fine",)):
    return services.case_decide(
        actor=enf.town_officer,
        case=case,
        on=on,
        outcome=CaseOutcome.PENALTY,
        penalty_kinds=list(kinds),
        fine_amount=Decimal(fine),
    )


def test_no_penalty_decision_inside_the_statement_window_unless_waived_art_44(enf, tree):
    # Notice on Thursday 10 March 2022: three working days run to Tuesday 15 March.
    case = notified_case(enf, tree, fine=Decimal(6000))
    clock = Clock.objects.get(clock_type="enforcement.statement", object_id=str(case.pk))
    assert clock.due_date == dt.date(2022, 3, 15)
    refused("rights_window_open", lambda: _decide(enf, case, dt.date(2022, 3, 15)), case)
    assert _decide(enf, case, dt.date(2022, 3, 16)).status == "decided"


def test_written_waiver_allows_an_earlier_decision_art_44(enf, tree, client):
    case = notified_case(enf, tree, fine=Decimal(6000))
    refused(
        "required",
        lambda: services.case_rights_waive(
            actor=enf.town_officer, case=case, on=dt.date(2022, 3, 11), note=" "
        ),
        case,
    )
    client.force_login(enf.town_officer)
    response = client.post(
        f"/api/enforcement/cases/{case.pk}/waive/",
        {"on": "2022-03-11", "note": "当事人书面声明放弃陈述申辩"},
        content_type="application/json",
    )
    assert response.json()["status"] == "notified"
    assert _decide(enf, case, dt.date(2022, 3, 11)).status == "decided"


def test_window_spans_a_holiday_and_a_make_up_workday(enf, tree):
    # Notice on Friday 1 April 2022: Saturday 2 April was a make-up workday (调休), 3–5 April
    # the Qingming holiday; 5 working days (hearing offered) run to Monday 11 April.
    case = notified_case(enf, tree, fine=Decimal(12000))
    services.case_notify(
        actor=enf.town_officer,
        case=case,
        on=dt.date(2022, 4, 1),
        intended_kinds=["fine"],
        intended_fine=Decimal(12000),
    )
    from fazhi.enforcement.selectors import rights_window_ends

    case.refresh_from_db()
    assert rights_window_ends(case) == dt.date(2022, 4, 11)


def test_decided_penalty_not_heavier_than_notified_without_a_fresh_notice_art_45(enf, tree):
    case = notified_case(enf, tree, fine=Decimal(6000))
    refused("heavier_than_notified", lambda: _decide(enf, case, dt.date(2022, 3, 16), 8000), case)
    refused(
        "heavier_than_notified",
        lambda: _decide(enf, case, dt.date(2022, 3, 16), 6000, ("fine", "warning")),
        case,
    )
    # A fresh notice of the heavier penalty reopens the window from its own date.
    services.case_notify(
        actor=enf.town_officer,
        case=case,
        on=dt.date(2022, 3, 16),
        intended_kinds=["fine"],
        intended_fine=Decimal(8000),
    )
    refused("rights_window_open", lambda: _decide(enf, case, dt.date(2022, 3, 18), 8000), case)
    assert _decide(enf, case, dt.date(2022, 3, 22), 8000).fine_amount == 8000


def test_hearing_threshold_judged_on_the_decided_penalty_too_art_63(enf, tree):
    # Notified a fine below the threshold with a licence revocation it did not list: the
    # decided kinds would open a hearing, so a fresh notice offering it is needed.
    case = notified_case(enf, tree, fine=Decimal(6000))
    refused(
        "heavier_than_notified",
        lambda: _decide(enf, case, dt.date(2022, 3, 16), 6000, ("fine", "revoke_permit")),
        case,
    )
    assert not case.hearing_offered
    assert domain.needs_hearing(fine=Decimal(6000), kinds=["revoke_permit"], threshold=None)


def test_service_payment_surcharge_and_withdrawal_clocks(enf, tree, client):
    case = notified_case(enf, tree, fine=Decimal(6000))
    case = _decide(enf, case, dt.date(2022, 3, 16))
    service = Clock.objects.get(clock_type="enforcement.service", object_id=str(case.pk))
    assert service.due_date == dt.date(2022, 3, 25)  # art 61: 7 working days
    services.case_serve(actor=enf.town_officer, case=case, on=dt.date(2022, 3, 17), method="直接")
    payment = Clock.objects.get(clock_type="enforcement.payment", object_id=str(case.pk))
    assert payment.due_date == dt.date(2022, 4, 1)  # art 67: 15 calendar days
    client.force_login(enf.town_officer)
    # Paid 10 days late: 6000 × 3 % × 10 = 1800 (art 72).
    response = client.post(
        f"/api/enforcement/cases/{case.pk}/pay/",
        {"on": "2022-04-11"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    case.refresh_from_db()
    assert case.surcharge == Decimal("1800.00")
    services.case_payment_record  # noqa: B018 (named here: the API step above runs it)
    services.case_publish(actor=enf.town_officer, case=case, on=dt.date(2022, 3, 18))
    refused(
        "invalid_date",
        lambda: services.case_publication_withdraw(
            actor=enf.town_officer,
            case=case,
            annulled_on=dt.date(2022, 5, 10),
            on=dt.date(2022, 5, 9),
            reason="复议撤销",
        ),
        case,
    )
    case = services.case_publication_withdraw(
        actor=enf.town_officer,
        case=case,
        annulled_on=dt.date(2022, 5, 10),
        on=dt.date(2022, 5, 16),
        reason="行政复议决定撤销",
    )
    withdrawal = Clock.objects.get(clock_type="enforcement.withdrawal", object_id=str(case.pk))
    # Art 48: 3 working days from Tuesday 10 May run to Friday 13 May; withdrawn late.
    assert withdrawal.due_date == dt.date(2022, 5, 13)
    assert withdrawal.stopped_on > withdrawal.due_date


def test_surcharge_is_capped_at_the_fine_art_72():
    rules = rules_on(dt.date(2022, 1, 1))
    assert rules.surcharge_daily_rate == Decimal("0.03")
    assert domain.late_payment_surcharge(
        fine=Decimal(1000),
        due=dt.date(2022, 1, 1),
        paid_on=dt.date(2022, 3, 1),
        daily_rate=rules.surcharge_daily_rate,
    ) == Decimal(1000)
    assert domain.late_payment_surcharge(
        fine=Decimal(1000),
        due=dt.date(2022, 1, 1),
        paid_on=dt.date(2022, 1, 1),
        daily_rate=Decimal("0.03"),
    ) == Decimal("0.00")


def test_officer_recusal_keeps_two_officers_art_43(enf, tree, client):
    case = notified_case(enf, tree, fine=Decimal(6000))
    refused(
        "invalid",
        lambda: services.case_officer_recuse(
            actor=enf.town_officer,
            case=case,
            on=dt.date(2022, 3, 11),
            officer="执法员甲",
            replacement="执法员乙",
            applicant="party",
            reason="系当事人亲属",
        ),
        case,
    )
    client.force_login(enf.town_officer)
    response = client.post(
        f"/api/enforcement/cases/{case.pk}/recuse/",
        {
            "on": "2022-03-11",
            "officer": "执法员甲",
            "replacement": "执法员丙",
            "applicant": "party",
            "reason": "系当事人亲属",
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["officers"] == "乙（执法员乙）、丙（执法员丙）"
