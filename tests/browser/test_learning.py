"""An officer takes a law exam under the server-side timer and sees the result; the organiser
records a session's attendance by importing the sign-in sheet."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core.models import Role
from fazhi.learning.models import Attendance, ExamPaper, QuestionKind, SessionKind
from fazhi.learning.services import exams, training
from tests.browser.conftest import OUTPUT, screenshot
from tests.factories import CertifiedOfficerFactory, user_with_role
from tests.learning.test_services import sheet

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, username: str) -> None:
    page.goto(page.base_url + "/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("correct-horse-42")
    page.get_by_role("button", name="登录").click()


def test_officer_takes_an_exam_under_the_timer_and_sees_the_result(page, tree):
    justice = user_with_role(Role.JUSTICE_LEGAL_OFFICER, tree.justice, username="justice")
    officer = user_with_role(Role.ENFORCEMENT_OFFICER, tree.town, username="officer")
    CertifiedOfficerFactory(organization=tree.town, name="执法员甲", user=officer)
    for number in range(4):
        exams.question_create(
            actor=justice,
            organization=tree.justice,
            kind=QuestionKind.SINGLE,
            stem=f"第{number + 1}题：除法律另有规定外，执法人员不得少于几人？",
            options=["一人", "两人", "三人"],
            answer=["B"],
        )
    sitting = exams.sitting_create(
        actor=justice,
        organization=tree.justice,
        kind="annual",
        title="年度学法考试",
        held_on=dt.date(2022, 6, 1),
        duration_minutes=5,
        question_count=4,
        pass_mark=Decimal(60),
    )
    exams.sitting_open(actor=justice, sitting=sitting)
    person = officer.person
    exams.paper_assign(actor=justice, sitting=sitting, person_ref=person.id_number)

    _login(page, "officer")
    page.goto(page.base_url + "/learning/papers/")
    page.get_by_role("link", name="执法员甲").click()
    assert page.locator("[data-testid=status]").inner_text() == "待答题"
    page.locator("details[data-action=start] summary").click()
    page.locator("details[data-action=start] button[type=submit]").click()
    page.wait_for_selector("[data-testid=remaining]")
    remaining = int(page.locator("[data-testid=remaining]").inner_text())
    assert 0 < remaining <= 300
    page.wait_for_timeout(1500)
    assert int(page.locator("[data-testid=remaining]").inner_text()) < remaining  # counting down
    for position in range(1, 5):
        page.locator(f"[data-testid=question-{position}] input[value=B]").check()
    screenshot(page, "learning-exam-answering")
    page.get_by_role("button", name="交卷").click()
    page.wait_for_selector("[data-testid=score]")
    assert page.locator("[data-testid=status]").inner_text() == "已评分"
    assert page.locator("[data-testid=score]").inner_text() == "100.0"
    assert page.locator("[data-testid=result]").inner_text() == "合格"
    screenshot(page, "learning-exam-result")
    paper = ExamPaper.objects.get()
    assert paper.submitted_at <= paper.deadline_at


def test_organiser_records_attendance_by_importing_the_sign_in_sheet(page, tree):
    justice = user_with_role(Role.JUSTICE_LEGAL_OFFICER, tree.justice, username="justice")
    first = CertifiedOfficerFactory(organization=tree.town, name="执法员甲")
    second = CertifiedOfficerFactory(organization=tree.market, name="执法员乙")
    session = training.session_create(
        actor=justice,
        organization=tree.justice,
        kind=SessionKind.OFFICER_OFFLINE,
        title="行政执法人员学法培训（第1期）",
        held_on=dt.date(2022, 3, 1),
        hours=Decimal(6),
    )
    OUTPUT.mkdir(exist_ok=True)
    upload = OUTPUT / "attendance.xlsx"
    upload.write_bytes(
        sheet(
            [
                ("执法员甲", first.enforcement_certificate_number, 6),
                ("执法员乙", second.id_number, 4),
            ]
        )
    )

    _login(page, "justice")
    page.goto(page.base_url + "/learning/sessions/")
    page.get_by_role("link", name="行政执法人员学法培训（第1期）").click()
    assert page.locator("[data-testid=attendees]").inner_text() == "0"
    page.locator("details[data-action=import_attendance] summary").click()
    page.locator("[name=import_attendance-file]").set_input_files(str(upload))
    page.locator("details[data-action=import_attendance] button[type=submit]").click()
    page.wait_for_selector("ul.messages")
    assert page.locator("[data-testid=attendees]").inner_text() == "2"
    assert page.get_by_role("cell", name="执法员乙").is_visible()
    screenshot(page, "learning-attendance-imported")
    assert sorted(Attendance.objects.filter(session=session).values_list("hours", flat=True)) == [
        Decimal("4.0"),
        Decimal("6.0"),
    ]
