"""The statutory steps on both sides of 2024-01-01, each test naming its article.

2017 = the 2017 law (+ "Reg" = the 2007 regulation), for applications received up to
2023-12-31; 2023 = the 2023 law, from 2024-01-01 (rules.py). Dates cross the 2022 and 2024
National Day 调休 weekends (2022: Sat 8 and Sun 9 Oct worked; 2024: Sun 29 Sep and Sat 12 Oct).
"""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.errors import ApplicationError
from fazhi.reconsideration import domain, rules, services, steps
from fazhi.reconsideration.models import Closure, ReconsiderationCase, Status
from fazhi.reconsideration.services import case_clock, decision_clock
from tests.normdocs import conftest as normdocs_conftest
from tests.reconsideration.factories import accepted, receive


@pytest.fixture
def officer(users):
    return users["reconsideration_officer"]


def refused(call, code):
    with pytest.raises(ApplicationError) as error:
        call()
    assert error.value.code == code
    return error.value


# --- the rule set chosen by the day of receipt ------------------------------------------------


def test_rule_set_by_day_of_receipt(tree, officer):
    assert receive(officer, tree, received_on=dt.date(2023, 12, 31)).law_version == "2017"
    assert receive(officer, tree, received_on=dt.date(2024, 1, 1)).law_version == "2023"
    assert rules.version_for(dt.date(2017, 6, 1)) == "2017"  # 2009 text: same procedure


def test_override_for_a_case_pending_on_2024_01_01(tree, officer):
    """The 2023 law has no transitional article (2023 art 90): a per-case override, with a
    reason; afterwards the case's steps follow the chosen rule set (here: art 53)."""
    case = receive(officer, tree, received_on=dt.date(2023, 12, 28))
    refused(
        lambda: steps.reconsideration_law_version_set(
            actor=officer, case=case, version="2023", reason=" "
        ),
        "required",
    )
    case.refresh_from_db()
    assert case.law_version == "2017"
    case = steps.reconsideration_law_version_set(
        actor=officer, case=case, version="2023", reason="2024年1月1日尚未审结，依新法审理"
    )
    assert (case.law_version, case.law_version_override_reason[:4]) == ("2023", "2024")
    case = services.reconsideration_accept(
        actor=officer,
        case=case,
        on=dt.date(2024, 1, 2),
        procedure="simplified",
        simplified_ground="consent",
    )
    assert case.procedure == "simplified"
    later = receive(officer, tree, received_on=dt.date(2024, 1, 2))
    refused(
        lambda: steps.reconsideration_law_version_set(
            actor=officer, case=later, version="2017", reason="x"
        ),
        "law_version_not_changeable",
    )


def test_unconfirmed_values_are_configurable_with_their_source(settings):
    assert all(rule.source for rule in rules.unconfirmed())
    settings.FAZHI_RECONSIDERATION_RULES = {
        "2017.correction.excluded_from_period": False,
        "2017.acceptance.deemed_from": "review_end",  # confirmed: not overridable
    }
    assert rules.value("2017", "correction.excluded_from_period") is False
    assert "overridden" in rules.rule("2017", "correction.excluded_from_period").source
    assert rules.value("2017", "acceptance.deemed_from") == "receipt"


# --- copy to the respondent and the answer ----------------------------------------------------


def test_2017_copy_in_7_working_days_and_answer_in_10_calendar_days(tree, officer):
    """2017 art 23 para 1 with art 40: copy within 7 working days of acceptance (= receipt,
    art 17), answer within 10 calendar days of receiving it."""
    case = accepted(officer, tree, received_on=dt.date(2022, 9, 26))
    copy = case_clock(case, "reconsideration.copy_2017")
    # 27, 28, 29, 30 Sep, then the 调休 Sat 8 and Sun 9 Oct, then Mon 10 Oct.
    assert copy.due_date == dt.date(2022, 10, 10)
    case = steps.reconsideration_copy_send(
        actor=officer, case=case, on=dt.date(2022, 9, 28), received_on=dt.date(2022, 9, 29)
    )
    copy.refresh_from_db()
    assert copy.status == "stopped"
    answer = case_clock(case, "reconsideration.answer_2017")
    # 10 calendar days from 29 Sep end on Sun 9 Oct, a 调休 working day: no roll forward.
    assert answer.due_date == dt.date(2022, 10, 9)
    case = steps.reconsideration_answer_receive(
        actor=officer, case=case, on=dt.date(2022, 10, 8), evidence="处罚决定书、询问笔录"
    )
    answer.refresh_from_db()
    assert answer.status == "stopped" and case.answer_received_on == dt.date(2022, 10, 8)


def test_2023_copy_and_answer_in_working_days(tree, officer):
    """2023 art 48 with art 88: 7 and 10 working days."""
    case = accepted(officer, tree, received_on=dt.date(2024, 9, 25))
    # Accepted Thu 26 Sep: 27 Sep (1), Sun 29 Sep (2), 30 Sep (3), 8–11 Oct (4–7).
    assert case_clock(case, "reconsideration.copy").due_date == dt.date(2024, 10, 11)
    case = steps.reconsideration_copy_send(
        actor=officer, case=case, on=dt.date(2024, 9, 26), received_on=dt.date(2024, 9, 27)
    )
    # Sun 29 Sep (1), 30 Sep (2), 8–11 Oct (3–6), Sat 12 Oct (7), 14, 15, 16 Oct (8–10).
    assert case_clock(case, "reconsideration.answer").due_date == dt.date(2024, 10, 16)
    refused(
        lambda: steps.reconsideration_answer_receive(
            actor=officer, case=case, on=dt.date(2024, 10, 10), evidence=" "
        ),
        "required",
    )


def test_2023_simplified_copy_in_3_and_answer_in_5_working_days(tree, officer):
    """2023 art 54 with art 88."""
    case = accepted(officer, tree, received_on=dt.date(2024, 9, 25), procedure="simplified")
    # Accepted Thu 26 Sep: 27 Sep (1), Sun 29 Sep (2), 30 Sep (3).
    assert case_clock(case, "reconsideration.copy_simplified").due_date == dt.date(2024, 9, 30)
    case = steps.reconsideration_copy_send(actor=officer, case=case, on=dt.date(2024, 9, 30))
    # 8, 9, 10, 11 Oct, Sat 12 Oct.
    answer = case_clock(case, "reconsideration.answer_simplified")
    assert answer.due_date == dt.date(2024, 10, 12)


def test_2017_no_answer_means_annulment(tree, officer):
    """2017 art 28 para 1 item (4), Reg 46: no answer → deemed without evidence → annul."""
    case = accepted(officer, tree, received_on=dt.date(2022, 9, 26))
    case = steps.reconsideration_copy_send(
        actor=officer, case=case, on=dt.date(2022, 9, 28), received_on=dt.date(2022, 9, 29)
    )
    refused(
        lambda: steps.reconsideration_no_answer_record(
            actor=officer, case=case, on=dt.date(2022, 10, 9)
        ),
        "clock_not_lapsed",
    )
    case = steps.reconsideration_no_answer_record(
        actor=officer, case=case, on=dt.date(2022, 10, 10)
    )
    for decision in ("uphold", "confirm_illegal"):
        refused(
            lambda decision=decision: services.reconsideration_decide(
                actor=officer, case=case, on=dt.date(2022, 10, 20), decision=decision, summary="x"
            ),
            "no_answer_decision",
        )
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED
    case = services.reconsideration_decide(
        actor=officer, case=case, on=dt.date(2022, 10, 20), decision="annul", summary="撤销"
    )
    assert case.decision == "annul"


def test_2023_no_answer_allows_annulment_illegality_voidness_or_performance(tree, officer):
    """2023 art 70."""
    case = accepted(officer, tree, received_on=dt.date(2024, 9, 25))
    case = steps.reconsideration_copy_send(
        actor=officer, case=case, on=dt.date(2024, 9, 26), received_on=dt.date(2024, 9, 27)
    )
    case = steps.reconsideration_no_answer_record(
        actor=officer, case=case, on=dt.date(2024, 10, 17)
    )
    refused(
        lambda: services.reconsideration_decide(
            actor=officer, case=case, on=dt.date(2024, 10, 20), decision="uphold", summary="x"
        ),
        "no_answer_decision",
    )
    case = services.reconsideration_decide(
        actor=officer,
        case=case,
        on=dt.date(2024, 10, 20),
        decision="confirm_illegal",
        summary="确认违法",
    )
    assert case.closure == Closure.DECIDED


# --- the application period -------------------------------------------------------------------


def test_2017_period_60_days_from_knowing_and_no_refusal_of_a_timely_application(tree, officer):
    """2017 art 9 para 1: 60 days from knowing; known 15 Mar 2022 → Sat 14 May → Mon 16 May."""
    case = receive(
        officer, tree, received_on=dt.date(2022, 5, 10), act_known_on=dt.date(2022, 3, 15)
    )
    assert services.application_period(case).due == dt.date(2022, 5, 16)
    error = refused(
        lambda: services.reconsideration_reject(
            actor=officer, case=case, on=dt.date(2022, 5, 11), ground="late", reason="超期"
        ),
        "application_timely",
    )
    assert "第九条第一款" in str(error.message)
    case.refresh_from_db()
    assert case.status == Status.RECEIVED and case.rejection_ground == ""


def test_2017_period_ending_in_labour_day_holiday_and_a_late_application(tree, officer):
    """Known 1 Mar 2022: day 60 is Sat 30 Apr, in the 劳动节 holiday → Thu 5 May."""
    case = receive(
        officer, tree, received_on=dt.date(2022, 5, 10), act_known_on=dt.date(2022, 3, 1)
    )
    assert services.application_period(case).due == dt.date(2022, 5, 5)
    case = services.reconsideration_reject(
        actor=officer, case=case, on=dt.date(2022, 5, 11), ground="late", reason="超过申请期限"
    )
    assert case.status == Status.NOT_ACCEPTED


def test_2017_obstacle_pauses_the_period(tree, officer):
    """2017 art 9 para 2: the period continues after the obstacle ends (10 days paused)."""
    case = receive(
        officer,
        tree,
        received_on=dt.date(2022, 5, 10),
        act_known_on=dt.date(2022, 3, 1),
        obstacle_from=dt.date(2022, 3, 10),
        obstacle_to=dt.date(2022, 3, 19),
        obstacle_reason="住院治疗",
    )
    period = services.application_period(case)
    assert period.due == dt.date(2022, 5, 10) and period.timely(case.received_on)
    assert "第九条第二款" in period.basis
    refused(
        lambda: receive(
            officer,
            tree,
            act_known_on=dt.date(2022, 2, 1),
            obstacle_from=dt.date(2022, 2, 2),
            obstacle_to=dt.date(2022, 2, 5),
        ),
        "required",
    )


def test_five_year_cap_only_from_2024(tree, officer):
    """2023 art 21: at most 5 years from the act; the 2017 law has no cap."""
    old = receive(
        officer,
        tree,
        received_on=dt.date(2023, 6, 5),
        act_made_on=dt.date(2018, 5, 1),
        act_known_on=dt.date(2023, 5, 1),
    )
    assert services.application_period(old).timely(old.received_on)
    new = receive(
        officer,
        tree,
        received_on=dt.date(2024, 6, 3),
        act_made_on=dt.date(2019, 5, 1),
        act_known_on=dt.date(2024, 5, 1),
    )
    period = services.application_period(new)
    assert period.due == dt.date(2024, 5, 1) and not period.timely(new.received_on)
    assert "第二十一条" in period.basis


def test_rights_not_notified_one_year_cap_only_in_2023():
    """2023 art 20 para 3: from knowing the right, at most 1 year; 2017: no counterpart."""

    def plain(start, days):
        return start + dt.timedelta(days=days)

    args = {
        "known_on": dt.date(2024, 1, 10),
        "rights_notified": False,
        "rights_known_on": dt.date(2024, 12, 1),
        "due_date": plain,
    }
    assert domain.application_period(version="2023", **args).due == dt.date(2025, 1, 9)
    assert domain.application_period(version="2017", **args).due == dt.date(2024, 3, 10)


# --- deemed abandonment, termination ----------------------------------------------------------


def test_2017_deemed_abandonment_after_the_correction_period(tree, officer):
    """Reg 29: no correction in time → deemed abandoned. 10 calendar days (UNCONFIRMED
    default) from Wed 28 Sep 2022 end on Sat 8 Oct, a 调休 working day."""
    case = receive(officer, tree, received_on=dt.date(2022, 9, 26))
    case = services.reconsideration_correction_request(
        actor=officer, case=case, on=dt.date(2022, 9, 28), items="身份证明"
    )
    assert case_clock(case, "reconsideration.correction_supply_2017").due_date == dt.date(
        2022, 10, 8
    )
    refused(
        lambda: steps.reconsideration_abandon(actor=officer, case=case, on=dt.date(2022, 10, 8)),
        "clock_not_lapsed",
    )
    case = steps.reconsideration_abandon(actor=officer, case=case, on=dt.date(2022, 10, 9))
    assert (case.status, case.closure) == (Status.ABANDONED, Closure.ABANDONED)


def test_2023_deemed_abandonment_after_10_working_days(tree, officer):
    """2023 art 31 para 2: 10 working days from Mon 4 Mar 2024 end on Mon 18 Mar."""
    case = receive(officer, tree, received_on=dt.date(2024, 3, 1))
    case = services.reconsideration_correction_request(
        actor=officer, case=case, on=dt.date(2024, 3, 4), items="身份证明"
    )
    refused(
        lambda: steps.reconsideration_abandon(actor=officer, case=case, on=dt.date(2024, 3, 18)),
        "clock_not_lapsed",
    )
    case = steps.reconsideration_abandon(actor=officer, case=case, on=dt.date(2024, 3, 19))
    assert case.status == Status.ABANDONED


def test_termination_grounds_by_rule_set(tree, officer):
    """2017 Reg 42(5): conversion to 刑事拘留; 2023 art 41: any criminal compulsory measure."""
    old = accepted(officer, tree, received_on=dt.date(2022, 3, 1))
    refused(
        lambda: steps.reconsideration_terminate(
            actor=officer, case=old, on=dt.date(2022, 3, 9), ground="criminal_measure", summary="x"
        ),
        "ground_not_allowed",
    )
    old = steps.reconsideration_terminate(
        actor=officer,
        case=old,
        on=dt.date(2022, 3, 9),
        ground="criminal_detention",
        summary="改为刑事拘留",
    )
    assert (old.closure, old.termination_ground) == (Closure.TERMINATED_OTHER, "criminal_detention")
    new = accepted(officer, tree, received_on=dt.date(2024, 3, 1))
    refused(
        lambda: steps.reconsideration_terminate(
            actor=officer,
            case=new,
            on=dt.date(2024, 3, 9),
            ground="criminal_detention",
            summary="x",
        ),
        "ground_not_allowed",
    )
    new = steps.reconsideration_terminate(
        actor=officer,
        case=new,
        on=dt.date(2024, 3, 9),
        ground="criminal_measure",
        summary="取保候审",
    )
    assert new.status == Status.CONCLUDED


def test_termination_after_60_days_of_unresolved_suspension(tree, officer):
    """Reg 41(1), 42 para 2: a suspension for the applicant's death unresolved after 60 days."""
    case = accepted(officer, tree, received_on=dt.date(2022, 3, 1))
    services.reconsideration_suspend(
        actor=officer, case=case, on=dt.date(2022, 3, 10), reason="applicant_death"
    )
    refused(
        lambda: steps.reconsideration_terminate(
            actor=officer,
            case=case,
            on=dt.date(2022, 5, 8),
            ground="suspension_unresolved",
            summary="近亲属未表示参加",
        ),
        "ground_not_allowed",
    )
    case = steps.reconsideration_terminate(
        actor=officer,
        case=case,
        on=dt.date(2022, 5, 9),
        ground="suspension_unresolved",
        summary="近亲属未表示参加",
    )
    assert case.status == Status.CONCLUDED


# --- simplified procedure: conversion ---------------------------------------------------------


def test_2023_conversion_to_the_ordinary_procedure(tree, officer):
    """2023 art 55; the ordinary period runs from acceptance (UNCONFIRMED, rules.py):
    5 Mar 2024 + 60 days = Sat 4 May, in the 劳动节 holiday → Mon 6 May."""
    case = accepted(officer, tree, received_on=dt.date(2024, 3, 4), procedure="simplified")
    case = steps.reconsideration_convert(
        actor=officer, case=case, on=dt.date(2024, 3, 10), reason="案情复杂，经机构负责人批准"
    )
    assert case.procedure == "ordinary"
    assert case_clock(case, "reconsideration.decision_simplified").status == "stopped"
    assert decision_clock(case).due_date == dt.date(2024, 5, 6)
    refused(
        lambda: steps.reconsideration_convert(
            actor=officer, case=case, on=dt.date(2024, 3, 11), reason="再次"
        ),
        "invalid_transition",
    )


# --- incidental review of a normative document -------------------------------------------------


def test_2017_incidental_review_by_the_body_itself_suspends_the_case(tree, officer):
    """2017 art 26: dealt with in 30 days, the review of the act suspended meanwhile.
    10 Mar 2022 + 30 = Sat 9 Apr → Mon 11 Apr."""
    case = accepted(
        officer, tree, received_on=dt.date(2022, 3, 1), normative_document_text="海政发〔2021〕1号"
    )
    case = steps.reconsideration_incidental_start(
        actor=officer,
        case=case,
        on=dt.date(2022, 3, 10),
        raised_by_applicant=True,
        handled_by_self=True,
    )
    assert case.status == Status.SUSPENDED
    assert case_clock(case, "reconsideration.incidental_self_2017").due_date == dt.date(2022, 4, 11)
    assert decision_clock(case).status == "paused"
    case = steps.reconsideration_incidental_conclude(
        actor=officer, case=case, on=dt.date(2022, 3, 30), result="该文件第三条与上位法不一致"
    )
    # 9 days used (1–10 Mar), 51 remain from 30 Mar: Fri 20 May.
    assert case.status == Status.ACCEPTED
    assert decision_clock(case).due_date == dt.date(2022, 5, 20)


def test_2023_incidental_review_forwarded_within_7_working_days(tree, officer):
    """2023 art 56 with art 88: forwarded within 7 working days; 27 Sep 2024 → Sat 12 Oct."""
    case = accepted(
        officer, tree, received_on=dt.date(2024, 9, 25), normative_document_text="嘉政发〔2023〕2号"
    )
    refused(
        lambda: steps.reconsideration_incidental_start(
            actor=officer,
            case=case,
            on=dt.date(2024, 9, 27),
            raised_by_applicant=True,
            handled_by_self=False,
        ),
        "required",
    )
    refused(
        lambda: steps.reconsideration_incidental_start(
            actor=officer,
            case=case,
            on=dt.date(2024, 9, 27),
            raised_by_applicant=True,
            handled_by_self=True,
            normative_document_id=999999,
        ),
        "invalid",
    )
    case = steps.reconsideration_incidental_start(
        actor=officer,
        case=case,
        on=dt.date(2024, 9, 27),
        raised_by_applicant=False,
        handled_by_self=False,
        forwarded_to="嘉兴市人民政府",
    )
    clock = case_clock(case, "reconsideration.incidental_forward")
    assert clock.due_date == dt.date(2024, 10, 12)
    case = steps.reconsideration_incidental_forward(
        actor=officer, case=case, on=dt.date(2024, 10, 8)
    )
    clock.refresh_from_db()
    assert clock.status == "stopped" and case.incidental_forwarded_on == dt.date(2024, 10, 8)
    assert ReconsiderationCase.objects.get(pk=case.pk).status == Status.SUSPENDED


# --- page and API ------------------------------------------------------------------------------


def test_page_cites_the_applied_version_and_the_api_runs_the_new_steps(client, tree, users):
    """Clock explanations cite the article of the version that applied (2017 art 31, art 23);
    copy and answer through the declared API, refusals in the error shape, nothing changed."""
    officer = users["reconsideration_officer"]
    case = accepted(officer, tree, received_on=dt.date(2022, 9, 26))
    client.force_login(officer)
    page = client.get(f"/reconsideration/cases/{case.pk}/").content.decode()
    assert "《行政复议法》（2017）第三十一条第一款" in page
    assert "《行政复议法》（2017）第二十三条第一款、第四十条" in page
    assert "《行政复议法实施条例》" in page  # the rule set's label
    base = "reconsideration-api:case-"
    from django.urls import reverse

    bad = client.post(
        reverse(base + "answer-receive", args=[case.pk]), {"on": "2022-10-01", "evidence": "证据"}
    )
    assert (bad.status_code, bad.json()["code"]) == (409, "invalid_transition")
    response = client.post(
        reverse(base + "copy-send", args=[case.pk]),
        {"on": "2022-09-28", "received_on": "2022-09-29"},
    )
    assert response.status_code == 200
    response = client.post(
        reverse(base + "answer-receive", args=[case.pk]), {"on": "2022-10-01", "evidence": " "}
    )
    assert (response.status_code, response.json()["field"]) == (400, "evidence")
    case.refresh_from_db()
    assert case.answer_received_on is None


def test_another_unit_cannot_take_the_new_steps(tree, users):
    officer = users["reconsideration_officer"]
    case = accepted(officer, tree, received_on=dt.date(2022, 9, 26))
    refused(
        lambda: steps.reconsideration_copy_send(
            actor=users["drafter"], case=case, on=dt.date(2022, 9, 28)
        ),
        "forbidden_role",
    )
    case.refresh_from_db()
    assert case.copy_sent_on is None


@pytest.fixture
def normdocs_setup(tree, users):
    """normdocs' own test set-up (its fixture's body), to issue a real document."""
    return normdocs_conftest.setup.__wrapped__(tree, users)


def test_incidental_review_links_an_issued_normdocs_record(tree, users, normdocs_setup):
    """2017 art 7: the 规定 the act rests on; linked by id, read through normdocs' selectors."""
    officer = users["reconsideration_officer"]
    document = normdocs_setup.issued(normdocs_setup.create())
    case = accepted(officer, tree, received_on=dt.date(2022, 5, 10))
    case = steps.reconsideration_incidental_start(
        actor=officer,
        case=case,
        on=dt.date(2022, 5, 12),
        raised_by_applicant=True,
        handled_by_self=True,
        normative_document_id=document.pk,
    )
    assert case.normative_document_id == document.pk and case.status == Status.SUSPENDED
