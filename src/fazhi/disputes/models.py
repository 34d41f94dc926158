"""People's mediation (人民调解法 2010): cases handled by mediation committees, and their parties.

Committees are core organisations of kind ``mediation_committee`` placed under the village,
town or department that set them up; mediators are core ``Person`` rows of that committee.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from fazhi.core.domain.identity import mask_id_number


class DisputeKind(models.TextChoices):
    MARRIAGE_FAMILY = "marriage_family", _("婚姻家庭纠纷")
    NEIGHBOUR = "neighbour", _("邻里纠纷")
    HOUSING_LAND = "housing_land", _("房屋宅基地纠纷")
    CONTRACT = "contract", _("合同纠纷")
    DAMAGES = "damages", _("损害赔偿纠纷")
    LABOUR = "labour", _("劳动争议")
    PROPERTY_MANAGEMENT = "property_management", _("物业纠纷")
    LAND_ACQUISITION = "land_acquisition", _("征地拆迁纠纷")
    MEDICAL = "medical", _("医疗纠纷")
    TRAFFIC = "traffic", _("道路交通事故纠纷")
    INTELLECTUAL_PROPERTY = "intellectual_property", _("知识产权纠纷")
    COMMERCIAL_ARBITRABLE = "commercial_arbitrable", _("商事纠纷（可仲裁）")
    OTHER = "other", _("其他纠纷")


class CaseSource(models.TextChoices):
    APPLICATION = "application", _("当事人申请")
    OWN_INITIATIVE = "own_initiative", _("主动调解")
    COURT_REFERRAL = "court_referral", _("法院委派委托")
    POLICE_REFERRAL = "police_referral", _("公安移送")
    PETITION_REFERRAL = "petition_referral", _("信访部门移送")
    BODY_REFERRAL = "body_referral", _("其他部门移交")


class CaseStatus(models.TextChoices):
    REGISTERED = "registered", _("已登记")
    MEDIATING = "mediating", _("调解中")
    CONCLUDED = "concluded", _("已结案")


class Outcome(models.TextChoices):
    AGREEMENT_WRITTEN = "agreement_written", _("调解成功（书面协议）")
    AGREEMENT_ORAL = "agreement_oral", _("调解成功（口头协议）")
    FAILED = "failed", _("调解不成")
    PARTY_REFUSED = "party_refused", _("当事人拒绝调解")


SUCCESS_OUTCOMES = (Outcome.AGREEMENT_WRITTEN, Outcome.AGREEMENT_ORAL)
# Cases that were actually mediated: a party's refusal at intake is not a mediation (art 17).
MEDIATED_OUTCOMES = (*SUCCESS_OUTCOMES, Outcome.FAILED)


class NextChannel(models.TextChoices):
    LITIGATION = "litigation", _("诉讼")
    ARBITRATION = "arbitration", _("仲裁")
    ADMINISTRATIVE = "administrative", _("行政处理")
    PETITION = "petition", _("信访")
    OTHER = "other", _("其他途径")


class ConfirmationResult(models.TextChoices):
    PENDING = "pending", _("审查中")
    CONFIRMED = "confirmed", _("确认有效")
    REFUSED = "refused", _("驳回申请")


class PartyRole(models.TextChoices):
    APPLICANT = "applicant", _("申请人")
    RESPONDENT = "respondent", _("被申请人")


class MediationCase(models.Model):
    """One dispute before a committee, from registration to conclusion and follow-up."""

    organization = models.ForeignKey(
        "core.Organization",
        verbose_name=_("调解委员会"),
        on_delete=models.PROTECT,
        related_name="mediation_cases",
    )
    case_no = models.CharField(_("案号"), max_length=60)
    kind = models.CharField(_("纠纷类型"), max_length=30, choices=DisputeKind.choices)
    source = models.CharField(_("来源"), max_length=30, choices=CaseSource.choices)
    summary = models.TextField(_("纠纷简要情况"), blank=True)
    amount = models.DecimalField(
        _("涉及金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    mediator = models.ForeignKey(
        "core.Person",
        verbose_name=_("调解员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mediation_cases",
    )
    registered_on = models.DateField(_("登记日期"))
    started_on = models.DateField(_("开始调解日期"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.REGISTERED
    )
    outcome = models.CharField(_("调解结果"), max_length=30, choices=Outcome.choices, blank=True)
    concluded_on = models.DateField(_("结案日期"), null=True, blank=True)
    agreement_effective_on = models.DateField(_("协议生效日期"), null=True, blank=True)
    # 人民调解法 第二十八条、第二十九条: what the parties agreed, and how and by when it is
    # performed; an oral agreement's terms are recorded by the mediator all the same.
    agreement_terms = models.TextField(_("协议内容"), blank=True)
    performance_method = models.CharField(_("履行方式"), max_length=200, blank=True)
    performance_due = models.DateField(_("履行期限"), null=True, blank=True)
    next_channel = models.CharField(
        _("告知的其他途径"), max_length=20, choices=NextChannel.choices, blank=True
    )
    # An application made online by a citizen on the portal: the account that made it (so the
    # citizen follows it in 我的办件) and the contact details the committee needs.
    applicant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("在线申请账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mediation_applications",
    )
    contact_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    contact_address = models.CharField(_("联系地址"), max_length=200, blank=True)
    request = models.TextField(_("调解请求"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("调解案件")
        verbose_name_plural = _("调解案件")
        ordering = ["-registered_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "case_no"], name="mediation_case_no_unique"
            ),
            models.CheckConstraint(
                condition=Q(status=CaseStatus.CONCLUDED, outcome__gt="", concluded_on__isnull=False)
                | (~Q(status=CaseStatus.CONCLUDED) & Q(outcome="", concluded_on__isnull=True)),
                name="mediation_case_outcome_iff_concluded",
            ),
            models.CheckConstraint(
                condition=Q(concluded_on__isnull=True)
                | Q(concluded_on__gte=models.F("registered_on")),
                name="mediation_case_dates_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "concluded_on"]),
            models.Index(fields=["kind", "concluded_on"]),
            # The list's default order, city-wide and within a unit's scope (issue 19).
            models.Index(fields=["registered_on", "id"], name="mediation_list_order"),
            models.Index(
                fields=["organization", "registered_on", "id"], name="mediation_list_by_unit"
            ),
        ]

    def __str__(self) -> str:
        return self.case_no

    @property
    def is_success(self) -> bool:
        return self.outcome in SUCCESS_OUTCOMES


class MediationParty(models.Model):
    """A party to a dispute; the identity number is shown masked everywhere."""

    case = models.ForeignKey(MediationCase, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(_("身份"), max_length=20, choices=PartyRole.choices)
    name = models.CharField(_("姓名或名称"), max_length=100)
    id_number = models.CharField(_("身份证号或统一社会信用代码"), max_length=18, blank=True)
    history = HistoricalRecords(excluded_fields=["id_number"])

    class Meta:
        verbose_name = _("调解当事人")
        verbose_name_plural = _("调解当事人")
        ordering = ["case", "role", "id"]

    def __str__(self) -> str:
        return self.masked_name

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def masked_name(self) -> str:
        """Natural persons' names are shown as 张* (organisations' names are not masked)."""
        if len(self.name) <= 4:
            return self.name[:1] + "*" * (len(self.name) - 1)
        return self.name


class JudicialConfirmation(models.Model):
    """The parties' joint application to a court to confirm the agreement (art 33)."""

    case = models.OneToOneField(
        MediationCase, on_delete=models.CASCADE, related_name="confirmation"
    )
    organization = models.ForeignKey(
        "core.Organization",
        verbose_name=_("调解委员会"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    applied_on = models.DateField(_("申请日期"))
    court = models.CharField(_("受理法院"), max_length=100)
    result = models.CharField(
        _("结果"),
        max_length=20,
        choices=ConfirmationResult.choices,
        default=ConfirmationResult.PENDING,
    )
    decided_on = models.DateField(_("裁定日期"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("司法确认")
        verbose_name_plural = _("司法确认")
        constraints = [
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=models.F("applied_on")),
                name="judicial_confirmation_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.get_result_display()}"


class FollowUp(models.Model):
    """A return visit after conclusion: is the agreement being performed (art 31)?"""

    case = models.ForeignKey(MediationCase, on_delete=models.CASCADE, related_name="follow_ups")
    organization = models.ForeignKey(
        "core.Organization",
        verbose_name=_("调解委员会"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    visited_on = models.DateField(_("回访日期"))
    note = models.CharField(_("回访情况"), max_length=300)
    agreement_performed = models.BooleanField(_("协议已履行"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("回访")
        verbose_name_plural = _("回访")
        ordering = ["case", "visited_on", "id"]

    def __str__(self) -> str:
        return f"{self.case} {self.visited_on}"
