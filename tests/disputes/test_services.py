"""The mediation workflow: transitions, events, bad input refused with nothing changed."""

from __future__ import annotations

import datetime as dt
import functools

import pytest

from fazhi.core.errors import ApplicationError
from fazhi.core.models import Clock
from fazhi.disputes import services
from fazhi.disputes.models import (
    CaseStatus,
    ConfirmationResult,
    FollowUp,
    JudicialConfirmation,
    MediationCase,
    MediationParty,
    NextChannel,
    Outcome,
)
from tests.disputes.factories import committee, events, mediator, register

TERMS = {
    "agreement_terms": "被申请人于2022年3月31日前向申请人支付修缮费五千元。",
    "performance_method": "银行转账",
}


@pytest.fixture
def setup(tree, users):
    town_committee = committee(tree.town)
    return town_committee, mediator(town_committee), users["mediator"]


def test_case_runs_from_registration_to_follow_up(setup):
    town_committee, person, user = setup
    case = register(user, town_committee)
    assert case.status == CaseStatus.REGISTERED
    assert MediationParty.objects.filter(case=case).count() == 2
    case = services.mediation_case_start(
        actor=user, case=case, on=dt.date(2022, 3, 2), mediator=person
    )
    case = services.mediation_case_conclude(
        actor=user,
        case=case,
        on=dt.date(2022, 3, 8),
        outcome=Outcome.AGREEMENT_WRITTEN,
        **TERMS,
    )
    assert case.status == CaseStatus.CONCLUDED
    assert case.agreement_effective_on == dt.date(2022, 3, 8)
    confirmation = services.mediation_confirmation_apply(
        actor=user, case=case, on=dt.date(2022, 3, 20), court="海宁市人民法院"
    )
    clock = Clock.objects.get(clock_type="disputes.confirmation_decision")
    assert clock.due_date == dt.date(2022, 4, 6)  # 15 days end on 4 April, 清明 → next workday
    services.mediation_confirmation_decide(
        actor=user,
        confirmation=confirmation,
        on=dt.date(2022, 3, 30),
        result=ConfirmationResult.CONFIRMED,
    )
    clock.refresh_from_db()
    assert clock.status == "stopped"
    services.mediation_follow_up_record(
        actor=user, case=case, on=dt.date(2022, 4, 10), note="已按协议履行", performed=True
    )
    assert FollowUp.objects.get(case=case).agreement_performed is True
    assert events(case) == [
        "mediation_registered",
        "mediation_started",
        "mediation_concluded",
        "confirmation_applied",
        "confirmation_decided",
        "follow_up_recorded",
    ]


def test_party_id_numbers_are_masked(setup):
    town_committee, _person, user = setup
    case = register(user, town_committee)
    applicant = case.parties.get(role="applicant")
    assert applicant.masked_id_number != applicant.id_number
    assert applicant.masked_name == "王**"


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"case_no": " "}, "required", "case_no"),
        ({"kind": "gossip"}, "invalid", "kind"),
        ({"source": "radio"}, "invalid", "source"),
        ({"parties": []}, "required", "parties"),
        ({"amount": -1}, "invalid", "amount"),
    ],
)
def test_bad_registration_is_refused(setup, overrides, code, field):
    town_committee, _person, user = setup
    with pytest.raises(ApplicationError) as error:
        register(user, town_committee, **overrides)
    assert (error.value.code, error.value.field) == (code, field)
    assert MediationCase.objects.count() == 0


def test_registration_refuses_a_non_committee_and_a_duplicate_number(tree, setup):
    town_committee, _person, user = setup
    with pytest.raises(ApplicationError) as error:
        register(user, tree.village)
    assert error.value.code == "not_a_committee"
    register(user, town_committee)
    with pytest.raises(ApplicationError) as error:
        register(user, town_committee)
    assert error.value.code == "duplicate_case_no"
    assert MediationCase.objects.count() == 1


def test_dates_out_of_order_are_refused(setup):
    town_committee, person, user = setup
    case = register(user, town_committee)
    with pytest.raises(ApplicationError) as error:
        services.mediation_case_start(
            actor=user, case=case, on=dt.date(2022, 2, 1), mediator=person
        )
    assert error.value.code == "dates_out_of_order"
    services.mediation_case_start(actor=user, case=case, on=dt.date(2022, 3, 5), mediator=person)
    with pytest.raises(ApplicationError) as error:
        services.mediation_case_conclude(
            actor=user, case=case, on=dt.date(2022, 3, 4), outcome=Outcome.AGREEMENT_ORAL
        )
    assert error.value.code == "dates_out_of_order"
    case.refresh_from_db()
    assert case.status == CaseStatus.MEDIATING
    assert case.outcome == ""


def test_failure_needs_the_next_channel_and_refusal_needs_no_mediation(setup):
    town_committee, person, user = setup
    case = register(user, town_committee)
    with pytest.raises(ApplicationError) as error:
        services.mediation_case_conclude(
            actor=user, case=case, on=dt.date(2022, 3, 4), outcome=Outcome.FAILED
        )
    assert error.value.code == "invalid_transition"  # not yet mediating
    services.mediation_case_start(actor=user, case=case, on=dt.date(2022, 3, 2), mediator=person)
    with pytest.raises(ApplicationError) as error:
        services.mediation_case_conclude(
            actor=user, case=case, on=dt.date(2022, 3, 4), outcome=Outcome.FAILED
        )
    assert (error.value.code, error.value.field) == ("required", "next_channel")
    case = services.mediation_case_conclude(
        actor=user,
        case=case,
        on=dt.date(2022, 3, 4),
        outcome=Outcome.FAILED,
        next_channel=NextChannel.LITIGATION,
    )
    with pytest.raises(ApplicationError) as error:
        services.mediation_confirmation_apply(
            actor=user, case=case, on=dt.date(2022, 3, 5), court="海宁市人民法院"
        )
    assert error.value.code == "no_agreement"


def test_a_mediator_of_another_committee_is_refused(tree, setup):
    town_committee, _person, user = setup
    other = mediator(committee(tree.village, code="VILLAGE-MC"), name="乙")
    case = register(user, town_committee)
    with pytest.raises(ApplicationError) as error:
        services.mediation_case_start(actor=user, case=case, on=dt.date(2022, 3, 2), mediator=other)
    assert error.value.code == "mediator_not_in_committee"
    case.refresh_from_db()
    assert case.status == CaseStatus.REGISTERED


def _agreement(user, town_committee, person, effective: dt.date, case_no: str = "A-1"):
    case = register(
        user, town_committee, case_no=case_no, registered_on=effective - dt.timedelta(days=2)
    )
    services.mediation_case_start(
        actor=user, case=case, on=effective - dt.timedelta(days=1), mediator=person
    )
    return services.mediation_case_conclude(
        actor=user, case=case, on=effective, outcome=Outcome.AGREEMENT_WRITTEN, **TERMS
    )


def test_confirmation_window_rolls_over_national_day(setup):
    """30 days from 2 Sept 2022 end on 2 Oct, inside the National Day holiday (1–7 Oct):
    the last day becomes Saturday 8 Oct, a 调休 working day."""
    town_committee, person, user = setup
    case = _agreement(user, town_committee, person, dt.date(2022, 9, 2))
    services.mediation_confirmation_apply(
        actor=user, case=case, on=dt.date(2022, 10, 8), court="海宁市人民法院"
    )
    late = _agreement(user, town_committee, person, dt.date(2022, 9, 2), case_no="A-2")
    with pytest.raises(ApplicationError) as error:
        services.mediation_confirmation_apply(
            actor=user, case=late, on=dt.date(2022, 10, 9), court="海宁市人民法院"
        )
    assert error.value.code == "confirmation_too_late"
    assert not JudicialConfirmation.objects.filter(case=late).exists()


def test_a_confirmation_is_decided_once(setup):
    town_committee, person, user = setup
    case = _agreement(user, town_committee, person, dt.date(2022, 5, 10))
    confirmation = services.mediation_confirmation_apply(
        actor=user, case=case, on=dt.date(2022, 5, 12), court="海宁市人民法院"
    )
    with pytest.raises(ApplicationError) as error:
        services.mediation_confirmation_apply(
            actor=user, case=case, on=dt.date(2022, 5, 13), court="海宁市人民法院"
        )
    assert error.value.code == "invalid_transition"
    with pytest.raises(ApplicationError) as error:
        services.mediation_confirmation_decide(
            actor=user, confirmation=confirmation, on=dt.date(2022, 5, 11), result="confirmed"
        )
    assert error.value.code == "dates_out_of_order"
    services.mediation_confirmation_decide(
        actor=user, confirmation=confirmation, on=dt.date(2022, 5, 20), result="refused"
    )
    with pytest.raises(ApplicationError) as error:
        services.mediation_confirmation_decide(
            actor=user, confirmation=confirmation, on=dt.date(2022, 5, 21), result="confirmed"
        )
    assert error.value.code == "invalid_transition"
    confirmation.refresh_from_db()
    assert confirmation.result == ConfirmationResult.REFUSED


@pytest.mark.parametrize(
    ("role", "code"),
    [("drafter", "forbidden_role"), ("enforcement_officer", "forbidden_role")],
)
def test_wrong_role_cannot_register(setup, users, role, code):
    town_committee, _person, _user = setup
    with pytest.raises(ApplicationError) as error:
        register(users[role], town_committee)
    assert error.value.code == code
    assert MediationCase.objects.count() == 0


def test_mediator_of_another_town_cannot_touch_the_case(tree, setup):
    from fazhi.core.models import Role
    from tests.factories import user_with_role

    town_committee, person, user = setup
    case = register(user, town_committee)
    outsider = user_with_role(Role.MEDIATOR, tree.other_town, username="outsider")
    with pytest.raises(ApplicationError) as error:
        services.mediation_case_start(
            actor=outsider, case=case, on=dt.date(2022, 3, 2), mediator=person
        )
    assert error.value.code == "out_of_scope"
    case.refresh_from_db()
    assert case.status == CaseStatus.REGISTERED


def test_an_agreement_records_its_terms(setup):
    """人民调解法 第二十八条、第二十九条: the content of the agreement, and the manner and time
    limit of its performance; none of it without an agreement."""
    town_committee, person, user = setup
    case = register(user, town_committee)
    services.mediation_case_start(actor=user, case=case, on=dt.date(2022, 3, 2), mediator=person)
    conclude = functools.partial(
        services.mediation_case_conclude, actor=user, case=case, on=dt.date(2022, 3, 8)
    )
    with pytest.raises(ApplicationError) as error:
        conclude(outcome=Outcome.AGREEMENT_ORAL)
    assert (error.value.code, error.value.field) == ("required", "agreement_terms")
    with pytest.raises(ApplicationError) as error:
        conclude(outcome=Outcome.AGREEMENT_WRITTEN, agreement_terms="支付五千元。")
    assert (error.value.code, error.value.field) == ("required", "performance_method")
    with pytest.raises(ApplicationError) as error:
        conclude(**TERMS, outcome=Outcome.AGREEMENT_WRITTEN, performance_due=dt.date(2022, 3, 7))
    assert (error.value.code, error.value.field) == ("dates_out_of_order", "performance_due")
    with pytest.raises(ApplicationError) as error:
        conclude(**TERMS, outcome=Outcome.FAILED, next_channel=NextChannel.LITIGATION)
    assert (error.value.code, error.value.field) == ("no_agreement", "agreement_terms")
    case.refresh_from_db()
    assert case.status == CaseStatus.MEDIATING and case.agreement_terms == ""
    case = conclude(
        **TERMS, outcome=Outcome.AGREEMENT_WRITTEN, performance_due=dt.date(2022, 3, 31)
    )
    assert case.agreement_terms == TERMS["agreement_terms"]
    assert (case.performance_method, case.performance_due) == ("银行转账", dt.date(2022, 3, 31))
