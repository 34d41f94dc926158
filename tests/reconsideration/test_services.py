"""The reconsideration workflow: every transition, its events, and every refusal."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.errors import ApplicationError
from fazhi.core.models import Role
from fazhi.reconsideration import services
from fazhi.reconsideration.models import Closure, ReconsiderationCase, Status
from tests.factories import user_with_role
from tests.reconsideration.factories import accepted, events, receive


@pytest.fixture
def officer(users):
    return users["reconsideration_officer"]


def test_mediated_case_from_intake_to_service(tree, officer):
    """2023 law: mediation suspends (art 39(6)) and closes by a mediation document (art 73)."""
    case = receive(officer, tree, received_on=dt.date(2024, 3, 1))
    assert case.case_no == "海宁复〔2024〕1号"
    case = services.reconsideration_accept(
        actor=officer, case=case, on=dt.date(2024, 3, 3), procedure="ordinary"
    )
    case = services.reconsideration_hearing_record(
        actor=officer, case=case, on=dt.date(2024, 3, 20)
    )
    case = services.reconsideration_suspend(
        actor=officer, case=case, on=dt.date(2024, 3, 25), reason="mediation"
    )
    assert case.mediation_attempted
    case = services.reconsideration_mediate(
        actor=officer, case=case, on=dt.date(2024, 4, 10), summary="双方达成调解协议"
    )
    assert (case.status, case.closure) == (Status.CONCLUDED, Closure.MEDIATED)
    case = services.reconsideration_serve(actor=officer, case=case, on=dt.date(2024, 4, 12))
    assert case.status == Status.SERVED
    clock = services.decision_clock(case)
    # 22 days used (3–25 Mar), 38 left from 10 Apr: Sat 18 May 2024 → Mon 20 May.
    assert clock.status == "stopped" and clock.due_date == dt.date(2024, 5, 20)
    assert events(case) == [
        "received",
        "accepted",
        "hearing_held",
        "suspended",
        "mediated",
        "served",
    ]


def test_decision_before_acceptance_is_refused(tree, officer):
    case = receive(officer, tree)
    with pytest.raises(ApplicationError) as error:
        services.reconsideration_decide(
            actor=officer, case=case, on=dt.date(2022, 3, 5), decision="uphold", summary="维持"
        )
    assert error.value.code == "not_yet_accepted"
    with pytest.raises(ApplicationError) as error:
        services.reconsideration_mediate(
            actor=officer, case=case, on=dt.date(2022, 3, 5), summary="调解"
        )
    assert error.value.code == "not_yet_accepted"
    case.refresh_from_db()
    assert (case.status, case.decision, case.decided_on) == (Status.RECEIVED, "", None)


@pytest.mark.parametrize(
    ("act_kind", "decision", "extra", "code", "field"),
    [
        ("action", "order_perform", {}, "decision_not_allowed", "decision"),
        ("action", "reject_claim", {}, "decision_not_allowed", "decision"),
        ("action", "agreement_liability", {}, "decision_not_allowed", "decision"),
        ("non_performance", "uphold", {}, "decision_not_allowed", "decision"),
        (
            "action",
            "uphold",
            {"compensation_awarded": True},
            "compensation_not_allowed",
            "compensation_awarded",
        ),
        ("action", "vary", {"worsens_applicant": True}, "no_worsening", "decision"),
        ("action", "nonsense", {}, "invalid", "decision"),
    ],
)
def test_decisions_the_case_does_not_allow_are_refused(
    tree, officer, act_kind, decision, extra, code, field
):
    case = accepted(officer, tree, act_kind=act_kind)
    with pytest.raises(ApplicationError) as error:
        services.reconsideration_decide(
            actor=officer,
            case=case,
            on=dt.date(2022, 4, 1),
            decision=decision,
            summary="决定",
            **extra,
        )
    assert (error.value.code, error.value.field) == (code, field)
    case.refresh_from_db()
    assert (case.status, case.decision) == (Status.ACCEPTED, "")
    assert services.decision_clock(case).status == "running"


def test_every_decision_type_of_the_law_can_be_made(tree, officer):
    allowed = {
        "action": ["vary", "annul", "annul_partial", "confirm_illegal", "confirm_void", "uphold"],
        "non_performance": ["order_perform", "reject_claim", "confirm_illegal"],
        "agreement": ["agreement_liability"],
    }
    for act_kind, decisions in allowed.items():
        for decision in decisions:
            case = accepted(officer, tree, act_kind=act_kind)
            case = services.reconsideration_decide(
                actor=officer,
                case=case,
                on=dt.date(2022, 4, 1),
                decision=decision,
                summary="决定",
                compensation_awarded=decision in ("annul", "confirm_void"),
                worsens_applicant=decision == "vary",
                third_party_requested=decision == "vary",
            )
            assert (case.closure, case.decision) == (Closure.DECIDED, decision)


def test_dates_out_of_order_are_refused(tree, officer):
    case = accepted(officer, tree)  # accepted as of receipt, 1 March (2017 art 17 para 2)
    for call in (
        lambda: services.reconsideration_hearing_record(
            actor=officer, case=case, on=dt.date(2022, 2, 28)
        ),
        lambda: services.reconsideration_decide(
            actor=officer, case=case, on=dt.date(2022, 2, 28), decision="uphold", summary="维持"
        ),
    ):
        with pytest.raises(ApplicationError) as error:
            call()
        assert error.value.code == "dates_out_of_order"
    case = services.reconsideration_decide(
        actor=officer, case=case, on=dt.date(2022, 4, 1), decision="uphold", summary="维持"
    )
    with pytest.raises(ApplicationError) as error:
        services.reconsideration_serve(actor=officer, case=case, on=dt.date(2022, 3, 30))
    assert error.value.code == "dates_out_of_order"
    case.refresh_from_db()
    assert case.served_on is None
    with pytest.raises(ApplicationError) as error:
        receive(officer, tree, act_known_on=dt.date(2022, 4, 1))
    assert error.value.code == "dates_out_of_order"


def test_intake_refusals(tree, officer):
    before = ReconsiderationCase.objects.count()
    for overrides, code, field in [
        ({"applicant_name": " "}, "required", "applicant_name"),
        ({"applicant_id_number": "330481198001010011"}, "invalid", "applicant_id_number"),
        ({"request": ""}, "required", "request"),
        ({"respondent": tree.village}, "not_a_respondent", "respondent"),
        ({"channel": "pigeon"}, "invalid", "channel"),
    ]:
        with pytest.raises(ApplicationError) as error:
            receive(officer, tree, **overrides)
        assert (error.value.code, error.value.field) == (code, field)
    assert ReconsiderationCase.objects.count() == before
    # A refused intake gives its number back: the next case still gets number 1.
    assert receive(officer, tree).case_no == "海宁复〔2022〕1号"


def test_rejection_and_correction_rules(tree, officer):
    case = receive(officer, tree, received_on=dt.date(2022, 9, 29))
    with pytest.raises(ApplicationError) as error:
        services.reconsideration_reject(
            actor=officer, case=case, on=dt.date(2022, 10, 12), reason="超期"
        )
    assert error.value.code == "deemed_accepted"
    with pytest.raises(ApplicationError) as error:
        services.reconsideration_correction_request(
            actor=officer, case=case, on=dt.date(2022, 10, 12), items="补充材料"
        )
    assert error.value.code == "deemed_accepted"
    case = services.reconsideration_reject(
        actor=officer, case=case, on=dt.date(2022, 10, 11), reason="不属于复议范围"
    )
    assert (case.status, case.closure) == (Status.NOT_ACCEPTED, Closure.NOT_ACCEPTED)
    with pytest.raises(ApplicationError) as error:
        services.reconsideration_accept(
            actor=officer, case=case, on=dt.date(2022, 10, 12), procedure="ordinary"
        )
    assert error.value.code == "invalid_transition"


def test_mediation_close_needs_a_mediation(tree, officer):
    """2023 law: mediation closes a case that was suspended for it; settlement any case."""
    case = accepted(officer, tree, received_on=dt.date(2024, 3, 1))
    with pytest.raises(ApplicationError) as error:
        services.reconsideration_mediate(
            actor=officer, case=case, on=dt.date(2024, 3, 20), summary="调解"
        )
    assert error.value.code == "invalid_transition"
    case = services.reconsideration_withdraw(
        actor=officer, case=case, on=dt.date(2024, 3, 20), settled=True, summary="和解撤回"
    )
    assert case.closure == Closure.WITHDRAWN_SETTLED


def test_2017_mediation_and_settlement_only_in_their_scope(tree, officer):
    """Reg 50: mediation only for discretionary acts or compensation disputes; Reg 40:
    settlement only for discretionary acts. Refusals change nothing."""
    case = accepted(officer, tree)
    with pytest.raises(ApplicationError) as error:
        services.reconsideration_mediate(
            actor=officer, case=case, on=dt.date(2022, 3, 20), summary="调解"
        )
    assert error.value.code == "mediation_not_allowed"
    with pytest.raises(ApplicationError) as error:
        services.reconsideration_withdraw(
            actor=officer, case=case, on=dt.date(2022, 3, 20), settled=True, summary="和解"
        )
    assert error.value.code == "settlement_not_allowed"
    case.refresh_from_db()
    assert (case.status, case.closure) == (Status.ACCEPTED, "")
    compensation = accepted(officer, tree, compensation_dispute=True)
    compensation = services.reconsideration_mediate(
        actor=officer, case=compensation, on=dt.date(2022, 3, 20), summary="赔偿调解"
    )
    assert compensation.closure == Closure.MEDIATED
    with pytest.raises(ApplicationError) as error:  # compensation is not discretion (Reg 40)
        services.reconsideration_withdraw(
            actor=officer,
            case=accepted(officer, tree, compensation_dispute=True),
            on=dt.date(2022, 3, 20),
            settled=True,
            summary="和解",
        )
    assert error.value.code == "settlement_not_allowed"
    discretionary = accepted(officer, tree, act_discretionary=True)
    discretionary = services.reconsideration_withdraw(
        actor=officer, case=discretionary, on=dt.date(2022, 3, 20), settled=True, summary="和解"
    )
    assert discretionary.closure == Closure.WITHDRAWN_SETTLED


def test_opinion_letter_and_its_reply_clock(tree, officer):
    case = accepted(officer, tree)
    letter = services.reconsideration_letter_issue(
        actor=officer,
        case=case,
        letter_type="opinion",
        addressee=tree.market,
        on=dt.date(2022, 4, 1),
        issues="执法程序不规范",
    )
    from fazhi.core.models import Clock

    clock = Clock.objects.get(clock_type="reconsideration.opinion_reply")
    assert clock.due_date == dt.date(2022, 5, 31)
    services.reconsideration_letter_reply(
        actor=officer, letter=letter, on=dt.date(2022, 5, 20), rectified=True
    )
    clock.refresh_from_db()
    assert clock.status == "stopped"


@pytest.mark.parametrize("role", ["drafter", "department_legal_officer", "mediator", "leader"])
def test_wrong_roles_cannot_accept(tree, officer, users, role):
    case = receive(officer, tree)
    with pytest.raises(ApplicationError) as error:
        services.reconsideration_accept(
            actor=users[role], case=case, on=dt.date(2022, 3, 2), procedure="ordinary"
        )
    assert error.value.status == 403
    case.refresh_from_db()
    assert case.status == Status.RECEIVED


def test_officer_of_another_organisation_cannot_accept(tree, officer):
    case = receive(officer, tree)
    elsewhere = user_with_role(Role.RECONSIDERATION_OFFICER, tree.market, username="elsewhere")
    with pytest.raises(ApplicationError) as error:
        services.reconsideration_accept(
            actor=elsewhere, case=case, on=dt.date(2022, 3, 2), procedure="ordinary"
        )
    assert error.value.code == "out_of_scope"
    with pytest.raises(ApplicationError) as error:
        receive(elsewhere, tree)
    assert error.value.code == "out_of_scope"
