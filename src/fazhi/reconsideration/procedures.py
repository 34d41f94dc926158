"""The reconsideration case's procedure, declared once (``fazhi.core.procedures``).

States are ``models.Status``; services check each step with ``CASE.require``; the case page and
``POST /api/reconsideration/cases/{id}/<step>/`` are generated from these declarations.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Role
from fazhi.core.procedures import Procedure, Transition
from fazhi.reconsideration import forms, rules
from fazhi.reconsideration.models import Procedure as HearingProcedure
from fazhi.reconsideration.models import ReconsiderationCase, ReconsiderationLetter, Status

ROLES = (Role.RECONSIDERATION_OFFICER,)
OPEN = (Status.ACCEPTED, Status.SUSPENDED)
SERVICES = "fazhi.reconsideration.services."
STEPS = "fazhi.reconsideration.steps."


def _clock_lapsed(case, name: str) -> bool:
    """Whether the case's ``name`` clock ran out before today (one query)."""
    from django.utils import timezone

    from fazhi.reconsideration.services import clock_any

    clock = clock_any(case, name)
    return (
        clock is not None
        and clock.due_date is not None
        and clock.stopped_on is None
        and clock.due_date < timezone.localdate()
    )


def _answer_clock(case) -> str:
    return "answer_simplified" if case.procedure == HearingProcedure.SIMPLIFIED else "answer"


def _mediation_open(case) -> bool:
    if rules.value(case.law_version, "mediation.requires_suspension"):
        return case.mediation_attempted
    return True  # 2017: Reg 50 scope is checked by the service (discretionary/compensation)


CASE = Procedure(
    key="reconsideration.case",
    label=_("行政复议案件"),
    model=ReconsiderationCase,
    subject_arg="case",
    getter="fazhi.reconsideration.selectors.case_get",
    detail_url=lambda case: reverse("reconsideration:case_detail", args=[case.pk]),
    roles=ROLES,
    api_basename="reconsideration-api:case",
    transitions=[
        Transition(
            name="correction_request",
            label=_("通知补正"),
            service=SERVICES + "reconsideration_correction_request",
            sources=(Status.RECEIVED,),
            target=Status.AWAITING_CORRECTION,
            guard=lambda case: case.correction_requested_on is None,
            refusal=_("只有待审查的申请可以通知补正，且只能通知一次。"),
            form=forms.CorrectionRequestForm,
        ),
        Transition(
            name="correction_receive",
            label=_("收到补正材料"),
            service=SERVICES + "reconsideration_correction_receive",
            sources=(Status.AWAITING_CORRECTION,),
            target=Status.RECEIVED,
            form=forms.DateForm,
        ),
        Transition(
            name="accept",
            label=_("受理"),
            service=SERVICES + "reconsideration_accept",
            sources=(Status.RECEIVED,),
            target=Status.ACCEPTED,
            form=forms.AcceptForm,
        ),
        Transition(
            name="reject",
            label=_("不予受理"),
            service=SERVICES + "reconsideration_reject",
            sources=(Status.RECEIVED, Status.AWAITING_CORRECTION),
            target=Status.NOT_ACCEPTED,
            form=forms.RejectForm,
            danger=True,
        ),
        Transition(
            name="hearing",
            label=_("登记听证"),
            service=SERVICES + "reconsideration_hearing_record",
            sources=(Status.ACCEPTED,),
            form=forms.DateForm,
        ),
        Transition(
            name="extend",
            label=_("延长审理期限"),
            service=SERVICES + "reconsideration_extend",
            sources=(Status.ACCEPTED,),
            guard=lambda case: case.procedure == HearingProcedure.ORDINARY,
            refusal=_("只有普通程序审理中的案件可以延长审理期限。"),
            refusal_code="extension_not_allowed",
            form=forms.ExtendForm,
        ),
        Transition(
            name="suspend",
            label=_("中止审理"),
            service=SERVICES + "reconsideration_suspend",
            sources=(Status.ACCEPTED,),
            target=Status.SUSPENDED,
            form=forms.SuspendForm,
        ),
        Transition(
            name="resume",
            label=_("恢复审理"),
            service=SERVICES + "reconsideration_resume",
            sources=(Status.SUSPENDED,),
            target=Status.ACCEPTED,
            form=forms.DateForm,
        ),
        Transition(
            name="mediate",
            label=_("调解结案"),
            service=SERVICES + "reconsideration_mediate",
            sources=OPEN,
            target=Status.CONCLUDED,
            guard=_mediation_open,
            refusal=_("只有已组织调解的审理中案件可以调解结案。"),
            form=forms.SummaryForm,
        ),
        Transition(
            name="withdraw",
            label=_("撤回申请"),
            service=SERVICES + "reconsideration_withdraw",
            sources=OPEN,
            target=Status.CONCLUDED,
            form=forms.WithdrawForm,
        ),
        Transition(
            name="decide",
            label=_("作出复议决定"),
            service=SERVICES + "reconsideration_decide",
            sources=(Status.ACCEPTED,),
            target=Status.CONCLUDED,
            form=forms.DecideForm,
        ),
        Transition(
            name="dismiss",
            label=_("驳回复议申请"),
            service=SERVICES + "reconsideration_dismiss",
            sources=(Status.ACCEPTED,),
            target=Status.CONCLUDED,
            form=forms.SummaryForm,
            danger=True,
        ),
        Transition(
            name="serve",
            label=_("登记送达"),
            service=SERVICES + "reconsideration_serve",
            sources=(Status.CONCLUDED, Status.NOT_ACCEPTED),
            target=Status.SERVED,
            guard=lambda case: case.served_on is None,
            form=forms.DateForm,
        ),
        Transition(
            name="law_version",
            label=_("改变适用法律文本"),
            service=STEPS + "reconsideration_law_version_set",
            sources=(Status.RECEIVED, Status.AWAITING_CORRECTION, *OPEN),
            guard=lambda case: case.received_on < rules.SWITCH_DATE,
            refusal=_("只有2024年1月1日前收到、当日尚未审结的案件可以改变适用文本。"),
            refusal_code="law_version_not_changeable",
            form=forms.LawVersionForm,
        ),
        Transition(
            name="abandon",
            label=_("视为放弃申请"),
            service=STEPS + "reconsideration_abandon",
            sources=(Status.AWAITING_CORRECTION,),
            target=Status.ABANDONED,
            guard=lambda case: _clock_lapsed(case, "correction_supply"),
            refusal=_("补正期限届满后仍未补正的，才视为放弃申请。"),
            form=forms.DateForm,
            danger=True,
        ),
        Transition(
            name="copy_send",
            label=_("发送申请书副本"),
            service=STEPS + "reconsideration_copy_send",
            sources=OPEN,
            guard=lambda case: case.copy_sent_on is None,
            refusal=_("申请书副本已发送。"),
            form=forms.CopySendForm,
        ),
        Transition(
            name="answer_receive",
            label=_("登记被申请人答复"),
            service=STEPS + "reconsideration_answer_receive",
            sources=OPEN,
            guard=lambda case: (
                case.copy_sent_on is not None
                and case.answer_received_on is None
                and case.no_answer_recorded_on is None
            ),
            refusal=_("发送副本后、尚未登记答复的案件才能登记答复。"),
            form=forms.AnswerForm,
        ),
        Transition(
            name="no_answer",
            label=_("登记被申请人逾期未答复"),
            service=STEPS + "reconsideration_no_answer_record",
            sources=OPEN,
            guard=lambda case: (
                case.copy_sent_on is not None
                and case.answer_received_on is None
                and case.no_answer_recorded_on is None
                and _clock_lapsed(case, _answer_clock(case))
            ),
            refusal=_("答复期限届满仍未答复的，才能登记未答复。"),
            form=forms.DateForm,
            danger=True,
        ),
        Transition(
            name="terminate",
            label=_("终止行政复议"),
            service=STEPS + "reconsideration_terminate",
            sources=OPEN,
            target=Status.CONCLUDED,
            form=forms.TerminateForm,
            danger=True,
        ),
        Transition(
            name="convert",
            label=_("转为普通程序"),
            service=STEPS + "reconsideration_convert",
            sources=(Status.ACCEPTED,),
            guard=lambda case: case.procedure == HearingProcedure.SIMPLIFIED,
            refusal=_("只有适用简易程序的案件可以转为普通程序。"),
            form=forms.ConvertForm,
        ),
        Transition(
            name="incidental_start",
            label=_("规范性文件附带审查"),
            service=STEPS + "reconsideration_incidental_start",
            sources=(Status.ACCEPTED,),
            target=Status.SUSPENDED,
            guard=lambda case: case.incidental_started_on is None,
            refusal=_("本案已进行附带审查。"),
            form=forms.IncidentalStartForm,
        ),
        Transition(
            name="incidental_forward",
            label=_("登记附带审查转送"),
            service=STEPS + "reconsideration_incidental_forward",
            sources=(Status.SUSPENDED,),
            guard=lambda case: (
                case.suspension_reason == "incidental_review"
                and not case.incidental_handled_by_self
                and case.incidental_forwarded_on is None
            ),
            refusal=_("只有须转送的附带审查可以登记转送，且只登记一次。"),
            form=forms.IncidentalForwardForm,
        ),
        Transition(
            name="incidental_drafter_notify",
            label=_("书面通知制定机关答复"),
            service=STEPS + "reconsideration_incidental_drafter_notify",
            sources=(Status.SUSPENDED,),
            guard=lambda case: (
                case.suspension_reason == "incidental_review"
                and case.incidental_handled_by_self
                and rules.has(case.law_version, "clock.incidental_drafter_notice")
                and case.incidental_drafter_notified_on is None
            ),
            refusal=_(
                "本机关有权处理的附带审查（2023年法第五十八条）才书面通知制定机关，且只通知一次。"
            ),
            form=forms.IncidentalDrafterNotifyForm,
        ),
        Transition(
            name="incidental_drafter_answer",
            label=_("登记制定机关书面答复"),
            service=STEPS + "reconsideration_incidental_drafter_answer",
            sources=(Status.SUSPENDED,),
            guard=lambda case: (
                case.suspension_reason == "incidental_review"
                and case.incidental_drafter_notified_on is not None
                and case.incidental_drafter_answered_on is None
            ),
            refusal=_("书面通知制定机关后、尚未登记答复的，才能登记答复。"),
            form=forms.IncidentalDrafterAnswerForm,
        ),
        Transition(
            name="incidental_conclude",
            label=_("附带审查办结，恢复审理"),
            service=STEPS + "reconsideration_incidental_conclude",
            sources=(Status.SUSPENDED,),
            target=Status.ACCEPTED,
            guard=lambda case: case.suspension_reason == "incidental_review",
            refusal=_("只有因附带审查中止的案件可以登记附带审查结果。"),
            form=forms.IncidentalConcludeForm,
        ),
        Transition(
            name="letter",
            label=_("制发意见书或建议书"),
            service=SERVICES + "reconsideration_letter_issue",
            sources=tuple(s for s in Status.values if s != Status.RECEIVED),
            form=forms.LetterForm,
        ),
    ],
)


LETTER = Procedure(
    key="reconsideration.letter",
    label=_("行政复议意见书和建议书"),
    model=ReconsiderationLetter,
    subject_arg="letter",
    getter="fazhi.reconsideration.selectors.letter_get",
    detail_url=lambda letter: reverse("reconsideration:case_detail", args=[letter.case_id]),
    roles=ROLES,
    state_field="",
    api_basename="reconsideration-api:letter",
    transitions=[
        Transition(
            name="reply",
            label=_("登记整改回复"),
            service=SERVICES + "reconsideration_letter_reply",
            guard=lambda letter: letter.replied_on is None,
            refusal=_("已登记回复。"),
            form=forms.LetterReplyForm,
        ),
    ],
)
