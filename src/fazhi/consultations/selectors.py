"""Reads of the consultation component: scoped staff lists, the public views, and figures.

Other apps use ``consultation_for``, ``consultation_stats`` and ``consultation_figures`` (the
latter for their indicators: comments received, adoption rate, average length in days).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, QuerySet

from fazhi.consultations.domain import normalise_receipt_code
from fazhi.consultations.error_codes import ConsultationErrorCode as Code
from fazhi.consultations.models import (
    Comment,
    CommentStatus,
    Consultation,
    ConsultationStatus,
    ResponseOutcome,
)
from fazhi.core.domain.rates import Rate
from fazhi.core.errors import NotFound
from fazhi.core.models import Organization
from fazhi.core.scoping import require_read, scope_for


def consultation_for(subject: models.Model) -> Consultation | None:
    """The consultation held on ``subject`` (None if none was opened)."""
    return (
        Consultation.objects.filter(
            content_type=ContentType.objects.get_for_model(subject), object_id=str(subject.pk)
        )
        .select_related("organization")
        .first()
    )


def consultation_list(
    *, user, search: str = "", status: str = "", organization: Organization | None = None
) -> QuerySet[Consultation]:
    queryset = scope_for(user).filter(Consultation.objects.all())
    if search:
        queryset = queryset.filter(title__icontains=search)
    if status:
        queryset = queryset.filter(status=status)
    if organization is not None:
        queryset = queryset.filter(organization__path__startswith=organization.path)
    return queryset.select_related("organization").annotate(
        comment_count=Count("comments", filter=~Q(comments__status=CommentStatus.SPAM)),
        pending_count=Count("comments", filter=Q(comments__status=CommentStatus.PENDING)),
    )


def consultation_get(*, user, pk: int) -> Consultation:
    consultation = Consultation.objects.select_related("organization").filter(pk=pk).first()
    if consultation is None:
        raise NotFound(Code.NOT_FOUND, "征求意见不存在。", field="consultation")
    require_read(user, consultation.organization)
    return consultation


def comment_get(*, user, pk: int) -> Comment:
    comment = (
        Comment.objects.select_related("consultation__organization", "version")
        .filter(pk=pk)
        .first()
    )
    if comment is None:
        raise NotFound(Code.NOT_FOUND, "意见不存在。", field="comment")
    require_read(user, comment.consultation.organization)
    return comment


def comment_list_for(*, user, status: str = "") -> QuerySet[Comment]:
    """Comments on every consultation the user may see (staff view: contact details kept)."""
    queryset = scope_for(user).filter(Comment.objects.all(), "consultation__organization")
    if status:
        queryset = queryset.filter(status=status)
    return queryset.select_related("consultation__organization", "version", "response").order_by(
        "-id"
    )


def comment_list(*, consultation: Consultation, status: str = "") -> QuerySet[Comment]:
    queryset = consultation.comments.select_related("version", "response")
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def moderation_queue(*, user) -> QuerySet[Comment]:
    """Pending comments on every consultation the user may see."""
    return (
        scope_for(user)
        .filter(Comment.objects.filter(status=CommentStatus.PENDING), "consultation__organization")
        .select_related("consultation__organization", "version")
    )


# --- public (portal) reads ---------------------------------------------------------------------


def public_open_list(*, today: dt.date, search: str = "") -> QuerySet[Consultation]:
    """Consultations taking comments today, soonest deadline first."""
    queryset = Consultation.objects.filter(
        status=ConsultationStatus.OPEN, starts_on__lte=today, ends_on__gte=today
    )
    if search:
        queryset = queryset.filter(title__icontains=search)
    return queryset.select_related("organization").order_by("ends_on", "id")


def public_get(*, pk: int) -> Consultation:
    consultation = Consultation.objects.select_related("organization", "summary").filter(pk=pk)
    found = consultation.first()
    if found is None:
        raise NotFound(Code.NOT_FOUND, "征求意见不存在。", field="consultation")
    return found


def public_comments(*, consultation: Consultation) -> QuerySet[Comment]:
    """Accepted comments as the public sees them (never name or contact)."""
    return (
        consultation.comments.filter(status=CommentStatus.APPROVED)
        .select_related("response", "version")
        .only(
            "anchor",
            "anchor_label",
            "body",
            "submitted_at",
            "version__number",
            "response__outcome",
            "response__reason",
        )
    )


def comment_by_receipt(*, code: str) -> Comment:
    comment = (
        Comment.objects.select_related("consultation", "version", "response")
        .filter(receipt_code=normalise_receipt_code(code))
        .first()
    )
    if comment is None:
        raise NotFound(Code.NOT_FOUND, "未找到该查询码对应的意见。", field="code")
    return comment


# --- figures -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConsultationStats:
    comments_received: int
    comments_accepted: int
    comments_pending: int
    adopted: int
    partly: int
    not_adopted: int
    length_days: int

    @property
    def adoption_rate(self) -> Rate:
        """Adopted or partly adopted, over accepted comments answered."""
        return Rate(self.adopted + self.partly, self.adopted + self.partly + self.not_adopted)


def _counts(queryset: QuerySet[Comment]) -> dict[str, int]:
    return queryset.aggregate(
        received=Count("id", filter=~Q(status=CommentStatus.SPAM)),
        accepted=Count("id", filter=Q(status=CommentStatus.APPROVED)),
        pending=Count("id", filter=Q(status=CommentStatus.PENDING)),
        adopted=Count("id", filter=Q(response__outcome=ResponseOutcome.ADOPTED)),
        partly=Count("id", filter=Q(response__outcome=ResponseOutcome.PARTLY)),
        not_adopted=Count("id", filter=Q(response__outcome=ResponseOutcome.NOT_ADOPTED)),
    )


def consultation_stats(consultation: Consultation) -> ConsultationStats:
    counts = _counts(consultation.comments.all())
    return ConsultationStats(
        comments_received=counts["received"],
        comments_accepted=counts["accepted"],
        comments_pending=counts["pending"],
        adopted=counts["adopted"],
        partly=counts["partly"],
        not_adopted=counts["not_adopted"],
        length_days=consultation.length_days,
    )


@dataclass(frozen=True)
class ConsultationFigures:
    consultations: int
    comments_received: int
    adoption_rate: Rate
    average_length_days: float | None


def consultations_of(
    *, model: type[models.Model], year: int, scope: Organization | None
) -> QuerySet[Consultation]:
    """Consultations on subjects of ``model`` that started in ``year``, within ``scope``."""
    queryset = Consultation.objects.filter(
        content_type=ContentType.objects.get_for_model(model), starts_on__year=year
    )
    if scope is not None:
        queryset = queryset.filter(organization__path__startswith=scope.path)
    return queryset


def consultation_figures(consultations: QuerySet[Consultation]) -> ConsultationFigures:
    """Totals over a set of consultations, in SQL: for indicators and dashboards."""
    length = consultations.aggregate(
        count=Count("id"),
        average=Avg(ExpressionWrapper(F("ends_on") - F("starts_on"), output_field=DurationField())),
    )
    counts = _counts(Comment.objects.filter(consultation__in=consultations.values("pk")))
    average = length["average"]
    return ConsultationFigures(
        consultations=length["count"],
        comments_received=counts["received"],
        adoption_rate=Rate(
            counts["adopted"] + counts["partly"],
            counts["adopted"] + counts["partly"] + counts["not_adopted"],
        ),
        average_length_days=round(average.total_seconds() / 86400, 2) if average else None,
    )
