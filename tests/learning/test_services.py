"""Services of learning: attendance (one, bulk, sheet), exams under the server timer, 述法,
以案释法 and publicity — each refusal names its field and changes nothing."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import Workbook

from fazhi.core.errors import ImportFailed
from fazhi.learning import domain, selectors
from fazhi.learning.models import (
    Attendance,
    Award,
    Evaluation,
    ExamKind,
    ExamPaper,
    LawReport,
    PaperStatus,
    ReportForm,
    ReportStatus,
    SubmissionStatus,
)
from fazhi.learning.services import exams, publicity, reports, training
from tests.learning.conftest import held_session, refused

pytestmark = pytest.mark.django_db


def sheet(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["姓名", "证件号", "学时"])
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- training ----------------------------------------------------------------------------------


def test_attendance_one_by_one_then_closed(lrn):
    session = held_session(lrn)
    training.session_attend(
        actor=lrn.justice, session=session, person_ref=lrn.officer.enforcement_certificate_number
    )
    assert Attendance.objects.get().hours == Decimal("6.0")
    refused(
        "already_attended",
        lambda: training.session_attend(
            actor=lrn.justice, session=session, person_ref=lrn.officer.id_number
        ),
        session,
        field="person",
    )
    refused(
        "unknown_person",
        lambda: training.session_attend(actor=lrn.justice, session=session, person_ref="X1"),
        session,
        field="person_ref",
    )
    training.session_close(actor=lrn.justice, session=session)
    refused(
        "invalid_transition",
        lambda: training.session_attend(
            actor=lrn.justice, session=session, person_ref=lrn.other.id_number
        ),
        session,
    )


def test_attendance_for_a_session_in_the_future_is_refused(lrn):
    session = held_session(lrn, held_on=timezone.localdate() + dt.timedelta(days=3))
    refused(
        "future_session",
        lambda: training.session_attend(
            actor=lrn.justice, session=session, person_ref=lrn.officer.id_number
        ),
        session,
        field="session",
    )
    assert not Attendance.objects.exists()
    refused(
        "future_session",
        lambda: training.attendance_import(
            actor=lrn.justice, session=session, data=sheet([("执法员甲", lrn.officer.id_number)])
        ),
        session,
        field="session",
    )


def test_attendance_of_another_unit_or_role_is_refused(lrn):
    session = held_session(lrn)
    for user, code in [
        (lrn.users["department_legal_officer"], "out_of_scope"),
        (lrn.users["enforcement_officer"], "forbidden_role"),
    ]:
        refused(
            code,
            lambda user=user: training.attendance_record(
                actor=user, session=session, people=[lrn.officer]
            ),
            session,
        )
    assert not Attendance.objects.exists()


def test_import_is_all_or_nothing_with_row_errors(lrn):
    session = held_session(lrn)
    bad = sheet(
        [
            ("执法员甲", lrn.officer.enforcement_certificate_number, 6),
            ("执法员乙", "NO-SUCH", 6),
            ("张冠李戴", lrn.other.id_number, 6),
            ("执法员甲", lrn.officer.id_number, 9),
        ]
    )
    error = refused(
        "import_invalid",
        lambda: training.attendance_import(actor=lrn.justice, session=session, data=bad),
        session,
    )
    assert isinstance(error, ImportFailed)
    assert {(r["row"], r["field"]) for r in error.rows} == {
        (3, "person_ref"),
        (4, "name"),
        (5, "person_ref"),
        (5, "hours"),
    }
    assert not Attendance.objects.exists()
    good = sheet([("执法员甲", lrn.officer.id_number, 4), ("执法员乙", lrn.other.id_number, None)])
    assert training.attendance_import(actor=lrn.justice, session=session, data=good) == 2
    assert sorted(Attendance.objects.values_list("hours", "via")) == [
        (Decimal("4.0"), "import"),
        (Decimal("6.0"), "import"),
    ]


def test_hours_below_the_dated_minimum_and_lapse_candidates(lrn):
    training.requirement_set(
        actor=lrn.justice, valid_from=dt.date(2022, 1, 1), min_hours=Decimal(10), source="测试配置"
    )
    refused(
        "duplicate",
        lambda: training.requirement_set(
            actor=lrn.justice, valid_from=dt.date(2022, 1, 1), min_hours=Decimal(8), source="x"
        ),
        field="valid_from",
    )
    first, second = held_session(lrn), held_session(lrn, held_on=dt.date(2022, 6, 1))
    training.attendance_record(actor=lrn.justice, session=first, people=[lrn.officer, lrn.other])
    training.attendance_record(actor=lrn.justice, session=second, people=[lrn.officer])
    people, requirement = selectors.officer_hours(user=lrn.justice, year=2022, below_only=True)
    assert requirement.min_hours == Decimal(10)
    assert [(p.name, p.year_hours) for p in people] == [("执法员乙", Decimal("6.0"))]
    assert selectors.below_minimum_by_unit(user=lrn.justice, year=2022)[0]["count"] == 1
    candidates = selectors.certificate_lapse_candidates(2022)
    assert [(c.person.name, c.below_minimum, c.failed_qualification) for c in candidates] == [
        ("执法员乙", True, False)
    ]
    assert selectors.requirement_for(2021) is None


# --- exams ---------------------------------------------------------------------------------------


def sitting(lrn, kind=ExamKind.PREAPPOINTMENT, count=5):
    sitting = exams.sitting_create(
        actor=lrn.justice,
        organization=lrn.tree.justice,
        kind=kind,
        title=f"{kind}考试",
        held_on=dt.date(2022, 4, 12),
        duration_minutes=30,
        question_count=count,
        pass_mark=Decimal(60),
    )
    return exams.sitting_open(actor=lrn.justice, sitting=sitting)


def right_answers(paper) -> dict[str, list[str]]:
    return {str(i.question_id): i.question.answer for i in paper.items.select_related("question")}


def test_officer_takes_an_exam_under_the_server_timer(lrn):
    exam = sitting(lrn)
    paper = exams.paper_assign(
        actor=lrn.justice, sitting=exam, person_ref=lrn.officer.id_number, new_post="科长"
    )
    drawn = list(paper.items.order_by("position").values_list("question_id", flat=True))
    pool = list(exams.Question.objects.values_list("pk", flat=True))
    assert drawn == domain.draw(pool, seed=exam.seed, person_id=lrn.officer.pk, count=5)
    officer = lrn.users["enforcement_officer"]
    refused(
        "forbidden_role",
        lambda: exams.paper_start(actor=lrn.users["mediator"], paper=paper),
        paper,
    )
    paper = exams.paper_start(actor=officer, paper=paper)
    assert paper.deadline_at == paper.started_at + dt.timedelta(minutes=30)
    answers = right_answers(paper)
    answers[next(iter(answers))] = ["A"]  # one wrong
    paper = exams.paper_submit(actor=officer, paper=paper, answers=answers)
    assert (paper.status, paper.score, paper.passed) == (PaperStatus.GRADED, Decimal("80.0"), True)
    assert paper.items.filter(correct=True).count() == 4


def test_submission_after_the_timer_is_refused_and_the_paper_collected(lrn):
    exam = sitting(lrn)
    paper = exams.paper_assign(actor=lrn.justice, sitting=exam, person_ref=lrn.officer.id_number)
    officer = lrn.users["enforcement_officer"]
    paper = exams.paper_start(actor=officer, paper=paper)
    refused(
        "invalid_transition",
        lambda: exams.paper_expire(actor=lrn.justice, paper=paper),
        paper,
    )
    ExamPaper.objects.filter(pk=paper.pk).update(
        deadline_at=timezone.now() - dt.timedelta(minutes=1)
    )
    paper.refresh_from_db()
    refused(
        "time_up",
        lambda: exams.paper_submit(actor=officer, paper=paper, answers=right_answers(paper)),
        paper,
        field="deadline_at",
    )
    assert not paper.items.filter(correct__isnull=False).exists()
    paper = exams.paper_expire(actor=lrn.justice, paper=paper)
    assert (paper.status, paper.score, paper.passed) == (PaperStatus.GRADED, Decimal("0.0"), False)


def test_an_answer_to_a_question_not_in_the_paper_is_refused(lrn):
    exam = sitting(lrn, count=3)
    paper = exams.paper_assign(actor=lrn.justice, sitting=exam, person_ref=lrn.officer.id_number)
    officer = lrn.users["enforcement_officer"]
    paper = exams.paper_start(actor=officer, paper=paper)
    outside = exams.Question.objects.exclude(pk__in=paper.items.values("question_id")).first()
    answers = right_answers(paper) | {str(outside.pk): ["B"]}
    error = refused(
        "not_in_paper",
        lambda: exams.paper_submit(actor=officer, paper=paper, answers=answers),
        paper,
        field="answers",
    )
    assert str(outside.pk) in str(error.message)
    refused(
        "invalid",
        lambda: exams.paper_submit(
            actor=officer, paper=paper, answers={str(paper.items.first().question_id): ["Z"]}
        ),
        paper,
        field="answers",
    )


def test_retakes_follow_a_failed_paper_and_count_once(lrn):
    from fazhi.learning import indicators

    first = sitting(lrn)
    paper = exams.paper_assign(actor=lrn.justice, sitting=first, person_ref=lrn.officer.id_number)
    paper = exams.paper_start(actor=lrn.justice, paper=paper)  # a transcribed answer sheet
    paper = exams.paper_submit(actor=lrn.justice, paper=paper, answers={})
    assert paper.passed is False
    refused(
        "already_enrolled",
        lambda: exams.paper_assign(
            actor=lrn.justice, sitting=first, person_ref=lrn.officer.id_number
        ),
        first,
        field="person_ref",
    )
    second = exams.sitting_create(
        actor=lrn.justice,
        organization=lrn.tree.justice,
        kind=ExamKind.PREAPPOINTMENT,
        title="补考",
        held_on=dt.date(2022, 5, 12),
        duration_minutes=30,
        question_count=5,
        pass_mark=Decimal(60),
    )
    refused(
        "not_a_retake",
        lambda: exams.paper_assign(
            actor=lrn.justice, sitting=second, person_ref=lrn.other.id_number, retake_of=paper.pk
        ),
        second,
        field="retake_of",
    )
    retake = exams.paper_assign(
        actor=lrn.justice, sitting=second, person_ref=lrn.officer.id_number, retake_of=paper.pk
    )
    exams.sitting_open(actor=lrn.justice, sitting=second)
    retake = exams.paper_start(actor=lrn.justice, paper=retake)
    exams.paper_submit(actor=lrn.justice, paper=retake, answers=right_answers(retake))
    exams.sitting_close(actor=lrn.justice, sitting=second)
    assert indicators.preappointment_exams(2022, None) == 2
    assert indicators.preappointment_examinees(2022, None) == 1
    assert indicators.preappointment_pass_rate(2022, None).percent == Decimal("100.00")


def test_the_question_bank_refuses_bad_questions(lrn):
    for kwargs, field in [
        ({"kind": "single", "stem": "", "options": ["a", "b"], "answer": ["A"]}, "stem"),
        ({"kind": "single", "stem": "s", "options": ["a"], "answer": ["A"]}, "options"),
        ({"kind": "single", "stem": "s", "options": ["a", "b"], "answer": ["C"]}, "answer"),
        ({"kind": "multiple", "stem": "s", "options": ["a", "b"], "answer": ["A"]}, "answer"),
        (
            {"kind": "true_false", "stem": "s", "options": [], "answer": ["A"], "article": 999999},
            "article",
        ),
    ]:
        refused(
            "invalid" if field not in ("stem", "options") else "required",
            lambda kwargs=kwargs: exams.question_create(
                actor=lrn.justice, organization=lrn.tree.justice, **kwargs
            ),
            field=field,
        )
    refused(
        "not_enough_questions",
        lambda: exams.sitting_create(
            actor=lrn.justice,
            organization=lrn.tree.justice,
            kind=ExamKind.ANNUAL,
            title="年度考试",
            held_on=dt.date(2022, 4, 12),
            duration_minutes=30,
            question_count=99,
            pass_mark=Decimal(60),
        ),
        field="question_count",
    )


# --- 述法 ----------------------------------------------------------------------------------------


def test_law_report_evaluation_and_rectification(lrn):
    report = reports.law_report_record(
        actor=lrn.justice,
        person_ref=lrn.leader.id_number,
        year=2022,
        form=ReportForm.MEETING,
        reported_on=dt.date(2023, 1, 10),
        summary="履行推进法治建设第一责任人职责情况",
        issues="公众参与不够充分",
    )
    refused(
        "already_reported",
        lambda: reports.law_report_record(
            actor=lrn.justice,
            person_ref=lrn.leader.id_number,
            year=2022,
            form=ReportForm.WRITTEN,
            reported_on=dt.date(2023, 1, 11),
            summary="again",
        ),
        report,
        field="person_ref",
    )
    refused(
        "not_a_leader",
        lambda: reports.law_report_record(
            actor=lrn.justice,
            person_ref=lrn.officer.id_number,
            year=2022,
            form=ReportForm.WRITTEN,
            reported_on=dt.date(2023, 1, 11),
            summary="x",
        ),
        field="person_ref",
    )
    assert [p.reported for p in selectors.roster(user=lrn.justice, year=2022)] == [True]
    assert not selectors.roster(user=lrn.justice, year=2023).filter(reported=True).exists()
    refused(
        "invalid",
        lambda: reports.report_evaluate(
            actor=lrn.justice,
            report=report,
            evaluation=Evaluation.GOOD,
            on=dt.date(2023, 1, 1),
        ),
        report,
        field="on",
    )
    report = reports.report_evaluate(
        actor=lrn.justice, report=report, evaluation=Evaluation.GOOD, on=dt.date(2023, 2, 1)
    )
    assert report.status == ReportStatus.RECTIFYING
    report = reports.report_rectify(
        actor=lrn.justice, report=report, rectification="已整改", on=dt.date(2023, 2, 20)
    )
    assert report.status == ReportStatus.CLOSED
    assert LawReport.history.filter(id=report.pk).count() == 3


def test_case_selection_scores_and_awards(lrn):
    selection = reports.selection_create(
        actor=lrn.justice, organization=lrn.tree.justice, year=2022, title="以案释法评选"
    )
    legal = lrn.users["department_legal_officer"]
    submission = reports.submission_create(
        actor=legal,
        selection=selection,
        organization=lrn.tree.market,
        title="某餐饮店首违不罚案",
        summary="释明首违不罚",
        submitted_on=dt.date(2022, 8, 1),
    )
    refused(
        "forbidden_role",
        lambda: reports.submission_score(
            actor=legal, submission=submission, judge="自评", score=Decimal(99)
        ),
        submission,
    )
    reports.submission_score(
        actor=lrn.justice, submission=submission, judge="评委甲", score=Decimal(90)
    )
    refused(
        "duplicate",
        lambda: reports.submission_score(
            actor=lrn.justice, submission=submission, judge="评委甲", score=Decimal(80)
        ),
        submission,
        field="judge",
    )
    other = reports.submission_create(
        actor=lrn.justice,
        selection=selection,
        organization=lrn.tree.justice,
        title="另一案",
        summary="要点",
        submitted_on=dt.date(2022, 8, 2),
    )
    reports.submission_score(actor=lrn.justice, submission=other, judge="评委甲", score=Decimal(70))
    submission = reports.submission_award(
        actor=lrn.justice, submission=submission, award=Award.FIRST
    )
    other = reports.submission_decline(actor=lrn.justice, submission=other)
    assert (submission.status, other.status) == (
        SubmissionStatus.AWARDED,
        SubmissionStatus.NOT_AWARDED,
    )
    reports.selection_close(actor=lrn.justice, selection=selection)
    refused(
        "invalid",
        lambda: reports.submission_create(
            actor=legal,
            selection=selection,
            organization=lrn.tree.market,
            title="迟到",
            summary="x",
            submitted_on=dt.date(2022, 9, 1),
        ),
        selection,
        field="selection",
    )


# --- publicity ---------------------------------------------------------------------------------


def test_programme_episodes_views_and_duties(lrn):
    from fazhi.learning import indicators

    programme = publicity.programme_create(
        actor=lrn.justice, organization=lrn.tree.justice, name="法治潮头"
    )
    episode = publicity.episode_create(
        actor=lrn.justice,
        programme=programme,
        number=1,
        title="第一期",
        aired_on=dt.date(2022, 7, 8),
    )
    refused(
        "duplicate",
        lambda: publicity.episode_create(
            actor=lrn.justice,
            programme=programme,
            number=1,
            title="重复",
            aired_on=dt.date(2022, 7, 9),
        ),
        programme,
        field="number",
    )
    refused(
        "invalid",
        lambda: publicity.episode_views_record(
            actor=lrn.justice, episode=episode, views=10, on=dt.date(2022, 7, 1)
        ),
        episode,
        field="on",
    )
    publicity.episode_views_record(
        actor=lrn.justice, episode=episode, views=152300, on=dt.date(2022, 12, 31)
    )
    assert indicators.program_episodes(2022, None) == 1
    assert indicators.program_views(2022, None) == 152300
    duty = publicity.duty_create(
        actor=lrn.users["department_legal_officer"],
        organization=lrn.tree.market,
        year=2022,
        law_title="中华人民共和国食品安全法",
        task="执法中释法说理",
        audience="经营者",
        method="现场释法",
        schedule="全年",
    )
    refused(
        "forbidden_role",
        lambda: publicity.duty_complete(
            actor=lrn.users["mediator"], duty=duty, on=dt.date(2022, 12, 1), outcome="x"
        ),
        duty,
    )
    publicity.duty_complete(
        actor=lrn.users["department_legal_officer"],
        duty=duty,
        on=dt.date(2022, 12, 1),
        outcome="完成",
    )
    assert selectors.duty_completion(user=lrn.justice, year=2022)[0]["done"] == 1
