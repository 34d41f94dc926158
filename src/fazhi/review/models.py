"""Stored pre-reviews: a run over one text, its findings, and reviewers' decisions on them.

A run keeps the exact text it reviewed, so finding spans stay valid whatever happens to the
document later. Decisions are kept (never overwritten: a change of mind is a new decision) so
that acceptance rates per rule measure the rules honestly.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from fazhi.core.models import Organization


class FindingCategory(models.TextChoices):
    FAIR_COMPETITION = "fair_competition", _("公平竞争")
    LEGALITY = "legality", _("合法性（七个不得）")
    CITATION = "citation", _("法律引用")
    FORM = "form", _("形式要素")


class FindingSeverity(models.TextChoices):
    ERROR = "error", _("错误")
    WARNING = "warning", _("警告")
    INFO = "info", _("提示")


class FindingDetector(models.TextChoices):
    RULE = "rule", _("规则")
    MODEL = "model", _("模型")
    RULE_AND_MODEL = "rule+model", _("规则和模型")
    LAWBASE = "lawbase", _("法律法规库核对")


class FindingStatus(models.TextChoices):
    PENDING = "pending", _("待处理")
    ACCEPTED = "accepted", _("采纳")
    DISMISSED = "dismissed", _("不采纳")


class ReviewRun(models.Model):
    """One run of the pre-review engine over one text, optionally about a record (a draft)."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+"
    )
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(max_length=40, blank=True)
    subject = GenericForeignKey("content_type", "object_id")
    title = models.CharField(_("标题"), max_length=200, blank=True)
    source_name = models.CharField(_("文件名"), max_length=255, blank=True)
    source_sha256 = models.CharField(_("文件哈希"), max_length=64, blank=True)
    text = models.TextField(_("文本"))
    as_of = models.DateField(_("审查基准日"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发起人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["text"])

    class Meta:
        verbose_name = _("预审")
        verbose_name_plural = _("预审")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return self.title or f"预审 #{self.pk}"


class ReviewFinding(models.Model):
    """One finding of a run, as the engine reported it, with where reviewers stand on it."""

    run = models.ForeignKey(ReviewRun, on_delete=models.CASCADE, related_name="findings")
    position = models.PositiveIntegerField()
    rule = models.CharField(_("规则"), max_length=80, db_index=True)
    category = models.CharField(_("类别"), max_length=20, choices=FindingCategory.choices)
    severity = models.CharField(_("严重程度"), max_length=10, choices=FindingSeverity.choices)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    excerpt = models.TextField(_("原文"))
    basis = models.TextField(_("依据"))
    message = models.TextField(_("说明"))
    suggestion = models.TextField(_("建议"))
    standard = models.TextField(_("审查标准"), blank=True)
    reason = models.TextField(_("理由"), blank=True)
    confidence = models.FloatField(_("模型置信度"), null=True, blank=True)
    detector = models.CharField(
        _("发现方式"),
        max_length=12,
        choices=FindingDetector.choices,
        default=FindingDetector.RULE,
    )
    # The sentence or paragraph the finding sits in: the labelled example a decision makes.
    clause = models.TextField(_("所在条款"), blank=True)
    status = models.CharField(
        _("处理"), max_length=10, choices=FindingStatus.choices, default=FindingStatus.PENDING
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("预审发现")
        verbose_name_plural = _("预审发现")
        ordering = ["run", "position"]
        constraints = [
            models.UniqueConstraint(fields=["run", "position"], name="finding_unique_position"),
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="finding_span_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.rule} @ {self.start}"

    @property
    def latest_decision(self) -> ReviewDecision | None:
        """The decision in force (from the prefetched decisions when there are some)."""
        decisions = list(self.decisions.all())
        return decisions[-1] if decisions else None

    def can_accept(self) -> bool:
        return self.status != FindingStatus.ACCEPTED

    def can_dismiss(self) -> bool:
        return self.status != FindingStatus.DISMISSED


class DecisionOutcome(models.TextChoices):
    ACCEPTED = "accepted", _("采纳")
    DISMISSED = "dismissed", _("不采纳")


class ReviewDecision(models.Model):
    """A reviewer's verdict on a finding; the latest one is the finding's status."""

    finding = models.ForeignKey(ReviewFinding, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(_("结论"), max_length=10, choices=DecisionOutcome.choices)
    reason = models.TextField(_("理由"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("处理时间"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("预审处理")
        verbose_name_plural = _("预审处理")
        ordering = ["decided_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="accepted") | ~Q(reason=""),
                name="dismissal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} {self.finding_id}"
