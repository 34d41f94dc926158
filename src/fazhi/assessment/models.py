"""The annual law-based-government assessment (法治建设考核).

A ``Scheme`` per year holds dimensions and items; an item is scored from a registered indicator
by a rule (thresholds, linear between bounds, pass/fail) or by hand with evidence and a reason.
Each assessed unit's ``Assessment`` moves scoring → notified (objection period) → objected →
final; the final totals rank the units.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Method(models.TextChoices):
    COMPUTED = "computed", _("平台指标自动计分")
    MANUAL = "manual", _("人工评分")


class Rule(models.TextChoices):
    THRESHOLDS = "thresholds", _("分档计分")
    LINEAR = "linear", _("区间线性计分")
    PASS_FAIL = "pass_fail", _("达标计分")


class Scheme(models.Model):
    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    title = models.CharField(_("考核方案"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("考核方案")
        verbose_name_plural = _("考核方案")
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.title


class Dimension(models.Model):
    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="dimensions")
    name = models.CharField(_("考核维度"), max_length=100)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("考核维度")
        verbose_name_plural = _("考核维度")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class Item(models.Model):
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="items")
    name = models.CharField(_("考核指标"), max_length=200)
    points = models.DecimalField(_("分值"), max_digits=6, decimal_places=2)
    method = models.CharField(_("计分方式"), max_length=20, choices=Method.choices)
    indicator_key = models.CharField(_("平台指标"), max_length=100, blank=True)
    rule = models.CharField(_("计分规则"), max_length=20, choices=Rule.choices, blank=True)
    # thresholds: {"bands": [[at least, fraction of points], …]}; linear: {"low", "high"};
    # pass_fail: {"target"}; "lower_is_better": true reverses linear and pass_fail.
    params = models.JSONField(_("规则参数"), default=dict, blank=True)
    guidance = models.TextField(_("评分标准"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("考核指标")
        verbose_name_plural = _("考核指标")
        ordering = ["dimension__order", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    SCORING = "scoring", _("评分中")
    NOTIFIED = "notified", _("已反馈（异议期）")
    OBJECTED = "objected", _("异议复核中")
    FINAL = "final", _("已确定")


class Assessment(models.Model):
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="assessments")
    organization = models.ForeignKey(
        "core.Organization",
        verbose_name=_("被考核单位"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.SCORING
    )
    total = models.DecimalField(_("总分"), max_digits=7, decimal_places=2, default=0)
    notified_on = models.DateField(_("反馈日期"), null=True, blank=True)
    finalized_on = models.DateField(_("确定日期"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("单位考核")
        verbose_name_plural = _("单位考核")
        ordering = ["-total", "organization__path"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "organization"], name="assessment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.scheme.year} · {self.organization}"


class Score(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("指标值"), max_digits=16, decimal_places=2, null=True, blank=True)
    score = models.DecimalField(_("得分"), max_digits=6, decimal_places=2)
    evidence = models.CharField(_("佐证材料"), max_length=300, blank=True)
    reason = models.TextField(_("评分理由"), blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    scored_at = models.DateTimeField(_("评分时间"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("得分")
        verbose_name_plural = _("得分")
        constraints = [models.UniqueConstraint(fields=["assessment", "item"], name="score_unique")]

    def __str__(self) -> str:
        return f"{self.item} = {self.score}"


class Objection(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="objections")
    item = models.ForeignKey(
        Item, verbose_name=_("异议指标"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("异议理由"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filed_on = models.DateField(_("提出日期"))
    upheld = models.BooleanField(_("异议成立"), null=True)
    response = models.TextField(_("复核意见"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("考核异议")
        verbose_name_plural = _("考核异议")

    def __str__(self) -> str:
        return f"{self.assessment} · {self.item}"
