"""A public consultation on any subject (a normative document, a major decision, …).

The subject is reached through a generic foreign key so that every app uses one component; the
subject's organisation is copied onto the consultation for scoping. The text under comment is a
frozen ``ConsultationVersion``: revising the draft adds a version, never edits one, so each
comment keeps the exact text and paragraph it was written against.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from fazhi.core.models import Organization


class ConsultationStatus(models.TextChoices):
    OPEN = "open", _("征求意见中")
    CLOSED = "closed", _("已截止")
    SUMMARY_PUBLISHED = "summary_published", _("已公布采纳情况")


class DayBasisChoice(models.TextChoices):
    CALENDAR = "calendar", _("自然日")
    WORKING = "working", _("工作日")


class Consultation(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=40)
    subject = GenericForeignKey("content_type", "object_id")
    organization = models.ForeignKey(
        Organization, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("标题"), max_length=200)
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.OPEN,
    )
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("截止日期"))
    minimum_days = models.PositiveSmallIntegerField(_("法定最短期限（日）"))
    day_basis = models.CharField(
        _("计日方式"),
        max_length=10,
        choices=DayBasisChoice.choices,
        default=DayBasisChoice.CALENDAR,
    )
    closed_on = models.DateField(_("截止处理日期"), null=True, blank=True)
    # A date before the day it was entered (a paper record) carries its reason (issue 16).
    opened_backdate_reason = models.CharField(_("开始日期补录理由"), max_length=300, blank=True)
    closed_backdate_reason = models.CharField(_("截止日期补录理由"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("公开征求意见")
        verbose_name_plural = _("公开征求意见")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="consultation_one_per_subject"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="consultation_period_order"
            ),
        ]
        indexes = [models.Index(fields=["status", "ends_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def length_days(self) -> int:
        return (self.ends_on - self.starts_on).days


class ConsultationVersion(models.Model):
    """One frozen draft; ``diff`` is against the previous version (empty for the first)."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("版本"))
    text = models.TextField(_("征求意见稿"))
    paragraphs = models.JSONField(_("段落"), default=list)
    diff = models.TextField(_("与上一版差异"), blank=True)
    note = models.CharField(_("修改说明"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("发布时间"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("征求意见稿版本")
        verbose_name_plural = _("征求意见稿版本")
        ordering = ["consultation", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "number"], name="consultation_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.consultation} v{self.number}"

    def paragraph(self, anchor: str) -> dict | None:
        return next((p for p in self.paragraphs if p["anchor"] == anchor), None)


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已受理")
    SPAM = "spam", _("不予受理（垃圾信息）")


class Comment(models.Model):
    """One member of the public's comment. Name and contact are private: never shown or exported
    to the public, kept so that staff can reply."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="comments"
    )
    version = models.ForeignKey(
        ConsultationVersion, on_delete=models.PROTECT, related_name="comments"
    )
    anchor = models.CharField(_("条款位置"), max_length=40, blank=True)
    anchor_label = models.CharField(_("条款"), max_length=60, blank=True)
    quoted_text = models.TextField(_("所评原文"), blank=True)
    body = models.TextField(_("意见内容"))
    name = models.CharField(_("姓名"), max_length=50, blank=True)
    contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    # Only a keyed hash of the address is kept: enough to see repeat senders, not who they are.
    ip_hash = models.CharField(max_length=64, blank=True)
    receipt_code = models.CharField(_("查询码"), max_length=20, unique=True)
    status = models.CharField(
        _("审核状态"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    submitted_at = models.DateTimeField(_("提交时间"))
    moderated_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["name", "contact", "ip_hash"])

    class Meta:
        verbose_name = _("意见")
        verbose_name_plural = _("意见")
        ordering = ["submitted_at", "id"]
        indexes = [models.Index(fields=["consultation", "status"])]

    def __str__(self) -> str:
        return f"{self.consultation} · {self.receipt_code}"


class ResponseOutcome(models.TextChoices):
    ADOPTED = "adopted", _("采纳")
    PARTLY = "partly", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("未采纳")


class CommentResponse(models.Model):
    comment = models.OneToOneField(Comment, on_delete=models.PROTECT, related_name="response")
    outcome = models.CharField(_("采纳情况"), max_length=12, choices=ResponseOutcome.choices)
    reason = models.TextField(_("理由"), blank=True)
    responded_at = models.DateTimeField(_("答复时间"))
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("意见答复")
        verbose_name_plural = _("意见答复")
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="adopted") | ~Q(reason=""),
                name="comment_response_reason_unless_adopted",
            )
        ]

    def __str__(self) -> str:
        return f"{self.comment.receipt_code}: {self.get_outcome_display()}"


class AdoptionSummary(models.Model):
    """The published account of how comments were handled (采纳情况说明)."""

    consultation = models.OneToOneField(
        Consultation, on_delete=models.PROTECT, related_name="summary"
    )
    text = models.TextField(_("采纳情况说明"))
    published_at = models.DateTimeField(_("公布时间"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("采纳情况说明")
        verbose_name_plural = _("采纳情况说明")

    def __str__(self) -> str:
        return str(self.consultation)
