"""The shared kernel's tables: organisations, people, roles, calendar, clocks, numbering, events."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from fazhi.core.domain.identity import mask_id_number


class OrganizationKind(models.TextChoices):
    CITY_GOVERNMENT = "city_government", _("市政府")
    DEPARTMENT = "department", _("部门")
    TOWN = "town", _("镇(街道)")
    VILLAGE = "village", _("行政村")
    VILLAGE_GROUP = "village_group", _("村民小组")
    COMMITTEE = "committee", _("委员会")
    MEDIATION_COMMITTEE = "mediation_committee", _("调解委员会")
    COURT = "court", _("法院")
    SUPERIOR_GOVERNMENT = "superior_government", _("上级政府")


PATH_DIGITS = 8


def path_segment(pk: int) -> str:
    """One level of an organisation's materialised path."""
    return f"{pk:0{PATH_DIGITS}d}/"


class Organization(models.Model):
    """One node of the organisation tree.

    ``path`` is a materialised path of zero-padded ids (``000001/000007/``) so that "this
    organisation and everything under it" is one indexed ``startswith`` query on any database.
    """

    code = models.CharField(_("编码"), max_length=40, unique=True)
    division_code = models.CharField(_("行政区划代码"), max_length=12, blank=True)
    name = models.CharField(_("名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=40, blank=True)
    kind = models.CharField(_("类型"), max_length=30, choices=OrganizationKind.choices)
    is_street = models.BooleanField(_("街道"), default=False)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    valid_from = models.DateField(_("生效日期"), null=True, blank=True)
    valid_to = models.DateField(_("失效日期"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["path", "depth"])

    class Meta:
        verbose_name = _("组织")
        verbose_name_plural = _("组织")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="organization_valid_range",
            ),
        ]
        indexes = [models.Index(fields=["kind", "path"])]

    def __str__(self) -> str:
        return self.name

    def ancestor_paths(self) -> list[str]:
        width = PATH_DIGITS + 1
        return [self.path[: width * level] for level in range(1, self.depth + 1)]


class LeaderLevel(models.TextChoices):
    NONE = "none", _("非领导干部")
    CITY_MANAGED = "city_managed", _("市管领导干部")
    SECTION = "section", _("科级领导干部")


class Person(models.Model):
    """A member of staff (or a grassroots volunteer) known to the platform."""

    name = models.CharField(_("姓名"), max_length=50)
    id_number = models.CharField(_("身份证号"), max_length=18, blank=True)
    organization = models.ForeignKey(
        Organization, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="people"
    )
    post = models.CharField(_("职务"), max_length=60, blank=True)
    leader_level = models.CharField(
        _("领导层级"), max_length=20, choices=LeaderLevel.choices, default=LeaderLevel.NONE
    )
    enforcement_certificate_number = models.CharField(
        _("执法证号"), max_length=30, blank=True, default=""
    )
    certificate_valid_until = models.DateField(_("执法证有效期至"), null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登录账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    is_active = models.BooleanField(_("在职"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["id_number"])

    class Meta:
        verbose_name = _("人员")
        verbose_name_plural = _("人员")
        ordering = ["organization__path", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enforcement_certificate_number"],
                condition=~Q(enforcement_certificate_number=""),
                name="person_unique_certificate",
            ),
            models.UniqueConstraint(
                fields=["id_number"], condition=~Q(id_number=""), name="person_unique_id_number"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("系统管理员")
    JUSTICE_LEGAL_OFFICER = "justice_legal_officer", _("司法局法制人员")
    DEPARTMENT_LEGAL_OFFICER = "department_legal_officer", _("部门法制员")
    DRAFTER = "drafter", _("起草人员")
    ENFORCEMENT_OFFICER = "enforcement_officer", _("执法人员")
    SUPERVISOR = "supervisor", _("执法监督人员")
    MEDIATOR = "mediator", _("调解员")
    RECONSIDERATION_OFFICER = "reconsideration_officer", _("复议人员")
    LEADER = "leader", _("领导")
    PUBLIC = "public", _("社会公众")


class RoleAssignment(models.Model):
    """A user holds a role within an organisation; scope is that organisation's subtree."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("角色"), max_length=40, choices=Role.choices)
    organization = models.ForeignKey(
        Organization, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("角色授权")
        verbose_name_plural = _("角色授权")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "organization"], name="role_assignment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organization}"


class LoginFailure(models.Model):
    """Failed login attempts, kept in the database so that every web process sees them."""

    username = models.CharField(max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("登录失败记录")
        verbose_name_plural = _("登录失败记录")

    def __str__(self) -> str:
        return f"{self.username} {self.at:%Y-%m-%d %H:%M}"


class PasswordAge(models.Model):
    """When a user's password was last set, for expiry (``core.auth``)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("密码设置时间")
        verbose_name_plural = _("密码设置时间")

    def __str__(self) -> str:
        return f"{self.user_id} {self.changed_at:%Y-%m-%d}"


class CalendarDay(models.Model):
    """An official day kind that overrides the chinese-calendar package (or covers a year it lacks)."""

    date = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(_("工作日"))
    name = models.CharField(_("说明"), max_length=60, blank=True)
    source = models.CharField(_("依据"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("节假日调整")
        verbose_name_plural = _("节假日调整")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class ClockStatus(models.TextChoices):
    RUNNING = "running", _("计时中")
    PAUSED = "paused", _("已暂停")
    STOPPED = "stopped", _("已停止")


class Clock(models.Model):
    """A statutory deadline running on one record.

    ``due_date`` is never entered: services recompute it from the clock type and the events
    (start, pauses, extensions) each time an event is recorded, and store it so that "what is
    overdue" is one indexed query across every module.
    """

    clock_type = models.CharField(_("期限类型"), max_length=80, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=40)
    subject = GenericForeignKey("content_type", "object_id")
    label = models.CharField(_("事项"), max_length=200)
    url = models.CharField(max_length=300, blank=True)
    organization = models.ForeignKey(
        Organization, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="clocks"
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("责任人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    start_date = models.DateField(_("起算日"))
    status = models.CharField(
        _("状态"), max_length=10, choices=ClockStatus.choices, default=ClockStatus.RUNNING
    )
    due_date = models.DateField(_("届满日"), null=True, blank=True, db_index=True)
    stopped_on = models.DateField(_("停止日"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("法定期限")
        verbose_name_plural = _("法定期限")
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["clock_type", "content_type", "object_id"], name="clock_unique_per_record"
            ),
        ]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return f"{self.label} ({self.clock_type})"


class ClockEventKind(models.TextChoices):
    START = "start", _("开始")
    PAUSE = "pause", _("暂停")
    RESUME = "resume", _("恢复")
    EXTEND = "extend", _("延长")
    STOP = "stop", _("停止")


class ClockEvent(models.Model):
    clock = models.ForeignKey(Clock, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事件"), max_length=10, choices=ClockEventKind.choices)
    date = models.DateField(_("日期"))
    days = models.PositiveIntegerField(_("延长天数"), null=True, blank=True)
    reason = models.CharField(_("理由"), max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("期限事件")
        verbose_name_plural = _("期限事件")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date}"


class NumberSeries(models.Model):
    """A series of document or case numbers, e.g. ``海政规〔{year}〕{seq}号``."""

    key = models.SlugField(_("编号序列"), max_length=60, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    template = models.CharField(_("模板"), max_length=100)
    organization = models.ForeignKey(
        Organization, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("编号序列")
        verbose_name_plural = _("编号序列")

    def __str__(self) -> str:
        return self.name


class NumberCounter(models.Model):
    """The last number taken in a series and year; its row lock serialises allocation."""

    series = models.ForeignKey(NumberSeries, on_delete=models.PROTECT, related_name="counters")
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["series", "year"], name="number_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.series_id}/{self.year}: {self.last_value}"


class IssuedNumber(models.Model):
    series = models.ForeignKey(NumberSeries, on_delete=models.PROTECT, related_name="issued")
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    number = models.CharField(_("编号"), max_length=120)
    content_type = models.ForeignKey(ContentType, null=True, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=40, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("已取编号")
        verbose_name_plural = _("已取编号")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "year", "sequence"], name="issued_number_unique"
            ),
            models.UniqueConstraint(fields=["series", "number"], name="issued_number_text_unique"),
        ]

    def __str__(self) -> str:
        return self.number


class DomainEvent(models.Model):
    """One transition of a legal procedure: the record's timeline (style.md §5)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=40)
    subject = GenericForeignKey("content_type", "object_id")
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    event_type = models.CharField(_("事件"), max_length=80)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("时间"))
    # Dates and decimals in details are stored as ISO text and strings.
    details = models.JSONField(_("详情"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("业务事件")
        verbose_name_plural = _("业务事件")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.event_type} @ {self.at:%Y-%m-%d %H:%M}"


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(max_length=300, blank=True)
    # Makes the daily task idempotent: the same reminder is raised once per user.
    dedupe_key = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "dedupe_key"], name="notification_dedupe")
        ]

    def __str__(self) -> str:
        return self.title
