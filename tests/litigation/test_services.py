"""The litigation workflow, its clocks across holidays, hearings and head appearance."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.errors import ApplicationError
from fazhi.core.models import DomainEvent, Role
from fazhi.litigation import services
from fazhi.litigation.models import LitigationCase, LitigationHearing, Status
from tests.factories import user_with_role
from tests.litigation.factories import court, register


@pytest.fixture
def legal(users):
    return users["department_legal_officer"]  # the market bureau's legal officer


@pytest.fixture
def the_court(db):
    return court()


def _served(legal, tree, the_court, served_on, outcome="dismiss_claim", number=1):
    case = register(legal, tree, the_court, number=number)
    services.litigation_conclude(
        actor=legal, case=case, on=served_on - dt.timedelta(days=2), outcome=outcome
    )
    return services.litigation_serve(actor=legal, case=case, on=served_on)


def test_defence_clock_across_qingming(tree, legal, the_court):
    """15 days from 21 Mar 2022 end on 5 Apr, in 清明 (3–5 Apr): the last day is 6 Apr."""
    case = register(legal, tree, the_court, complaint_received_on=dt.date(2022, 3, 21))
    assert services.case_clock(case, "litigation.defence").due_date == dt.date(2022, 4, 6)
    services.litigation_defence_file(actor=legal, case=case, on=dt.date(2022, 4, 2))
    clock = services.case_clock(case, "litigation.defence")
    assert clock.status == "stopped"


def test_judgment_appeal_period_over_national_day(tree, legal, the_court):
    """Served 20 Sep 2022: 15 days end on 5 Oct (holiday) → Sat 8 Oct, a 调休 working day."""
    case = _served(legal, tree, the_court, dt.date(2022, 9, 20))
    assert case.status == Status.APPEAL_PERIOD
    assert services.appeal_clock(case).due_date == dt.date(2022, 10, 8)
    with pytest.raises(ApplicationError) as error:
        services.litigation_appeal(actor=legal, case=case, on=dt.date(2022, 10, 9))
    assert error.value.code == "appeal_period_expired"
    with pytest.raises(ApplicationError) as error:
        services.litigation_finalize(actor=legal, case=case, on=dt.date(2022, 10, 8))
    assert error.value.code == "appeal_period_running"
    case.refresh_from_db()
    assert case.status == Status.APPEAL_PERIOD
    case = services.litigation_appeal(actor=legal, case=case, on=dt.date(2022, 10, 8))
    assert case.status == Status.APPEALED
    second = register(
        legal,
        tree,
        the_court,
        number=99,
        trial_level="second",
        appeal_of=case,
        court_case_no="（2022）浙04行终9号",
        filed_on=dt.date(2022, 10, 20),
    )
    assert second.appeal_of == case


def test_ruling_appeal_period_is_ten_days_and_final_after(tree, legal, the_court):
    case = _served(legal, tree, the_court, dt.date(2022, 6, 1), outcome="dismissed_suit")
    assert services.appeal_clock(case).clock_type == "litigation.appeal_ruling"
    assert services.appeal_clock(case).due_date == dt.date(2022, 6, 13)  # 11 Jun is a Saturday
    case = services.litigation_finalize(actor=legal, case=case, on=dt.date(2022, 6, 20))
    assert (case.status, case.final_on) == (Status.FINAL, dt.date(2022, 6, 14))


def test_withdrawal_and_mediation_are_final_on_service(tree, legal, the_court):
    case = _served(legal, tree, the_court, dt.date(2022, 6, 1), outcome="withdrawn")
    assert case.status == Status.FINAL
    assert services.appeal_clock(case) is None


def test_hearing_appearance_rules(tree, legal, the_court):
    case = register(legal, tree, the_court)
    optional = services.litigation_hearing_schedule(
        actor=legal, case=case, held_on=dt.date(2022, 4, 10), head_required=False
    )
    with pytest.raises(ApplicationError) as error:
        services.litigation_hearing_record_appearance(
            actor=legal, hearing=optional, appearance="deputy", head_name="李副局长"
        )
    assert error.value.code == "appearance_not_required"
    required = services.litigation_hearing_schedule(
        actor=legal,
        case=case,
        held_on=dt.date(2022, 5, 10),
        head_required=True,
        court_notice_received_on=dt.date(2022, 5, 1),
    )
    with pytest.raises(ApplicationError) as error:
        services.litigation_hearing_record_appearance(
            actor=legal, hearing=required, appearance="none", substitute_name="王科员"
        )
    assert (error.value.code, error.value.field) == ("required", "excuse")
    with pytest.raises(ApplicationError) as error:
        services.litigation_hearing_record_appearance(
            actor=legal, hearing=required, appearance="principal"
        )
    assert (error.value.code, error.value.field) == ("required", "head_name")
    services.litigation_hearing_record_appearance(
        actor=legal, hearing=required, appearance="principal", head_name="赵局长", head_post="局长"
    )
    with pytest.raises(ApplicationError) as error:
        services.litigation_hearing_record_appearance(
            actor=legal, hearing=required, appearance="deputy", head_name="钱副局长"
        )
    assert error.value.code == "appearance_already_recorded"
    required.refresh_from_db()
    optional.refresh_from_db()
    assert (required.appearance, required.head_name) == ("principal", "赵局长")
    assert optional.appearance == ""
    assert list(
        DomainEvent.objects.filter(object_id=str(case.pk), content_type__model="litigationcase")
        .order_by("id")
        .values_list("event_type", flat=True)
    ) == ["litigation_registered", "hearing_scheduled", "hearing_scheduled", "appearance_recorded"]


def test_dates_out_of_order_are_refused(tree, legal, the_court):
    case = register(legal, tree, the_court)
    for call, code in (
        (
            lambda: services.litigation_hearing_schedule(
                actor=legal, case=case, held_on=dt.date(2022, 2, 1), head_required=True
            ),
            "dates_out_of_order",
        ),
        (
            lambda: services.litigation_conclude(
                actor=legal, case=case, on=dt.date(2022, 2, 1), outcome="withdrawn"
            ),
            "dates_out_of_order",
        ),
        (
            lambda: register(
                legal, tree, the_court, number=2, complaint_received_on=dt.date(2022, 2, 1)
            ),
            "dates_out_of_order",
        ),
        (lambda: register(legal, tree, tree.market, number=3), "not_a_court"),
        (lambda: register(legal, tree, the_court, number=1), "duplicate_case_no"),
        (lambda: register(legal, tree, the_court, number=4, trial_level="second"), "required"),
        (
            lambda: services.litigation_conclude(
                actor=legal,
                case=case,
                on=dt.date(2022, 4, 1),
                outcome="withdrawn",
                compensation_awarded=True,
            ),
            "invalid",
        ),
    ):
        with pytest.raises(ApplicationError) as error:
            call()
        assert error.value.code == code
    case.refresh_from_db()
    assert case.status == Status.FILED
    assert LitigationCase.objects.count() == 1
    assert LitigationHearing.objects.count() == 0


def test_only_the_defendants_officers_may_write(tree, legal, the_court, users):
    case = register(legal, tree, the_court)
    other = user_with_role(Role.DEPARTMENT_LEGAL_OFFICER, tree.enforcement, username="enf")
    with pytest.raises(ApplicationError) as error:
        services.litigation_conclude(
            actor=other, case=case, on=dt.date(2022, 4, 1), outcome="withdrawn"
        )
    assert error.value.code == "out_of_scope"
    with pytest.raises(ApplicationError) as error:
        services.litigation_conclude(
            actor=users["drafter"], case=case, on=dt.date(2022, 4, 1), outcome="withdrawn"
        )
    assert error.value.code == "forbidden_role"
    with pytest.raises(ApplicationError) as error:
        register(other, tree, the_court, number=5)
    assert error.value.code == "out_of_scope"
    case.refresh_from_db()
    assert case.status == Status.FILED


def test_a_suit_needs_a_concluded_reconsideration(tree, legal, the_court, users, settings):
    settings.FAZHI_RECONSIDERATION_BODY_CODE = "JUSTICE"
    from tests.reconsideration.factories import receive

    pending = receive(users["reconsideration_officer"], tree)
    with pytest.raises(ApplicationError) as error:
        register(legal, tree, the_court, origin_reconsideration=pending)
    assert error.value.code == "reconsideration_not_concluded"
    assert LitigationCase.objects.count() == 0
