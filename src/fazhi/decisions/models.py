"""Tables of major administrative decisions: the annual catalog, each decision's file of five
procedures, three checks, publication, implementation, post-evaluation and changes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from fazhi.core.models import Organization
from fazhi.decisions.domain import CheckKind, StepKind, StepStatus


class Category(models.TextChoices):
    """第3条 scope categories."""

    PUBLIC_POLICY = "public_policy", _("重大公共政策和措施")
    DEVELOPMENT_PLAN = "development_plan", _("经济和社会发展重要规划")
    RESOURCES = "resources", _("重要自然和文化资源开发利用")
    CONSTRUCTION = "construction", _("重大公共建设项目")
    OTHER = "other", _("其他重大事项")


class CatalogStatus(models.TextChoices):
    DRAFTING = "drafting", _("征集中")
    APPROVED = "approved", _("已审定")
    PUBLISHED = "published", _("已公布")


class Catalog(models.Model):
    """A decision organ's annual catalog (重大行政决策事项目录)."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("决策机关"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("名称"), max_length=200)
    status = models.CharField(
        _("状态"), max_length=20, choices=CatalogStatus.choices, default=CatalogStatus.DRAFTING
    )
    approved_on = models.DateField(_("审定日期"), null=True, blank=True)
    approval_meeting = models.CharField(_("审定会议"), max_length=200, blank=True)
    party_consent_on = models.DateField(_("同级党委同意日期"), null=True, blank=True)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("决策事项目录")
        verbose_name_plural = _("决策事项目录")
        ordering = ["-year", "organization__path"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="decision_catalog_year")
        ]

    def __str__(self) -> str:
        return self.title


class EntryStatus(models.TextChoices):
    PROPOSED = "proposed", _("已申报")
    LISTED = "listed", _("已列入")
    WITHDRAWN = "withdrawn", _("已调出")


class CatalogEntry(models.Model):
    """One matter in a catalog; ``organization`` is the sponsor (决策承办单位)."""

    catalog = models.ForeignKey(Catalog, on_delete=models.PROTECT, related_name="entries")
    sequence = models.PositiveSmallIntegerField(_("序号"))
    title = models.CharField(_("决策事项"), max_length=200)
    category = models.CharField(_("类别"), max_length=30, choices=Category.choices)
    organization = models.ForeignKey(
        Organization, verbose_name=_("承办单位"), on_delete=models.PROTECT, related_name="+"
    )
    basis = models.TextField(_("法律政策依据"))
    planned_completion = models.DateField(_("计划完成时间"))
    status = models.CharField(
        _("状态"), max_length=20, choices=EntryStatus.choices, default=EntryStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("目录事项")
        verbose_name_plural = _("目录事项")
        ordering = ["catalog", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["catalog", "sequence"], name="catalog_entry_sequence"),
            models.UniqueConstraint(fields=["catalog", "title"], name="catalog_entry_title"),
        ]

    def __str__(self) -> str:
        return self.title


class AdjustmentKind(models.TextChoices):
    ADD = "add", _("增列")
    WITHDRAW = "withdraw", _("调出")
    RESCHEDULE = "reschedule", _("调整计划时间")


class CatalogAdjustment(models.Model):
    """A change to an approved catalog, always with its reason."""

    catalog = models.ForeignKey(Catalog, on_delete=models.PROTECT, related_name="adjustments")
    entry = models.ForeignKey(CatalogEntry, on_delete=models.PROTECT, related_name="adjustments")
    kind = models.CharField(_("调整类型"), max_length=20, choices=AdjustmentKind.choices)
    reason = models.TextField(_("调整理由"))
    adjusted_on = models.DateField(_("调整日期"))
    previous_completion = models.DateField(_("原计划完成时间"), null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("目录调整")
        verbose_name_plural = _("目录调整")
        ordering = ["adjusted_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.entry}"


class DecisionStatus(models.TextChoices):
    DRAFTING = "drafting", _("程序履行中")
    DECIDED = "decided", _("已决定")
    REJECTED = "rejected", _("未通过")
    PUBLISHED = "published", _("已公布实施")
    SUSPENDED = "suspended", _("中止执行")
    TERMINATED = "terminated", _("已停止执行")


class Decision(models.Model):
    """One major decision launched from a catalog entry; ``organization`` is the sponsor."""

    entry = models.OneToOneField(
        CatalogEntry, verbose_name=_("目录事项"), on_delete=models.PROTECT, related_name="decision"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("承办单位"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("决策名称"), max_length=200)
    status = models.CharField(
        _("状态"), max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.DRAFTING
    )
    launched_on = models.DateField(_("启动日期"))
    draft_summary = models.TextField(_("决策草案说明"))
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    party_report_on = models.DateField(_("向党委请示报告日期"), null=True, blank=True)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    publication_channel = models.CharField(_("公布途径"), max_length=200, blank=True)
    document_number = models.CharField(_("文号"), max_length=60, blank=True)
    executing_unit = models.ForeignKey(
        Organization,
        verbose_name=_("执行单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("重大行政决策")
        verbose_name_plural = _("重大行政决策")
        ordering = ["-launched_on", "-id"]
        indexes = [models.Index(fields=["status", "decided_on"])]

    def __str__(self) -> str:
        return self.title


class RiskLevel(models.TextChoices):
    LOW = "low", _("低风险")
    MEDIUM = "medium", _("中风险")
    HIGH = "high", _("高风险")


class LegalityOutcome(models.TextChoices):
    LAWFUL = "lawful", _("合法")
    LAWFUL_WITH_CHANGES = "lawful_with_changes", _("修改后合法")
    UNLAWFUL = "unlawful", _("不合法")


class MeetingType(models.TextChoices):
    EXECUTIVE = "executive", _("常务会议")
    PLENARY = "plenary", _("全体会议")


class MeetingResult(models.TextChoices):
    ADOPTED = "adopted", _("通过")
    ADOPTED_WITH_CHANGES = "adopted_with_changes", _("修改后通过")
    REJECTED = "rejected", _("不予通过")


class ProcedureStep(models.Model):
    """One of the five statutory procedures of a decision, with its evidence.

    Every decision has exactly one row per kind (a database constraint), created when the
    decision is launched, so a procedure can never be recorded twice. Kind-specific evidence sits
    in its own typed columns rather than a loose JSON blob, so that figures can be computed in SQL.
    """

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(
        _("程序"),
        max_length=30,
        choices=[
            (StepKind.PUBLIC_PARTICIPATION, _("公众参与")),
            (StepKind.EXPERT_ARGUMENTATION, _("专家论证")),
            (StepKind.RISK_ASSESSMENT, _("风险评估")),
            (StepKind.LEGALITY_REVIEW, _("合法性审查")),
            (StepKind.COLLECTIVE_DISCUSSION, _("集体讨论决定")),
        ],
    )
    position = models.PositiveSmallIntegerField(_("顺序"))
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=[
            (StepStatus.PENDING, _("未开始")),
            (StepStatus.OPEN, _("进行中")),
            (StepStatus.COMPLETED, _("已完成")),
            (StepStatus.SKIPPED, _("依法不适用")),
        ],
        default=StepStatus.PENDING,
    )
    started_on = models.DateField(_("开始日期"), null=True, blank=True)
    completed_on = models.DateField(_("完成日期"), null=True, blank=True)
    skip_reason = models.TextField(_("不适用理由"), blank=True)
    skip_basis = models.CharField(_("不适用依据"), max_length=200, blank=True)
    summary = models.TextField(_("情况说明"), blank=True)
    # public participation (第14–18条)
    # The comment period, the comments and their handling live in the shared consultation
    # component (``consultations.selectors.consultation_for(decision)``); the step keeps what the
    # consultation does not: the channel, the stated urgency and any hearing or forum.
    shortened_reason = models.TextField(_("缩短期限理由"), blank=True)
    channel = models.CharField(_("征求意见途径"), max_length=200, blank=True)
    hearing_held_on = models.DateField(_("听证会/座谈会日期"), null=True, blank=True)
    # expert argumentation (第19–21条)
    organizer = models.CharField(_("论证组织单位"), max_length=200, blank=True)
    experts = models.TextField(_("论证专家"), blank=True)
    # risk assessment (第22–24条)
    risk_level = models.CharField(
        _("风险等级"), max_length=10, choices=RiskLevel.choices, blank=True
    )
    assessor = models.CharField(_("评估单位"), max_length=200, blank=True)
    mitigation = models.TextField(_("风险防范化解措施"), blank=True)
    # legality review (第25–28条)
    review_due_on = models.DateField(_("审查期限届满日"), null=True, blank=True)
    legality_outcome = models.CharField(
        _("审查结论"), max_length=30, choices=LegalityOutcome.choices, blank=True
    )
    # collective discussion (第30条)
    meeting_type = models.CharField(
        _("会议类型"), max_length=20, choices=MeetingType.choices, blank=True
    )
    meeting_name = models.CharField(_("会议名称"), max_length=200, blank=True)
    meeting_result = models.CharField(
        _("会议结果"), max_length=30, choices=MeetingResult.choices, blank=True
    )
    head_spoke_last = models.BooleanField(_("行政首长最后发表意见"), null=True, blank=True)
    dissent = models.TextField(_("不同意见"), blank=True)
    majority_differs_reason = models.TextField(_("与多数意见不一致的理由"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("决策程序")
        verbose_name_plural = _("决策程序")
        ordering = ["decision", "position"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "kind"], name="decision_step_once"),
            models.CheckConstraint(
                condition=~Q(status=StepStatus.SKIPPED) | ~Q(skip_reason=""),
                name="decision_step_skip_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision} · {self.get_kind_display()}"


class CheckOutcome(models.TextChoices):
    PASSED = "passed", _("通过")
    PASSED_AFTER_RECTIFICATION = "passed_after_rectification", _("整改后通过")


class DecisionCheck(models.Model):
    """One of the three checks (承办部门自查, 法制机构再查, 法律顾问协查)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="checks")
    kind = models.CharField(
        _("审查环节"),
        max_length=30,
        choices=[
            (CheckKind.SELF_CHECK, _("承办部门自查")),
            (CheckKind.LEGAL_AGENCY_CHECK, _("法制机构再查")),
            (CheckKind.LEGAL_ADVISER_CHECK, _("法律顾问协查")),
        ],
    )
    checker = models.CharField(_("检查人"), max_length=100)
    checked_on = models.DateField(_("检查日期"))
    findings = models.TextField(_("发现问题"), blank=True)
    rectification = models.TextField(_("整改情况"), blank=True)
    outcome = models.CharField(_("结论"), max_length=30, choices=CheckOutcome.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("三查记录")
        verbose_name_plural = _("三查记录")
        ordering = ["decision", "checked_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "kind"], name="decision_check_once"),
        ]

    def __str__(self) -> str:
        return f"{self.decision} · {self.get_kind_display()}"


class ImplementationReport(models.Model):
    """Progress reported by the executing unit (第34–35条)."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="implementation_reports"
    )
    reported_on = models.DateField(_("报告日期"))
    progress = models.TextField(_("执行情况"))
    problems = models.TextField(_("存在问题"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("执行情况报告")
        verbose_name_plural = _("执行情况报告")
        ordering = ["decision", "reported_on", "id"]

    def __str__(self) -> str:
        return f"{self.decision} {self.reported_on}"


class EvaluationTrigger(models.TextChoices):
    """第36条 triggers."""

    UNDERPERFORMING = "underperforming", _("实施后明显未达到预期效果")
    MANY_OPINIONS = "many_opinions", _("公民、法人或者其他组织提出较多意见")
    ORGAN_DISCRETION = "organ_discretion", _("决策机关认为有必要")


class Recommendation(models.TextChoices):
    CONTINUE = "continue", _("继续执行")
    ADJUST = "adjust", _("调整")
    SUSPEND = "suspend", _("中止执行")
    TERMINATE = "terminate", _("停止执行")


class PostEvaluation(models.Model):
    """Post-decision evaluation (决策后评估); its clock runs from commissioning."""

    decision = models.OneToOneField(
        Decision, on_delete=models.CASCADE, related_name="post_evaluation"
    )
    trigger = models.CharField(_("评估情形"), max_length=30, choices=EvaluationTrigger.choices)
    evaluator = models.CharField(_("评估单位"), max_length=200)
    is_third_party = models.BooleanField(_("第三方评估"), default=False)
    commissioned_on = models.DateField(_("启动日期"))
    completed_on = models.DateField(_("完成日期"), null=True, blank=True)
    findings = models.TextField(_("评估结论"), blank=True)
    recommendation = models.CharField(
        _("评估建议"), max_length=20, choices=Recommendation.choices, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("决策后评估")
        verbose_name_plural = _("决策后评估")

    def __str__(self) -> str:
        return f"{self.decision} · {self.evaluator}"


class ChangeKind(models.TextChoices):
    ADJUST = "adjust", _("调整")
    SUSPEND = "suspend", _("中止执行")
    RESUME = "resume", _("恢复执行")
    TERMINATE = "terminate", _("停止执行")


class DecisionChange(models.Model):
    """An adjustment, suspension, resumption or termination, with its reason (第37条)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(_("类型"), max_length=20, choices=ChangeKind.choices)
    changed_on = models.DateField(_("日期"))
    reason = models.TextField(_("理由"))
    content = models.TextField(_("调整内容"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("决策变更")
        verbose_name_plural = _("决策变更")
        ordering = ["decision", "changed_on", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="decision_change_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.decision} · {self.get_kind_display()}"


class Attachment(models.Model):
    """A document of the decision file, stored content-addressed under its SHA-256."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="attachments")
    stage = models.CharField(_("所属环节"), max_length=30, blank=True)
    title = models.CharField(_("材料名称"), max_length=200)
    file_name = models.CharField(_("文件名"), max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField(_("大小"))
    storage_name = models.CharField(max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("决策材料")
        verbose_name_plural = _("决策材料")
        ordering = ["decision", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title
