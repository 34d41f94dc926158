"""Administrative litigation with a city agency as defendant (行政诉讼法 2017), and the
hearings at which the agency's head should appear (出庭应诉规定 2020)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from fazhi.core.domain.identity import mask_id_number


class TrialLevel(models.TextChoices):
    FIRST = "first", _("一审")
    SECOND = "second", _("二审")
    RETRIAL = "retrial", _("再审")


class Procedure(models.TextChoices):
    ORDINARY = "ordinary", _("普通程序")
    SIMPLIFIED = "simplified", _("简易程序")


class Status(models.TextChoices):
    FILED = "filed", _("审理中")
    CONCLUDED = "concluded", _("已审结待送达")
    APPEAL_PERIOD = "appeal_period", _("上诉期内")
    APPEALED = "appealed", _("已上诉")
    FINAL = "final", _("已生效")


class Outcome(models.TextChoices):
    """Judgments (arts 69–78) and other closures (spec §4.2 ``LitJudgment``/``LitClosure``)."""

    DISMISS_CLAIM = "dismiss_claim", _("判决驳回诉讼请求")
    ANNUL = "annul", _("判决撤销")
    ORDER_PERFORM = "order_perform", _("判决履行法定职责")
    ORDER_PAY = "order_pay", _("判决给付")
    CONFIRM_ILLEGAL = "confirm_illegal", _("判决确认违法")
    CONFIRM_VOID = "confirm_void", _("判决确认无效")
    VARY = "vary", _("判决变更")
    AGREEMENT_LIABILITY = "agreement_liability", _("判决承担行政协议责任")
    WITHDRAWN = "withdrawn", _("撤诉")
    MEDIATED = "mediated", _("调解")
    DISMISSED_SUIT = "dismissed_suit", _("裁定驳回起诉")
    NOT_FILED = "not_filed", _("裁定不予立案")
    TRANSFERRED = "transferred", _("移送管辖")
    TERMINATED = "terminated", _("终结诉讼")


JUDGMENTS = frozenset(
    {
        Outcome.DISMISS_CLAIM,
        Outcome.ANNUL,
        Outcome.ORDER_PERFORM,
        Outcome.ORDER_PAY,
        Outcome.CONFIRM_ILLEGAL,
        Outcome.CONFIRM_VOID,
        Outcome.VARY,
        Outcome.AGREEMENT_LIABILITY,
    }
)
# Rulings that may be appealed within 10 days (art 85); other rulings and mediation documents
# take effect when served.
APPEALABLE_RULINGS = frozenset({Outcome.DISMISSED_SUIT, Outcome.NOT_FILED})
# The agency lost (spec §4.2, 败诉): every judgment against it.
LOST_OUTCOMES = JUDGMENTS - {Outcome.DISMISS_CLAIM}
MEDIATED_OR_WITHDRAWN = (Outcome.MEDIATED, Outcome.WITHDRAWN)


class LitigationCase(models.Model):
    organization = models.ForeignKey(
        "core.Organization",
        verbose_name=_("被告机关"),
        on_delete=models.PROTECT,
        related_name="litigation_cases",
    )
    court = models.ForeignKey(
        "core.Organization",
        verbose_name=_("法院"),
        on_delete=models.PROTECT,
        related_name="litigation_court_cases",
    )
    court_case_no = models.CharField(_("法院案号"), max_length=60)
    trial_level = models.CharField(_("审级"), max_length=10, choices=TrialLevel.choices)
    procedure = models.CharField(
        _("审理程序"), max_length=20, choices=Procedure.choices, default=Procedure.ORDINARY
    )
    plaintiff_name = models.CharField(_("原告"), max_length=100)
    plaintiff_id_number = models.CharField(_("原告证件号"), max_length=18, blank=True)
    cause = models.CharField(_("案由"), max_length=200)
    contested_act = models.CharField(_("被诉行政行为"), max_length=300)
    origin_reconsideration = models.ForeignKey(
        "reconsideration.ReconsiderationCase",
        verbose_name=_("经行政复议的复议案件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lawsuits",
    )
    appeal_of = models.ForeignKey(
        "self",
        verbose_name=_("原审案件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals",
    )
    filed_on = models.DateField(_("立案日期"))
    complaint_received_on = models.DateField(_("收到起诉状副本日期"), null=True, blank=True)
    defence_filed_on = models.DateField(_("提交答辩状日期"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.FILED
    )
    outcome = models.CharField(_("结案方式"), max_length=30, choices=Outcome.choices, blank=True)
    compensation_awarded = models.BooleanField(_("判决赔偿"), default=False)
    concluded_on = models.DateField(_("结案日期"), null=True, blank=True)
    served_on = models.DateField(_("送达日期"), null=True, blank=True)
    appealed_on = models.DateField(_("上诉日期"), null=True, blank=True)
    final_on = models.DateField(_("生效日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["plaintiff_id_number"])

    class Meta:
        verbose_name = _("行政诉讼案件")
        verbose_name_plural = _("行政诉讼案件")
        ordering = ["-filed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["court", "court_case_no"], name="litigation_court_case_no_unique"
            ),
            models.CheckConstraint(
                condition=Q(concluded_on__isnull=True) | Q(concluded_on__gte=models.F("filed_on")),
                name="litigation_concluded_after_filed",
            ),
        ]
        indexes = [models.Index(fields=["trial_level", "concluded_on"])]

    def __str__(self) -> str:
        return self.court_case_no

    @property
    def masked_plaintiff_id_number(self) -> str:
        return mask_id_number(self.plaintiff_id_number)

    @property
    def lost(self) -> bool:
        return self.outcome in LOST_OUTCOMES or self.compensation_awarded


class Appearance(models.TextChoices):
    PRINCIPAL = "principal", _("正职负责人出庭")
    DEPUTY = "deputy", _("副职负责人出庭")
    NONE = "none", _("负责人未出庭")


HEAD_APPEARANCES = (Appearance.PRINCIPAL, Appearance.DEPUTY)


class Excuse(models.TextChoices):
    FORCE_MAJEURE = "force_majeure", _("不可抗力")
    ACCIDENT = "accident", _("意外事件")
    IRREPLACEABLE_DUTY = "irreplaceable_duty", _("需履行他人不能代替的公务")
    OTHER_PROPER = "other_proper", _("其他正当理由")
    NONE_GIVEN = "none_given", _("无正当理由")


class LitigationHearing(models.Model):
    """One court hearing; whether a head had to appear, and who did."""

    case = models.ForeignKey(LitigationCase, on_delete=models.PROTECT, related_name="hearings")
    organization = models.ForeignKey(
        "core.Organization", verbose_name=_("被告机关"), on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField(_("开庭日期"))
    head_required = models.BooleanField(_("应由负责人出庭"))
    court_notice_received_on = models.DateField(_("收到出庭通知日期"), null=True, blank=True)
    appearance = models.CharField(
        _("出庭情况"), max_length=20, choices=Appearance.choices, blank=True
    )
    head_name = models.CharField(_("出庭负责人"), max_length=50, blank=True)
    head_post = models.CharField(_("职务"), max_length=60, blank=True)
    substitute_name = models.CharField(_("代为出庭的工作人员"), max_length=50, blank=True)
    excuse = models.CharField(_("未出庭理由"), max_length=30, choices=Excuse.choices, blank=True)
    excuse_note = models.CharField(_("理由说明"), max_length=300, blank=True)
    judicial_recommendation = models.BooleanField(_("收到司法建议"), default=False)
    recorded_at = models.DateTimeField(_("登记时间"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("庭审")
        verbose_name_plural = _("庭审")
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(appearance="") | Q(head_required=True),
                name="litigation_hearing_appearance_only_when_required",
            ),
        ]
        indexes = [models.Index(fields=["head_required", "held_on"])]

    def __str__(self) -> str:
        return f"{self.case} {self.held_on}"
