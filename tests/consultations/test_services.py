"""Services of the consultation component: every transition and every refusal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fazhi.consultations import services
from fazhi.consultations.error_codes import ConsultationErrorCode as Code
from fazhi.consultations.models import (
    Comment,
    CommentStatus,
    Consultation,
    ConsultationStatus,
    ConsultationVersion,
)
from fazhi.consultations.selectors import consultation_for, consultation_stats
from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import ApplicationError
from fazhi.core.models import DomainEvent
from tests.consultations.conftest import DRAFT

pytestmark = pytest.mark.django_db


def _open(tree, users, **overrides):
    arguments = {
        "subject": tree.other_town,
        "organization": tree.market,
        "title": "测试征求意见",
        "text": DRAFT,
        "starts_on": dt.date(2022, 3, 1),
        "ends_on": dt.date(2022, 3, 31),
        "minimum_days": 30,
        "actor": users["drafter"],
        "backdate_reason": "按纸质征求意见记录补录",
    }
    arguments.update(overrides)
    return services.consultation_open(**arguments)


def _refused(code, call, *args, **kwargs):
    with pytest.raises(ApplicationError) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code
    return caught.value


def test_open_freezes_first_version_with_anchors(tree, users):
    consultation = _open(tree, users)
    version = consultation.versions.get()
    assert version.number == 1
    assert [p["anchor"] for p in version.paragraphs] == ["art-1", "art-2", "art-2-2"]
    assert consultation_for(tree.other_town) == consultation
    assert consultation.length_days == 30
    assert list(
        DomainEvent.objects.filter(object_id=str(consultation.pk)).values_list(
            "event_type", flat=True
        )
    ) == ["consultations.opened"]


def test_period_shorter_than_minimum_is_refused(tree, users):
    # 30 calendar days counted from the day after 1 March end on 31 March.
    error = _refused(Code.TOO_SHORT, _open, tree, users, ends_on=dt.date(2022, 3, 30))
    assert error.field == "ends_on"
    assert "2022-03-31" in str(error.message)
    assert not Consultation.objects.exists()


def test_working_day_minimum_skips_holidays(tree, users):
    # 7 working days from 29 September 2022: 30 Sep, then the make-up working weekend of 8–9
    # October after the National Day holiday, then 10–13 October.
    _refused(
        Code.TOO_SHORT,
        _open,
        tree,
        users,
        starts_on=dt.date(2022, 9, 29),
        ends_on=dt.date(2022, 10, 12),
        minimum_days=7,
        day_basis="working",
    )
    consultation = _open(
        tree,
        users,
        starts_on=dt.date(2022, 9, 29),
        ends_on=dt.date(2022, 10, 13),
        minimum_days=7,
        day_basis="working",
    )
    assert consultation.day_basis == "working"


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"title": " "}, Code.REQUIRED, "title"),
        ({"text": ""}, Code.REQUIRED, "text"),
        ({"ends_on": dt.date(2022, 3, 1)}, Code.INVALID_PERIOD, "ends_on"),
        ({"day_basis": "lunar"}, Code.INVALID_PERIOD, "day_basis"),
    ],
)
def test_open_bad_input(tree, users, overrides, code, field):
    error = _refused(code, _open, tree, users, **overrides)
    assert error.field == field
    assert not Consultation.objects.exists()


def test_open_twice_and_wrong_users_refused(tree, users):
    _open(tree, users)
    _refused(Code.DUPLICATE, _open, tree, users)
    _refused(
        CoreErrorCode.FORBIDDEN_ROLE, _open, tree, users, subject=tree.town, actor=users["public"]
    )
    # A drafter of the market bureau cannot open a consultation for another unit.
    _refused(
        CoreErrorCode.OUT_OF_SCOPE,
        _open,
        tree,
        users,
        subject=tree.town,
        organization=tree.enforcement,
    )
    assert Consultation.objects.count() == 1


def test_revise_creates_version_with_diff_and_comments_keep_place(consultation, users):
    first = services.comment_submit(
        consultation=consultation, body="建议明确适用范围", anchor="art-2"
    )
    revised = DRAFT.replace("本市行政区域", "海宁市行政区域")
    version = services.consultation_revise(
        consultation=consultation, text=revised, note="明确地域", actor=users["drafter"]
    )
    assert version.number == 2
    assert "-第二条 本办法适用于本市行政区域。" in version.diff
    assert "+第二条 本办法适用于海宁市行政区域。" in version.diff
    first.refresh_from_db()
    assert first.version.number == 1
    assert first.quoted_text == "第二条 本办法适用于本市行政区域。"
    second = services.comment_submit(consultation=consultation, body="赞成", anchor="art-2")
    assert second.version == version
    _refused(
        Code.UNCHANGED,
        services.consultation_revise,
        consultation=consultation,
        text=revised,
        actor=users["drafter"],
    )
    assert ConsultationVersion.objects.filter(consultation=consultation).count() == 2


def test_comment_refusals_change_nothing(consultation, settings):
    settings.FAZHI_COMMENT_MAX_CHARS = 20
    _refused(Code.REQUIRED, services.comment_submit, consultation=consultation, body="  ")
    _refused(Code.TOO_LONG, services.comment_submit, consultation=consultation, body="长" * 21)
    _refused(
        Code.UNKNOWN_ANCHOR,
        services.comment_submit,
        consultation=consultation,
        body="意见",
        anchor="art-99",
    )
    _refused(
        Code.NOT_STARTED,
        services.comment_submit,
        consultation=consultation,
        body="意见",
        at=timezone.now() - dt.timedelta(days=5),
    )
    assert not Comment.objects.exists()


def test_comment_after_period_closed_is_refused(consultation, users, today, clock):
    _refused(
        Code.PERIOD_ENDED,
        services.comment_submit,
        consultation=consultation,
        body="迟到的意见",
        at=timezone.now() + dt.timedelta(days=41),
    )
    clock(today + dt.timedelta(days=41))
    services.consultation_close(consultation=consultation, actor=users["drafter"])
    _refused(Code.PERIOD_ENDED, services.comment_submit, consultation=consultation, body="意见")
    assert not Comment.objects.exists()


def test_rate_limit_per_address(consultation, settings):
    settings.FAZHI_COMMENT_RATE_COUNT = 2
    for _ in range(2):
        services.comment_submit(consultation=consultation, body="意见", ip_address="10.0.0.1")
    _refused(
        Code.RATE_LIMITED,
        services.comment_submit,
        consultation=consultation,
        body="意见",
        ip_address="10.0.0.1",
    )
    services.comment_submit(consultation=consultation, body="意见", ip_address="10.0.0.2")
    assert Comment.objects.count() == 3
    # The address itself is never stored.
    assert not Comment.objects.filter(ip_hash__contains="10.0.0").exists()


def test_close_only_after_period(consultation, users, today, clock):
    clock(today + dt.timedelta(days=40))
    _refused(
        Code.PERIOD_NOT_ENDED,
        services.consultation_close,
        consultation=consultation,
        actor=users["drafter"],
    )
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.OPEN


def test_full_cycle_moderation_responses_summary(consultation, users, today, clock):
    drafter = users["drafter"]
    adopted = services.comment_submit(
        consultation=consultation,
        body="建议增加投诉渠道",
        anchor="art-1",
        name="王某",
        contact="138",
    )
    rejected = services.comment_submit(
        consultation=consultation, body="建议删去第二款", anchor="art-2-2"
    )
    spam = services.comment_submit(consultation=consultation, body="广告 http://x")
    services.comment_moderate(comment=adopted, approve=True, actor=drafter)
    services.comment_moderate(comment=rejected, approve=True, actor=drafter)
    services.comment_moderate(comment=spam, approve=False, actor=drafter)
    _refused(
        Code.INVALID_TRANSITION,
        services.comment_moderate,
        comment=spam,
        approve=True,
        actor=drafter,
    )
    _refused(
        Code.INVALID_TRANSITION,
        services.comment_respond,
        comment=spam,
        outcome="adopted",
        actor=drafter,
    )
    services.comment_respond(comment=adopted, outcome="adopted", actor=drafter)
    _refused(
        Code.REASON_REQUIRED,
        services.comment_respond,
        comment=rejected,
        outcome="not_adopted",
        actor=drafter,
    )
    _refused(
        Code.INVALID_OUTCOME,
        services.comment_respond,
        comment=rejected,
        outcome="maybe",
        reason="x",
        actor=drafter,
    )
    _refused(
        Code.INVALID_TRANSITION,
        services.adoption_summary_publish,
        consultation=consultation,
        text="说明",
        actor=drafter,
    )
    clock(today + dt.timedelta(days=41))
    services.consultation_close(consultation=consultation, actor=drafter)
    _refused(
        Code.NOT_RESPONDED,
        services.adoption_summary_publish,
        consultation=consultation,
        text="说明",
        actor=drafter,
    )
    services.comment_respond(
        comment=rejected, outcome="not_adopted", reason="该款系上位法规定", actor=drafter
    )
    services.adoption_summary_publish(
        consultation=consultation, text="共收到意见2条，采纳1条。", actor=drafter
    )
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.SUMMARY_PUBLISHED
    stats = consultation_stats(consultation)
    assert (stats.comments_received, stats.adopted, stats.not_adopted) == (2, 1, 1)
    assert str(stats.adoption_rate.percent) == "50.00"
    assert list(
        DomainEvent.objects.filter(object_id=str(consultation.pk)).values_list(
            "event_type", flat=True
        )
    ) == [
        "consultations.opened",
        "consultations.comment_submitted",
        "consultations.comment_submitted",
        "consultations.comment_submitted",
        "consultations.comment_moderated",
        "consultations.comment_moderated",
        "consultations.comment_moderated",
        "consultations.comment_responded",
        "consultations.closed",
        "consultations.comment_responded",
        "consultations.summary_published",
    ]
    _refused(
        Code.INVALID_TRANSITION,
        services.comment_respond,
        comment=adopted,
        outcome="partly",
        reason="x",
        actor=drafter,
    )


def test_summary_needs_every_comment_moderated(consultation, users, today, clock):
    services.comment_submit(consultation=consultation, body="意见")
    clock(today + dt.timedelta(days=41))
    services.consultation_close(consultation=consultation, actor=users["drafter"])
    _refused(
        Code.NOT_MODERATED,
        services.adoption_summary_publish,
        consultation=consultation,
        text="说明",
        actor=users["drafter"],
    )
    assert Comment.objects.get().status == CommentStatus.PENDING


def test_other_unit_cannot_moderate_or_respond(consultation, users):
    comment = services.comment_submit(consultation=consultation, body="意见")
    _refused(
        CoreErrorCode.FORBIDDEN_ROLE,
        services.comment_moderate,
        comment=comment,
        approve=True,
        actor=users["enforcement_officer"],
    )
    _refused(
        CoreErrorCode.FORBIDDEN_ROLE,
        services.comment_moderate,
        comment=comment,
        approve=True,
        actor=users["leader"],
    )
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING
