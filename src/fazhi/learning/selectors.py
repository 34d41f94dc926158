"""Reads of learning, exams, 述法 and publicity, scoped to the user; totals in SQL.

``certificate_lapse_candidates(year)`` is the hook for the enforcement app: the certified
officers whose training or qualification exam says their certificate should lapse.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import NotFound
from fazhi.core.models import LeaderLevel, Organization, Person
from fazhi.core.scoping import scope_for
from fazhi.learning.models import (
    Attendance,
    CaseSelection,
    CaseSubmission,
    DutyItem,
    DutyStatus,
    Episode,
    ExamKind,
    ExamPaper,
    ExamSitting,
    LawReport,
    PaperStatus,
    Question,
    TrainingRequirement,
    TrainingSession,
)
from fazhi.learning.procedures import ROLES

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    class _Hours(TypedDict):
        year_hours: Decimal

    PersonWithHours = WithAnnotations[Person, _Hours]


def _missing(what: str) -> NotFound:
    return NotFound(
        CoreErrorCode.NOT_FOUND, _("%(what)s不存在或不在您的单位范围内。") % {"what": what}
    )


def in_year(field: str, year: int) -> Q:
    return Q(**{f"{field}__gte": dt.date(year, 1, 1), f"{field}__lte": dt.date(year, 12, 31)})


def under(queryset: QuerySet, scope: Organization | None, field: str = "organization") -> QuerySet:
    if scope is None:
        return queryset
    return queryset.filter(**{f"{field}__path__startswith": scope.path})


# --- training ----------------------------------------------------------------------------------


def session_list(
    *, user, search: str = "", kind: str = "", year: int | None = None
) -> QuerySet[TrainingSession]:
    queryset = scope_for(user).filter(TrainingSession.objects.all())
    if search:
        queryset = queryset.filter(Q(title__icontains=search) | Q(location__icontains=search))
    if kind:
        queryset = queryset.filter(kind=kind)
    if year:
        queryset = queryset.filter(held_on__year=year)
    return (
        queryset.select_related("organization")
        .annotate(attendees=Count("attendance"))
        .order_by("-held_on", "-id")
    )


def session_get(*, user, pk: int) -> TrainingSession:
    session = (
        (scope_for(user).filter(TrainingSession.objects.all()).select_related("organization"))
        .filter(pk=pk)
        .first()
    )
    if session is None:
        raise _missing(_("培训"))
    return session


def attendance_of(session: TrainingSession) -> QuerySet[Attendance]:
    return session.attendance.select_related("person__organization").order_by("id")


def requirement_for(year: int) -> TrainingRequirement | None:
    """The minimum that governs a year: the latest in force by the year's last day."""
    return (
        TrainingRequirement.objects.filter(valid_from__lte=dt.date(year, 12, 31))
        .order_by("-valid_from")
        .first()
    )


def certified_in(year: int, scope: Organization | None = None) -> QuerySet[Person]:
    """Officers holding a certificate in the year (people.enforcement_officers' definition)."""
    return under(
        Person.objects.filter(
            is_active=True, certificate_valid_until__gte=dt.date(year, 1, 1)
        ).exclude(enforcement_certificate_number=""),
        scope,
    )


def with_hours(people: QuerySet[Person], year: int) -> QuerySet[PersonWithHours]:
    """Each person's class hours in the year's sessions (a correlated SUM, one query)."""
    decimal = DecimalField(max_digits=7, decimal_places=1)
    hours = (
        Attendance.objects.filter(person=OuterRef("pk"), session__held_on__year=year)
        .values("person")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    return people.annotate(
        year_hours=Coalesce(
            Subquery(hours, output_field=decimal), Value(Decimal(0)), output_field=decimal
        )
    )


def officer_hours(
    *, user, year: int, below_only: bool = False, search: str = ""
) -> tuple[QuerySet[Person], TrainingRequirement | None]:
    """Certified officers visible to the user with their hours in ``year``, and the minimum."""
    people = with_hours(scope_for(user).filter(certified_in(year)), year)
    if search:
        people = people.filter(
            Q(name__icontains=search) | Q(enforcement_certificate_number__icontains=search)
        )
    requirement = requirement_for(year)
    if below_only:
        if requirement is None:
            return people.none(), None
        people = people.filter(year_hours__lt=requirement.min_hours)
    people = people.select_related("organization").order_by("organization__path", "name", "id")
    return people, requirement


def below_minimum_by_unit(*, user, year: int) -> list[dict]:
    """Per unit: how many certified officers are under the year's minimum hours."""
    people, requirement = officer_hours(user=user, year=year, below_only=True)
    if requirement is None:
        return []
    rows = (
        people.order_by()
        .values("organization__name", "organization__code")
        .annotate(count=Count("id"))
        .order_by("organization__code")
    )
    return [dict(row) for row in rows]


@dataclass(frozen=True)
class LapseCandidate:
    person: Person
    hours: Decimal
    min_hours: Decimal | None
    below_minimum: bool
    failed_qualification: bool


def certificate_lapse_candidates(year: int) -> list[LapseCandidate]:
    """Certified officers whose certificate should lapse for ``year`` by the configured rule:
    below the year's minimum hours (when one is configured), or failed the qualification exam
    (执法资格考试) in the year with no later pass. The enforcement app reads this to suspend or
    cancel certificates; this app never changes a certificate itself."""
    requirement = requirement_for(year)
    sittings = ExamPaper.objects.filter(
        person=OuterRef("pk"),
        sitting__kind=ExamKind.QUALIFICATION,
        sitting__held_on__year=year,
        status=PaperStatus.GRADED,
    )
    people = with_hours(certified_in(year), year).select_related("organization")
    people = people.annotate(
        failed=Exists(sittings.filter(passed=False)),
        passed_later=Exists(sittings.filter(passed=True)),
    )
    condition = Q(failed=True, passed_later=False)
    if requirement is not None:
        condition |= Q(year_hours__lt=requirement.min_hours)
    return [
        LapseCandidate(
            person=p,
            hours=p.year_hours,
            min_hours=requirement.min_hours if requirement else None,
            below_minimum=requirement is not None and p.year_hours < requirement.min_hours,
            failed_qualification=p.failed and not p.passed_later,
        )
        for p in people.filter(condition).order_by("organization__path", "name", "id")
    ]


# --- exams ----------------------------------------------------------------------------------------


def question_list(*, user, search: str = "", kind: str = "") -> QuerySet[Question]:
    queryset = scope_for(user).filter(Question.objects.all())
    if search:
        queryset = queryset.filter(stem__icontains=search)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.select_related("organization", "article__law")


def sitting_list(*, user, search: str = "", kind: str = "") -> QuerySet[ExamSitting]:
    queryset = scope_for(user).filter(ExamSitting.objects.all())
    if search:
        queryset = queryset.filter(title__icontains=search)
    if kind:
        queryset = queryset.filter(kind=kind)
    return (
        queryset.select_related("organization")
        .annotate(
            examinees=Count("papers"),
            passed_count=Count("papers", filter=Q(papers__passed=True)),
        )
        .order_by("-held_on", "-id")
    )


def sitting_get(*, user, pk: int) -> ExamSitting:
    sitting = scope_for(user).filter(ExamSitting.objects.all()).filter(pk=pk).first()
    if sitting is None:
        raise _missing(_("考试场次"))
    return sitting


def _papers_visible(user) -> QuerySet[ExamPaper]:
    """The legal officers of the sitting's organiser and of the candidate's unit, the read-all
    roles, and the candidate themselves: colleagues do not read each other's results."""
    scope = scope_for(user)
    queryset = ExamPaper.objects.all()
    if scope.reads_all:
        return queryset
    mine = Q(person__user_id=user.pk) if user.is_authenticated else Q(pk__in=[])
    return queryset.filter(
        scope.q("sitting__organization", roles=ROLES) | scope.q("organization", roles=ROLES) | mine
    )


def paper_list(*, user, search: str = "", mine: bool = False) -> QuerySet[ExamPaper]:
    queryset = _papers_visible(user)
    if mine:
        queryset = queryset.filter(person__user_id=user.pk)
    if search:
        queryset = queryset.filter(
            Q(person__name__icontains=search) | Q(sitting__title__icontains=search)
        )
    return queryset.select_related("sitting", "person", "organization").order_by(
        "-sitting__held_on", "-id"
    )


def paper_get(*, user, pk: int) -> ExamPaper:
    paper = (
        _papers_visible(user)
        .select_related("sitting__organization", "person", "organization", "retake_of")
        .filter(pk=pk)
        .first()
    )
    if paper is None:
        raise _missing(_("试卷"))
    return paper


def paper_items(paper: ExamPaper):
    return paper.items.select_related("question__article__law").order_by("position")


# --- 述法 ----------------------------------------------------------------------------------------


def report_list(
    *, user, search: str = "", year: int | None = None, status: str = ""
) -> QuerySet[LawReport]:
    queryset = scope_for(user).filter(LawReport.objects.all())
    if search:
        queryset = queryset.filter(
            Q(person__name__icontains=search) | Q(organization__name__icontains=search)
        )
    if year:
        queryset = queryset.filter(year=year)
    if status:
        queryset = queryset.filter(status=status)
    return queryset.select_related("person", "organization")


def report_get(*, user, pk: int) -> LawReport:
    report = report_list(user=user).filter(pk=pk).first()
    if report is None:
        raise _missing(_("述法记录"))
    return report


def roster(*, user, year: int, missing_only: bool = False) -> QuerySet[Person]:
    """The leaders who must report on the year (city-managed), each marked reported or not."""
    people = scope_for(user).filter(
        Person.objects.filter(is_active=True, leader_level=LeaderLevel.CITY_MANAGED)
    )
    people = people.annotate(
        reported=Exists(LawReport.objects.filter(person=OuterRef("pk"), year=year))
    )
    if missing_only:
        people = people.filter(reported=False)
    return people.select_related("organization").order_by("organization__path", "name", "id")


# --- 以案释法 ----------------------------------------------------------------------------------


def selection_list(*, user) -> QuerySet[CaseSelection]:
    return (
        CaseSelection.objects.select_related("organization")
        .annotate(submission_count=Count("submissions"))
        .order_by("-year", "-id")
    )


def selection_get(*, user, pk: int) -> CaseSelection:
    selection = selection_list(user=user).filter(pk=pk).first()
    if selection is None:
        raise _missing(_("评选"))
    return selection


def submission_list(*, user, selection: CaseSelection | None = None):
    """Submissions are public within the platform once sent (the selection publishes them)."""
    from django.db.models import Avg

    queryset = CaseSubmission.objects.all()
    if selection is not None:
        queryset = queryset.filter(selection=selection)
    return (
        queryset.select_related("selection", "organization", "law")
        .annotate(average=Avg("scores__score"), judges=Count("scores"))
        .order_by("selection", "id")
    )


def submission_get(*, user, pk: int) -> CaseSubmission:
    submission = (
        submission_list(user=user).select_related("selection__organization").filter(pk=pk).first()
    )
    if submission is None:
        raise _missing(_("案例"))
    return submission


# --- publicity ---------------------------------------------------------------------------------


def episode_list(*, user, search: str = "", year: int | None = None) -> QuerySet[Episode]:
    """Aired episodes are public information: every staff user reads them."""
    queryset = Episode.objects.select_related("programme", "organization")
    if search:
        queryset = queryset.filter(Q(title__icontains=search) | Q(topic__icontains=search))
    if year:
        queryset = queryset.filter(aired_on__year=year)
    return queryset


def episode_get(*, user, pk: int) -> Episode:
    episode = episode_list(user=user).filter(pk=pk).first()
    if episode is None:
        raise _missing(_("节目"))
    return episode


def duty_list(
    *, user, search: str = "", year: int | None = None, status: str = ""
) -> QuerySet[DutyItem]:
    queryset = scope_for(user).filter(DutyItem.objects.all())
    if search:
        queryset = queryset.filter(
            Q(task__icontains=search)
            | Q(law_title__icontains=search)
            | Q(organization__name__icontains=search)
        )
    if year:
        queryset = queryset.filter(year=year)
    if status:
        queryset = queryset.filter(status=status)
    return queryset.select_related("organization", "law")


def duty_get(*, user, pk: int) -> DutyItem:
    duty = duty_list(user=user).filter(pk=pk).first()
    if duty is None:
        raise _missing(_("普法责任事项"))
    return duty


def duty_completion(*, user, year: int) -> list[dict]:
    """Per unit: tasks on the year's list and how many are done."""
    rows = (
        duty_list(user=user, year=year)
        .order_by()
        .values("organization__name", "organization__code")
        .annotate(total=Count("id"), done=Count("id", filter=Q(status=DutyStatus.DONE)))
        .order_by("organization__code")
    )
    return [dict(row) for row in rows]
