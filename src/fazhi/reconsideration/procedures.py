"""The reconsideration case's procedure, declared once (``fazhi.core.procedures``).

States are ``models.Status``; services check each step with ``CASE.require``; the case page and
``POST /api/reconsideration/cases/{id}/<step>/`` are generated from these declarations.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Role
from fazhi.core.procedures import Procedure, Transition
from fazhi.reconsideration import forms
from fazhi.reconsideration.models import Procedure as HearingProcedure
from fazhi.reconsideration.models import ReconsiderationCase, ReconsiderationLetter, Status

ROLES = (Role.RECONSIDERATION_OFFICER,)
OPEN = (Status.ACCEPTED, Status.SUSPENDED)
SERVICES = "fazhi.reconsideration.services."

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
            guard=lambda case: case.mediation_attempted,
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
