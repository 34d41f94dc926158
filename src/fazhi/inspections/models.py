"""综合查一次 and 双随机一公开: the resource library, random-draw plans, joint plans and visits.

Library: ``InspectionItem`` (per department), ``Subject`` (检查对象), ``Inspector`` (a certified
``core.Person``), ``Relation`` (a declared conflict of interest), ``Scenario`` (场景).
Procedures: ``DrawPlan`` (draft → seed committed → drawn → published), ``JointPlan``
(proposed → issued) and ``Visit`` (scheduled → recorded → closed). A ``Task`` is one
department's check of one item on one subject (or, for 综合督一次, one supervision topic on one
unit); the planner merges tasks into visits.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class RiskList(models.TextChoices):
    UNDISTURBED = "undisturbed", _("无事不扰")
    RANDOM = "random", _("随机抽查")
    KEY = "key", _("重点监管")


class RiskGrade(models.TextChoices):
    # The order (and labels) of decisions.RiskLevel: one choice set, one OpenAPI enum.
    LOW = "low", _("低风险")
    MEDIUM = "medium", _("中风险")
    HIGH = "high", _("高风险")


class CreditGrade(models.TextChoices):
    A = "A", _("A级（守信）")
    B = "B", _("B级（基本守信）")
    C = "C", _("C级（失信）")
    D = "D", _("D级（严重失信）")


class BasisStatus(models.TextChoices):
    RESOLVED = "resolved", _("已对应法规库条文")
    UNRESOLVED = "unresolved", _("未能对应（待核）")


class InspectionItem(models.Model):
    """One check a department carries out (检查事项库)."""

    organization = models.ForeignKey(
        "core.Organization", verbose_name=_("部门"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("事项编码"), max_length=40, unique=True)
    name = models.CharField(_("事项名称"), max_length=200)
    legal_basis = models.TextField(_("检查依据"))
    basis_article = models.ForeignKey(
        "lawbase.Article",
        verbose_name=_("依据条文"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    basis_status = models.CharField(
        _("依据核对"), max_length=20, choices=BasisStatus.choices, default=BasisStatus.UNRESOLVED
    )
    basis_note = models.CharField(_("核对说明"), max_length=300, blank=True)
    object_type = models.CharField(_("检查对象类型"), max_length=40)
    industry_tags = models.JSONField(_("行业标签"), default=list, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("检查时长（分钟）"))
    frequency_per_year = models.PositiveSmallIntegerField(_("年检查频次"))
    risk_list = models.CharField(_("清单"), max_length=20, choices=RiskList.choices)
    skill = models.CharField(_("所需专业"), max_length=40, blank=True)
    # The penalty item a failed check is handed over under (移交立案); optional.
    enforcement_item = models.ForeignKey(
        "enforcement.EnforcementItem",
        verbose_name=_("移交立案适用的处罚事项"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("检查事项")
        verbose_name_plural = _("检查事项")
        ordering = ["organization__path", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Subject(models.Model):
    """An enterprise or site that is inspected (检查对象库)."""

    name = models.CharField(_("名称"), max_length=200)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    town = models.ForeignKey(
        "core.Organization", verbose_name=_("所在镇街"), on_delete=models.PROTECT, related_name="+"
    )
    object_type = models.CharField(_("对象类型"), max_length=40)
    industry = models.CharField(_("行业"), max_length=40, blank=True)
    risk_grade = models.CharField(_("风险等级"), max_length=10, choices=RiskGrade.choices)
    credit_grade = models.CharField(_("信用等级"), max_length=2, choices=CreditGrade.choices)
    blackout_dates = models.JSONField(_("不宜检查日期"), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("检查对象")
        verbose_name_plural = _("检查对象")
        ordering = ["credit_code"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_individual(self) -> bool:
        """个体工商户 (code 92…): its name may be a person's, so the portal masks it."""
        return self.credit_code.startswith("92")

    @property
    def public_name(self) -> str:
        return self.name[:1] + "**" if self.is_individual else self.name


class Inspector(models.Model):
    """A certified officer in the inspector pool (检查人员库)."""

    person = models.OneToOneField(
        "core.Person", verbose_name=_("人员"), on_delete=models.PROTECT, related_name="+"
    )
    organization = models.ForeignKey(
        "core.Organization", verbose_name=_("部门"), on_delete=models.PROTECT, related_name="+"
    )
    skills = models.JSONField(_("专业"), default=list, blank=True)
    daily_capacity = models.PositiveSmallIntegerField(_("每日可检查户数"), default=4)
    unavailable_dates = models.JSONField(_("不可用日期"), default=list, blank=True)
    is_active = models.BooleanField(_("在库"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("检查人员")
        verbose_name_plural = _("检查人员")
        ordering = ["organization__path", "id"]

    def __str__(self) -> str:
        return self.person.name

    def certified_on(self, on: dt.date) -> bool:
        person = self.person
        return bool(
            person.is_active
            and person.enforcement_certificate_number
            and person.certificate_valid_until is not None
            and person.certificate_valid_until >= on
        )


class Relation(models.Model):
    """A declared relation of an inspector to a subject (回避): never drawn together."""

    inspector = models.ForeignKey(Inspector, on_delete=models.CASCADE, related_name="relations")
    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="relations")
    relation = models.CharField(_("关系"), max_length=100)
    declared_on = models.DateField(_("申报日期"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("回避关系")
        verbose_name_plural = _("回避关系")
        constraints = [
            models.UniqueConstraint(fields=["inspector", "subject"], name="relation_once")
        ]

    def __str__(self) -> str:
        return f"{self.inspector_id}→{self.subject_id}"


class ScenarioLevel(models.TextChoices):
    CITY_KEY = "city_key", _("市级中高风险重点领域")
    CITY_GENERAL = "city_general", _("市级一般领域")
    TOWN = "town", _("镇街个性场景")


class Scenario(models.Model):
    """A bundle of items checked together at one kind of site (检查场景库)."""

    name = models.CharField(_("场景名称"), max_length=100)
    level = models.CharField(_("层级"), max_length=20, choices=ScenarioLevel.choices)
    town = models.ForeignKey(
        "core.Organization",
        verbose_name=_("镇街"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    object_type = models.CharField(_("对象类型"), max_length=40)
    items = models.ManyToManyField(InspectionItem, verbose_name=_("检查事项"), related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("检查场景")
        verbose_name_plural = _("检查场景")
        ordering = ["level", "name"]

    def __str__(self) -> str:
        return self.name


# --- 双随机一公开 ------------------------------------------------------------------------------


class DrawStatus(models.TextChoices):
    DRAFT = "draft", _("草拟")
    COMMITTED = "committed", _("已公示种子哈希")
    DRAWN = "drawn", _("已抽取")
    PUBLISHED = "published", _("已公开")


class DrawPlan(models.Model):
    """A department's random-check plan: the pool, the ratios, the committed seed, the draw."""

    organization = models.ForeignKey(
        "core.Organization", verbose_name=_("部门"), on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField(_("计划编号"), max_length=40, unique=True)
    title = models.CharField(_("计划名称"), max_length=200)
    items = models.ManyToManyField(InspectionItem, verbose_name=_("检查事项"), related_name="+")
    period_start = models.DateField(_("检查期起"))
    period_end = models.DateField(_("检查期止"))
    # {"risk": {"high": 30, ...}, "credit": {"A": 0, ..., "D": 20}} in percent; a stratum's
    # ratio is its risk ratio plus its credit add-on (the SAMR practice of checking risky and
    # low-credit firms more often, practice.md §1).
    ratios = models.JSONField(_("抽查比例"), default=dict)
    status = models.CharField(
        _("状态"), max_length=20, choices=DrawStatus.choices, default=DrawStatus.DRAFT
    )
    inputs = models.JSONField(_("公示的抽取输入"), default=dict, blank=True)
    inputs_sha256 = models.CharField(_("输入摘要"), max_length=64, blank=True)
    seed_sha256 = models.CharField(_("种子哈希"), max_length=64, blank=True)
    # Secret until the draw; shown only once status is drawn.
    seed = models.CharField(_("随机种子"), max_length=64, blank=True)
    committed_at = models.DateTimeField(_("承诺时间"), null=True, blank=True)
    anchor_index = models.PositiveIntegerField(_("存证日志序号"), null=True, blank=True)
    drawn_at = models.DateTimeField(_("抽取时间"), null=True, blank=True)
    result = models.JSONField(_("抽取结果"), default=list, blank=True)
    # Pseudonym (P001…) → inspector id: the private side of the published inspector pool.
    pseudonyms = models.JSONField(_("人员代号"), default=dict, blank=True)
    published_on = models.DateField(_("公开日期"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["seed"])

    class Meta:
        verbose_name = _("双随机抽查计划")
        verbose_name_plural = _("双随机抽查计划")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def seed_revealed(self) -> bool:
        return self.status in (DrawStatus.DRAWN, DrawStatus.PUBLISHED)


# --- tasks, joint plans and visits -----------------------------------------------------------


class PlanKind(models.TextChoices):
    INSPECTION = "inspection", _("综合查一次")
    SUPERVISION = "supervision", _("综合督一次")


class JointStatus(models.TextChoices):
    PROPOSED = "proposed", _("待审核")
    ISSUED = "issued", _("已下达")


class JointPlan(models.Model):
    """A period's merged plan: the planner's proposal, reviewed by staff, issued as task sheets."""

    organization = models.ForeignKey(
        "core.Organization", verbose_name=_("统筹单位"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(
        _("类型"), max_length=20, choices=PlanKind.choices, default=PlanKind.INSPECTION
    )
    title = models.CharField(_("名称"), max_length=200)
    period_start = models.DateField(_("期间起"))
    period_end = models.DateField(_("期间止"))
    status = models.CharField(
        _("状态"), max_length=20, choices=JointStatus.choices, default=JointStatus.PROPOSED
    )
    summary = models.JSONField(_("方案概况"), default=dict, blank=True)
    unmerged = models.JSONField(_("未合并说明"), default=list, blank=True)
    issued_on = models.DateField(_("下达日期"), null=True, blank=True)
    campaign_id = models.PositiveIntegerField(_("监督活动"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("统筹检查计划")
        verbose_name_plural = _("统筹检查计划")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class VisitStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("已排期")
    RECORDED = "recorded", _("已记录结果")
    CLOSED = "closed", _("已办结")


class Visit(models.Model):
    """One entry into one enterprise (or one supervised unit) by one or more departments."""

    plan = models.ForeignKey(JointPlan, on_delete=models.CASCADE, related_name="visits")
    subject = models.ForeignKey(
        Subject, null=True, blank=True, on_delete=models.PROTECT, related_name="visits"
    )
    unit = models.ForeignKey(
        "core.Organization",
        verbose_name=_("被监督单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    lead = models.ForeignKey(
        "core.Organization", verbose_name=_("牵头部门"), on_delete=models.PROTECT, related_name="+"
    )
    scheduled_on = models.DateField(_("检查日期"))
    inspectors = models.ManyToManyField(Inspector, verbose_name=_("检查人员"), related_name="+")
    status = models.CharField(
        _("状态"), max_length=20, choices=VisitStatus.choices, default=VisitStatus.SCHEDULED
    )
    recorded_on = models.DateField(_("检查实施日期"), null=True, blank=True)
    note = models.TextField(_("检查情况"), blank=True)
    notice_id = models.PositiveIntegerField(_("监督通知书"), null=True, blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("入企检查")
        verbose_name_plural = _("入企检查")
        ordering = ["scheduled_on", "id"]

    def __str__(self) -> str:
        target = self.subject.name if self.subject_id else (self.unit.name if self.unit_id else "")
        return f"{self.scheduled_on} {target}"

    @property
    def organization(self):
        """Scope and permission follow the lead department."""
        return self.lead


class TaskSource(models.TextChoices):
    DRAW = "draw", _("双随机抽取")
    PLAN = "plan", _("年度计划")
    ADHOC = "adhoc", _("临时任务")


class SupervisionTopic(models.TextChoices):
    CASE_FILES = "case_files", _("案卷评查")
    EXEMPTIONS = "exemptions", _("免罚清单适用")
    COMMITMENTS = "commitments", _("告知承诺制")


class Result(models.TextChoices):
    PASS = "pass", _("合格")
    RECTIFY = "rectify", _("责令整改")
    HANDOVER = "handover", _("移交立案")


class Task(models.Model):
    """One department's check of one item on one subject (or one supervision topic on a unit)."""

    organization = models.ForeignKey(
        "core.Organization", verbose_name=_("部门"), on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(_("来源"), max_length=10, choices=TaskSource.choices)
    subject = models.ForeignKey(
        Subject, null=True, blank=True, on_delete=models.PROTECT, related_name="tasks"
    )
    item = models.ForeignKey(
        InspectionItem, null=True, blank=True, on_delete=models.PROTECT, related_name="tasks"
    )
    unit = models.ForeignKey(
        "core.Organization",
        verbose_name=_("被监督单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    topic = models.CharField(
        _("监督事项"), max_length=20, choices=SupervisionTopic.choices, blank=True
    )
    draw_plan = models.ForeignKey(
        DrawPlan, null=True, blank=True, on_delete=models.PROTECT, related_name="tasks"
    )
    drawn_inspectors = models.ManyToManyField(Inspector, blank=True, related_name="+")
    earliest = models.DateField(_("最早日期"))
    due_by = models.DateField(_("完成期限"))
    visit = models.ForeignKey(
        Visit, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    result = models.CharField(_("检查结果"), max_length=10, choices=Result.choices, blank=True)
    finding = models.TextField(_("检查发现"), blank=True)
    case_id = models.PositiveIntegerField(_("移交立案案件"), null=True, blank=True)
    case_number = models.CharField(_("立案编号"), max_length=60, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("检查任务")
        verbose_name_plural = _("检查任务")
        ordering = ["due_by", "id"]

    def __str__(self) -> str:
        what = self.item.name if self.item_id else self.get_topic_display()
        return f"{what}"


class VisitFile(models.Model):
    """A photo or document of a visit, hashed into the evidence log (an evidence deposit)."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="files")
    deposit_id = models.UUIDField(_("存证"))
    title = models.CharField(_("名称"), max_length=200)
    file_sha256 = models.CharField(_("SHA-256"), max_length=64)
    log_index = models.PositiveIntegerField(_("日志序号"))
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("检查附件")
        verbose_name_plural = _("检查附件")
        ordering = ["added_at", "id"]

    def __str__(self) -> str:
        return self.title
