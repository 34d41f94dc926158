"""Enforcement supervision: special supervisors, campaigns, case-file evaluation, notices."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from fazhi.core.models import Organization


class SpecialSupervisor(models.Model):
    """特邀行政执法监督员, appointed by the city government for a term."""

    name = models.CharField(_("姓名"), max_length=50)
    work_unit = models.CharField(_("工作单位及职务"), max_length=120)
    sector = models.CharField(_("界别"), max_length=40)
    organization = models.ForeignKey(
        Organization, verbose_name=_("聘任机关"), on_delete=models.PROTECT, related_name="+"
    )
    appointment_document = models.CharField(_("聘任文件"), max_length=120)
    term_start = models.DateField(_("聘期开始"))
    term_end = models.DateField(_("聘期结束"))
    dismissed_on = models.DateField(_("解聘日期"), null=True, blank=True)
    dismissal_reason = models.CharField(_("解聘理由"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("特邀行政执法监督员")
        verbose_name_plural = _("特邀行政执法监督员")
        ordering = ["term_start", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__gt=F("term_start")), name="supervisor_term_range"
            )
        ]

    def __str__(self) -> str:
        return self.name


class CampaignKind(models.TextChoices):
    SPECIAL_INSPECTION = "special_inspection", _("专项监督检查")
    QUALITY_EVALUATION = "quality_evaluation", _("执法质效评议")
    CASE_FILE_EVALUATION = "case_file_evaluation", _("案卷评查")


class Campaign(models.Model):
    title = models.CharField(_("名称"), max_length=200)
    kind = models.CharField(_("类型"), max_length=30, choices=CampaignKind.choices)
    organization = models.ForeignKey(
        Organization, verbose_name=_("组织单位"), on_delete=models.PROTECT, related_name="+"
    )
    started_on = models.DateField(_("开始日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    summary = models.TextField(_("结果综述"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("监督活动")
        verbose_name_plural = _("监督活动")
        ordering = ["-started_on", "id"]

    def __str__(self) -> str:
        return self.title


class EvaluationGrade(models.TextChoices):
    EXCELLENT = "excellent", _("优秀")
    PASS = "pass", _("合格")
    FAIL = "fail", _("不合格")


class CaseFileEvaluation(models.Model):
    """One sampled case file scored on the sheet (spec rules-documents-decisions §9.2)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="evaluations")
    case_id = models.PositiveIntegerField(_("案件"))
    organization = models.ForeignKey(
        Organization, verbose_name=_("被评查单位"), on_delete=models.PROTECT, related_name="+"
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    veto_hits = models.JSONField(_("否决项"), default=list, blank=True)
    deductions = models.JSONField(_("扣分项"), default=list, blank=True)
    score = models.PositiveSmallIntegerField(_("得分"))
    grade = models.CharField(_("等次"), max_length=20, choices=EvaluationGrade.choices)
    evaluated_on = models.DateField(_("评查日期"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("案卷评查")
        verbose_name_plural = _("案卷评查")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "case_id"], name="evaluation_once"),
            models.CheckConstraint(condition=Q(score__lte=100), name="evaluation_score_range"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} #{self.case_id}: {self.score}"


class NoticeStatus(models.TextChoices):
    ISSUED = "issued", _("已发出")
    RESPONDED = "responded", _("已报送整改")
    CLOSED = "closed", _("已办结")


class SupervisionNotice(models.Model):
    """执法监督通知书: a rectification order to a unit, its response and closing."""

    number = models.CharField(_("文号"), max_length=60, unique=True)
    organization = models.ForeignKey(
        Organization, verbose_name=_("被监督单位"), on_delete=models.PROTECT, related_name="+"
    )
    issuer = models.ForeignKey(
        Organization, verbose_name=_("发出机关"), on_delete=models.PROTECT, related_name="+"
    )
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.PROTECT, related_name="notices"
    )
    problems = models.TextField(_("发现的问题"))
    issued_on = models.DateField(_("发出日期"))
    rectify_by = models.DateField(_("整改期限"))
    status = models.CharField(
        _("状态"), max_length=20, choices=NoticeStatus.choices, default=NoticeStatus.ISSUED
    )
    response = models.TextField(_("整改情况"), blank=True)
    responded_on = models.DateField(_("报送日期"), null=True, blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    closing_opinion = models.TextField(_("办结意见"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("执法监督通知书")
        verbose_name_plural = _("执法监督通知书")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rectify_by__gt=F("issued_on")), name="notice_rectify_after_issue"
            )
        ]

    def __str__(self) -> str:
        return self.number


class AccountabilityRecord(models.Model):
    """行政执法过错责任追究: who was held accountable, how, for what."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("责任单位"), on_delete=models.PROTECT, related_name="+"
    )
    person_name = models.CharField(_("责任人"), max_length=50)
    fault = models.TextField(_("过错情形"))
    measure = models.CharField(_("追责方式"), max_length=100)
    decided_on = models.DateField(_("决定日期"))
    notice = models.ForeignKey(
        SupervisionNotice, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("执法过错责任追究")
        verbose_name_plural = _("执法过错责任追究")
        ordering = ["-decided_on"]

    def __str__(self) -> str:
        return f"{self.person_name} {self.measure}"
