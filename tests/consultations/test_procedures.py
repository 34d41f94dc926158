"""Consultations on declared procedures: the REST API (every step), back-dated acts (issue 16)
and list endpoints' query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from fazhi.consultations import services
from fazhi.consultations.models import Comment, Consultation, ConsultationStatus
from fazhi.core.errors import ApplicationError
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

API = "/api/consultations/"


def _open(tree, users, **overrides):
    arguments = {
        "subject": tree.other_town,
        "organization": tree.market,
        "title": "测试征求意见",
        "text": "第一条 甲。\n第二条 乙。",
        "minimum_days": 30,
        "actor": users["drafter"],
    }
    arguments.update(overrides)
    return services.consultation_open(**arguments)


def _code(call, **kwargs) -> str:
    with pytest.raises(ApplicationError) as caught:
        call(**kwargs)
    return caught.value.code


# --- back-dating never shortens public exposure ------------------------------------------------


def test_a_live_consultation_dated_last_month_still_runs_its_minimum_from_today(
    tree, users, today, clock
):
    month_ago = today - dt.timedelta(days=31)
    # Without a reason an earlier start is refused.
    code = _code(_open, tree=tree, users=users, starts_on=month_ago, ends_on=today)
    assert code == "backdate_reason_required"
    # With a reason, the exposure in the system still starts today: ending it now is too short.
    code = _code(
        _open,
        tree=tree,
        users=users,
        starts_on=month_ago,
        ends_on=today,
        backdate_reason="已在报纸上刊登",
    )
    assert code == "period_too_short"
    assert not Consultation.objects.exists()
    consultation = _open(
        tree=tree,
        users=users,
        starts_on=month_ago,
        ends_on=today + dt.timedelta(days=30),
        backdate_reason="已在报纸上刊登",
    )
    assert consultation.opened_backdate_reason == "已在报纸上刊登"
    # Closing cannot come before the end, and cannot be dated back to before it either.
    code = _code(services.consultation_close, consultation=consultation, actor=users["drafter"])
    assert code == "comment_period_not_ended"
    clock(today + dt.timedelta(days=31))
    services.consultation_close(consultation=consultation, actor=users["drafter"])
    consultation.refresh_from_db()
    assert consultation.closed_on == today + dt.timedelta(days=31)
    assert consultation.closed_backdate_reason == ""


def test_a_whole_paper_consultation_is_recorded_with_reasons_and_marked(tree, users):
    consultation = _open(
        tree=tree,
        users=users,
        starts_on=dt.date(2022, 3, 1),
        ends_on=dt.date(2022, 3, 31),
        backdate_reason="按2022年纸质台账补录",
    )
    code = _code(
        services.consultation_close,
        consultation=consultation,
        actor=users["drafter"],
        on=dt.date(2022, 4, 1),
    )
    assert code == "backdate_reason_required"
    services.consultation_close(
        consultation=consultation,
        actor=users["drafter"],
        on=dt.date(2022, 4, 1),
        backdate_reason="按2022年纸质台账补录",
    )
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.CLOSED
    assert consultation.closed_backdate_reason == "按2022年纸质台账补录"
    from fazhi.core.selectors import domain_events_for

    closed = [e for e in domain_events_for(consultation) if e.event_type.endswith("closed")]
    assert closed[0].details["backdated"] is True


def test_closing_date_in_the_future_is_refused(consultation, users, today):
    code = _code(
        services.consultation_close,
        consultation=consultation,
        actor=users["drafter"],
        on=today + dt.timedelta(days=41),
    )
    assert code == "date_in_future"


# --- the API ------------------------------------------------------------------------------------


def test_every_step_through_the_api(consultation, users, today, clock):
    api = APIClient()
    comment = services.comment_submit(consultation=consultation, body="意见", contact="137")
    spam = services.comment_submit(consultation=consultation, body="广告")
    api.force_authenticate(users["enforcement_officer"])
    assert api.get(f"{API}consultations/").json()["results"] == []
    assert api.post(f"{API}comments/{comment.pk}/approve/").status_code == 404
    api.force_authenticate(users["drafter"])
    url = f"{API}consultations/{consultation.pk}/"
    response = api.post(f"{url}revise/", {"text": "第一条 修改。", "note": "改"}, format="json")
    assert response.status_code == 200, response.json()
    assert api.post(f"{API}comments/{comment.pk}/approve/").json()["status"] == "approved"
    assert api.post(f"{API}comments/{spam.pk}/mark-spam/").json()["status"] == "spam"
    response = api.post(
        f"{API}comments/{comment.pk}/respond/", {"outcome": "not_adopted"}, format="json"
    )
    assert (response.status_code, response.json()["field"]) == (400, "reason")
    response = api.post(
        f"{API}comments/{comment.pk}/respond/",
        {"outcome": "partly", "reason": "部分已有规定"},
        format="json",
    )
    assert response.json()["response_outcome"] == "partly"
    response = api.post(f"{url}close/", {}, format="json")
    assert (response.status_code, response.json()["code"]) == (400, "comment_period_not_ended")
    clock(today + dt.timedelta(days=41))
    assert api.post(f"{url}close/", {}, format="json").json()["status"] == "closed"
    response = api.post(f"{url}publish-summary/", {"text": "收到意见2条。"}, format="json")
    assert response.json()["status"] == "summary_published"
    response = api.post(f"{url}revise/", {"text": "再改"}, format="json")
    assert (response.status_code, response.json()["code"]) == (409, "consultation_not_open")


@pytest.mark.parametrize("endpoint", ["consultations", "comments"])
def test_list_endpoints_query_count_at_1_and_20_rows(tree, users, today, endpoint):
    api = APIClient()
    api.force_authenticate(users["justice_legal_officer"])
    api.get(f"{API}{endpoint}/")  # the caller's scope is loaded once, then cached
    counts = []
    for rows in (1, 20):
        if endpoint == "consultations":
            while Consultation.objects.count() < rows:
                subject = OrganizationFactory(code=f"S{Consultation.objects.count()}")
                _open(
                    tree=tree,
                    users=users,
                    subject=subject,
                    starts_on=today,
                    ends_on=today + dt.timedelta(days=40),
                )
        if endpoint == "comments":
            if not Consultation.objects.exists():
                _open(tree=tree, users=users, starts_on=today, ends_on=today + dt.timedelta(40))
            consultation = Consultation.objects.first()
            while Comment.objects.count() < rows:
                comment = services.comment_submit(consultation=consultation, body="意见")
                if Comment.objects.count() % 2:
                    services.comment_moderate(comment=comment, approve=True, actor=users["drafter"])
                    services.comment_respond(
                        comment=comment, outcome="adopted", actor=users["drafter"]
                    )
        with CaptureQueriesContext(connection) as queries:
            response = api.get(f"{API}{endpoint}/", {"page_size": 50})
        assert response.status_code == 200
        assert response.json()["count"] == rows
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
