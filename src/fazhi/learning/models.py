"""Officials' law learning (rules-enforcement-disputes.md §9): training sessions and attendance
against a dated yearly minimum, law exams drawn from a question bank and answered online under
a server-side timer, 述法 reports and their evaluation, 以案释法 case selection, and 普法
publicity (programmes, episodes, the 谁执法谁普法 responsibility list).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

ORG = "core.Organization"


# --- training ----------------------------------------------------------------------------------


class TrainingRequirement(models.Model):
    """The yearly minimum of class hours per certified officer, as dated data with its source
    (the national figure is UNCONFIRMED for 2022, spec §9: never a constant)."""

    valid_from = models.DateField(_("适用起始日"), unique=True)
    min_hours = models.DecimalField(_("年度最低学时"), max_digits=5, decimal_places=1)
    source = models.CharField(_("依据"), max_length=300)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("年度学法学时要求")
        verbose_name_plural = _("年度学法学时要求")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.valid_from:%Y-%m-%d} ≥{self.min_hours}"


class SessionKind(models.TextChoices):
    LEADER_CLASS = "leader_class", _("领导干部培训班")
    EXEC_MEETING = "exec_meeting", _("政府常务会议学法")
    STUDY_DAY = "study_day", _("集中学习日")
    OFFICER_OFFLINE = "officer_offline", _("执法人员线下培训")
    ONLINE_HEARING = "online_hearing", _("云上听庭")


class SessionStatus(models.TextChoices):
    OPEN = "open", _("登记中")
    CLOSED = "closed", _("已归档")


class TrainingSession(models.Model):
    organization = models.ForeignKey(
        ORG, verbose_name=_("组织单位"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("类型"), max_length=20, choices=SessionKind.choices)
    title = models.CharField(_("名称"), max_length=200)
    held_on = models.DateField(_("举办日期"))
    hours = models.DecimalField(_("学时"), max_digits=4, decimal_places=1)
    location = models.CharField(_("地点或方式"), max_length=200, blank=True)
    laws = models.ManyToManyField(
        "lawbase.Law", verbose_name=_("学习的法律法规"), blank=True, related_name="+"
    )
    materials = models.TextField(_("学习材料"), blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("学法培训")
        verbose_name_plural = _("学法培训")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["kind", "held_on"])]

    def __str__(self) -> str:
        return self.title


class SignInVia(models.TextChoices):
    LIST = "list", _("签到表登记")
    IMPORT = "import", _("Excel导入")
    QR = "qr", _("扫码签到")


class Attendance(models.Model):
    session = models.ForeignKey(
        TrainingSession, verbose_name=_("培训"), on_delete=models.CASCADE, related_name="attendance"
    )
    person = models.ForeignKey(
        "core.Person", verbose_name=_("人员"), on_delete=models.PROTECT, related_name="+"
    )
    hours = models.DecimalField(_("学时"), max_digits=4, decimal_places=1)
    via = models.CharField(_("签到方式"), max_length=10, choices=SignInVia.choices)
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("培训签到")
        verbose_name_plural = _("培训签到")
        ordering = ["session", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.session} · {self.person}"


# --- exams ---------------------------------------------------------------------------------------


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("单选题")
    MULTIPLE = "multiple", _("多选题")
    TRUE_FALSE = "true_false", _("判断题")


class Question(models.Model):
    """A bank question; ``options`` are texts labelled A, B, C…; ``answer`` the right labels."""

    organization = models.ForeignKey(
        ORG, verbose_name=_("出题单位"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("题型"), max_length=20, choices=QuestionKind.choices)
    stem = models.TextField(_("题干"))
    options = models.JSONField(_("选项"), default=list)
    answer = models.JSONField(_("正确答案"), default=list)
    article = models.ForeignKey(
        "lawbase.Article",
        verbose_name=_("考查条文"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_active = models.BooleanField(_("在用"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("试题")
        verbose_name_plural = _("试题")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.stem[:40]


class ExamKind(models.TextChoices):
    PREAPPOINTMENT = "preappointment", _("任前法律知识考试")
    QUALIFICATION = "qualification", _("执法资格考试")
    ANNUAL = "annual", _("年度学法考试")


class SittingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("待开考")
    OPEN = "open", _("考试中")
    CLOSED = "closed", _("已结束")


class ExamSitting(models.Model):
    organization = models.ForeignKey(
        ORG, verbose_name=_("组织单位"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("考试类型"), max_length=20, choices=ExamKind.choices)
    title = models.CharField(_("名称"), max_length=200)
    held_on = models.DateField(_("考试日期"))
    duration_minutes = models.PositiveIntegerField(_("答题时长（分钟）"))
    question_count = models.PositiveIntegerField(_("题量"))
    pass_mark = models.DecimalField(_("合格分数线"), max_digits=5, decimal_places=1)
    # The paper-drawing seed: each candidate's paper is drawn by random.Random(f"{seed}:{person}")
    # from the active bank, so a paper can be drawn again and checked.
    seed = models.CharField(_("组卷种子"), max_length=40)
    status = models.CharField(
        _("状态"), max_length=20, choices=SittingStatus.choices, default=SittingStatus.SCHEDULED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("考试场次")
        verbose_name_plural = _("考试场次")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class PaperStatus(models.TextChoices):
    ASSIGNED = "assigned", _("待答题")
    ANSWERING = "answering", _("答题中")
    GRADED = "graded", _("已评分")


class ExamPaper(models.Model):
    sitting = models.ForeignKey(
        ExamSitting, verbose_name=_("考试场次"), on_delete=models.PROTECT, related_name="papers"
    )
    person = models.ForeignKey(
        "core.Person", verbose_name=_("考生"), on_delete=models.PROTECT, related_name="+"
    )
    organization = models.ForeignKey(
        ORG, verbose_name=_("考生单位"), on_delete=models.PROTECT, related_name="+"
    )
    new_post = models.CharField(_("拟任职务"), max_length=100, blank=True)
    retake_of = models.ForeignKey(
        "self",
        verbose_name=_("补考原试卷"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="retakes",
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=PaperStatus.choices, default=PaperStatus.ASSIGNED
    )
    started_at = models.DateTimeField(_("开始答题时间"), null=True, blank=True)
    deadline_at = models.DateTimeField(_("交卷截止时间"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("交卷时间"), null=True, blank=True)
    score = models.DecimalField(_("得分"), max_digits=5, decimal_places=1, null=True, blank=True)
    passed = models.BooleanField(_("合格"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("试卷")
        verbose_name_plural = _("试卷")
        ordering = ["sitting", "id"]
        constraints = [
            models.UniqueConstraint(fields=["sitting", "person"], name="paper_once_per_sitting")
        ]

    def __str__(self) -> str:
        return f"{self.sitting} · {self.person}"


class PaperQuestion(models.Model):
    paper = models.ForeignKey(
        ExamPaper, verbose_name=_("试卷"), on_delete=models.CASCADE, related_name="items"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("试题"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveIntegerField(_("题号"))
    given = models.JSONField(_("作答"), default=list)
    correct = models.BooleanField(_("正确"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("试卷题目")
        verbose_name_plural = _("试卷题目")
        ordering = ["paper", "position"]
        constraints = [
            models.UniqueConstraint(fields=["paper", "question"], name="paper_question_once"),
            models.UniqueConstraint(fields=["paper", "position"], name="paper_position_once"),
        ]

    def __str__(self) -> str:
        return f"{self.paper_id}-{self.position}"


# --- 述法 ----------------------------------------------------------------------------------------


class ReportForm(models.TextChoices):
    WRITTEN = "written", _("书面述法")
    MEETING = "meeting", _("会议述法")


class ReportStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待评议")
    RECTIFYING = "rectifying", _("整改中")
    CLOSED = "closed", _("已办结")


class Evaluation(models.TextChoices):
    EXCELLENT = "excellent", _("好")
    GOOD = "good", _("较好")
    FAIR = "fair", _("一般")
    POOR = "poor", _("差")


class LawReport(models.Model):
    """One leader's yearly 述法 (first-responsibility duties in the year-end report)."""

    organization = models.ForeignKey(
        ORG, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "core.Person", verbose_name=_("述法人"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveIntegerField(_("年度"))
    form = models.CharField(_("述法形式"), max_length=10, choices=ReportForm.choices)
    reported_on = models.DateField(_("述法日期"))
    summary = models.TextField(_("述法内容摘要"))
    issues = models.TextField(_("发现的问题"), blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.SUBMITTED
    )
    evaluation = models.CharField(
        _("评议等次"), max_length=20, choices=Evaluation.choices, blank=True
    )
    evaluation_comment = models.TextField(_("评议意见"), blank=True)
    evaluated_on = models.DateField(_("评议日期"), null=True, blank=True)
    rectification = models.TextField(_("整改情况"), blank=True)
    rectified_on = models.DateField(_("整改完成日期"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("述法")
        verbose_name_plural = _("述法")
        ordering = ["-year", "organization__path", "id"]
        constraints = [models.UniqueConstraint(fields=["person", "year"], name="law_report_once")]

    def __str__(self) -> str:
        return f"{self.year} · {self.person}"


# --- 以案释法 ----------------------------------------------------------------------------------


class SelectionStatus(models.TextChoices):
    OPEN = "open", _("征集中")
    CLOSED = "closed", _("已结束")


class CaseSelection(models.Model):
    organization = models.ForeignKey(
        ORG, verbose_name=_("主办单位"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveIntegerField(_("年度"))
    title = models.CharField(_("名称"), max_length=200)
    status = models.CharField(
        _("状态"), max_length=10, choices=SelectionStatus.choices, default=SelectionStatus.OPEN
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("以案释法评选")
        verbose_name_plural = _("以案释法评选")
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return self.title


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待评分")
    SCORED = "scored", _("评分中")
    AWARDED = "awarded", _("获奖")
    NOT_AWARDED = "not_awarded", _("未获奖")


class Award(models.TextChoices):
    FIRST = "first", _("一等奖")
    SECOND = "second", _("二等奖")
    THIRD = "third", _("三等奖")
    MERIT = "merit", _("优秀奖")


class CaseSubmission(models.Model):
    selection = models.ForeignKey(
        CaseSelection, verbose_name=_("评选"), on_delete=models.PROTECT, related_name="submissions"
    )
    organization = models.ForeignKey(
        ORG, verbose_name=_("报送单位"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("案例名称"), max_length=200)
    case_ref = models.CharField(_("案号"), max_length=100, blank=True)
    summary = models.TextField(_("释法要点"))
    law = models.ForeignKey(
        "lawbase.Law",
        verbose_name=_("所释法律法规"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_on = models.DateField(_("报送日期"))
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.SUBMITTED,
    )
    award = models.CharField(_("奖项"), max_length=10, choices=Award.choices, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("以案释法案例")
        verbose_name_plural = _("以案释法案例")
        ordering = ["selection", "id"]

    def __str__(self) -> str:
        return self.title


class JudgeScore(models.Model):
    submission = models.ForeignKey(
        CaseSubmission, verbose_name=_("案例"), on_delete=models.CASCADE, related_name="scores"
    )
    judge = models.CharField(_("评委"), max_length=50)
    score = models.DecimalField(_("评分"), max_digits=5, decimal_places=1)
    comment = models.CharField(_("评语"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("评委评分")
        verbose_name_plural = _("评委评分")
        ordering = ["submission", "id"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "judge"], name="judge_scores_once")
        ]

    def __str__(self) -> str:
        return f"{self.judge}：{self.score}"


# --- 普法 publicity -----------------------------------------------------------------------------


class Programme(models.Model):
    organization = models.ForeignKey(
        ORG, verbose_name=_("主办单位"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("栏目名称"), max_length=100, unique=True)
    description = models.TextField(_("简介"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("普法栏目")
        verbose_name_plural = _("普法栏目")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Episode(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("栏目"), on_delete=models.PROTECT, related_name="episodes"
    )
    organization = models.ForeignKey(
        ORG, verbose_name=_("主办单位"), on_delete=models.PROTECT, related_name="+"
    )
    number = models.PositiveIntegerField(_("期数"))
    title = models.CharField(_("标题"), max_length=200)
    topic = models.CharField(_("主题"), max_length=200, blank=True)
    aired_on = models.DateField(_("播出日期"))
    views = models.PositiveIntegerField(_("观看人次"), default=0)
    views_recorded_on = models.DateField(_("观看人次统计日期"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("普法栏目节目")
        verbose_name_plural = _("普法栏目节目")
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="episode_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.programme} 第{self.number}期"


class DutyStatus(models.TextChoices):
    PLANNED = "planned", _("待完成")
    DONE = "done", _("已完成")


class DutyItem(models.Model):
    """One line of a unit's 谁执法谁普法 responsibility list for a year."""

    organization = models.ForeignKey(
        ORG, verbose_name=_("责任单位"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveIntegerField(_("年度"))
    law = models.ForeignKey(
        "lawbase.Law",
        verbose_name=_("普法的法律法规"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    law_title = models.CharField(_("法律法规名称"), max_length=200)
    task = models.CharField(_("普法任务"), max_length=300)
    audience = models.CharField(_("普法对象"), max_length=100)
    method = models.CharField(_("方式"), max_length=100)
    schedule = models.CharField(_("时间安排"), max_length=100)
    status = models.CharField(
        _("状态"), max_length=10, choices=DutyStatus.choices, default=DutyStatus.PLANNED
    )
    completed_on = models.DateField(_("完成日期"), null=True, blank=True)
    outcome = models.TextField(_("完成情况"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("普法责任清单事项")
        verbose_name_plural = _("普法责任清单事项")
        ordering = ["-year", "organization__path", "id"]

    def __str__(self) -> str:
        return self.task
