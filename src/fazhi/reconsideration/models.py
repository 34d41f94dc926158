"""Administrative reconsideration under the 2023 law (行政复议法, in force 2024-01-01).

A case moves through an explicit state machine (``Status``); each transition is one service in
``services.py``. The acceptance review and the decision period are core clocks (``clocks.py``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from fazhi.core.domain.identity import mask_id_number


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("当面递交")
    POST = "post", _("邮寄")
    ORAL = "oral", _("口头申请")
    ONLINE = "online", _("网上申请")


class ActKind(models.TextChoices):
    """What is contested decides which decisions fit (arts 63–71)."""

    ACTION = "action", _("行政行为")
    NON_PERFORMANCE = "non_performance", _("不履行法定职责")
    AGREEMENT = "agreement", _("行政协议")


class Status(models.TextChoices):
    RECEIVED = "received", _("待审查受理")
    AWAITING_CORRECTION = "awaiting_correction", _("待补正")
    NOT_ACCEPTED = "not_accepted", _("不予受理")
    ACCEPTED = "accepted", _("审理中")
    SUSPENDED = "suspended", _("中止审理")
    # Corrections did not arrive in time: the application is deemed abandoned (Reg 29, art 31).
    ABANDONED = "abandoned", _("视为放弃申请")
    CONCLUDED = "concluded", _("已审结待送达")
    SERVED = "served", _("已送达")


OPEN_STATUSES = (Status.ACCEPTED, Status.SUSPENDED)


class Procedure(models.TextChoices):
    ORDINARY = "ordinary", _("普通程序")
    SIMPLIFIED = "simplified", _("简易程序")


class LawVersionChoice(models.TextChoices):
    V2017 = "2017", _("2017年《行政复议法》及实施条例")
    V2023 = "2023", _("2023年《行政复议法》")


class SuspensionReason(models.TextChoices):
    """Grounds of suspension: Reg 41 (2017 rule set), art 39 (2023); ``rules`` says which."""

    MEDIATION = "mediation", _("调解、和解")
    INCIDENTAL_REVIEW = "incidental_review", _("规范性文件附带审查")
    APPLICANT_DEATH = "applicant_death", _("申请人死亡或丧失行为能力")
    APPLICANT_ENDED = "applicant_ended", _("作为申请人的法人或者其他组织终止")
    APPLICANT_MISSING = "applicant_missing", _("申请人下落不明或者被宣告失踪")
    FORCE_MAJEURE = "force_majeure", _("不可抗力")
    LAW_INTERPRETATION = "law_interpretation", _("法律适用问题需有权机关解释或确认")
    DEPENDENT_CASE = "dependent_case", _("以其他案件结果为依据")
    OTHER = "other", _("其他法定情形")


class TerminationGround(models.TextChoices):
    """Grounds of termination: art 25 and Reg 42 (2017), art 41 (2023)."""

    APPLICANT_DIED = "applicant_died", _("申请人死亡，无近亲属或近亲属放弃")
    APPLICANT_ENDED = "applicant_ended", _("法人或其他组织终止，承受人放弃")
    CRIMINAL_DETENTION = "criminal_detention", _("行政拘留等改为刑事拘留")
    CRIMINAL_MEASURE = "criminal_measure", _("因同一违法行为被采取刑事强制措施")
    SUSPENSION_UNRESOLVED = "suspension_unresolved", _("中止满六十日原因仍未消除")


class SimplifiedGround(models.TextChoices):
    """Cases the 2023 simplified procedure may take (art 53)."""

    ON_THE_SPOT = "on_the_spot", _("当场作出的行政行为")
    WARNING_OR_SMALL = "warning_or_small", _("警告、通报批评或三千元以下罚款")
    INFORMATION = "information", _("政府信息公开案件")
    CONSENT = "consent", _("当事人各方同意适用简易程序")


class RejectionGround(models.TextChoices):
    LATE = "late", _("超过法定申请期限")
    OUT_OF_SCOPE = "out_of_scope", _("不属于行政复议范围")
    NO_INTEREST = "no_interest", _("申请人与行政行为没有利害关系")
    OTHER = "other", _("其他不符合受理条件的情形")


class Decision(models.TextChoices):
    """Decisions of the 2023 law, arts 63–72 (spec §3.5)."""

    VARY = "vary", _("变更")
    ANNUL = "annul", _("撤销")
    ANNUL_PARTIAL = "annul_partial", _("部分撤销")
    CONFIRM_ILLEGAL = "confirm_illegal", _("确认违法")
    ORDER_PERFORM = "order_perform", _("责令履行")
    CONFIRM_VOID = "confirm_void", _("确认无效")
    UPHOLD = "uphold", _("维持")
    REJECT_CLAIM = "reject_claim", _("驳回复议请求")
    AGREEMENT_LIABILITY = "agreement_liability", _("行政协议责任")


class Closure(models.TextChoices):
    """How a case ended: by a decision, or by one of the other closures."""

    DECIDED = "decided", _("作出复议决定")
    NOT_ACCEPTED = "not_accepted", _("不予受理")
    DISMISSED = "dismissed", _("驳回复议申请")
    MEDIATED = "mediated", _("调解结案")
    WITHDRAWN_SETTLED = "withdrawn_settled", _("和解撤回")
    WITHDRAWN_OTHER = "withdrawn_other", _("其他撤回")
    TERMINATED_OTHER = "terminated_other", _("其他终止")
    ABANDONED = "abandoned", _("视为放弃申请")


MEDIATION_CLOSURES = (Closure.MEDIATED, Closure.WITHDRAWN_SETTLED)
# Concluded = every decision and closure except refusal at intake (spec §3.8, "C").
CONCLUDED_CLOSURES = (
    Closure.DECIDED,
    Closure.DISMISSED,
    Closure.MEDIATED,
    Closure.WITHDRAWN_SETTLED,
    Closure.WITHDRAWN_OTHER,
    Closure.TERMINATED_OTHER,
)


class ReconsiderationCase(models.Model):
    organization = models.ForeignKey(
        "core.Organization",
        verbose_name=_("复议机构"),
        on_delete=models.PROTECT,
        related_name="reconsideration_cases",
    )
    respondent = models.ForeignKey(
        "core.Organization",
        verbose_name=_("被申请人"),
        on_delete=models.PROTECT,
        related_name="reconsideration_respondent_cases",
    )
    case_no = models.CharField(_("案号"), max_length=60, unique=True)
    channel = models.CharField(_("申请方式"), max_length=20, choices=Channel.choices)
    received_on = models.DateField(_("收到申请日期"))
    applicant_name = models.CharField(_("申请人"), max_length=100)
    applicant_id_number = models.CharField(_("申请人证件号"), max_length=18, blank=True)
    applicant_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    applicant_address = models.CharField(_("联系地址"), max_length=200, blank=True)
    # The portal account that applied online (None for letters, visits and anonymous forms):
    # the citizen follows the case in 我的办件.
    applicant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("在线申请账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reconsideration_applications",
    )
    third_parties = models.CharField(_("第三人"), max_length=300, blank=True)
    act_kind = models.CharField(
        _("被申请事项类别"), max_length=20, choices=ActKind.choices, default=ActKind.ACTION
    )
    contested_act = models.CharField(_("被申请复议的行政行为"), max_length=300)
    contested_act_ref = models.CharField(_("行政行为文号"), max_length=100, blank=True)
    act_known_on = models.DateField(_("知道该行政行为之日"), null=True, blank=True)
    request = models.TextField(_("复议请求"))
    reasons = models.TextField(_("事实和理由"), blank=True)
    # Incidental review of a normative document (arts 13, 56–60): the document as the applicant
    # names it, and optionally the id of the normdocs record once that register holds it.
    normative_document_text = models.CharField(
        _("附带审查的规范性文件"), max_length=300, blank=True
    )
    normative_document_id = models.PositiveBigIntegerField(
        _("规范性文件记录编号"), null=True, blank=True
    )
    # The rule set that governs the case: chosen by ``received_on`` (rules.version_for) at
    # intake, or by an override with its reason for cases pending on 2024-01-01.
    law_version = models.CharField(
        _("适用法律文本"), max_length=4, choices=LawVersionChoice.choices, default="2023"
    )
    law_version_override_reason = models.CharField(
        _("改变适用文本的理由"), max_length=300, blank=True
    )
    # 2017 art 17 para 2: accepted as of receipt by the legal-affairs office.
    received_by_office_on = models.DateField(_("法制工作机构收到日期"), null=True, blank=True)
    act_discretionary = models.BooleanField(_("属于行使自由裁量权作出的行为"), default=False)
    compensation_dispute = models.BooleanField(_("涉及行政赔偿或补偿纠纷"), default=False)
    # Application period (2017 art 9; 2023 arts 20–21).
    act_made_on = models.DateField(_("行政行为作出日期"), null=True, blank=True)
    real_property = models.BooleanField(_("涉及不动产"), default=False)
    rights_notified = models.BooleanField(_("已告知申请复议的权利和期限"), default=True)
    rights_known_on = models.DateField(_("知道申请复议权利之日"), null=True, blank=True)
    obstacle_from = models.DateField(_("耽误期限的正当事由开始日"), null=True, blank=True)
    obstacle_to = models.DateField(_("耽误期限的正当事由消除日"), null=True, blank=True)
    obstacle_reason = models.CharField(_("耽误期限的正当事由"), max_length=300, blank=True)
    status = models.CharField(
        _("状态"), max_length=30, choices=Status.choices, default=Status.RECEIVED
    )
    correction_requested_on = models.DateField(_("补正通知日期"), null=True, blank=True)
    correction_items = models.CharField(_("补正事项"), max_length=500, blank=True)
    correction_received_on = models.DateField(_("收到补正材料日期"), null=True, blank=True)
    rejection_reason = models.CharField(_("不予受理理由"), max_length=500, blank=True)
    rejection_ground = models.CharField(
        _("不予受理情形"), max_length=20, choices=RejectionGround.choices, blank=True
    )
    abandoned_on = models.DateField(_("视为放弃日期"), null=True, blank=True)
    simplified_ground = models.CharField(
        _("适用简易程序的情形"), max_length=20, choices=SimplifiedGround.choices, blank=True
    )
    converted_on = models.DateField(_("转为普通程序日期"), null=True, blank=True)
    # Copy to the respondent and its answer (2017 art 23; 2023 arts 48, 54).
    copy_sent_on = models.DateField(_("发送申请书副本日期"), null=True, blank=True)
    copy_received_on = models.DateField(_("被申请人收到副本日期"), null=True, blank=True)
    answer_received_on = models.DateField(_("收到书面答复日期"), null=True, blank=True)
    answer_evidence = models.TextField(_("答复附带的证据、依据"), blank=True)
    # No answer in time: the act is treated as having no evidence (2017 art 28(4); 2023 art 70).
    no_answer_recorded_on = models.DateField(_("登记未答复日期"), null=True, blank=True)
    termination_ground = models.CharField(
        _("终止情形"), max_length=30, choices=TerminationGround.choices, blank=True
    )
    # Incidental review of a normative document (2017 arts 7, 26–27; 2023 arts 13, 56–60).
    incidental_started_on = models.DateField(_("附带审查开始日期"), null=True, blank=True)
    incidental_raised_by_applicant = models.BooleanField(_("由申请人提出"), default=True)
    incidental_handled_by_self = models.BooleanField(_("本机关有权处理"), default=True)
    incidental_forwarded_to = models.CharField(_("转送机关"), max_length=200, blank=True)
    incidental_forwarded_on = models.DateField(_("转送日期"), null=True, blank=True)
    incidental_forward_received_on = models.DateField(
        _("接受转送的机关收到日期"), null=True, blank=True
    )
    incidental_drafter_notified_on = models.DateField(
        _("书面通知制定机关日期"), null=True, blank=True
    )
    incidental_drafter_received_on = models.DateField(
        _("制定机关收到通知日期"), null=True, blank=True
    )
    incidental_drafter_answered_on = models.DateField(
        _("制定机关书面答复日期"), null=True, blank=True
    )
    incidental_drafter_answer = models.TextField(_("制定机关书面答复"), blank=True)
    incidental_concluded_on = models.DateField(_("附带审查办结日期"), null=True, blank=True)
    incidental_result = models.TextField(_("附带审查结果"), blank=True)
    procedure = models.CharField(
        _("审理程序"), max_length=20, choices=Procedure.choices, blank=True
    )
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    hearing_held = models.BooleanField(_("已听证"), default=False)
    heard_on = models.DateField(_("听证日期"), null=True, blank=True)
    mediation_attempted = models.BooleanField(_("已组织调解"), default=False)
    suspended_on = models.DateField(_("中止日期"), null=True, blank=True)
    suspension_reason = models.CharField(
        _("中止理由"), max_length=30, choices=SuspensionReason.choices, blank=True
    )
    closure = models.CharField(_("结案方式"), max_length=30, choices=Closure.choices, blank=True)
    decision = models.CharField(_("决定类型"), max_length=30, choices=Decision.choices, blank=True)
    compensation_awarded = models.BooleanField(_("一并决定赔偿"), default=False)
    decided_on = models.DateField(_("结案日期"), null=True, blank=True)
    decision_summary = models.TextField(_("决定（结案）要旨"), blank=True)
    served_on = models.DateField(_("送达日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["applicant_id_number", "applicant_phone"])

    class Meta:
        verbose_name = _("行政复议案件")
        verbose_name_plural = _("行政复议案件")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="") | Q(closure="decided"),
                name="reconsideration_decision_only_when_decided",
            ),
            models.CheckConstraint(
                condition=Q(accepted_on__isnull=True) | Q(accepted_on__gte=models.F("received_on")),
                name="reconsideration_accepted_after_received",
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=models.F("received_on")),
                name="reconsideration_decided_after_received",
            ),
        ]
        indexes = [models.Index(fields=["closure", "decided_on"])]

    def __str__(self) -> str:
        return self.case_no

    @property
    def masked_applicant_id_number(self) -> str:
        return mask_id_number(self.applicant_id_number)


class LetterType(models.TextChoices):
    OPINION = "opinion", _("行政复议意见书")
    RECOMMENDATION = "recommendation", _("行政复议建议书")


class ReconsiderationLetter(models.Model):
    """Opinion letters (art 76, reply due in 60 days) and recommendation letters."""

    case = models.ForeignKey(ReconsiderationCase, on_delete=models.PROTECT, related_name="letters")
    organization = models.ForeignKey(
        "core.Organization", on_delete=models.PROTECT, related_name="+"
    )
    letter_type = models.CharField(_("类型"), max_length=20, choices=LetterType.choices)
    addressee = models.ForeignKey(
        "core.Organization", verbose_name=_("送达单位"), on_delete=models.PROTECT, related_name="+"
    )
    issued_on = models.DateField(_("制发日期"))
    issues = models.TextField(_("指出的问题和建议"))
    replied_on = models.DateField(_("回复日期"), null=True, blank=True)
    rectified = models.BooleanField(_("已整改"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("复议意见书和建议书")
        verbose_name_plural = _("复议意见书和建议书")
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_letter_type_display()} {self.case}"
