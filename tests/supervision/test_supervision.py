"""Supervision: supervisors and campaigns figures, case-file scoring, notices and their pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from fazhi.core.errors import ApplicationError, PermissionDenied
from fazhi.core.indicators import evaluate, get
from fazhi.core.selectors import domain_events_for
from fazhi.supervision import domain, services
from fazhi.supervision.models import CampaignKind, NoticeStatus, SupervisionNotice
from tests.enforcement.conftest import notified_case

pytestmark = pytest.mark.django_db


def appoint(users, tree, name: str, start: dt.date, end: dt.date):
    return services.supervisor_appoint(
        actor=users["supervisor"],
        organization=tree.city,
        name=name,
        work_unit="律师事务所律师",
        sector="律师",
        appointment_document="海政办发〔2021〕58号",
        term_start=start,
        term_end=end,
    )


def test_supervisor_and_campaign_figures(users, tree):
    appoint(users, tree, "王建国", dt.date(2021, 7, 1), dt.date(2024, 6, 30))
    appoint(users, tree, "李志明", dt.date(2021, 7, 1), dt.date(2024, 6, 30))
    appoint(users, tree, "张丽华", dt.date(2018, 7, 1), dt.date(2021, 6, 30))  # earlier term
    for month in (3, 9):
        services.campaign_create(
            actor=users["supervisor"],
            organization=tree.justice,
            title=f"专项检查{month}",
            kind=CampaignKind.SPECIAL_INSPECTION,
            started_on=dt.date(2022, month, 1),
        )
    services.campaign_create(
        actor=users["supervisor"],
        organization=tree.justice,
        title="上年评议",
        kind=CampaignKind.QUALITY_EVALUATION,
        started_on=dt.date(2021, 11, 1),
    )
    assert evaluate(get("supervision.special_supervisors"), 2022).value == 2
    assert evaluate(get("supervision.special_campaigns"), 2022).value == 2


def test_term_end_before_start_is_refused(users, tree):
    with pytest.raises(ApplicationError) as caught:
        appoint(users, tree, "王", dt.date(2022, 1, 1), dt.date(2021, 1, 1))
    assert caught.value.code == "invalid_date"
    assert caught.value.field == "term_end"


def test_only_supervisors_appoint(users, tree):
    with pytest.raises(PermissionDenied):
        services.supervisor_appoint(
            actor=users["enforcement_officer"],
            organization=tree.city,
            name="王",
            work_unit="单位",
            sector="律师",
            appointment_document="文件",
            term_start=dt.date(2022, 1, 1),
            term_end=dt.date(2024, 1, 1),
        )


@pytest.mark.parametrize(
    ("vetoes", "deductions", "points", "grade"),
    [
        ([], [], 100, "excellent"),
        ([], ["late_opening", "nonstandard_forms"], 90, "excellent"),
        ([], ["missing_service_receipt", "late_publicity"], 85, "pass"),
        (["hearing_denied"], [], 0, "fail"),
    ],
)
def test_scoring_sheet(vetoes, deductions, points, grade):
    assert domain.score(vetoes, deductions) == domain.Score(points, grade)


def test_case_file_evaluation_across_units_and_unknown_criterion(enf, tree, users):
    case = notified_case(enf, tree)
    campaign = services.campaign_create(
        actor=users["supervisor"],
        organization=tree.justice,
        title="案卷评查",
        kind=CampaignKind.CASE_FILE_EVALUATION,
        started_on=dt.date(2022, 3, 1),
    )
    with pytest.raises(ApplicationError) as caught:
        services.evaluation_record(
            actor=users["supervisor"],
            campaign=campaign,
            case_id=case.pk,
            veto_hits=[],
            deductions=["bad_handwriting"],
            on=dt.date(2022, 4, 1),
        )
    assert caught.value.code == "unknown_criterion"
    assert not campaign.evaluations.exists()
    evaluation = services.evaluation_record(
        actor=users["supervisor"],
        campaign=campaign,
        case_id=case.pk,
        veto_hits=[],
        deductions=["discretion_unexplained"],
        on=dt.date(2022, 4, 1),
    )
    assert (evaluation.score, evaluation.grade, evaluation.organization) == (
        90,
        "excellent",
        tree.town,
    )
    rate = evaluate(get("supervision.case_file_pass_rate"), 2022)
    assert (rate.numerator, rate.denominator) == (1, 1)


def test_notice_issue_respond_close(users, tree):
    supervisor = users["supervisor"]
    notice = services.notice_issue(
        actor=supervisor,
        issuer=tree.justice,
        organization=tree.town,
        problems="裁量理由说明不充分",
        issued_on=dt.date(2022, 6, 1),
        rectify_by=dt.date(2022, 7, 1),
    )
    assert notice.number == "海司执监〔2022〕1号"
    before = model_to_dict(SupervisionNotice.objects.get())
    with pytest.raises(ApplicationError) as caught:
        services.notice_close(
            actor=supervisor, notice=notice, on=dt.date(2022, 6, 5), opinion="办结"
        )
    assert caught.value.code == "invalid_transition"
    assert model_to_dict(SupervisionNotice.objects.get()) == before
    services.notice_respond(
        actor=users["enforcement_officer"],
        notice=notice,
        on=dt.date(2022, 6, 20),
        response="已整改",
    )
    notice = services.notice_close(
        actor=supervisor, notice=notice, on=dt.date(2022, 6, 25), opinion="整改到位"
    )
    assert notice.status == NoticeStatus.CLOSED
    assert list(domain_events_for(notice).values_list("event_type", flat=True)) == [
        "supervision.notice_issued",
        "supervision.notice_responded",
        "supervision.notice_closed",
    ]
    rate = evaluate(get("supervision.notice_rectification_rate"), 2022)
    assert (rate.numerator, rate.denominator) == (1, 1)


def test_rectification_deadline_must_follow_issue(users, tree):
    with pytest.raises(ApplicationError) as caught:
        services.notice_issue(
            actor=users["supervisor"],
            issuer=tree.justice,
            organization=tree.town,
            problems="问题",
            issued_on=dt.date(2022, 6, 1),
            rectify_by=dt.date(2022, 6, 1),
        )
    assert caught.value.field == "rectify_by"
    assert SupervisionNotice.objects.count() == 0


@pytest.fixture
def notice(users, tree):
    return services.notice_issue(
        actor=users["supervisor"],
        issuer=tree.justice,
        organization=tree.town,
        problems="问题",
        issued_on=dt.date(2022, 6, 1),
        rectify_by=dt.date(2022, 7, 1),
    )


@pytest.mark.parametrize(
    ("username", "status"),
    [("officer", 200), ("supervisor", 200), ("justice", 200), ("mediator", 200), ("citizen", 403)],
)
def test_notice_page_matrix(client, users, notice, username, status):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username=username))
    assert client.get(f"/supervision/notices/{notice.pk}/").status_code == status


def test_other_town_cannot_see_or_answer_the_notice(client, users, tree, notice):
    from tests.factories import user_with_role

    other = user_with_role("enforcement_officer", tree.other_town, username="huangwan")
    client.force_login(other)
    assert client.get(f"/supervision/notices/{notice.pk}/").status_code == 403
    response = client.post(
        reverse("core:transition", args=["supervision.notice", notice.pk, "respond"]),
        {"respond-on": "2022-06-10", "respond-response": "已整改"},
    )
    assert response.status_code == 403
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.ISSUED
    assert client.get("/supervision/notices/").content.decode().count(notice.number) == 0


def test_town_answers_by_page(client, users, notice):
    client.force_login(users["enforcement_officer"])
    response = client.post(
        reverse("core:transition", args=["supervision.notice", notice.pk, "respond"]),
        {"respond-on": "2022-06-10", "respond-response": "已整改"},
    )
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.RESPONDED


def test_dashboard_for_supervisors_only(client, users, notice):
    client.force_login(users["supervisor"])
    text = client.get("/supervision/").content.decode()
    assert notice.number in text
    client.force_login(users["enforcement_officer"])
    assert client.get("/supervision/").status_code == 403


def test_supervisor_issues_a_notice_by_page(client, users, tree):
    client.force_login(users["supervisor"])
    response = client.post(
        "/supervision/notices/new/",
        {
            "organization": tree.town.code,
            "problems": "未按期公示",
            "issued_on": "2022-06-01",
            "rectify_by": "2022-05-01",
        },
    )
    assert response.status_code == 400
    assert "整改期限须晚于发出日期" in response.content.decode()
    assert SupervisionNotice.objects.count() == 0
    response = client.post(
        "/supervision/notices/new/",
        {
            "organization": tree.town.code,
            "problems": "未按期公示",
            "issued_on": "2022-06-01",
            "rectify_by": "2022-07-01",
        },
    )
    assert response.status_code == 302
    assert SupervisionNotice.objects.get().issuer == tree.justice
    client.force_login(users["enforcement_officer"])
    assert client.get("/supervision/notices/new/").status_code == 403


def test_evaluation_recorded_on_the_campaign_page(client, enf, tree, users):
    case = notified_case(enf, tree)
    campaign = services.campaign_create(
        actor=users["supervisor"],
        organization=tree.justice,
        title="案卷评查",
        kind=CampaignKind.CASE_FILE_EVALUATION,
        started_on=dt.date(2022, 3, 1),
    )
    client.force_login(users["supervisor"])
    response = client.post(
        reverse("core:transition", args=["supervision.campaign", campaign.pk, "evaluate"]),
        {
            "evaluate-case_id": case.pk,
            "evaluate-deductions": ["late_opening"],
            "evaluate-on": "2022-04-01",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/supervision/campaigns/{campaign.pk}/").content.decode()
    assert "长安镇" in page
    assert campaign.evaluations.get().score == 95


def test_campaign_page_draws_a_reproducible_sample_of_decided_case_files(client, enf, tree, users):
    from fazhi.enforcement.models import PenaltyCase

    decided = []
    for day in (10, 11, 12):
        case = notified_case(enf, tree)
        PenaltyCase.objects.filter(pk=case.pk).update(decided_on=dt.date(2022, 3, day))
        decided.append(case.pk)
    notified_case(enf, tree)  # not decided: never drawn
    campaign = services.campaign_create(
        actor=users["supervisor"],
        organization=tree.justice,
        title="案卷评查",
        kind=CampaignKind.CASE_FILE_EVALUATION,
        started_on=dt.date(2022, 3, 1),
    )
    client.force_login(users["supervisor"])
    url = f"/supervision/campaigns/{campaign.pk}/"
    first = client.get(url, {"unit": "TOWN", "size": 2}).content.decode()
    table = first.split('data-testid="case-sample"', 1)[1].split("</table>", 1)[0]
    drawn = [pk for pk in decided if f"#{pk}<" in table]
    assert len(drawn) == 2
    again = client.get(url, {"unit": "TOWN", "size": 2}).content.decode()
    assert again.split('data-testid="case-sample"', 1)[1].split("</table>", 1)[0] == table
    everything = client.get(url, {"unit": "TOWN", "size": 10}).content.decode()
    assert all(f"#{pk}<" in everything for pk in decided)
    assert "单位不存在" in client.get(url, {"unit": "NOPE", "size": 2}).content.decode()
