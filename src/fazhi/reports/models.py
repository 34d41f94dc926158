"""Annual rule-of-law-government reports (法治政府建设年度报告, spec §7.1).

A report belongs to one organisation and year; its five sections follow the statutory
contents C1–C5. Section text holds figure references (``{{disputes.mediation_cases}}``), never
typed figures. Approval freezes every referenced figure (``FrozenFigure``) with the exact
records it counted (``FrozenRecord``), so a published figure never moves.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Status(models.TextChoices):
    DRAFT = "draft", _("起草中")
    REVIEW = "review", _("内部审核中")
    APPROVED = "approved", _("已批准（已冻结）")
    SUBMITTED = "submitted", _("已报送")
    PUBLISHED = "published", _("已公开")


EDITABLE_STATUSES = (Status.DRAFT, Status.REVIEW)
FROZEN_STATUSES = (Status.APPROVED, Status.SUBMITTED, Status.PUBLISHED)


class SectionCode(models.TextChoices):
    """The statutory contents (督察工作规定, spec §7.1), in the order the seed report uses."""

    C3 = "C3", _("党政主要负责人履行推进法治建设第一责任人职责情况")
    C1 = "C1", _("推进法治政府建设的主要举措和成效")
    C2 = "C2", _("存在的不足和原因")
    C4 = "C4", _("下一年度推进法治政府建设的主要安排")
    C5 = "C5", _("其他需要报告的事项")


SECTION_ORDER = [SectionCode.C3, SectionCode.C1, SectionCode.C2, SectionCode.C4, SectionCode.C5]


class AnnualReport(models.Model):
    organization = models.ForeignKey(
        "core.Organization", verbose_name=_("报告单位"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("标题"), max_length=200)
    addressee = models.CharField(_("主送机关"), max_length=200, blank=True)
    issuer = models.CharField(_("署名"), max_length=200)
    opening = models.TextField(_("开头语"), blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("批准人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("批准（冻结）时间"), null=True, blank=True)
    report_date = models.DateField(_("成文日期"), null=True, blank=True)
    recipients = models.TextField(_("报送对象"), blank=True)
    submitted_on = models.DateField(_("报送日期"), null=True, blank=True)
    submitted_late_reason = models.CharField(_("补录理由"), max_length=200, blank=True)
    published_on = models.DateField(_("公开日期"), null=True, blank=True)
    published_url = models.URLField(_("公开网址"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("法治政府建设年度报告")
        verbose_name_plural = _("法治政府建设年度报告")
        ordering = ["-year", "organization__path"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="report_org_year_unique")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_frozen(self) -> bool:
        return self.status in FROZEN_STATUSES


class ReportSection(models.Model):
    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="sections")
    code = models.CharField(_("法定内容"), max_length=2, choices=SectionCode.choices)
    title = models.CharField(_("标题"), max_length=200)
    order = models.PositiveSmallIntegerField(default=0)
    body = models.TextField(_("正文"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("报告章节")
        verbose_name_plural = _("报告章节")
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["report", "code"], name="report_section_unique")
        ]

    def __str__(self) -> str:
        return f"{self.report} · {self.title}"


class ReviewComment(models.Model):
    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="comments")
    section = models.ForeignKey(
        ReportSection,
        verbose_name=_("章节"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comments",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("审核意见"))
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("审核意见")
        verbose_name_plural = _("审核意见")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.body[:40]


class FrozenFigure(models.Model):
    """A figure as approved: value, numerator, denominator, when, and which query produced it."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="figures")
    key = models.CharField(_("指标"), max_length=100)
    name = models.CharField(_("名称"), max_length=200)
    unit = models.CharField(_("单位"), max_length=20)
    definition = models.TextField(_("口径"))
    value = models.DecimalField(_("数值"), max_digits=16, decimal_places=2, null=True)
    numerator = models.BigIntegerField(_("分子"), null=True, blank=True)
    denominator = models.BigIntegerField(_("分母"), null=True, blank=True)
    computed_at = models.DateTimeField(_("计算时间"))
    # The stable query: indicator key, year, scope code and the time it ran.
    query = models.JSONField(_("查询参数"), default=dict)
    record_model = models.CharField(_("记录类型"), max_length=100, blank=True)
    record_count = models.PositiveIntegerField(_("冻结记录数"), default=0)

    class Meta:
        verbose_name = _("冻结的指标值")
        verbose_name_plural = _("冻结的指标值")
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="frozen_figure_unique")
        ]

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"


class FrozenRecord(models.Model):
    """One record a frozen figure counted (its denominator set, flagged if in the numerator)."""

    figure = models.ForeignKey(FrozenFigure, on_delete=models.CASCADE, related_name="records")
    object_pk = models.BigIntegerField()
    in_numerator = models.BooleanField(default=True)

    class Meta:
        indexes = [models.Index(fields=["figure", "object_pk"], name="frozen_record_idx")]

    def __str__(self) -> str:
        return f"{self.figure_id}:{self.object_pk}"
