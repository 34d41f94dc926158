"""Pages: the public portal (comment, status, summary; private fields never shown) and staff
pages (scoped, moderation, responses, export)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.consultations import services
from fazhi.consultations.models import Comment, CommentStatus

pytestmark = pytest.mark.django_db


def test_portal_list_shows_days_left(client, consultation):
    response = client.get(reverse("consultations-portal:list"))
    assert response.status_code == 200
    assert consultation.title in response.content.decode()
    assert response.context["page"][0].days_left == 40


def test_portal_comment_on_paragraph_and_status(client, consultation):
    response = client.post(
        reverse("consultations-portal:comment", args=[consultation.pk]),
        {"anchor": "art-2", "body": "建议写明海宁市", "name": "赵某", "contact": "13800000000"},
    )
    assert response.status_code == 200
    comment = Comment.objects.get()
    assert comment.anchor == "art-2"
    assert comment.status == CommentStatus.PENDING
    assert comment.receipt_code in response.content.decode()
    status = client.get(reverse("consultations-portal:status"), {"code": comment.receipt_code})
    page = status.content.decode()
    assert "待审核" in page
    assert "赵某" not in page
    assert "13800000000" not in page


def test_portal_refuses_oversized_and_honeypot(client, consultation, settings):
    settings.FAZHI_COMMENT_MAX_CHARS = 10
    url = reverse("consultations-portal:comment", args=[consultation.pk])
    response = client.post(url, {"body": "长" * 11})
    assert response.status_code == 400
    assert "不得超过10字" in response.content.decode()
    response = client.post(url, {"body": "短", "website": "http://spam"})
    assert response.status_code == 200
    assert not Comment.objects.exists()


def test_portal_rate_limit(client, consultation, settings):
    settings.FAZHI_COMMENT_RATE_COUNT = 1
    url = reverse("consultations-portal:comment", args=[consultation.pk])
    assert client.post(url, {"body": "一"}).status_code == 200
    response = client.post(url, {"body": "二"})
    assert response.status_code == 400
    assert "提交过于频繁" in response.content.decode()
    assert Comment.objects.count() == 1


def test_portal_never_shows_private_fields_or_pending(client, consultation, users):
    pending = services.comment_submit(
        consultation=consultation, body="待审意见", name="钱某", contact="qian@example.com"
    )
    approved = services.comment_submit(
        consultation=consultation, body="已受理意见", anchor="art-1", name="孙某", contact="139"
    )
    services.comment_moderate(comment=approved, approve=True, actor=users["drafter"])
    page = client.get(reverse("consultations-portal:detail", args=[consultation.pk])).content
    page = page.decode()
    assert "已受理意见" in page
    assert pending.body not in page
    for private in ("钱某", "qian@example.com", "孙某"):
        assert private not in page


def test_portal_summary_after_publication(client, consultation, users, today, clock):
    url = reverse("consultations-portal:summary", args=[consultation.pk])
    assert client.get(url).status_code == 302
    clock(today + dt.timedelta(days=41))
    services.consultation_close(consultation=consultation, actor=users["drafter"])
    services.adoption_summary_publish(
        consultation=consultation, text="未收到意见。", actor=users["drafter"]
    )
    response = client.get(url)
    assert response.status_code == 200
    assert "未收到意见。" in response.content.decode()


def test_staff_pages_are_scoped(client, consultation, users):
    detail = reverse("consultations:detail", args=[consultation.pk])
    assert client.get(detail).status_code == 302  # anonymous: to login
    client.force_login(users["public"])
    assert client.get(reverse("consultations:list")).status_code == 403
    client.force_login(users["enforcement_officer"])
    assert client.get(detail).status_code == 403
    client.force_login(users["drafter"])
    assert client.get(detail).status_code == 200
    response = client.get(reverse("consultations:list"), {"export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_staff_moderate_respond_and_export(client, consultation, users):
    comment = services.comment_submit(
        consultation=consultation, body="意见", name="周某", contact="137"
    )
    # The consultation's own unit handles its comments (its legal officer here).
    client.force_login(users["department_legal_officer"])
    queue = client.get(reverse("consultations:moderation")).content.decode()
    assert 'data-action="approve"' in queue
    client.post(_step(comment, "approve"))
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED
    response = client.post(_step(comment, "respond"), {"respond-outcome": "not_adopted"})
    assert response.status_code == 400
    assert "应当说明理由" in response.content.decode()
    assert not hasattr(Comment.objects.get(), "response")  # refused: reason required
    client.post(
        _step(comment, "respond"),
        {"respond-outcome": "partly", "respond-reason": "部分已有规定"},
    )
    assert Comment.objects.get().response.outcome == "partly"
    export = client.get(reverse("consultations:export", args=[consultation.pk]))
    assert export.status_code == 200
    assert len(export.content) > 100


def test_staff_out_of_scope_cannot_moderate(client, consultation, users):
    comment = services.comment_submit(consultation=consultation, body="意见")
    client.force_login(users["enforcement_officer"])
    response = client.post(_step(comment, "approve"))
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


def test_moderation_queue_query_count(client, consultation, users, django_assert_max_num_queries):
    for index in range(5):
        services.comment_submit(consultation=consultation, body=f"意见{index}")
    client.force_login(users["drafter"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("consultations:moderation"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 5


def test_portal_detail_query_count(client, consultation, users, django_assert_max_num_queries):
    for index in range(5):
        comment = services.comment_submit(consultation=consultation, body=f"意见{index}")
        services.comment_moderate(comment=comment, approve=True, actor=users["drafter"])
    with django_assert_max_num_queries(8):
        response = client.get(reverse("consultations-portal:detail", args=[consultation.pk]))
    assert response.status_code == 200
    assert "意见4" in response.content.decode()


def _step(comment, name: str) -> str:
    return reverse("core:transition", args=["consultations.comment", comment.pk, name])
