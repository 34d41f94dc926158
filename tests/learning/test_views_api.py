"""Pages and API of learning: every ledger renders and exports, records are scoped, the API
takes the same steps (exam under the timer, attendance import) and lists in bounded queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.models import Role
from fazhi.learning.models import Attendance, ExamKind, PaperStatus, ReportForm
from fazhi.learning.services import exams, publicity, reports, training
from tests.factories import user_with_role
from tests.learning.conftest import held_session
from tests.learning.test_services import right_answers, sheet

pytestmark = pytest.mark.django_db

LEDGERS = [
    "/learning/sessions/",
    "/learning/hours/?year=2022",
    "/learning/questions/",
    "/learning/sittings/",
    "/learning/papers/",
    "/learning/reports/",
    "/learning/reports/roster/?year=2022",
    "/learning/selections/",
    "/learning/episodes/",
    "/learning/duties/?year=2022",
]


def _records(lrn):
    session = held_session(lrn)
    training.attendance_record(actor=lrn.justice, session=session, people=[lrn.officer])
    sitting = exams.sitting_create(
        actor=lrn.justice,
        organization=lrn.tree.justice,
        kind=ExamKind.PREAPPOINTMENT,
        title="任前考试",
        held_on=dt.date(2022, 4, 12),
        duration_minutes=30,
        question_count=3,
        pass_mark=Decimal(60),
    )
    exams.sitting_open(actor=lrn.justice, sitting=sitting)
    paper = exams.paper_assign(actor=lrn.justice, sitting=sitting, person_ref=lrn.officer.id_number)
    report = reports.law_report_record(
        actor=lrn.justice,
        person_ref=lrn.leader.id_number,
        year=2022,
        form=ReportForm.WRITTEN,
        reported_on=dt.date(2023, 1, 5),
        summary="述法",
    )
    selection = reports.selection_create(
        actor=lrn.justice, organization=lrn.tree.justice, year=2022, title="评选"
    )
    programme = publicity.programme_create(
        actor=lrn.justice, organization=lrn.tree.justice, name="法治潮头"
    )
    episode = publicity.episode_create(
        actor=lrn.justice, programme=programme, number=1, title="一期", aired_on=dt.date(2022, 7, 1)
    )
    duty = publicity.duty_create(
        actor=lrn.justice,
        organization=lrn.tree.justice,
        year=2022,
        law_title="行政处罚法",
        task="释法",
        audience="公众",
        method="宣讲",
        schedule="全年",
    )
    return session, sitting, paper, report, selection, episode, duty


def test_every_page_renders_and_exports_for_the_organiser(client, lrn):
    session, sitting, paper, report, selection, episode, duty = _records(lrn)
    client.force_login(lrn.justice)
    for url in LEDGERS:
        assert client.get(url).status_code == 200, url
        export = client.get(url + ("&" if "?" in url else "?") + "export=xlsx")
        assert export["Content-Type"].startswith("application/vnd.openxmlformats"), url
    for url in [
        f"/learning/sessions/{session.pk}/",
        f"/learning/sessions/{session.pk}/?export=xlsx",
        f"/learning/sessions/{session.pk}/?template=xlsx",
        f"/learning/sittings/{sitting.pk}/",
        f"/learning/papers/{paper.pk}/",
        f"/learning/reports/{report.pk}/",
        f"/learning/selections/{selection.pk}/",
        f"/learning/selections/{selection.pk}/?export=xlsx",
        f"/learning/episodes/{episode.pk}/",
        f"/learning/duties/{duty.pk}/",
        "/learning/sessions/new/",
        "/learning/questions/new/",
        "/learning/sittings/new/",
        "/learning/reports/new/",
        "/learning/selections/new/",
        "/learning/submissions/new/",
        "/learning/programmes/new/",
        "/learning/episodes/new/",
        "/learning/duties/new/",
        "/learning/requirements/new/",
        f"/history/learning.trainingsession/{session.pk}/",
    ]:
        assert client.get(url).status_code == 200, url
    body = client.get(f"/learning/sessions/{session.pk}/").content.decode()
    assert "执法员甲" in body and "登记签到" in body


def test_pages_are_scoped_and_refuse_the_public(client, lrn):
    session, *_ = _records(lrn)
    client.force_login(lrn.users["mediator"])  # another unit
    assert client.get(f"/learning/sessions/{session.pk}/").status_code == 404
    assert "行政执法人员学法培训" not in client.get("/learning/sessions/").content.decode()
    client.force_login(lrn.users["public"])
    assert client.get("/learning/sessions/").status_code == 403


def test_create_page_names_the_bad_field(client, lrn):
    client.force_login(lrn.justice)
    response = client.post(
        "/learning/sessions/new/",
        {
            "organization": lrn.tree.justice.pk,
            "kind": "officer_offline",
            "title": " ",
            "held_on": "2022-03-01",
            "hours": "6",
        },
    )
    assert response.status_code == 400
    assert "请填写培训名称" in response.content.decode() or "必填" in response.content.decode()


def test_attendance_import_page_and_api_refuse_a_bad_row_and_accept_a_good_sheet(client, lrn):
    session = held_session(lrn)
    client.force_login(lrn.justice)
    url = f"/do/learning.session/{session.pk}/import_attendance/"
    bad = SimpleUploadedFile("a.xlsx", sheet([("执法员甲", lrn.officer.id_number), ("某", "NO")]))
    response = client.post(url, {"import_attendance-file": bad})
    assert response.status_code == 400
    assert "第3行" in response.content.decode()
    assert not Attendance.objects.exists()
    api = f"/api/learning/sessions/{session.pk}/import-attendance/"
    bad = SimpleUploadedFile("a.xlsx", sheet([("执法员甲", lrn.officer.id_number), ("某", "NO")]))
    response = client.post(api, {"file": bad})
    assert response.status_code == 400
    assert response.json()["rows"] == [
        {"row": 3, "field": "person_ref", "detail": "未找到证件号为 NO 的在职人员。"}
    ]
    good = SimpleUploadedFile("a.xlsx", sheet([("执法员甲", lrn.officer.id_number)]))
    assert client.post(api, {"file": good}).status_code == 200
    assert Attendance.objects.get().via == "import"


def test_the_api_creates_and_steps_through_an_exam(client, lrn):
    client.force_login(lrn.justice)
    response = client.post(
        "/api/learning/sittings/",
        {
            "organization": lrn.tree.justice.pk,
            "kind": "annual",
            "title": "年度学法考试",
            "held_on": "2022-06-01",
            "duration_minutes": 20,
            "question_count": 4,
            "pass_mark": "60",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    sitting = response.json()["id"]
    enrol = client.post(
        f"/api/learning/sittings/{sitting}/enrol/",
        {"person_ref": lrn.officer.enforcement_certificate_number},
        content_type="application/json",
    )
    assert enrol.status_code == 200
    assert client.post(f"/api/learning/sittings/{sitting}/open/").json()["status"] == "open"
    client.force_login(lrn.users["enforcement_officer"])
    mine = client.get("/api/learning/papers/").json()["results"]
    paper = mine[0]["id"]
    started = client.post(f"/api/learning/papers/{paper}/start/").json()
    assert started["status"] == PaperStatus.ANSWERING and started["seconds_left"] > 1000
    assert len(started["questions"]) == 4 and "answer" not in started["questions"][0]
    wrong = client.post(
        f"/api/learning/papers/{paper}/submit/",
        {"answers": {"999999": ["A"]}},
        content_type="application/json",
    )
    assert (wrong.status_code, wrong.json()["field"]) == (400, "answers")
    from fazhi.learning.models import ExamPaper

    answers = right_answers(ExamPaper.objects.get(pk=paper))
    done = client.post(
        f"/api/learning/papers/{paper}/submit/",
        {"answers": answers},
        content_type="application/json",
    ).json()
    assert (done["status"], done["score"], done["passed"]) == ("graded", "100.0", True)
    assert client.get(f"/learning/papers/{paper}/certificate/").status_code == 200
    colleague = user_with_role(Role.ENFORCEMENT_OFFICER, lrn.tree.town, username="colleague")
    client.force_login(colleague)  # same unit, not the candidate: results are personal
    assert client.get(f"/learning/papers/{paper}/").status_code == 404
    assert client.get("/api/learning/papers/").json()["count"] == 0


@pytest.mark.parametrize("rows", [1, 20])
def test_list_endpoints_have_bounded_queries(client, lrn, rows, django_assert_max_num_queries):
    for number in range(rows):
        session = held_session(lrn, held_on=dt.date(2022, 1, 1) + dt.timedelta(days=number))
        training.attendance_record(actor=lrn.justice, session=session, people=[lrn.officer])
    client.force_login(lrn.justice)
    for url in ["/api/learning/sessions/", "/api/learning/attendance/", "/api/learning/papers/"]:
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200
