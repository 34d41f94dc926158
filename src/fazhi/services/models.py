"""Public legal and government services (seed 二(二)4 and 二(二)5).

- 一件事: a versioned catalog of integrated services (``OneThing`` with its items and its
  deduplicated materials), applications routed to each department's part (``ApplicationPart``,
  each with its own clock) and the 好差评 evaluation with rectification of bad ratings.
- 证明事项: the catalog of certificate items, verification requests to the data holder and
  notice-and-commitment in place of a certificate, with spot checks and breach handling.
- Notary: the 最多跑一次 item list and the register of certificates for the public look-up.
- 遗产继承一件事: will registration, the estate inquiry with one request per source, the hand-off
  of a dispute to people's mediation, and the applicant's evaluation.

Every read of a personal record through a look-up is logged (``LookupLog``).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from fazhi.core.domain.identity import mask_id_number

ORG = "core.Organization"
# Promised handling times (working days) a catalog may state; each has its own clock type.
TIME_LIMITS = (1, 2, 3, 5, 7, 10, 15, 20)
RESPONSE_DAYS = (1, 3, 5, 7)


def _days(values: tuple[int, ...]) -> list[tuple[int, str]]:
    return [(v, _("%(n)s个工作日") % {"n": v}) for v in values]


# --- 一件事 catalog ---------------------------------------------------------------------------


class OneThing(models.Model):
    """One version of an integrated service; a new version closes the previous one."""

    organization = models.ForeignKey(
        ORG, verbose_name=_("牵头部门"), on_delete=models.PROTECT, related_name="one_things"
    )
    code = models.CharField(_("编码"), max_length=40)
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    name = models.CharField(_("名称"), max_length=200)
    effective_from = models.DateField(_("生效日期"))
    effective_to = models.DateField(_("失效日期"), null=True, blank=True)
    time_limit_days = models.PositiveSmallIntegerField(
        _("承诺办结时限"), choices=_days(TIME_LIMITS)
    )
    combined_visits = models.PositiveSmallIntegerField(_("联办跑动次数"), default=1)
    separate_visits = models.PositiveSmallIntegerField(_("分别办理跑动次数"), default=0)
    separate_materials = models.PositiveSmallIntegerField(_("分别办理材料份数"), default=0)
    combined_materials = models.PositiveSmallIntegerField(_("联办材料份数"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("一件事")
        verbose_name_plural = _("一件事")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="services_one_thing_version"),
            models.CheckConstraint(
                condition=models.Q(effective_to__isnull=True)
                | models.Q(effective_to__gte=models.F("effective_from")),
                name="services_one_thing_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（第{self.version}版）"

    @property
    def visits_saved(self) -> int:
        return max(self.separate_visits - self.combined_visits, 0)

    @property
    def materials_saved(self) -> int:
        return max(self.separate_materials - self.combined_materials, 0)


class OneThingItem(models.Model):
    """One department's item combined into the service, with the materials it asks alone."""

    one_thing = models.ForeignKey(OneThing, on_delete=models.CASCADE, related_name="items")
    department = models.ForeignKey(
        ORG, verbose_name=_("办理部门"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("事项名称"), max_length=200)
    time_limit_days = models.PositiveSmallIntegerField(_("承诺时限"), choices=_days(TIME_LIMITS))
    visits = models.PositiveSmallIntegerField(_("单独办理跑动次数"), default=1)
    materials = models.JSONField(_("单独办理所需材料"), default=list)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("一件事办事事项")
        verbose_name_plural = _("一件事办事事项")
        ordering = ["one_thing", "id"]

    def __str__(self) -> str:
        return self.name


class OneThingMaterial(models.Model):
    """A material asked once for the whole service (deduplicated across its items)."""

    one_thing = models.ForeignKey(OneThing, on_delete=models.CASCADE, related_name="materials")
    name = models.CharField(_("材料名称"), max_length=200)
    required = models.BooleanField(_("必需"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("一件事材料")
        verbose_name_plural = _("一件事材料")
        ordering = ["one_thing", "id"]
        constraints = [
            models.UniqueConstraint(fields=["one_thing", "name"], name="services_material_once")
        ]

    def __str__(self) -> str:
        return self.name


class ApplicationStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("办理中")
    COMPLETED = "completed", _("已办结")
    REFUSED = "refused", _("不予办理")


class OneThingApplication(models.Model):
    organization = models.ForeignKey(
        ORG, verbose_name=_("牵头部门"), on_delete=models.PROTECT, related_name="+"
    )
    one_thing = models.ForeignKey(
        OneThing, verbose_name=_("一件事"), on_delete=models.PROTECT, related_name="applications"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    applicant_name = models.CharField(_("申请人"), max_length=100)
    applicant_id_number = models.CharField(_("申请人证件号"), max_length=18)
    submitted_on = models.DateField(_("申请日期"))
    materials_provided = models.JSONField(_("已提交材料"), default=list)
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.IN_PROGRESS,
    )
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["applicant_id_number"])

    class Meta:
        verbose_name = _("一件事申请")
        verbose_name_plural = _("一件事申请")
        ordering = ["-submitted_on", "-id"]
        # The list's default order, city-wide and within a unit's scope (issue 19).
        indexes = [
            models.Index(fields=["submitted_on", "id"], name="onething_app_list_order"),
            models.Index(
                fields=["organization", "submitted_on", "id"], name="onething_app_list_by_unit"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.one_thing.name} · {self.applicant_name}"

    @property
    def masked_applicant_id_number(self) -> str:
        return mask_id_number(self.applicant_id_number)


class PartStatus(models.TextChoices):
    PENDING = "pending", _("办理中")
    DONE = "done", _("已办结")
    REFUSED = "refused", _("不予办理")


class ApplicationPart(models.Model):
    """One department's part of an application, on that department's clock."""

    due_date: dt.date | None  # not a column: set by ``selectors.application_parts``

    application = models.ForeignKey(
        OneThingApplication, on_delete=models.CASCADE, related_name="parts"
    )
    item = models.ForeignKey(OneThingItem, on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(
        ORG, verbose_name=_("办理部门"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=PartStatus.choices, default=PartStatus.PENDING
    )
    done_on = models.DateField(_("办结日期"), null=True, blank=True)
    note = models.CharField(_("办理意见"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("一件事部门办件")
        verbose_name_plural = _("一件事部门办件")
        ordering = ["application", "id"]

    def __str__(self) -> str:
        return f"{self.application} · {self.item.name}"


# --- 好差评 ------------------------------------------------------------------------------------


class Grade(models.IntegerChoices):
    """The five grades of Zhejiang's 好差评 (practice.md §8); the last two are 差评."""

    VERY_SATISFIED = 5, _("非常满意")
    SATISFIED = 4, _("满意")
    BASIC = 3, _("基本满意")
    DISSATISFIED = 2, _("不满意")
    VERY_DISSATISFIED = 1, _("非常不满意")


BAD_GRADES = (Grade.DISSATISFIED, Grade.VERY_DISSATISFIED)


class Evaluation(models.Model):
    """A rating of one completed service by its applicant, for the unit that handled it."""

    organization = models.ForeignKey(
        ORG, verbose_name=_("被评价单位"), on_delete=models.PROTECT, related_name="+"
    )
    service_name = models.CharField(_("服务事项"), max_length=200)
    one_thing_code = models.CharField(_("一件事编码"), max_length=40, blank=True)
    application = models.OneToOneField(
        OneThingApplication,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evaluation",
    )
    estate_inquiry = models.OneToOneField(
        "services.EstateInquiry",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evaluation",
    )
    grade = models.PositiveSmallIntegerField(_("评价"), choices=Grade.choices)
    comment = models.CharField(_("评价内容"), max_length=500, blank=True)
    evaluated_on = models.DateField(_("评价日期"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("好差评")
        verbose_name_plural = _("好差评")
        ordering = ["-evaluated_on", "-id"]
        indexes = [
            models.Index(fields=["evaluated_on", "grade"]),
            # The list's default order within a unit's scope (issue 19).
            models.Index(
                fields=["organization", "evaluated_on", "id"], name="evaluation_list_by_unit"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_name} · {self.get_grade_display()}"

    @property
    def is_bad(self) -> bool:
        return self.grade in BAD_GRADES


class RectificationStatus(models.TextChoices):
    OPEN = "open", _("待整改")
    DONE = "done", _("已整改反馈")


class Rectification(models.Model):
    """A bad rating's rectification: call back, verify, rectify and report within the period."""

    evaluation = models.OneToOneField(
        Evaluation, on_delete=models.PROTECT, related_name="rectification"
    )
    organization = models.ForeignKey(
        ORG, verbose_name=_("整改单位"), on_delete=models.PROTECT, related_name="+"
    )
    opened_on = models.DateField(_("启动日期"))
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=RectificationStatus.choices,
        default=RectificationStatus.OPEN,
    )
    response = models.TextField(_("整改情况"), blank=True)
    responded_on = models.DateField(_("反馈日期"), null=True, blank=True)
    on_time = models.BooleanField(_("按期整改"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("差评整改")
        verbose_name_plural = _("差评整改")
        ordering = ["-opened_on", "-id"]

    def __str__(self) -> str:
        return f"{self.evaluation} · {self.get_status_display()}"


# --- 证明事项 ----------------------------------------------------------------------------------


class Replacement(models.TextChoices):
    """How a certificate is no longer asked of the applicant (practice.md §6)."""

    CANCELLED = "cancelled", _("直接取消")
    DATA_SHARING = "data_sharing", _("数据共享")
    DEPT_VERIFICATION = "dept_verification", _("部门核验")
    COMMITMENT = "commitment", _("告知承诺")


class CertificateItem(models.Model):
    organization = models.ForeignKey(
        ORG, verbose_name=_("目录管理单位"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("编码"), max_length=40, unique=True)
    category = models.CharField(_("类别"), max_length=100)
    name = models.CharField(_("证明事项名称"), max_length=200)
    issuing_body = models.CharField(_("原开具单位"), max_length=200)
    holder = models.ForeignKey(
        ORG,
        verbose_name=_("数据持有单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    replacement = models.CharField(_("替代方式"), max_length=30, choices=Replacement.choices)
    response_days = models.PositiveSmallIntegerField(
        _("核验答复时限"), choices=_days(RESPONSE_DAYS), default=3
    )
    basis = models.CharField(_("依据"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("证明事项")
        verbose_name_plural = _("证明事项")
        ordering = ["category", "code"]

    def __str__(self) -> str:
        return self.name


class VerificationStatus(models.TextChoices):
    PENDING = "pending", _("待核验")
    ANSWERED = "answered", _("已答复")


class VerificationResult(models.TextChoices):
    CONFIRMED = "confirmed", _("属实")
    NOT_CONFIRMED = "not_confirmed", _("不属实")
    CANNOT_VERIFY = "cannot_verify", _("无法核验")


class VerificationRequest(models.Model):
    """A handling department asks the data holder to confirm one fact instead of a certificate.

    Only what the holder needs to find the record is kept: the person's name and ID number
    (shown masked) and the fact to confirm; no copies of documents.
    """

    organization = models.ForeignKey(
        ORG, verbose_name=_("请求单位"), on_delete=models.PROTECT, related_name="+"
    )
    holder = models.ForeignKey(
        ORG, verbose_name=_("数据持有单位"), on_delete=models.PROTECT, related_name="+"
    )
    item = models.ForeignKey(
        CertificateItem, verbose_name=_("证明事项"), on_delete=models.PROTECT, related_name="+"
    )
    matter = models.CharField(_("办理事项"), max_length=200)
    subject_name = models.CharField(_("核验对象"), max_length=100)
    subject_id_number = models.CharField(_("核验对象证件号"), max_length=18)
    fact = models.CharField(_("需核验的事实"), max_length=300)
    requested_on = models.DateField(_("请求日期"))
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=VerificationStatus.choices,
        default=VerificationStatus.PENDING,
    )
    result = models.CharField(
        _("核验结果"), max_length=20, choices=VerificationResult.choices, blank=True
    )
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    late_reason = models.CharField(_("逾期答复理由"), max_length=300, blank=True)
    history = HistoricalRecords(excluded_fields=["subject_id_number"])

    class Meta:
        verbose_name = _("证明事项核验")
        verbose_name_plural = _("证明事项核验")
        ordering = ["-requested_on", "-id"]

    def __str__(self) -> str:
        return f"{self.item.name} · {self.subject_name}"

    @property
    def masked_subject_id_number(self) -> str:
        return mask_id_number(self.subject_id_number)


class CommitmentStatus(models.TextChoices):
    RECORDED = "recorded", _("已承诺待核查")
    CONFIRMED = "confirmed", _("核查属实")
    BREACHED = "breached", _("核查不实")
    HANDLED = "handled", _("失信已处理")


class Commitment(models.Model):
    """A written commitment accepted in place of a certificate, checked later by sampling."""

    organization = models.ForeignKey(
        ORG, verbose_name=_("办理单位"), on_delete=models.PROTECT, related_name="+"
    )
    item = models.ForeignKey(
        CertificateItem, verbose_name=_("证明事项"), on_delete=models.PROTECT, related_name="+"
    )
    matter = models.CharField(_("办理事项"), max_length=200)
    applicant_name = models.CharField(_("承诺人"), max_length=100)
    applicant_id_number = models.CharField(_("承诺人证件号"), max_length=18)
    promised_fact = models.CharField(_("承诺内容"), max_length=300)
    committed_on = models.DateField(_("承诺日期"))
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.RECORDED,
    )
    checked_on = models.DateField(_("核查日期"), null=True, blank=True)
    check_note = models.CharField(_("核查情况"), max_length=300, blank=True)
    measures = models.CharField(_("处理措施"), max_length=300, blank=True)
    credit_record = models.CharField(_("信用记录编号"), max_length=60, blank=True)
    handled_on = models.DateField(_("处理日期"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["applicant_id_number"])

    class Meta:
        verbose_name = _("告知承诺")
        verbose_name_plural = _("告知承诺")
        ordering = ["-committed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.item.name} · {self.applicant_name}"

    @property
    def masked_applicant_id_number(self) -> str:
        return mask_id_number(self.applicant_id_number)


# --- Notary -----------------------------------------------------------------------------------


class NotaryCategory(models.Model):
    code = models.CharField(_("编码"), max_length=20, unique=True)
    name = models.CharField(_("类别"), max_length=100)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("公证事项类别")
        verbose_name_plural = _("公证事项类别")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class NotaryItem(models.Model):
    organization = models.ForeignKey(
        ORG, verbose_name=_("主管单位"), on_delete=models.PROTECT, related_name="+"
    )
    category = models.ForeignKey(
        NotaryCategory, verbose_name=_("类别"), on_delete=models.PROTECT, related_name="items"
    )
    code = models.CharField(_("编码"), max_length=20, unique=True)
    name = models.CharField(_("事项名称"), max_length=200)
    one_visit = models.BooleanField(_("最多跑一次"), default=True)
    listed_on = models.DateField(_("列入日期"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("公证事项")
        verbose_name_plural = _("公证事项")
        ordering = ["category__code", "code"]

    def __str__(self) -> str:
        return self.name


class NotarialCertificate(models.Model):
    """What the public look-up may answer: existence, kind, date and office — nothing else."""

    organization = models.ForeignKey(
        ORG, verbose_name=_("主管单位"), on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField(_("公证书编号"), max_length=60, unique=True)
    category = models.ForeignKey(
        NotaryCategory, verbose_name=_("公证类别"), on_delete=models.PROTECT, related_name="+"
    )
    issued_on = models.DateField(_("出具日期"))
    office = models.CharField(_("公证机构"), max_length=100)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("公证书")
        verbose_name_plural = _("公证书")
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return self.number


class LookupKind(models.TextChoices):
    NOTARY_PUBLIC = "notary_public", _("公证书公开查询")
    VERIFICATION = "verification", _("核验记录查阅")
    COMMITMENT = "commitment", _("承诺记录查阅")
    WILL = "will", _("遗嘱登记查阅")
    ESTATE = "estate", _("遗产查询记录查阅")


class LookupResult(models.TextChoices):
    FOUND = "found", _("查到")
    NOT_FOUND = "not_found", _("未查到")
    MALFORMED = "malformed", _("编号格式不正确")
    LIMITED = "limited", _("超过查询频次")
    SHOWN = "shown", _("已查阅")


class LookupLog(models.Model):
    """Who looked up what, when, and the answer. The client of a public look-up is kept only as
    a salted hash of its address, enough to count its requests, not to identify it."""

    kind = models.CharField(_("类型"), max_length=20, choices=LookupKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    client = models.CharField(_("客户端标识"), max_length=64, blank=True)
    target = models.CharField(_("查询对象"), max_length=100)
    result = models.CharField(_("结果"), max_length=20, choices=LookupResult.choices)
    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("查询日志")
        verbose_name_plural = _("查询日志")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.target}"


# --- 遗产继承一件事 ----------------------------------------------------------------------------


class WillForm(models.TextChoices):
    """Forms of a will under the Civil Code, arts 1134–1139 (spec §7.1)."""

    HOLOGRAPH = "holograph", _("自书遗嘱")
    SCRIBED = "scribed", _("代书遗嘱")
    PRINTED = "printed", _("打印遗嘱")
    AUDIO_VIDEO = "audio_video", _("录音录像遗嘱")
    ORAL = "oral", _("口头遗嘱")
    NOTARIAL = "notarial", _("公证遗嘱")


class Registry(models.TextChoices):
    NOTARY = "notary", _("公证机构遗嘱登记")
    PRIVATE = "private", _("民间遗嘱库（无公证效力）")


class WillStatus(models.TextChoices):
    REGISTERED = "registered", _("已登记")
    REVOKED = "revoked", _("已撤回")


class WillRegistration(models.Model):
    # not columns: set by ``selectors.wills_of_testator`` where registrations conflict
    prevails: bool
    superseded_by: WillRegistration | None
    organization = models.ForeignKey(
        ORG, verbose_name=_("登记单位"), on_delete=models.PROTECT, related_name="+"
    )
    registration_no = models.CharField(_("登记号"), max_length=40, unique=True)
    testator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("遗嘱人账号"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    testator_name = models.CharField(_("遗嘱人"), max_length=100)
    testator_id_number = models.CharField(_("遗嘱人证件号"), max_length=18, db_index=True)
    form = models.CharField(_("遗嘱形式"), max_length=20, choices=WillForm.choices)
    made_on = models.DateField(_("立遗嘱日期"))
    place = models.CharField(_("立遗嘱地点"), max_length=200, blank=True)
    witnesses = models.JSONField(_("见证人"), default=list)
    pages = models.PositiveSmallIntegerField(_("页数"), null=True, blank=True)
    signed_each_page = models.BooleanField(_("每页签名并注明日期"), default=False)
    emergency = models.BooleanField(_("危急情况"), default=False)
    notary_office = models.CharField(_("公证机构"), max_length=100, blank=True)
    registry = models.CharField(_("登记库"), max_length=20, choices=Registry.choices)
    keeping_place = models.CharField(_("原件保管处"), max_length=200, blank=True)
    registered_on = models.DateField(_("登记日期"))
    status = models.CharField(
        _("状态"), max_length=20, choices=WillStatus.choices, default=WillStatus.REGISTERED
    )
    revoked_on = models.DateField(_("撤回日期"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["testator_id_number", "witnesses", "place"])

    class Meta:
        verbose_name = _("遗嘱登记")
        verbose_name_plural = _("遗嘱登记")
        ordering = ["testator_id_number", "-made_on", "-id"]

    def __str__(self) -> str:
        return self.registration_no

    @property
    def masked_testator_id_number(self) -> str:
        return mask_id_number(self.testator_id_number)


class Relation(models.TextChoices):
    SPOUSE = "spouse", _("配偶")
    CHILD = "child", _("子女")
    PARENT = "parent", _("父母")
    SIBLING = "sibling", _("兄弟姐妹")
    GRANDPARENT = "grandparent", _("祖父母、外祖父母")
    REPRESENTATIVE = "representative", _("代位继承人")
    LEGATEE = "legatee", _("受遗赠人")


class EstateStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待受理")
    INQUIRING = "inquiring", _("查询中")
    SETTLED = "settled", _("继承人已协商一致")
    MEDIATION = "mediation", _("已移交人民调解")
    EVALUATED = "evaluated", _("已评价")


class EstateInquiry(models.Model):
    organization = models.ForeignKey(
        ORG, verbose_name=_("受理单位"), on_delete=models.PROTECT, related_name="+"
    )
    town = models.ForeignKey(
        ORG,
        verbose_name=_("被继承人最后住所地镇（街道）"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    number = models.CharField(_("编号"), max_length=40, unique=True)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    applicant_name = models.CharField(_("申请人"), max_length=100)
    applicant_id_number = models.CharField(_("申请人证件号"), max_length=18)
    relation = models.CharField(_("与被继承人关系"), max_length=20, choices=Relation.choices)
    deceased_name = models.CharField(_("被继承人"), max_length=100)
    deceased_id_number = models.CharField(_("被继承人证件号"), max_length=18)
    died_on = models.DateField(_("死亡日期"))
    death_proof = models.CharField(_("死亡证明"), max_length=200)
    kinship_proof = models.CharField(_("亲属关系证明"), max_length=200)
    submitted_on = models.DateField(_("申请日期"))
    status = models.CharField(
        _("状态"), max_length=20, choices=EstateStatus.choices, default=EstateStatus.SUBMITTED
    )
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    outcome_summary = models.TextField(_("协商或纠纷情况"), blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    mediation_case = models.ForeignKey(
        "disputes.MediationCase",
        verbose_name=_("人民调解案件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords(excluded_fields=["applicant_id_number", "deceased_id_number"])

    class Meta:
        verbose_name = _("遗产查询申请")
        verbose_name_plural = _("遗产查询申请")
        ordering = ["-submitted_on", "-id"]

    def __str__(self) -> str:
        return self.number

    @property
    def masked_deceased_id_number(self) -> str:
        return mask_id_number(self.deceased_id_number)


class Source(models.TextChoices):
    """The sources of an estate inquiry (practice.md §5)."""

    REAL_ESTATE = "real_estate", _("不动产（不动产登记机构）")
    DEPOSIT = "deposit", _("银行存款（存款查询函）")
    SECURITIES = "securities", _("证券、基金")
    VEHICLE = "vehicle", _("机动车（公安车管）")
    HOUSING_FUND = "housing_fund", _("住房公积金")
    SOCIAL_SECURITY = "social_security", _("社保个人账户余额")


class RequestStatus(models.TextChoices):
    SENT = "sent", _("已发出待答复")
    ANSWERED = "answered", _("已答复")


class InquiryRequest(models.Model):
    """A request to the agency that holds one kind of the estate, never a direct database read."""

    due_date: dt.date | None  # not a column: set by ``selectors.estate_requests``

    inquiry = models.ForeignKey(EstateInquiry, on_delete=models.CASCADE, related_name="requests")
    organization = models.ForeignKey(
        ORG, verbose_name=_("受理单位"), on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(_("查询来源"), max_length=20, choices=Source.choices)
    holder = models.CharField(_("被查询单位"), max_length=100)
    sent_on = models.DateField(_("发出日期"))
    status = models.CharField(
        _("状态"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.SENT
    )
    found = models.BooleanField(_("查到财产"), null=True, blank=True)
    answer = models.CharField(_("答复内容"), max_length=500, blank=True)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    late_reason = models.CharField(_("逾期答复理由"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("遗产查询请求")
        verbose_name_plural = _("遗产查询请求")
        ordering = ["inquiry", "id"]
        constraints = [
            models.UniqueConstraint(fields=["inquiry", "source"], name="services_request_source")
        ]

    def __str__(self) -> str:
        return f"{self.inquiry} · {self.get_source_display()}"
