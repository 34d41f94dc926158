"""The figures of learning and publicity (seed-figures.md: ``learning.*``, ``publicity.*``),
each counted in SQL from sessions, attendance, papers, 述法 records and episodes."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Sum

from fazhi.core.domain.rates import Rate
from fazhi.core.indicators import register
from fazhi.core.models import LeaderLevel, Organization
from fazhi.learning.models import (
    Attendance,
    Episode,
    ExamKind,
    ExamPaper,
    ExamSitting,
    LawReport,
    PaperStatus,
    SessionKind,
    TrainingSession,
)
from fazhi.learning.selectors import certified_in, in_year, under


def _sessions(kind: str, year: int, scope: Organization | None):
    return under(TrainingSession.objects.filter(in_year("held_on", year), kind=kind), scope)


@register(
    "learning.leader_training_classes",
    name="领导干部学法培训班",
    unit="期",
    definition="当年举办的领导干部培训班期数（按举办日期）。",
)
def leader_training_classes(year: int, scope: Organization | None) -> int:
    return _sessions(SessionKind.LEADER_CLASS, year, scope).count()


@register(
    "learning.exec_meeting_law_study",
    name="政府常务会议集体学法",
    unit="次",
    definition="当年政府常务会议集体学习法律法规的次数。",
)
def exec_meeting_law_study(year: int, scope: Organization | None) -> int:
    return _sessions(SessionKind.EXEC_MEETING, year, scope).count()


def _preappointment_papers(year: int, scope: Organization | None):
    sittings = under(
        ExamSitting.objects.filter(in_year("held_on", year), kind=ExamKind.PREAPPOINTMENT), scope
    )
    return ExamPaper.objects.filter(sitting__in=sittings, status=PaperStatus.GRADED)


@register(
    "learning.preappointment_exams",
    name="任前法律知识考试",
    unit="场",
    definition="当年举行的任前法律知识考试场次（按考试日期）。",
)
def preappointment_exams(year: int, scope: Organization | None) -> int:
    return under(
        ExamSitting.objects.filter(in_year("held_on", year), kind=ExamKind.PREAPPOINTMENT), scope
    ).count()


@register(
    "learning.preappointment_examinees",
    name="任前法律知识考试参考人员",
    unit="人",
    definition="当年任前法律知识考试中已交卷评分的不同考生人数（补考不重复计）。",
)
def preappointment_examinees(year: int, scope: Organization | None) -> int:
    return _preappointment_papers(year, scope).values("person").distinct().count()


@register(
    "learning.preappointment_pass_rate",
    name="任前法律知识考试合格率",
    unit="%",
    definition="当年任前法律知识考试中至少一次合格的考生人数 ÷ 参考人数（补考合格计为合格）。",
)
def preappointment_pass_rate(year: int, scope: Organization | None) -> Rate:
    papers = _preappointment_papers(year, scope)
    examinees = papers.values("person").distinct().count()
    passed = papers.filter(passed=True).values("person").distinct().count()
    return Rate(passed, examinees)


@register(
    "learning.leaders_reporting_on_law",
    name="市管领导干部述法",
    unit="人",
    definition="有当年度述法记录的市管领导干部人数。",
)
def leaders_reporting_on_law(year: int, scope: Organization | None) -> int:
    return (
        under(LawReport.objects.filter(year=year), scope)
        .filter(person__leader_level=LeaderLevel.CITY_MANAGED)
        .values("person")
        .distinct()
        .count()
    )


@register(
    "learning.officer_training_sessions",
    name="行政执法人员线下学法培训",
    unit="次",
    definition="当年为行政执法人员集中组织的线下学法培训次数。",
)
def officer_training_sessions(year: int, scope: Organization | None) -> int:
    return _sessions(SessionKind.OFFICER_OFFLINE, year, scope).count()


def _trained(year: int, scope: Organization | None):
    attended = Attendance.objects.filter(in_year("session__held_on", year), person=OuterRef("pk"))
    return certified_in(year, scope).filter(Exists(attended))


@register(
    "learning.officers_trained",
    name="参加学法的行政执法人员",
    unit="人",
    definition="当年持证的行政执法人员中，当年至少有一次培训签到的人数。",
)
def officers_trained(year: int, scope: Organization | None) -> int:
    return _trained(year, scope).count()


@register(
    "learning.officer_training_coverage",
    name="行政执法人员学法覆盖率",
    unit="%",
    definition="当年至少参加一次培训的持证行政执法人员 ÷ 当年持证的行政执法人员。",
)
def officer_training_coverage(year: int, scope: Organization | None) -> Rate:
    return Rate(_trained(year, scope).count(), certified_in(year, scope).count())


def _episodes(year: int, scope: Organization | None):
    return under(Episode.objects.filter(in_year("aired_on", year)), scope)


@register(
    "publicity.program_episodes",
    name="普法栏目播出期数",
    unit="期",
    definition="当年播出的普法栏目节目期数（按播出日期）。",
)
def program_episodes(year: int, scope: Organization | None) -> int:
    return _episodes(year, scope).count()


@register(
    "publicity.program_views",
    name="普法栏目观看人次",
    unit="人次",
    definition="当年播出的普法栏目节目最近一次登记的观看人次之和。",
)
def program_views(year: int, scope: Organization | None) -> int:
    return _episodes(year, scope).aggregate(total=Sum("views"))["total"] or 0
