"""The procedures of learning, exams, 述法, 以案释法 and publicity, declared once.

Services check each step with ``<PROCEDURE>.require``; record pages render
``{% transitions "learning.<thing>" obj %}`` and the API gets ``POST …/{id}/<step>/`` from
these declarations (``fazhi.core.procedures``).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Role
from fazhi.core.procedures import Procedure, Transition
from fazhi.core.scoping import scope_for
from fazhi.learning import forms
from fazhi.learning.models import (
    CaseSelection,
    CaseSubmission,
    DutyItem,
    DutyStatus,
    Episode,
    ExamPaper,
    ExamSitting,
    LawReport,
    PaperStatus,
    ReportStatus,
    SelectionStatus,
    SessionStatus,
    SittingStatus,
    SubmissionStatus,
    TrainingSession,
)

# Training, exams and 述法 are run by the justice bureau's rule-of-law office and each unit's
# legal officers, within their own organisation's subtree.
ROLES = (Role.JUSTICE_LEGAL_OFFICER, Role.DEPARTMENT_LEGAL_OFFICER)
SERVICES = "fazhi.learning.services."


def is_candidate(user, paper: ExamPaper) -> bool:
    """The examinee, through the account linked to the person."""
    return bool(user and user.is_authenticated and paper.person.user_id == user.pk)


def candidate_or_proctor(user, paper: ExamPaper) -> bool:
    """The examinee answers online; the organiser's staff may transcribe a paper answer sheet
    (a sitting held on paper) through the same steps and the same timer."""
    return is_candidate(user, paper) or scope_for(user).can_change(
        paper.sitting.organization, ROLES
    )


SESSION = Procedure(
    key="learning.session",
    label=_("学法培训"),
    model=TrainingSession,
    subject_arg="session",
    getter="fazhi.learning.selectors.session_get",
    detail_url=lambda s: reverse("learning:session_detail", args=[s.pk]),
    roles=ROLES,
    api_basename="learning-api:session",
    transitions=[
        Transition(
            name="attend",
            label=_("登记签到"),
            service=SERVICES + "training.session_attend",
            sources=(SessionStatus.OPEN,),
            form=forms.AttendForm,
        ),
        Transition(
            name="import_attendance",
            label=_("导入签到表"),
            service=SERVICES + "training.attendance_import",
            sources=(SessionStatus.OPEN,),
            form=forms.AttendanceImportForm,
            prepare=forms.read_upload,
        ),
        Transition(
            name="close",
            label=_("归档"),
            service=SERVICES + "training.session_close",
            sources=(SessionStatus.OPEN,),
            target=SessionStatus.CLOSED,
        ),
    ],
)

SITTING = Procedure(
    key="learning.sitting",
    label=_("考试场次"),
    model=ExamSitting,
    subject_arg="sitting",
    getter="fazhi.learning.selectors.sitting_get",
    detail_url=lambda s: reverse("learning:sitting_detail", args=[s.pk]),
    roles=ROLES,
    api_basename="learning-api:sitting",
    transitions=[
        Transition(
            name="enrol",
            label=_("考生报名并组卷"),
            service=SERVICES + "exams.paper_assign",
            sources=(SittingStatus.SCHEDULED, SittingStatus.OPEN),
            form=forms.EnrolForm,
        ),
        Transition(
            name="open",
            label=_("开考"),
            service=SERVICES + "exams.sitting_open",
            sources=(SittingStatus.SCHEDULED,),
            target=SittingStatus.OPEN,
        ),
        Transition(
            name="close",
            label=_("结束考试"),
            service=SERVICES + "exams.sitting_close",
            sources=(SittingStatus.OPEN,),
            target=SittingStatus.CLOSED,
        ),
    ],
)

PAPER = Procedure(
    key="learning.paper",
    label=_("试卷"),
    model=ExamPaper,
    subject_arg="paper",
    getter="fazhi.learning.selectors.paper_get",
    detail_url=lambda p: reverse("learning:paper_detail", args=[p.pk]),
    roles=ROLES,
    organization_of=lambda p: p.sitting.organization,
    api_basename="learning-api:paper",
    transitions=[
        Transition(
            name="start",
            label=_("开始答题"),
            service=SERVICES + "exams.paper_start",
            sources=(PaperStatus.ASSIGNED,),
            target=PaperStatus.ANSWERING,
            guard=lambda p: p.sitting.status == SittingStatus.OPEN,
            refusal=_("考试尚未开考或已结束。"),
            authorize=candidate_or_proctor,
        ),
        Transition(
            name="submit",
            label=_("交卷"),
            service=SERVICES + "exams.paper_submit",
            sources=(PaperStatus.ANSWERING,),
            target=PaperStatus.GRADED,
            form=forms.SubmitForm,
            authorize=candidate_or_proctor,
        ),
        Transition(
            name="expire",
            label=_("超时收卷"),
            service=SERVICES + "exams.paper_expire",
            sources=(PaperStatus.ANSWERING,),
            target=PaperStatus.GRADED,
            guard=lambda p: p.deadline_at is not None and timezone.now() > p.deadline_at,
            refusal=_("答题时间未到，不能收卷。"),
            danger=True,
        ),
    ],
)


def rule_of_law_office(user, report=None) -> bool:
    """述法 is organised city-wide by the rule-of-law office (the justice bureau's legal
    officers), whichever unit the leader belongs to."""
    return scope_for(user).has_role(Role.JUSTICE_LEGAL_OFFICER, Role.ADMINISTRATOR)


def office_or_unit(user, report: LawReport) -> bool:
    """Rectification is reported by the office or the leader's own unit's legal officer."""
    return rule_of_law_office(user) or scope_for(user).can_change(report.organization, ROLES)


REPORT = Procedure(
    key="learning.report",
    label=_("述法"),
    model=LawReport,
    subject_arg="report",
    getter="fazhi.learning.selectors.report_get",
    detail_url=lambda r: reverse("learning:report_detail", args=[r.pk]),
    # The evaluation (评议) is the rule-of-law office's; a unit records its leaders' reports.
    roles=(Role.JUSTICE_LEGAL_OFFICER,),
    api_basename="learning-api:report",
    transitions=[
        Transition(
            name="evaluate",
            label=_("评议"),
            service=SERVICES + "reports.report_evaluate",
            sources=(ReportStatus.SUBMITTED,),
            form=forms.EvaluateForm,
            authorize=rule_of_law_office,
        ),
        Transition(
            name="rectify",
            label=_("登记整改完成"),
            service=SERVICES + "reports.report_rectify",
            sources=(ReportStatus.RECTIFYING,),
            target=ReportStatus.CLOSED,
            form=forms.RectifyForm,
            authorize=office_or_unit,
        ),
    ],
)

SELECTION = Procedure(
    key="learning.selection",
    label=_("以案释法评选"),
    model=CaseSelection,
    subject_arg="selection",
    getter="fazhi.learning.selectors.selection_get",
    detail_url=lambda s: reverse("learning:selection_detail", args=[s.pk]),
    roles=(Role.JUSTICE_LEGAL_OFFICER,),
    api_basename="learning-api:selection",
    transitions=[
        Transition(
            name="close",
            label=_("结束评选"),
            service=SERVICES + "reports.selection_close",
            sources=(SelectionStatus.OPEN,),
            target=SelectionStatus.CLOSED,
        ),
    ],
)

SUBMISSION = Procedure(
    key="learning.submission",
    label=_("以案释法案例"),
    model=CaseSubmission,
    subject_arg="submission",
    getter="fazhi.learning.selectors.submission_get",
    detail_url=lambda s: reverse("learning:selection_detail", args=[s.selection_id]),
    # Judges' scores and awards are the organiser's, not the submitting unit's.
    roles=(Role.JUSTICE_LEGAL_OFFICER,),
    organization_of=lambda s: s.selection.organization,
    api_basename="learning-api:submission",
    transitions=[
        Transition(
            name="score",
            label=_("登记评委评分"),
            service=SERVICES + "reports.submission_score",
            sources=(SubmissionStatus.SUBMITTED, SubmissionStatus.SCORED),
            target=SubmissionStatus.SCORED,
            form=forms.ScoreForm,
        ),
        Transition(
            name="award",
            label=_("评定奖项"),
            service=SERVICES + "reports.submission_award",
            sources=(SubmissionStatus.SCORED,),
            target=SubmissionStatus.AWARDED,
            form=forms.AwardForm,
        ),
        Transition(
            name="decline",
            label=_("不予评奖"),
            service=SERVICES + "reports.submission_decline",
            sources=(SubmissionStatus.SCORED,),
            target=SubmissionStatus.NOT_AWARDED,
            danger=True,
        ),
    ],
)

EPISODE = Procedure(
    key="publicity.episode",
    label=_("普法栏目节目"),
    model=Episode,
    subject_arg="episode",
    getter="fazhi.learning.selectors.episode_get",
    detail_url=lambda e: reverse("learning:episode_detail", args=[e.pk]),
    roles=ROLES,
    state_field="",
    api_basename="learning-api:episode",
    transitions=[
        Transition(
            name="views",
            label=_("登记观看人次"),
            service=SERVICES + "publicity.episode_views_record",
            form=forms.ViewsForm,
        ),
    ],
)

DUTY = Procedure(
    key="publicity.duty",
    label=_("普法责任清单事项"),
    model=DutyItem,
    subject_arg="duty",
    getter="fazhi.learning.selectors.duty_get",
    detail_url=lambda d: reverse("learning:duty_detail", args=[d.pk]),
    roles=ROLES,
    api_basename="learning-api:duty",
    transitions=[
        Transition(
            name="complete",
            label=_("登记完成"),
            service=SERVICES + "publicity.duty_complete",
            sources=(DutyStatus.PLANNED,),
            target=DutyStatus.DONE,
            form=forms.CompleteForm,
        ),
    ],
)
