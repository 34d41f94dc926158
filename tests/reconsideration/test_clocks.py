"""The reconsideration clocks across holidays and 调休, with pauses and extensions."""

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
    """Received Thu 29 Sep 2022: 30 Sep (1), holiday 1–7 Oct, Sat 8 and Sun 9 Oct are 调休
    working days (2, 3), then 10 Oct (4) and 11 Oct (5)."""
    case = receive(officer, tree, received_on=dt.date(2022, 9, 29))
    assert case_clock(case, "reconsideration.acceptance_review").due_date == dt.date(2022, 10, 11)


def test_correction_pauses_the_review_and_resumes_on_receipt(tree, officer):
    case = receive(officer, tree, received_on=dt.date(2022, 9, 29))
    case = services.reconsideration_correction_request(
        actor=officer, case=case, on=dt.date(2022, 9, 30), items="补充身份证明"
    )
    review = case_clock(case, "reconsideration.acceptance_review")
    assert review.status == "paused" and review.due_date is None
    supply = case_clock(case, "reconsideration.correction_supply")
    # 10 working days from 30 Sep: 8, 9, 10–14, 17, 18, 19 Oct.
    assert supply.due_date == dt.date(2022, 10, 19)
    services.reconsideration_correction_receive(actor=officer, case=case, on=dt.date(2022, 10, 12))
    review.refresh_from_db()
    supply.refresh_from_db()
    assert supply.status == "stopped"
    # One working day (30 Sep) was used before the pause; four remain after 12 Oct.
    assert review.due_date == dt.date(2022, 10, 18)


def test_late_acceptance_is_deemed_on_the_last_day(tree, officer):
    case = receive(officer, tree, received_on=dt.date(2022, 9, 29))
    case = services.reconsideration_accept(
        actor=officer, case=case, on=dt.date(2022, 10, 20), procedure="ordinary"
    )
    assert case.accepted_on == dt.date(2022, 10, 11)
    # 60 calendar days from 11 Oct end on Sat 10 Dec, not a working day: Mon 12 Dec.
    assert decision_clock(case).due_date == dt.date(2022, 12, 12)


def test_decision_period_ending_in_national_day_rolls_to_the_makeup_saturday(tree, officer):
    case = receive(officer, tree, received_on=dt.date(2022, 7, 29))
    case = services.reconsideration_accept(
        actor=officer, case=case, on=dt.date(2022, 8, 2), procedure="ordinary"
    )
    assert decision_clock(case).due_date == dt.date(2022, 10, 8)


def test_ordinary_extension_and_its_limit(tree, officer):
    case = receive(officer, tree, received_on=dt.date(2022, 3, 1))
    case = services.reconsideration_accept(
        actor=officer, case=case, on=dt.date(2022, 3, 2), procedure="ordinary"
    )
    assert decision_clock(case).due_date == dt.date(2022, 5, 5)  # 1 May falls in 劳动节
    services.reconsideration_extend(
        actor=officer, case=case, on=dt.date(2022, 4, 20), days=20, reason="案情复杂"
    )
    assert decision_clock(case).due_date == dt.date(2022, 5, 23)  # 21 May is a Saturday
    with pytest.raises(ApplicationError) as error:
        services.reconsideration_extend(
            actor=officer, case=case, on=dt.date(2022, 4, 25), days=11, reason="再次延长"
        )
    assert error.value.code == "extension_too_long"
    assert decision_clock(case).due_date == dt.date(2022, 5, 23)


def test_simplified_procedure_has_30_days_and_no_extension(tree, officer):
    case = receive(officer, tree, received_on=dt.date(2022, 9, 1))
    case = services.reconsideration_accept(
        actor=officer, case=case, on=dt.date(2022, 9, 2), procedure="simplified"
    )
    # 30 days from 2 Sep end on 2 Oct (holiday): the next working day is Sat 8 Oct (调休).
    assert decision_clock(case).due_date == dt.date(2022, 10, 8)
    with pytest.raises(ApplicationError) as error:
        services.reconsideration_extend(
            actor=officer, case=case, on=dt.date(2022, 9, 20), days=10, reason="复杂"
        )
    assert error.value.code == "extension_not_allowed"
    assert decision_clock(case).due_date == dt.date(2022, 10, 8)


def test_suspension_pauses_the_decision_period(tree, officer):
    case = receive(officer, tree, received_on=dt.date(2022, 3, 1))
    case = services.reconsideration_accept(
        actor=officer, case=case, on=dt.date(2022, 3, 2), procedure="simplified"
    )
    services.reconsideration_suspend(
        actor=officer, case=case, on=dt.date(2022, 3, 10), reason="mediation"
    )
    services.reconsideration_resume(actor=officer, case=case, on=dt.date(2022, 3, 20))
    # 8 days used (3–10 Mar), 22 remain after 20 Mar: 11 Apr.
    assert decision_clock(case).due_date == dt.date(2022, 4, 11)
