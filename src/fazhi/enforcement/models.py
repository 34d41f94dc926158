"""Administrative enforcement: item catalog and delegation, exemption list, benchmarks, cases.

Catalog rows, delegations, exemption items and benchmark rows are effective-dated: a row is in
force on day ``d`` when ``effective_from <= d`` and (``effective_to`` is empty or ``d <
effective_to``). Adjusting a row closes it and adds a new version, so the state on any date can
be shown and every adjustment stays on record (plus field history through simple-history).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from fazhi.core.domain.identity import mask_by_shape
from fazhi.core.models import Organization


def _valid_range(prefix: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(effective_to__isnull=True) | Q(effective_to__gt=F("effective_from")),
        name=f"{prefix}_effective_range",
    )


class ItemMode(models.TextChoices):
    CENTRALISED = "centralised", _("划转综合执法")
    DEPARTMENT = "department", _("部门保留")


class EnforcementItem(models.Model):
    """One penalty power (行政处罚事项) in the catalog, held by one organisation."""

    code = models.CharField(_("事项编码"), max_length=40)
    name = models.CharField(_("事项名称"), max_length=300)
    category = models.CharField(_("执法领域"), max_length=40)
    legal_basis = models.TextField(_("违法依据"))
    penalty_basis = models.TextField(_("处罚依据"))
    max_fine = models.DecimalField(
        _("法定罚款上限（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    mode = models.CharField(_("归属方式"), max_length=20, choices=ItemMode.choices)
    organization = models.ForeignKey(
        Organization, verbose_name=_("实施主体"), on_delete=models.PROTECT, related_name="+"
    )
    original_department = models.ForeignKey(
        Organization,
        verbose_name=_("原主管部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    effective_from = models.DateField(_("生效日期"))
    effective_to = models.DateField(_("失效日期"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("行政处罚事项")
        verbose_name_plural = _("行政处罚事项")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["code"], name="enforcement_item_unique_code"),
            _valid_range("enforcement_item"),
        ]
        indexes = [models.Index(fields=["mode", "effective_from"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ItemDelegation(models.Model):
    """A catalog item assigned to a town (赋权, 行政处罚法 art 24; 浙江省综合行政执法条例 art 9)."""

    item = models.ForeignKey(
        EnforcementItem,
        verbose_name=_("事项"),
        on_delete=models.PROTECT,
        related_name="delegations",
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("承接镇街"), on_delete=models.PROTECT, related_name="+"
    )
    decision_document = models.CharField(_("赋权文件"), max_length=120)
    effective_from = models.DateField(_("生效日期"))
    effective_to = models.DateField(_("收回日期"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("收回理由"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("赋权事项")
        verbose_name_plural = _("赋权事项")
        ordering = ["item__code", "organization__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "organization", "effective_from"], name="delegation_unique"
            ),
            _valid_range("delegation"),
        ]

    def __str__(self) -> str:
        return f"{self.item.code} → {self.organization}"


class ExemptionItem(models.Model):
    """One version of one item on the minor-violation exemption list (轻微违法行为不予处罚清单).

    ``code`` identifies the item across versions; each adjustment closes the version in force
    and adds a new one with the next ``version``.
    """

    code = models.CharField(_("清单编码"), max_length=40)
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    list_name = models.CharField(_("清单名称"), max_length=200)
    issuer = models.CharField(_("发布机关"), max_length=100)
    list_type = models.CharField(_("清单类型"), max_length=30)
    category = models.CharField(_("领域"), max_length=40)
    violation = models.TextField(_("违法行为"))
    legal_basis = models.TextField(_("依据"))
    conditions = models.TextField(_("适用条件"))
    item = models.ForeignKey(
        EnforcementItem,
        verbose_name=_("对应处罚事项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exemptions",
    )
    source_url = models.URLField(_("来源"), max_length=300, blank=True)
    effective_from = models.DateField(_("生效日期"))
    effective_to = models.DateField(_("失效日期"), null=True, blank=True)
    adjustment_reason = models.CharField(_("调整理由"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("免罚清单事项")
        verbose_name_plural = _("免罚清单事项")
        ordering = ["code", "version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="exemption_unique_version"),
            models.UniqueConstraint(
                fields=["code"], condition=Q(effective_to__isnull=True), name="exemption_one_open"
            ),
            _valid_range("exemption"),
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"


class DiscretionGrade(models.TextChoices):
    """Most to least lenient (spec §1.3)."""

    NO_PENALTY = "no_penalty", _("不予处罚")
    MITIGATED = "mitigated", _("减轻")
    LIGHTER = "lighter", _("从轻")
    ORDINARY = "ordinary", _("一般")
    HEAVIER = "heavier", _("从重")


class BenchmarkRow(models.Model):
    """One grade of an item's discretion benchmark (裁量基准), effective-dated."""

    item = models.ForeignKey(
        EnforcementItem, verbose_name=_("事项"), on_delete=models.PROTECT, related_name="benchmarks"
    )
    grade = models.CharField(_("裁量阶次"), max_length=20, choices=DiscretionGrade.choices)
    circumstances = models.TextField(_("适用情形"))
    min_fine = models.DecimalField(_("罚款下限（元）"), max_digits=14, decimal_places=2)
    max_fine = models.DecimalField(_("罚款上限（元）"), max_digits=14, decimal_places=2)
    source = models.CharField(_("基准来源"), max_length=200)
    effective_from = models.DateField(_("生效日期"))
    effective_to = models.DateField(_("失效日期"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("裁量基准")
        verbose_name_plural = _("裁量基准")
        ordering = ["item__code", "effective_from", "min_fine"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_fine__gte=F("min_fine")) & Q(min_fine__gte=0),
                name="benchmark_fine_range",
            ),
            _valid_range("benchmark"),
        ]

    def __str__(self) -> str:
        return f"{self.item.code} {self.get_grade_display()} {self.min_fine}–{self.max_fine}"


class HearingThreshold(models.Model):
    """The "large fine" (较大数额罚款) above which a hearing must be offered.

    The Zhejiang general figure is UNCONFIRMED (spec §1.5, §12), so it is data with its source.
    """

    party_type = models.CharField(_("当事人类型"), max_length=20, unique=True)
    min_amount = models.DecimalField(_("较大数额起点（元）"), max_digits=14, decimal_places=2)
    source = models.CharField(_("依据"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("听证标准")
        verbose_name_plural = _("听证标准")

    def __str__(self) -> str:
        return f"{self.party_type} ≥ {self.min_amount}"


class LegalReviewer(models.Model):
    """A reviewer for 法制审核 with their legal professional qualification (art 58)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="legal_reviewer"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+"
    )
    qualification_number = models.CharField(_("法律职业资格证书编号"), max_length=40)
    qualified_on = models.DateField(_("取得日期"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("法制审核人员")
        verbose_name_plural = _("法制审核人员")

    def __str__(self) -> str:
        return f"{self.user} ({self.qualification_number})"


class PartyType(models.TextChoices):
    CITIZEN = "citizen", _("自然人")
    ORGANIZATION = "organization", _("法人或其他组织")


class CaseStatus(models.TextChoices):
    OPENED = "opened", _("已立案")
    NOTIFIED = "notified", _("已告知")
    REVIEWED = "reviewed", _("已法制审核")
    DECIDED = "decided", _("已决定")
    SERVED = "served", _("已送达")
    EXECUTED = "executed", _("已执行")
    CLOSED = "closed", _("已结案")


class CaseOutcome(models.TextChoices):
    PENALTY = "penalty", _("给予行政处罚")
    NO_PENALTY_MINOR = "no_penalty_minor", _("轻微违法不予处罚")
    NO_PENALTY_FACTS = "no_penalty_facts", _("违法事实不能成立不予处罚")
    TRANSFER_TO_JUDICIAL = "transfer_to_judicial", _("移送司法机关")


class PenaltyKind(models.TextChoices):
    """行政处罚法 art 9."""

    WARNING = "warning", _("警告")
    CIRCULATED_CRITICISM = "circulated_criticism", _("通报批评")
    FINE = "fine", _("罚款")
    CONFISCATE_GAINS = "confiscate_gains", _("没收违法所得")
    CONFISCATE_PROPERTY = "confiscate_property", _("没收非法财物")
    SUSPEND_PERMIT = "suspend_permit", _("暂扣许可证件")
    DOWNGRADE_QUALIFICATION = "downgrade_qualification", _("降低资质等级")
    REVOKE_PERMIT = "revoke_permit", _("吊销许可证件")
    RESTRICT_BUSINESS = "restrict_business", _("限制开展生产经营活动")
    SUSPEND_PRODUCTION = "suspend_production", _("责令停产停业")
    CLOSURE = "closure", _("责令关闭")
    RESTRICT_PRACTICE = "restrict_practice", _("限制从业")
    OTHER_BY_LAW = "other_by_law", _("法律、行政法规规定的其他行政处罚")


class ReviewOutcome(models.TextChoices):
    APPROVED = "approved", _("同意")
    RETURN_FOR_SUPPLEMENT = "return_for_supplement", _("退回补充")
    REVISE = "revise", _("提出修改意见")
    DISAPPROVED = "disapproved", _("不同意")


class PenaltyCase(models.Model):
    """A penalty case file under the ordinary procedure, from 立案 to 结案."""

    case_number = models.CharField(_("案号"), max_length=60, unique=True)
    organization = models.ForeignKey(
        Organization, verbose_name=_("办案单位"), on_delete=models.PROTECT, related_name="+"
    )
    item = models.ForeignKey(
        EnforcementItem, verbose_name=_("处罚事项"), on_delete=models.PROTECT, related_name="cases"
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPENED
    )
    party_type = models.CharField(_("当事人类型"), max_length=20, choices=PartyType.choices)
    party_name = models.CharField(_("当事人"), max_length=120)
    party_id_number = models.CharField(_("证件号码/统一社会信用代码"), max_length=30)
    # 行政处罚法 art 59 (i): the decision letter states the party's name and address.
    party_address = models.CharField(_("当事人地址"), max_length=200, blank=True)
    facts = models.TextField(_("违法事实"))
    violation_date = models.DateField(_("违法行为发生（终了）日"))
    discovered_on = models.DateField(_("发现日期"))
    # Art 36: 5 years where life/health or financial safety was endangered with harm.
    limitation_years = models.PositiveSmallIntegerField(_("追责时效（年）"), default=2)
    opened_on = models.DateField(_("立案日期"))
    officers = models.CharField(_("承办执法人员"), max_length=200)
    is_major = models.BooleanField(_("重大执法决定"), default=False)
    major_reason = models.CharField(_("法制审核理由"), max_length=300, blank=True)
    # Advance notice (告知) and the rights it opens.
    notice_on = models.DateField(_("告知日期"), null=True, blank=True)
    intended_fine = models.DecimalField(
        _("拟罚款金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    intended_kinds = models.JSONField(_("拟处罚种类"), default=list, blank=True)
    hearing_offered = models.BooleanField(_("告知听证权利"), default=False)
    statement = models.TextField(_("陈述申辩"), blank=True)
    # Art 44-45: the party may waive the statement and hearing window in writing.
    rights_waived_on = models.DateField(_("书面放弃陈述申辩日期"), null=True, blank=True)
    waiver_note = models.CharField(_("放弃声明"), max_length=200, blank=True)
    hearing_requested_on = models.DateField(_("申请听证日期"), null=True, blank=True)
    hearing_notice_on = models.DateField(_("听证通知日期"), null=True, blank=True)
    hearing_scheduled_for = models.DateField(_("听证举行日期（通知）"), null=True, blank=True)
    hearing_held_on = models.DateField(_("听证日期"), null=True, blank=True)
    # Legal review (法制审核) and collective discussion (集体讨论).
    reviewer = models.ForeignKey(
        LegalReviewer,
        verbose_name=_("法制审核人员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    reviewed_on = models.DateField(_("审核日期"), null=True, blank=True)
    review_outcome = models.CharField(
        _("审核意见"), max_length=30, choices=ReviewOutcome.choices, blank=True
    )
    review_opinion = models.TextField(_("审核意见说明"), blank=True)
    discussion_on = models.DateField(_("集体讨论日期"), null=True, blank=True)
    discussion_minutes = models.CharField(_("集体讨论纪要"), max_length=120, blank=True)
    # Decision (art 57, 59) and discretion.
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    decision_number = models.CharField(_("决定书文号"), max_length=80, blank=True)
    outcome = models.CharField(
        _("处理结果"), max_length=30, choices=CaseOutcome.choices, blank=True
    )
    penalty_kinds = models.JSONField(_("处罚种类"), default=list, blank=True)
    fine_amount = models.DecimalField(
        _("罚款金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    exemption = models.ForeignKey(
        ExemptionItem,
        verbose_name=_("适用免罚清单事项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    education_given = models.CharField(_("教育方式"), max_length=200, blank=True)
    circumstances = models.JSONField(_("裁量情节"), default=list, blank=True)
    proposed_grade = models.CharField(
        _("建议阶次"), max_length=20, choices=DiscretionGrade.choices, blank=True
    )
    proposed_min = models.DecimalField(
        _("建议下限"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    proposed_max = models.DecimalField(
        _("建议上限"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    benchmark = models.ForeignKey(
        BenchmarkRow,
        verbose_name=_("适用基准"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    followed_benchmark = models.BooleanField(_("采纳建议"), null=True, blank=True)
    deviation_reason = models.TextField(_("未采纳理由"), blank=True)
    # Service, publicity, execution, closing.
    served_on = models.DateField(_("送达日期"), null=True, blank=True)
    service_method = models.CharField(_("送达方式"), max_length=40, blank=True)
    published_on = models.DateField(_("公示日期"), null=True, blank=True)
    # Art 48: a published decision later annulled is withdrawn within 3 working days.
    annulled_on = models.DateField(_("决定被撤销/确认违法日期"), null=True, blank=True)
    withdrawn_on = models.DateField(_("撤回公示日期"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("撤回理由"), max_length=200, blank=True)
    # Art 67, 72: payment within 15 days of receipt, 3 % a day after (capped at the fine).
    paid_on = models.DateField(_("缴纳罚款日期"), null=True, blank=True)
    surcharge = models.DecimalField(
        _("加处罚款（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    executed_on = models.DateField(_("执行完毕日期"), null=True, blank=True)
    execution_note = models.CharField(_("执行情况"), max_length=200, blank=True)
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["party_id_number"])

    class Meta:
        verbose_name = _("行政处罚案件")
        verbose_name_plural = _("行政处罚案件")
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fine_amount__isnull=True) | Q(fine_amount__gte=0),
                name="case_fine_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="no_penalty_minor") | Q(exemption__isnull=False),
                name="case_minor_needs_exemption",
            ),
        ]
        indexes = [
            models.Index(fields=["item", "outcome", "decided_on"]),
            models.Index(fields=["status", "decided_on"]),
            # The list's default order, city-wide and within a unit's scope (issue 19).
            models.Index(fields=["opened_on", "id"], name="penalty_list_order"),
            models.Index(fields=["organization", "opened_on", "id"], name="penalty_list_by_unit"),
        ]

    def __str__(self) -> str:
        return self.case_number

    @property
    def masked_party_id(self) -> str:
        # By what the value is, too: a personal ID entered for an organisation is masked.
        return mask_by_shape(self.party_id_number, personal=self.party_type == PartyType.CITIZEN)

    @property
    def public_party_name(self) -> str:
        """Natural persons are named by surname only in publicity (personal data removed)."""
        if self.party_type == PartyType.CITIZEN:
            return f"{self.party_name[:1]}某"
        return self.party_name


class EvidenceKind(models.TextChoices):
    """行政处罚法 art 46."""

    DOCUMENTARY = "documentary", _("书证")
    PHYSICAL = "physical", _("物证")
    AUDIO_VISUAL = "audio_visual", _("视听资料")
    ELECTRONIC = "electronic", _("电子数据")
    WITNESS = "witness", _("证人证言")
    PARTY_STATEMENT = "party_statement", _("当事人的陈述")
    EXPERT_OPINION = "expert_opinion", _("鉴定意见")
    INSPECTION_RECORD = "inspection_record", _("勘验笔录、现场笔录")


class CaseEvidence(models.Model):
    """An attachment of the case file, stored under its SHA-256 (全过程记录, art 47)."""

    case = models.ForeignKey(PenaltyCase, on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField(_("证据种类"), max_length=30, choices=EvidenceKind.choices)
    description = models.CharField(_("说明"), max_length=300)
    file_name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    storage_name = models.CharField(max_length=200)
    collected_on = models.DateField(_("取证日期"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("证据材料")
        verbose_name_plural = _("证据材料")
        ordering = ["collected_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "sha256"], name="evidence_unique_per_case")
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.sha256[:12]})"


class PreservationOutcome(models.TextChoices):
    """先行登记保存的处理决定 (行政处罚法 art 56 orders a decision within 7 days, not its kinds).

    The kinds are those of the sector rule recalled in ``rules.PRESERVATION_OUTCOMES`` (UNCONFIRMED,
    not in the law base); a seizure or confiscation must cite the law that allows it.
    """

    RELEASE = "release", _("解除先行登记保存，退还当事人")
    TEST = "test", _("送交检测、检验、检疫或者鉴定")
    TRANSFER = "transfer", _("移送有关机关处理")
    SEIZE = "seize", _("依法采取查封、扣押措施")
    CONFISCATE = "confiscate", _("违法事实成立，依法予以没收")


class EvidencePreservation(models.Model):
    """先行登记保存 (行政处罚法 art 56): evidence at risk registered, with the head's approval, on
    the server's date; a decision on it is due within 7 working days (art 85)."""

    case = models.ForeignKey(PenaltyCase, on_delete=models.PROTECT, related_name="preservations")
    items = models.TextField(_("登记保存物品"))
    place = models.CharField(_("保存地点"), max_length=200)
    approved_by = models.CharField(_("批准的行政机关负责人"), max_length=60)
    registered_on = models.DateField(_("登记保存日期"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_on = models.DateField(_("处理决定期限"))
    decided_on = models.DateField(_("处理决定日期"), null=True, blank=True)
    outcome = models.CharField(
        _("处理决定"), max_length=20, choices=PreservationOutcome.choices, blank=True
    )
    outcome_basis = models.CharField(_("处理依据"), max_length=200, blank=True)
    outcome_note = models.CharField(_("处理说明"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("先行登记保存")
        verbose_name_plural = _("先行登记保存")
        ordering = ["registered_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True, outcome="")
                | (Q(decided_on__isnull=False) & ~Q(outcome="")),
                name="preservation_decision_complete",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} · {self.items[:20]}"


class CommitmentStatus(models.TextChoices):
    NOTIFIED = "notified", _("已告知")
    COMMITTED = "committed", _("已承诺")
    REFUSED = "refused", _("拒绝承诺")
    VERIFIED = "verified", _("已核查")


class CommitmentResult(models.TextChoices):
    CORRECTED = "corrected", _("已改正")
    NOT_CORRECTED = "not_corrected", _("未改正")
    FALSE_COMMITMENT = "false_commitment", _("虚假承诺")


class Commitment(models.Model):
    """Notice-and-commitment for a minor violation (轻微违法行为告知承诺, spec §2)."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("执法单位"), on_delete=models.PROTECT, related_name="+"
    )
    exemption = models.ForeignKey(
        ExemptionItem,
        verbose_name=_("清单事项"),
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.NOTIFIED,
    )
    party_type = models.CharField(_("当事人类型"), max_length=20, choices=PartyType.choices)
    party_name = models.CharField(_("当事人"), max_length=120)
    party_id_number = models.CharField(_("证件号码/统一社会信用代码"), max_length=30)
    facts = models.TextField(_("违法事实"))
    violation_date = models.DateField(_("违法行为日"))
    notice_on = models.DateField(_("告知日期"))
    correct_by = models.DateField(_("改正期限"))
    signed_on = models.DateField(_("承诺日期"), null=True, blank=True)
    refused_on = models.DateField(_("拒绝日期"), null=True, blank=True)
    verified_on = models.DateField(_("核查日期"), null=True, blank=True)
    result = models.CharField(
        _("核查结果"), max_length=20, choices=CommitmentResult.choices, blank=True
    )
    follow_up_case = models.OneToOneField(
        PenaltyCase,
        verbose_name=_("转立案件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitment",
    )
    filed_on = models.DateField(_("备案日期"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["party_id_number"])

    class Meta:
        verbose_name = _("告知承诺")
        verbose_name_plural = _("告知承诺")
        ordering = ["-notice_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(correct_by__gte=F("notice_on")), name="commitment_deadline_after_notice"
            )
        ]

    def __str__(self) -> str:
        return f"{self.party_name} · {self.exemption.code}"


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("有效")
    SUSPENDED = "suspended", _("暂扣")
    REVOKED = "revoked", _("注销")
    LAPSED = "lapsed", _("失效")


class CertificateEndReason(models.TextChoices):
    LEFT_ENFORCEMENT = "left_enforcement", _("调离执法岗位")
    CRIMINAL = "criminal", _("受到刑事处罚")
    DISMISSED = "dismissed", _("被开除或辞退")
    TRAINING = "training", _("未完成年度培训或考试")
    OTHER = "other", _("其他")


class EnforcementCertificate(models.Model):
    """An enforcement certificate (行政执法证) held by a person (行政处罚法 art 42, 55;
    浙江省综合行政执法条例 art 28): valid from/to unless suspended, revoked or lapsed earlier.

    The person's ``enforcement_certificate_number`` / ``certificate_valid_until`` mirror the
    latest certificate so the pages that list people keep reading them.
    """

    person = models.ForeignKey(
        "core.Person",
        verbose_name=_("持证人"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    number = models.CharField(_("执法证号"), max_length=30, unique=True)
    issuer = models.CharField(_("发证机关"), max_length=100)
    valid_from = models.DateField(_("有效期自"))
    valid_to = models.DateField(_("有效期至"))
    status = models.CharField(
        _("状态"), max_length=20, choices=CertificateStatus.choices, default=CertificateStatus.VALID
    )
    ended_on = models.DateField(_("终止日期"), null=True, blank=True)
    end_reason = models.CharField(
        _("终止原因"), max_length=30, choices=CertificateEndReason.choices, blank=True
    )
    end_note = models.CharField(_("终止说明"), max_length=200, blank=True)
    training_year = models.PositiveSmallIntegerField(_("培训年度"), null=True, blank=True)
    training_hours = models.DecimalField(
        _("年度培训学时"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("行政执法证")
        verbose_name_plural = _("行政执法证")
        ordering = ["person__organization__path", "number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__gte=F("valid_from")), name="certificate_valid_range"
            ),
            models.CheckConstraint(
                condition=Q(status="valid", ended_on__isnull=True)
                | (~Q(status="valid") & Q(ended_on__isnull=False)),
                name="certificate_end_matches_status",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.person}"

    def valid_on(self, day) -> bool:
        return self.valid_from <= day <= self.valid_to and (
            self.ended_on is None or day < self.ended_on
        )


class CaseOfficer(models.Model):
    """A certified officer on a case file (art 42: at least two); a recused one is kept with
    the day they left (art 43)."""

    case = models.ForeignKey(PenaltyCase, on_delete=models.CASCADE, related_name="case_officers")
    person = models.ForeignKey(
        "core.Person", verbose_name=_("执法人员"), on_delete=models.PROTECT, related_name="+"
    )
    certificate = models.ForeignKey(
        EnforcementCertificate,
        verbose_name=_("执法证"),
        on_delete=models.PROTECT,
        related_name="case_assignments",
    )
    assigned_on = models.DateField(_("承办日期"))
    recused_on = models.DateField(_("回避日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("承办执法人员")
        verbose_name_plural = _("承办执法人员")
        ordering = ["case", "id"]

    def __str__(self) -> str:
        return f"{self.case} · {self.person}"


class SummaryStatus(models.TextChoices):
    DECIDED = "decided", _("当场作出")
    FILED = "filed", _("已备案")


class SummaryDecision(models.Model):
    """A penalty decided on the spot under the summary procedure (简易程序, 行政处罚法 art 51–53):
    a warning, or a fine within the dated ceiling for the party type; filed with the agency."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("执法单位"), on_delete=models.PROTECT, related_name="+"
    )
    item = models.ForeignKey(
        EnforcementItem, verbose_name=_("处罚事项"), on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField(_("决定书编号"), max_length=60, unique=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=SummaryStatus.choices, default=SummaryStatus.DECIDED
    )
    party_type = models.CharField(_("当事人类型"), max_length=20, choices=PartyType.choices)
    party_name = models.CharField(_("当事人"), max_length=120)
    party_id_number = models.CharField(_("证件号码/统一社会信用代码"), max_length=30)
    facts = models.TextField(_("违法事实"))
    place = models.CharField(_("地点"), max_length=200)
    decided_on = models.DateField(_("决定日期"))
    penalty_kinds = models.JSONField(_("处罚种类"), default=list)
    fine_amount = models.DecimalField(
        _("罚款金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    officers = models.CharField(_("执法人员"), max_length=200)
    party_refused_to_sign = models.BooleanField(_("当事人拒绝签收"), default=False)
    filed_on = models.DateField(_("备案日期"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["party_id_number"])

    class Meta:
        verbose_name = _("简易程序处罚决定")
        verbose_name_plural = _("简易程序处罚决定")
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return self.number
