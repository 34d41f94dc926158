"""Grassroots rule of law: the village registries (法律明白人, 法治带头人, 学法用法示范户), the town
rule-of-law committees (依法治镇(街道)委员会) with members and meetings, each town's "1+N" team of
full- and part-time legal-affairs workers (专兼职法治员), and democratic rule-of-law villages.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

ORG = "core.Organization"


class RegistryKind(models.TextChoices):
    LEGAL_LITERATE = "legal_literate", _("法律明白人")
    RULE_OF_LAW_LEADER = "rule_of_law_leader", _("法治带头人")
    MODEL_HOUSEHOLD = "model_household", _("学法用法示范户")


class Pool(models.TextChoices):
    """The priority pools of the 2021 work norms (spec §9), and other villagers."""

    VILLAGE_CADRE = "village_cadre", _("村干部")
    WOMEN_FEDERATION = "women_federation", _("妇联执委、儿童主任")
    MEDIATOR = "mediator", _("人民调解员")
    AUXILIARY_POLICE = "auxiliary_police", _("村辅警")
    GRID_WORKER = "grid_worker", _("网格员")
    GROUP_LEADER = "group_leader", _("村民小组长")
    PARTY_MEMBER = "party_member", _("党员")
    FIVE_ELDERS = "five_elders", _("“五老”人员")
    OTHER = "other", _("其他村民")


class RegistrationStatus(models.TextChoices):
    ACTIVE = "active", _("在册")
    WITHDRAWN = "withdrawn", _("已退出")


class Registration(models.Model):
    """One person on one registry (a household is registered under its head)."""

    kind = models.CharField(_("类别"), max_length=30, choices=RegistryKind.choices)
    person = models.ForeignKey(
        "core.Person", verbose_name=_("人员"), on_delete=models.PROTECT, related_name="+"
    )
    organization = models.ForeignKey(
        ORG, verbose_name=_("村民小组或行政村"), on_delete=models.PROTECT, related_name="+"
    )
    pool = models.CharField(_("人选来源"), max_length=30, choices=Pool.choices)
    selected_on = models.DateField(_("选任日期"))
    training_hours = models.DecimalField(_("培训学时"), max_digits=6, decimal_places=1, default=0)
    disputes_helped = models.PositiveIntegerField(_("参与化解纠纷"), default=0)
    sessions_given = models.PositiveIntegerField(_("开展普法宣讲"), default=0)
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.ACTIVE,
    )
    withdrawn_on = models.DateField(_("退出日期"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("退出原因"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("基层普法骨干登记")
        verbose_name_plural = _("基层普法骨干登记")
        ordering = ["organization__path", "kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "person"], name="registration_once_per_kind")
        ]
        indexes = [models.Index(fields=["kind", "organization"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.person}"


class BodyStatus(models.TextChoices):
    ACTIVE = "active", _("运行中")
    DISSOLVED = "dissolved", _("已撤销")


class TownCommittee(models.Model):
    town = models.OneToOneField(
        ORG, verbose_name=_("镇(街道)"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("名称"), max_length=100)
    established_on = models.DateField(_("成立日期"))
    document_ref = models.CharField(_("成立文件"), max_length=200, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=BodyStatus.choices, default=BodyStatus.ACTIVE
    )
    dissolved_on = models.DateField(_("撤销日期"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("依法治镇(街道)委员会")
        verbose_name_plural = _("依法治镇(街道)委员会")
        ordering = ["town__code"]

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    DIRECTOR = "director", _("主任")
    DEPUTY = "deputy", _("副主任")
    MEMBER = "member", _("委员")
    OFFICE = "office", _("办公室主任")


class CommitteeMember(models.Model):
    committee = models.ForeignKey(
        TownCommittee, verbose_name=_("委员会"), on_delete=models.CASCADE, related_name="members"
    )
    name = models.CharField(_("姓名"), max_length=50)
    post = models.CharField(_("职务"), max_length=100)
    role = models.CharField(_("委员会职务"), max_length=20, choices=MemberRole.choices)
    joined_on = models.DateField(_("任职日期"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("委员会成员")
        verbose_name_plural = _("委员会成员")
        ordering = ["committee", "role", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_role_display()}）"


class CommitteeMeeting(models.Model):
    committee = models.ForeignKey(
        TownCommittee, verbose_name=_("委员会"), on_delete=models.CASCADE, related_name="meetings"
    )
    held_on = models.DateField(_("会议日期"))
    topics = models.TextField(_("议题"))
    decisions = models.TextField(_("议定事项"), blank=True)
    attendees = models.PositiveIntegerField(_("出席人数"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("委员会会议")
        verbose_name_plural = _("委员会会议")
        ordering = ["committee", "-held_on"]

    def __str__(self) -> str:
        return f"{self.committee} {self.held_on:%Y-%m-%d}"


class LegalTeam(models.Model):
    """A town's "1+N" legal-affairs team (专兼职法治员)."""

    town = models.OneToOneField(
        ORG, verbose_name=_("镇(街道)"), on_delete=models.PROTECT, related_name="+"
    )
    established_on = models.DateField(_("组建日期"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("“1+N”专兼职法治员队伍")
        verbose_name_plural = _("“1+N”专兼职法治员队伍")
        ordering = ["town__code"]

    def __str__(self) -> str:
        return f"{self.town}“1+N”法治员队伍"


class TeamRole(models.TextChoices):
    FULL_TIME = "full_time", _("专职法治员")
    PART_TIME = "part_time", _("兼职法治员")


class TeamMember(models.Model):
    team = models.ForeignKey(
        LegalTeam, verbose_name=_("队伍"), on_delete=models.CASCADE, related_name="members"
    )
    name = models.CharField(_("姓名"), max_length=50)
    post = models.CharField(_("所在岗位"), max_length=100)
    role = models.CharField(_("类别"), max_length=20, choices=TeamRole.choices)
    joined_on = models.DateField(_("加入日期"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("法治员")
        verbose_name_plural = _("法治员")
        ordering = ["team", "role", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_role_display()}）"


class VillageLevel(models.TextChoices):
    NATIONAL = "national", _("全国民主法治示范村（社区）")
    PROVINCIAL = "provincial", _("省级民主法治村（社区）")
    PREFECTURE = "prefecture", _("嘉兴市级民主法治村（社区）")
    COUNTY = "county", _("海宁市级民主法治村（社区）")


class DemocraticVillage(models.Model):
    village = models.ForeignKey(
        ORG, verbose_name=_("行政村"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField(_("命名层级"), max_length=20, choices=VillageLevel.choices)
    recognised_on = models.DateField(_("命名日期"))
    document_ref = models.CharField(_("命名文件"), max_length=200, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=BodyStatus.choices, default=BodyStatus.ACTIVE
    )
    revoked_on = models.DateField(_("撤销日期"), null=True, blank=True)
    revocation_reason = models.CharField(_("撤销原因"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("民主法治村")
        verbose_name_plural = _("民主法治村")
        ordering = ["village__path", "level"]
        constraints = [
            models.UniqueConstraint(fields=["village", "level"], name="democratic_village_once")
        ]

    def __str__(self) -> str:
        return f"{self.village} · {self.get_level_display()}"
