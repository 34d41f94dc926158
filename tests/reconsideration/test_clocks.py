"""The reconsideration clocks across holidays and 调休, with pauses and extensions.

Cases received in 2022 follow the 2017 rule set (2017 law + 2007 regulation); cases received
from 2024-01-01 the 2023 law (rules.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.errors import ApplicationError
from fazhi.reconsideration import services
from fazhi.reconsideration.services import case_clock, decision_clock
from tests.reconsideration.factories import receive


@pytest.fixture
def officer(users):
    return users["reconsideration_officer"]


def test_acceptance_review_skips_national_day_and_counts_makeup_days(tree, officer):
    """2017 art 17 para 1, art 40 (五日 = working days). Received Thu 29 Sep 2022: 30 Sep (1),
    holiday 1–7 Oct, Sat 8 and Sun 9 Oct are 调休 working days (2, 3), then 10 (4), 11 Oct (5)."""
    case = receive(officer, tree, received_on=dt.date(2022, 9, 29))
    assert case.law_version == "2017"
    review = case_clock(case, "reconsideration.acceptance_review_2017")
    assert review.due_date == dt.date(2022, 10, 11)


def test_correction_pauses_the_review_and_resumes_on_receipt(tree, officer):
    case = receive(officer, tree, received_on=dt.date(2022, 9, 29))
    case = services.reconsideration_correction_request(
        actor=officer, case=case, on=dt.date(2022, 9, 30), items="补充身份证明"
    )
    review = case_clock(case, "reconsideration.acceptance_review_2017")
    assert review.status == "paused" and review.due_date is None
    supply = case_clock(case, "reconsideration.correction_supply_2017")
    # Reg 29: a reasonable period (10 calendar days by default, UNCONFIRMED) from 30 Sep ends
    # on 10 Oct, a working day.
    assert supply.due_date == dt.date(2022, 10, 10)
    services.reconsideration_correction_receive(actor=officer, case=case, on=dt.date(2022, 10, 12))
    review.refresh_from_db()
    supply.refresh_from_db()
    assert supply.status == "stopped"
    # One working day (30 Sep) was used before the pause; four remain after 12 Oct.
    assert review.due_date == dt.date(2022, 10, 18)


def test_2017_acceptance_is_deemed_from_receipt_by_the_office(tree, officer):
    """2017 art 17 para 2: accepted as of the day the legal-affairs office received it."""
    case = receive(officer, tree, received_on=dt.date(2022, 9, 29))
    case = services.reconsideration_accept(
        actor=officer, case=case, on=dt.date(2022, 10, 20), procedure="ordinary"
    )
    assert case.accepted_on == dt.date(2022, 9, 29)
    # 2017 art 31: 60 calendar days from 29 Sep end on Mon 28 Nov.
    clock = decision_clock(case)
    assert clock.clock_type == "reconsideration.decision_ordinary_2017"
    assert clock.due_date == dt.date(2022, 11, 28)


def test_2023_late_acceptance_is_deemed_on_the_last_day_of_review(tree, officer):
    """2023 art 30: deemed accepted at the end of the review. Received Fri 27 Sep 2024: Sun 29
    Sep is a 调休 working day (1), Mon 30 Sep (2), holiday 1–7 Oct, then 8, 9, 10 Oct (3–5)."""
    case = receive(officer, tree, received_on=dt.date(2024, 9, 27))
    assert case.law_version == "2023"
    case = services.reconsideration_accept(
        actor=officer, case=case, on=dt.date(2024, 10, 20), procedure="ordinary"
    )
    assert case.accepted_on == dt.date(2024, 10, 10)
    # 2023 art 62: 60 calendar days from 10 Oct end on Mon 9 Dec.
    assert decision_clock(case).due_date == dt.date(2024, 12, 9)


def test_decision_period_ending_in_national_day_rolls_to_the_makeup_saturday(tree, officer):
    """2017 art 31, art 40 with the Civil Procedure Law: received (= accepted) Tue 2 Aug 2022,
    60 days end on 1 Oct (holiday); the next working day is the 调休 Saturday 8 Oct."""
    case = receive(officer, tree, received_on=dt.date(2022, 8, 2))
    case = services.reconsideration_accept(
        actor=officer, case=case, on=dt.date(2022, 8, 3), procedure="ordinary"
    )
    assert decision_clock(case).due_date == dt.date(2022, 10, 8)


def test_ordinary_extension_and_its_limit(tree, officer):
    """2017 art 31 para 1: 60 days from receipt, + at most 30 approved by the body's head."""
    case = receive(officer, tree, received_on=dt.date(2022, 3, 1))
    case = services.reconsideration_accept(
        actor=officer, case=case, on=dt.date(2022, 3, 2), procedure="ordinary"
    )
    assert decision_clock(case).due_date == dt.date(2022, 5, 5)  # 30 Apr falls in 劳动节
    services.reconsideration_extend(
        actor=officer, case=case, on=dt.date(2022, 4, 20), days=20, reason="案情复杂"
    )
    assert decision_clock(case).due_date == dt.date(2022, 5, 20)  # 1 Mar + 80 days
    assert "行政复议机关的负责人" in str(
        decision_clock(case).events.filter(kind="extend").values_list("reason", flat=True)
    )
    with pytest.raises(ApplicationError) as error:
        services.reconsideration_extend(
            actor=officer, case=case, on=dt.date(2022, 4, 25), days=11, reason="再次延长"
        )
    assert error.value.code == "extension_too_long"
    assert decision_clock(case).due_date == dt.date(2022, 5, 20)


def test_simplified_procedure_has_30_days_and_no_extension(tree, officer):
    """2023 arts 53, 62 para 2. Accepted Mon 2 Sep 2024: 30 days end on 2 Oct (holiday); the
    next working day is Tue 8 Oct."""
    case = receive(officer, tree, received_on=dt.date(2024, 9, 1))
    case = services.reconsideration_accept(
        actor=officer,
        case=case,
        on=dt.date(2024, 9, 2),
        procedure="simplified",
        simplified_ground="warning_or_small",
    )
    assert decision_clock(case).due_date == dt.date(2024, 10, 8)
    with pytest.raises(ApplicationError) as error:
        services.reconsideration_extend(
            actor=officer, case=case, on=dt.date(2024, 9, 20), days=10, reason="复杂"
        )
    assert error.value.code == "extension_not_allowed"
    assert decision_clock(case).due_date == dt.date(2024, 10, 8)


def test_2017_has_no_simplified_procedure(tree, officer):
    """2017 rule set: no simplified procedure (spec 2017 §9); nothing changes on refusal."""
    case = receive(officer, tree, received_on=dt.date(2023, 12, 29))
    with pytest.raises(ApplicationError) as error:
        services.reconsideration_accept(
            actor=officer,
            case=case,
            on=dt.date(2024, 1, 2),
            procedure="simplified",
            simplified_ground="warning_or_small",
        )
    assert error.value.code == "simplified_not_allowed"
    case.refresh_from_db()
    assert case.status == "received" and case.accepted_on is None


def test_simplified_needs_an_art_53_ground(tree, officer):
    case = receive(officer, tree, received_on=dt.date(2024, 1, 2))
    with pytest.raises(ApplicationError) as error:
        services.reconsideration_accept(
            actor=officer, case=case, on=dt.date(2024, 1, 3), procedure="simplified"
        )
    assert error.value.code == "simplified_not_allowed"


def test_suspension_pauses_the_decision_period(tree, officer):
    """2023 art 39(6): mediation with consent suspends; accepted Sat 2 Mar 2024, 8 days used
    (2–10 Mar), 22 remain after 20 Mar: Thu 11 Apr (after the 清明 holiday of 4–6 Apr)."""
    case = receive(officer, tree, received_on=dt.date(2024, 3, 1))
    case = services.reconsideration_accept(
        actor=officer,
        case=case,
        on=dt.date(2024, 3, 2),
        procedure="simplified",
        simplified_ground="consent",
    )
    services.reconsideration_suspend(
        actor=officer, case=case, on=dt.date(2024, 3, 10), reason="mediation"
    )
    services.reconsideration_resume(actor=officer, case=case, on=dt.date(2024, 3, 20))
    assert decision_clock(case).due_date == dt.date(2024, 4, 11)


def test_2017_has_no_suspension_for_mediation(tree, officer):
    """Reg 41 lists no mediation ground (2023 art 39(6) added it); nothing changes."""
    case = receive(officer, tree, received_on=dt.date(2022, 3, 1))
    case = services.reconsideration_accept(
        actor=officer, case=case, on=dt.date(2022, 3, 2), procedure="ordinary"
    )
    with pytest.raises(ApplicationError) as error:
        services.reconsideration_suspend(
            actor=officer, case=case, on=dt.date(2022, 3, 10), reason="mediation"
        )
    assert error.value.code == "ground_not_allowed"
    case.refresh_from_db()
    assert case.status == "accepted"
