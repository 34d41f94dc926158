"""Administrative normative documents (行政规范性文件) from drafting to cleanup, the configurable
joint-review types, and document inspections.

A document's ``organization`` is its drafting unit (scoping follows it); ``issuing_body`` is the
body in whose name it is issued (the city government for 海政规 documents). Each step is a row
written by one service: reviews per round, filings per recipient, evaluations, cleanup decisions.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from fazhi.core.models import Organization


class DocumentStatus(models.TextChoices):
    DRAFTING = "drafting", _("起草中")
    IN_COMMENT = "in_comment", _("公开征求意见")
    IN_REVIEW = "in_review", _("审查中")
    LEGALITY_PASSED = "legality_passed", _("合法性审核通过")
    DELIBERATED = "deliberated", _("已集体审议")
    ISSUED = "issued", _("已发布")
    REPEALED = "repealed", _("已废止")
    DECLARED_INVALID = "declared_invalid", _("已宣布失效")


class Validity(models.TextChoices):
    """What the public database shows, derived from status and the validity period."""

    IN_FORCE = "in_force", _("有效")
    EXPIRED = "expired", _("失效")
    REPEALED = "repealed", _("废止")
    DECLARED_INVALID = "declared_invalid", _("宣布失效")


class ReviewType(models.Model):
    """One dimension of the joint review (公平竞争审查, 财政政策审查, …), owned by a unit."""

    code = models.SlugField(_("编码"), max_length=40, unique=True)
    name = models.CharField(_("审查类型"), max_length=60)
    owner_unit = models.ForeignKey(
        Organization, verbose_name=_("审查单位"), on_delete=models.PROTECT, related_name="+"
    )
    legal_basis = models.CharField(_("依据"), max_length=300, blank=True)
    required_for_market_related = models.BooleanField(_("涉及市场主体的文件必审"), default=False)
    configured_on = models.DateField(_("配置日期"))
    is_active = models.BooleanField(_("启用"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("联合审查类型")
        verbose_name_plural = _("联合审查类型")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class NormativeDocument(models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name=_("起草单位"), on_delete=models.PROTECT, related_name="+"
    )
    issuing_body = models.ForeignKey(
        Organization, verbose_name=_("制定机关"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"))
    drafting_explanation = models.TextField(_("起草说明"), blank=True)
    legal_bases = models.TextField(_("制定依据"), blank=True)
    market_related = models.BooleanField(_("涉及市场主体经济活动"), default=False)
    source_file_name = models.CharField(_("上传文件"), max_length=200, blank=True)
    source_sha256 = models.CharField(max_length=64, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.DRAFTING
    )
    review_round = models.PositiveSmallIntegerField(_("审查轮次"), default=0)
    comment_starts_on = models.DateField(_("征求意见开始"), null=True, blank=True)
    comment_ends_on = models.DateField(_("征求意见截止"), null=True, blank=True)
    comment_completed_on = models.DateField(_("征求意见完成"), null=True, blank=True)
    meeting_kind = models.CharField(_("审议会议"), max_length=20, blank=True)
    meeting_date = models.DateField(_("审议日期"), null=True, blank=True)
    meeting_minutes = models.TextField(_("会议纪要"), blank=True)
    registration_number = models.CharField(_("登记号"), max_length=60, blank=True)
    document_number = models.CharField(_("文号"), max_length=60, blank=True)
    issued_on = models.DateField(_("发布日期"), null=True, blank=True, db_index=True)
    effective_from = models.DateField(_("施行日期"), null=True, blank=True)
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    is_provisional = models.BooleanField(_("暂行/试行"), default=False)
    ended_on = models.DateField(_("废止或失效日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("行政规范性文件")
        verbose_name_plural = _("行政规范性文件")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["document_number"],
                condition=~Q(document_number=""),
                name="normdoc_unique_document_number",
            ),
            models.UniqueConstraint(
                fields=["registration_number"],
                condition=~Q(registration_number=""),
                name="normdoc_unique_registration_number",
            ),
            # "Three unified": an issued document always has its registration and number.
            models.CheckConstraint(
                condition=Q(issued_on__isnull=True)
                | (~Q(document_number="") & ~Q(registration_number="")),
                name="normdoc_issued_numbered",
            ),
        ]
        indexes = [models.Index(fields=["status", "issued_on"])]

    def __str__(self) -> str:
        return self.title


class JointReviewOutcome(models.TextChoices):
    PASSED = "passed", _("通过")
    PASSED_WITH_CHANGES = "passed_with_changes", _("修改后通过")
    NOT_PASSED = "not_passed", _("不通过")


class CompetitionConclusion(models.TextChoices):
    """The fair-competition review's conclusion (公平竞争审查条例第十七条、第十八条)."""

    NO_EFFECT = "no_effect", _("不具有排除、限制竞争效果")
    EXCEPTION = "exception", _("具有排除、限制竞争效果，适用例外规定")
    RESTRICTIVE = "restrictive", _("具有排除、限制竞争效果，不得出台")


class JointReview(models.Model):
    """One required review of one round; open until its owner unit records an outcome.

    The fair-competition review also records its conclusion, any exception relied on (with the
    article of the instrument in force on the day) and the measure's period of application.
    """

    document = models.ForeignKey(
        NormativeDocument, on_delete=models.PROTECT, related_name="joint_reviews"
    )
    review_type = models.ForeignKey(ReviewType, on_delete=models.PROTECT, related_name="reviews")
    round = models.PositiveSmallIntegerField(_("轮次"))
    outcome = models.CharField(
        _("审查结论"), max_length=20, choices=JointReviewOutcome.choices, blank=True
    )
    opinion = models.TextField(_("审查意见"), blank=True)
    concluded_on = models.DateField(_("审查日期"), null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    competition_conclusion = models.CharField(
        _("公平竞争审查结论"), max_length=12, choices=CompetitionConclusion.choices, blank=True
    )
    competition_exception = models.CharField(_("适用的例外情形"), max_length=20, blank=True)
    competition_exception_basis = models.CharField(_("例外情形依据"), max_length=200, blank=True)
    competition_exception_resolved = models.BooleanField(_("依据已在法律库核实"), default=False)
    competition_justification = models.TextField(_("适用例外的详细说明"), blank=True)
    competition_applies_until = models.DateField(_("实施期限至"), null=True, blank=True)
    competition_termination_condition = models.CharField(_("终止条件"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("联合审查")
        verbose_name_plural = _("联合审查")
        ordering = ["document", "round", "review_type__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "review_type", "round"], name="joint_review_once_per_round"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document} · {self.review_type}"


class LegalityOutcome(models.TextChoices):
    LAWFUL = "lawful", _("合法")
    AMEND = "amend", _("应当予以修改")
    UNLAWFUL = "unlawful", _("不合法")


class LegalityReview(models.Model):
    document = models.ForeignKey(
        NormativeDocument, on_delete=models.PROTECT, related_name="legality_reviews"
    )
    round = models.PositiveSmallIntegerField(_("轮次"))
    submitted_on = models.DateField(_("送审日期"))
    # The day the submission was entered: the minimum review time runs in the system from it.
    recorded_on = models.DateField(_("录入日期"), null=True, blank=True)
    submission_backdate_reason = models.CharField(_("送审日期补录理由"), max_length=300, blank=True)
    outcome = models.CharField(
        _("审核结论"), max_length=10, choices=LegalityOutcome.choices, blank=True
    )
    opinion = models.TextField(_("审核意见"), blank=True)
    concluded_on = models.DateField(_("审核日期"), null=True, blank=True)
    conclusion_backdate_reason = models.CharField(_("审核日期补录理由"), max_length=300, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("合法性审核")
        verbose_name_plural = _("合法性审核")
        ordering = ["document", "round"]
        constraints = [
            models.UniqueConstraint(fields=["document", "round"], name="legality_once_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.document} · {self.round}"


class MeetingKind(models.TextChoices):
    EXECUTIVE = "executive", _("政府常务会议")
    PLENARY = "plenary", _("政府全体会议")
    OFFICE = "office", _("部门办公会议")


class FilingTarget(models.TextChoices):
    UPPER_GOVERNMENT = "upper_government", _("上级人民政府")
    PEOPLES_CONGRESS = "peoples_congress", _("本级人大常委会")
    CITY_GOVERNMENT = "city_government", _("本级人民政府")


class FilingReviewOutcome(models.TextChoices):
    """The filing body's review (备案审查) result, as notified to the issuer."""

    NO_ISSUE = "no_issue", _("无问题，予以备案")
    CORRECTION_REQUIRED = "correction", _("要求纠正")
    CORRECTED = "corrected", _("已自行纠正")
    REVOKED = "revoked", _("予以撤销或改变")


class Filing(models.Model):
    document = models.ForeignKey(
        NormativeDocument, on_delete=models.PROTECT, related_name="filings"
    )
    target = models.CharField(_("备案机关"), max_length=20, choices=FilingTarget.choices)
    due_on = models.DateField(_("报备期限"))
    filed_on = models.DateField(_("报备日期"), null=True, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_outcome = models.CharField(
        _("备案审查结果"), max_length=12, choices=FilingReviewOutcome.choices, blank=True
    )
    reviewed_on = models.DateField(_("审查结果日期"), null=True, blank=True)
    review_notes = models.TextField(_("审查意见"), blank=True)
    review_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("备案")
        verbose_name_plural = _("备案")
        ordering = ["document", "target"]
        constraints = [
            models.UniqueConstraint(fields=["document", "target"], name="filing_once_per_target")
        ]

    def __str__(self) -> str:
        return f"{self.document} · {self.get_target_display()}"


class EvaluationKind(models.TextChoices):
    SELF = "self", _("自行评估")
    THIRD_PARTY = "third_party", _("第三方评估")


class EvaluationConclusion(models.TextChoices):
    CONTINUE = "continue", _("继续施行")
    AMEND = "amend", _("修改")
    REPEAL = "repeal", _("废止")


class Evaluation(models.Model):
    document = models.ForeignKey(
        NormativeDocument, on_delete=models.PROTECT, related_name="evaluations"
    )
    kind = models.CharField(_("评估方式"), max_length=12, choices=EvaluationKind.choices)
    evaluator = models.CharField(_("评估机构"), max_length=100)
    report = models.TextField(_("评估报告摘要"))
    report_file_name = models.CharField(_("报告文件"), max_length=200, blank=True)
    report_sha256 = models.CharField(max_length=64, blank=True)
    conclusion = models.CharField(
        _("评估结论"), max_length=10, choices=EvaluationConclusion.choices
    )
    evaluated_on = models.DateField(_("评估日期"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("评估")
        verbose_name_plural = _("评估")
        ordering = ["document", "evaluated_on"]

    def __str__(self) -> str:
        return f"{self.document} · {self.evaluated_on}"


class CleanupOutcome(models.TextChoices):
    RETAIN = "retain", _("继续有效")
    AMEND = "amend", _("修改")
    REPEAL = "repeal", _("废止")
    DECLARE_INVALID = "declare_invalid", _("宣布失效")


class CleanupDecision(models.Model):
    document = models.ForeignKey(
        NormativeDocument, on_delete=models.PROTECT, related_name="cleanup_decisions"
    )
    outcome = models.CharField(_("清理结果"), max_length=16, choices=CleanupOutcome.choices)
    reason = models.TextField(_("理由"))
    decided_on = models.DateField(_("决定日期"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("清理决定")
        verbose_name_plural = _("清理决定")
        ordering = ["document", "decided_on"]

    def __str__(self) -> str:
        return f"{self.document} · {self.get_outcome_display()}"


class InspectionKind(models.TextChoices):
    SPECIAL = "special", _("专项检查")
    QUARTERLY = "quarterly", _("季度检查")


class InspectionStatus(models.TextChoices):
    OPEN = "open", _("进行中")
    CLOSED = "closed", _("已结束")


class Inspection(models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name=_("组织单位"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("名称"), max_length=200)
    kind = models.CharField(_("类型"), max_length=10, choices=InspectionKind.choices)
    started_on = models.DateField(_("开始日期"), db_index=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=InspectionStatus.choices, default=InspectionStatus.OPEN
    )
    closed_on = models.DateField(_("结束日期"), null=True, blank=True)
    summary = models.TextField(_("检查总结"), blank=True)
    documents = models.ManyToManyField(
        NormativeDocument, through="InspectionItem", related_name="inspections"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("文件检查")
        verbose_name_plural = _("文件检查")
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return self.title


class InspectionItem(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="items")
    document = models.ForeignKey(NormativeDocument, on_delete=models.PROTECT, related_name="+")
    selected_by = models.CharField(_("抽取方式"), max_length=100)

    class Meta:
        verbose_name = _("受检文件")
        verbose_name_plural = _("受检文件")
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "document"], name="inspection_item_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.inspection} · {self.document}"


class FindingCategory(models.TextChoices):
    AUTHORITY = "authority", _("超越职权")
    CONTENT = "content", _("内容不合法")
    PROCEDURE = "procedure", _("程序不规范")
    FAIR_COMPETITION = "fair_competition", _("妨碍公平竞争")
    FORM = "form", _("文本格式不规范")
    FILING = "filing", _("备案不及时")
    VALIDITY = "validity", _("有效期不规范")
    PUBLICATION = "publication", _("公开发布不规范")


class FindingStatus(models.TextChoices):
    OPEN = "open", _("整改中")
    RECTIFIED = "rectified", _("已整改")


class InspectionFinding(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="findings")
    document = models.ForeignKey(
        NormativeDocument, on_delete=models.PROTECT, related_name="inspection_findings"
    )
    category = models.CharField(_("问题类别"), max_length=20, choices=FindingCategory.choices)
    description = models.TextField(_("问题描述"))
    rectification_due = models.DateField(_("整改期限"))
    status = models.CharField(
        _("状态"), max_length=10, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    rectified_on = models.DateField(_("整改日期"), null=True, blank=True)
    rectification_note = models.TextField(_("整改情况"), blank=True)
    recorded_on = models.DateField(_("发现日期"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("检查发现问题")
        verbose_name_plural = _("检查发现问题")
        ordering = ["inspection", "id"]

    def __str__(self) -> str:
        return f"{self.inspection} · {self.get_category_display()}"
