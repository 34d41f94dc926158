"""Every write of the consultation component; other apps (normdocs, decisions) call these.

State machine of a consultation: ``open`` → ``closed`` (after the period has run) →
``summary_published`` (every accepted comment answered). Comments: ``pending`` → ``approved`` or
``spam`` (moderation), then one recorded response each.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.consultations import events
from fazhi.consultations.domain import new_receipt_code, split_paragraphs, text_diff
from fazhi.consultations.error_codes import ConsultationErrorCode as Code
from fazhi.consultations.models import (
    AdoptionSummary,
    Comment,
    CommentResponse,
    CommentStatus,
    Consultation,
    ConsultationStatus,
    ConsultationVersion,
    DayBasisChoice,
    ResponseOutcome,
)
from fazhi.consultations.procedures import COMMENT, CONSULTATION, STAFF_ROLES
from fazhi.core import dating
from fazhi.core.calendar import due_on
from fazhi.core.dating import act_date, period_start
from fazhi.core.errors import Conflict, ValidationFailed
from fazhi.core.models import Organization
from fazhi.core.scoping import require_change
from fazhi.core.services import event_record

__all__ = ["STAFF_ROLES"]


def comment_max_chars() -> int:
    return int(getattr(settings, "FAZHI_COMMENT_MAX_CHARS", 5000))


def _comment_rate_limit() -> tuple[int, int]:
    """(comments, seconds) one address may send; beyond it submissions are refused."""
    return (
        int(getattr(settings, "FAZHI_COMMENT_RATE_COUNT", 5)),
        int(getattr(settings, "FAZHI_COMMENT_RATE_SECONDS", 3600)),
    )


def _latest_version(consultation: Consultation) -> ConsultationVersion:
    """The current draft (a consultation is opened with its first version)."""
    version = consultation.versions.order_by("-number").first()
    assert version is not None  # consultation_open creates version 1
    return version


def earliest_end(*, starts_on: dt.date, minimum_days: int, day_basis: str) -> dt.date:
    """The first date the period may end on: the start day is not counted (spec §10)."""
    return due_on(start=starts_on, length=minimum_days, basis=day_basis)


def _paragraph_dicts(text: str) -> list[dict[str, str]]:
    return [{"anchor": p.anchor, "label": p.label, "text": p.text} for p in split_paragraphs(text)]


def _locked(consultation: Consultation) -> Consultation:
    return Consultation.objects.select_for_update().get(pk=consultation.pk)


@transaction.atomic
def consultation_open(
    *,
    subject: models.Model,
    organization: Organization,
    title: str,
    text: str,
    starts_on: dt.date,
    ends_on: dt.date,
    minimum_days: int,
    actor: User,
    day_basis: str = DayBasisChoice.CALENDAR,
    backdate_reason: str = "",
) -> Consultation:
    """Publish a draft for public comment on the portal for ``starts_on``–``ends_on``.

    ``minimum_days`` (and ``day_basis``) are the caller's statutory minimum: the period must
    reach at least that far, counted from the day after its start. A start before today is a
    paper record and needs ``backdate_reason``; while the period runs in the system its
    minimum counts from today, the day the draft is actually exposed (``dating``).
    """
    require_change(actor, organization, roles=STAFF_ROLES)
    title = (title or "").strip()
    if not title:
        raise ValidationFailed(Code.REQUIRED, _("请填写征求意见标题。"), field="title")
    if not (text or "").strip():
        raise ValidationFailed(Code.REQUIRED, _("征求意见稿正文不能为空。"), field="text")
    if day_basis not in DayBasisChoice.values:
        raise ValidationFailed(Code.INVALID_PERIOD, _("计日方式无效。"), field="day_basis")
    if ends_on is None or starts_on is None or ends_on <= starts_on:
        raise ValidationFailed(
            Code.INVALID_PERIOD, _("截止日期必须晚于开始日期。"), field="ends_on"
        )
    today = dating.today()
    opened = (
        act_date(starts_on, reason=backdate_reason, field="starts_on")
        if starts_on <= today
        else None  # announced in advance: the exposure starts on the day given
    )
    counted_from = period_start(start_on=starts_on, start_recorded_on=today, end_on=ends_on)
    earliest = earliest_end(starts_on=counted_from, minimum_days=minimum_days, day_basis=day_basis)
    if ends_on < earliest:
        raise ValidationFailed(
            Code.TOO_SHORT,
            _("征求意见期限不得少于%(days)s个%(basis)s，截止日期最早为%(earliest)s。")
            % {
                "days": minimum_days,
                "basis": DayBasisChoice(day_basis).label,
                "earliest": earliest.isoformat(),
            },
            field="ends_on",
        )
    content_type = ContentType.objects.get_for_model(subject)
    if Consultation.objects.filter(content_type=content_type, object_id=str(subject.pk)).exists():
        raise Conflict(Code.DUPLICATE, _("该事项已发起过公开征求意见。"), field="subject")
    consultation = Consultation.objects.create(
        content_type=content_type,
        object_id=str(subject.pk),
        organization=organization,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        minimum_days=minimum_days,
        day_basis=day_basis,
        opened_backdate_reason=opened.reason if opened else "",
    )
    ConsultationVersion.objects.create(
        consultation=consultation,
        number=1,
        text=text,
        paragraphs=_paragraph_dicts(text),
        created_at=timezone.now(),
        created_by=actor,
    )
    event_record(
        subject=consultation,
        event_type=events.CONSULTATION_OPENED,
        actor=actor,
        organization=organization,
        details={
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat(),
            "minimum_days": minimum_days,
            "day_basis": day_basis,
            **(opened.details() if opened else {}),
        },
    )
    return consultation


@transaction.atomic
def consultation_revise(
    *, consultation: Consultation, text: str, note: str = "", actor: User
) -> ConsultationVersion:
    """Publish a revised draft as a new version; earlier versions and their comments stay."""
    consultation = _locked(consultation)
    CONSULTATION.require(actor, consultation, "revise")
    if not (text or "").strip():
        raise ValidationFailed(Code.REQUIRED, _("征求意见稿正文不能为空。"), field="text")
    latest = _latest_version(consultation)
    if latest.text == text:
        raise ValidationFailed(Code.UNCHANGED, _("修改稿与现行版本相同。"), field="text")
    version = ConsultationVersion.objects.create(
        consultation=consultation,
        number=latest.number + 1,
        text=text,
        paragraphs=_paragraph_dicts(text),
        diff=text_diff(
            latest.text,
            text,
            old_label=_("第%(n)s版") % {"n": latest.number},
            new_label=_("第%(n)s版") % {"n": latest.number + 1},
        ),
        note=note.strip()[:500],
        created_at=timezone.now(),
        created_by=actor,
    )
    event_record(
        subject=consultation,
        event_type=events.CONSULTATION_REVISED,
        actor=actor,
        organization=consultation.organization,
        details={"version": version.number, "note": version.note},
    )
    return version


@transaction.atomic
def consultation_close(
    *,
    consultation: Consultation,
    actor: User,
    on: dt.date | None = None,
    backdate_reason: str = "",
) -> Consultation:
    """Close the period once it has run its course (never earlier: the minimum is statutory).

    The closing date is today; an earlier one (a paper record) needs ``backdate_reason``.
    """
    consultation = _locked(consultation)
    CONSULTATION.require(actor, consultation, "close")
    closed = act_date(on, reason=backdate_reason, field="on")
    on = closed.on
    if on <= consultation.ends_on:
        raise ValidationFailed(
            Code.PERIOD_NOT_ENDED,
            _("征求意见期至%(ends)s届满，届满前不能截止。")
            % {"ends": consultation.ends_on.isoformat()},
            field="on",
        )
    consultation.status = ConsultationStatus.CLOSED
    consultation.closed_on = on
    consultation.closed_backdate_reason = closed.reason
    consultation.save(update_fields=["status", "closed_on", "closed_backdate_reason"])
    event_record(
        subject=consultation,
        event_type=events.CONSULTATION_CLOSED,
        actor=actor,
        organization=consultation.organization,
        details={"closed_on": on.isoformat(), **closed.details()},
    )
    return consultation


def _ip_hash(ip_address: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), ip_address.encode(), hashlib.sha256).hexdigest()


def _rate_limit(ip_hash: str) -> None:
    """Count submissions per address in the shared cache (every web process sees it)."""
    limit, window = _comment_rate_limit()
    key = f"consultations:comments:{ip_hash}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    if count > limit:
        raise ValidationFailed(Code.RATE_LIMITED, _("提交过于频繁，请稍后再试。"), field="body")


@transaction.atomic
def comment_submit(
    *,
    consultation: Consultation,
    body: str,
    anchor: str = "",
    name: str = "",
    contact: str = "",
    ip_address: str | None = None,
    at: dt.datetime | None = None,
) -> Comment:
    """A member of the public comments on the current draft (optionally on one paragraph).

    ``ip_address`` is None for comments staff enter from letters or e-mail; ``at`` is the time
    of receipt (now for the portal). The comment waits for moderation before it counts.
    """
    consultation = _locked(consultation)
    at = at or timezone.now()
    today = timezone.localdate(at)
    if consultation.status != ConsultationStatus.OPEN or today > consultation.ends_on:
        raise Conflict(Code.PERIOD_ENDED, _("征求意见期已结束，不再接受意见。"), field="body")
    if today < consultation.starts_on:
        raise Conflict(Code.NOT_STARTED, _("征求意见尚未开始。"), field="body")
    body = (body or "").strip()
    if not body:
        raise ValidationFailed(Code.REQUIRED, _("请填写意见内容。"), field="body")
    if len(body) > comment_max_chars():
        raise ValidationFailed(
            Code.TOO_LONG,
            _("意见内容不得超过%(max)s字。") % {"max": comment_max_chars()},
            field="body",
        )
    version = _latest_version(consultation)
    paragraph = None
    if anchor:
        paragraph = version.paragraph(anchor)
        if paragraph is None:
            raise ValidationFailed(
                Code.UNKNOWN_ANCHOR, _("所选条款不在现行征求意见稿中。"), field="anchor"
            )
    ip_hash = _ip_hash(ip_address) if ip_address else ""
    if ip_hash:
        _rate_limit(ip_hash)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                comment = Comment.objects.create(
                    consultation=consultation,
                    version=version,
                    anchor=anchor,
                    anchor_label=paragraph["label"] if paragraph else "",
                    quoted_text=paragraph["text"] if paragraph else "",
                    body=body,
                    name=name.strip()[:50],
                    contact=contact.strip()[:100],
                    ip_hash=ip_hash,
                    receipt_code=new_receipt_code(),
                    submitted_at=at,
                )
            break
        except IntegrityError:  # a receipt code collision: draw again
            continue
    else:  # pragma: no cover - 31^10 codes make five collisions in a row practically impossible
        raise Conflict(Code.DUPLICATE, _("系统繁忙，请重试。"), field="body")
    event_record(
        subject=consultation,
        event_type=events.COMMENT_SUBMITTED,
        organization=consultation.organization,
        at=at,
        details={"comment": comment.pk, "anchor": anchor, "version": version.number},
    )
    return comment


@transaction.atomic
def comment_moderate(*, comment: Comment, approve: bool, actor: User) -> Comment:
    """Accept a pending comment, or reject it as spam (it then never counts or shows)."""
    comment = Comment.objects.select_for_update().select_related("consultation").get(pk=comment.pk)
    COMMENT.require(actor, comment, "approve" if approve else "mark_spam")
    comment.status = CommentStatus.APPROVED if approve else CommentStatus.SPAM
    comment.moderated_at = timezone.now()
    comment.moderated_by = actor
    comment.save(update_fields=["status", "moderated_at", "moderated_by"])
    event_record(
        subject=comment.consultation,
        event_type=events.COMMENT_MODERATED,
        actor=actor,
        organization=comment.consultation.organization,
        details={"comment": comment.pk, "status": comment.status},
    )
    return comment


@transaction.atomic
def comment_respond(
    *, comment: Comment, outcome: str, reason: str = "", actor: User
) -> CommentResponse:
    """Record how an accepted comment was handled; a reason is required unless adopted."""
    comment = Comment.objects.select_for_update().select_related("consultation").get(pk=comment.pk)
    COMMENT.require(actor, comment, "respond")
    if outcome not in ResponseOutcome.values:
        raise ValidationFailed(Code.INVALID_OUTCOME, _("采纳情况无效。"), field="outcome")
    reason = (reason or "").strip()
    if outcome != ResponseOutcome.ADOPTED and not reason:
        raise ValidationFailed(
            Code.REASON_REQUIRED, _("部分采纳或未采纳的，应当说明理由。"), field="reason"
        )
    response = CommentResponse.objects.create(
        comment=comment,
        outcome=outcome,
        reason=reason,
        responded_at=timezone.now(),
        responded_by=actor,
    )
    event_record(
        subject=comment.consultation,
        event_type=events.COMMENT_RESPONDED,
        actor=actor,
        organization=comment.consultation.organization,
        details={"comment": comment.pk, "outcome": outcome},
    )
    return response


@transaction.atomic
def adoption_summary_publish(
    *, consultation: Consultation, text: str, actor: User
) -> AdoptionSummary:
    """Publish the adoption summary: only after closing, with every comment moderated and
    every accepted comment answered."""
    consultation = _locked(consultation)
    CONSULTATION.require(actor, consultation, "publish_summary")
    if not (text or "").strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写采纳情况说明。"), field="text")
    if consultation.comments.filter(status=CommentStatus.PENDING).exists():
        raise Conflict(Code.NOT_MODERATED, _("尚有意见未审核。"), field="comments")
    if consultation.comments.filter(status=CommentStatus.APPROVED, response__isnull=True).exists():
        raise Conflict(Code.NOT_RESPONDED, _("尚有意见未答复。"), field="comments")
    summary = AdoptionSummary.objects.create(
        consultation=consultation,
        text=text.strip(),
        published_at=timezone.now(),
        published_by=actor,
    )
    consultation.status = ConsultationStatus.SUMMARY_PUBLISHED
    consultation.save(update_fields=["status"])
    event_record(
        subject=consultation,
        event_type=events.SUMMARY_PUBLISHED,
        actor=actor,
        organization=consultation.organization,
    )
    return summary
