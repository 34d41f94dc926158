"""The enforcement procedures, declared once (``fazhi.core.procedures``): the penalty case file
and notice-and-commitment.

States are ``models.CaseStatus`` and ``models.CommitmentStatus``; services check each step with
``CASE.require`` / ``COMMITMENT.require`` on the locked row; the case and commitment pages and
``POST /api/enforcement/{cases,commitments}/{id}/<step>/`` are generated from these declarations.
The statutory gates that are not a matter of state (a hearing still pending, the review a major
case needs, the rights window) stay in the services, which refuse with their own codes.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Role
from fazhi.core.procedures import Procedure, Transition
from fazhi.core.scoping import scope_for
from fazhi.enforcement import forms
from fazhi.enforcement.models import (
    CaseOutcome,
    CaseStatus,
    Commitment,
    CommitmentResult,
    CommitmentStatus,
    PenaltyCase,
    SummaryDecision,
    SummaryStatus,
)
from fazhi.enforcement.permissions import CASE_ROLES, REVIEW_ROLES

SERVICES = "fazhi.enforcement.services."
AFTER_DECISION = (CaseStatus.DECIDED, CaseStatus.SERVED, CaseStatus.EXECUTED, CaseStatus.CLOSED)


def _evidence_arguments(data: dict[str, Any], files: Any) -> dict[str, Any]:
    upload = data.pop("file")
    return data | {"file_name": upload.name, "content": upload.read()}


def _officers(data: dict[str, Any], files: Any) -> dict[str, Any]:
    return data | {"officers": data["officers"].replace(",", "、").split("、")}


def may_review(user, case: PenaltyCase) -> bool:
    """Legal officers of the unit, and the justice bureau's for any unit (pooled review,
    浙江省综合行政执法条例 art 24)."""
    scope = scope_for(user)
    return scope.can_change(case.organization, REVIEW_ROLES) or scope.has_role(
        Role.JUSTICE_LEGAL_OFFICER
    )


BEFORE_DECISION = (CaseStatus.OPENED, CaseStatus.NOTIFIED, CaseStatus.REVIEWED)


def _preservation_open(case: PenaltyCase) -> bool:
    return case.preservations.filter(decided_on__isnull=True).exists()


def _may_close(case: PenaltyCase) -> bool:
    return case.outcome != CaseOutcome.PENALTY or case.executed_on is not None


CASE = Procedure(
    key="enforcement.case",
    label=_("行政处罚案件"),
    model=PenaltyCase,
    subject_arg="case",
    getter="fazhi.enforcement.selectors.case_get",
    detail_url=lambda case: reverse("enforcement:case_detail", args=[case.pk]),
    roles=CASE_ROLES,
    api_basename="enforcement_api:case",
    transitions=[
        Transition(
            name="evidence",
            label=_("添加证据"),
            service=SERVICES + "case_evidence_add",
            sources=(CaseStatus.OPENED, CaseStatus.NOTIFIED),
            form=forms.EvidenceForm,
            prepare=_evidence_arguments,
        ),
        Transition(
            name="preserve",
            label=_("先行登记保存证据"),
            service=SERVICES + "case_evidence_preserve",
            sources=BEFORE_DECISION,
            guard=lambda case: not _preservation_open(case),
            refusal=_("本案已有先行登记保存尚未作出处理决定。"),
            refusal_code="preservation_pending",
            form=forms.PreserveForm,
            description=_(
                "证据可能灭失或者以后难以取得的，经行政机关负责人批准，可以先行登记保存，"
                "登记日期为系统当日；应当在七个工作日内作出处理决定（行政处罚法第五十六条、第八十五条）。"
            ),
        ),
        Transition(
            name="preservation_decide",
            label=_("先行登记保存处理决定"),
            service=SERVICES + "case_preservation_decide",
            guard=_preservation_open,
            refusal=_("本案没有待处理的先行登记保存。"),
            refusal_code="no_preservation",
            form=forms.PreservationDecideForm,
            description=_(
                "对先行登记保存的证据，应当在七个工作日内作出处理决定（行政处罚法第五十六条）；"
                "处理决定日期为系统当日。"
            ),
        ),
        Transition(
            name="recuse",
            label=_("执法人员回避"),
            service=SERVICES + "case_officer_recuse",
            sources=(CaseStatus.OPENED, CaseStatus.NOTIFIED, CaseStatus.REVIEWED),
            form=forms.RecusalForm,
            description=_(
                "执法人员与案件有直接利害关系或者有其他关系可能影响公正执法的，应当回避（行政处罚法第四十三条）。"
            ),
        ),
        Transition(
            name="notify",
            label=_("告知"),
            service=SERVICES + "case_notify",
            # Again before the decision for a heavier penalty than notified (art 45, 62).
            sources=(CaseStatus.OPENED, CaseStatus.NOTIFIED, CaseStatus.REVIEWED),
            target=CaseStatus.NOTIFIED,
            form=forms.NotifyForm,
            description=_(
                "告知拟作出的处罚及陈述、申辩、要求听证的权利（行政处罚法第四十四条）；"
                "拟作出较告知更重的处罚的，须重新告知（第四十五条）。"
            ),
        ),
        Transition(
            name="statement",
            label=_("陈述申辩"),
            service=SERVICES + "case_statement_record",
            sources=(CaseStatus.NOTIFIED,),
            form=forms.StatementForm,
        ),
        Transition(
            name="waive",
            label=_("当事人书面放弃陈述申辩和听证"),
            service=SERVICES + "case_rights_waive",
            sources=(CaseStatus.NOTIFIED,),
            guard=lambda case: case.rights_waived_on is None and case.hearing_requested_on is None,
            refusal=_("当事人已申请听证或已书面放弃。"),
            form=forms.WaiverForm,
        ),
        Transition(
            name="hearing_request",
            label=_("申请听证"),
            service=SERVICES + "case_hearing_request",
            sources=(CaseStatus.NOTIFIED,),
            guard=lambda case: case.hearing_offered and case.hearing_requested_on is None,
            refusal=_("本案未告知听证权利，或已申请听证。"),
            refusal_code="hearing_not_offered",
            form=forms.DateForm,
        ),
        Transition(
            name="hearing_schedule",
            label=_("通知听证"),
            service=SERVICES + "case_hearing_schedule",
            sources=(CaseStatus.NOTIFIED,),
            guard=lambda case: (
                case.hearing_requested_on is not None and case.hearing_held_on is None
            ),
            refusal=_("当事人未申请听证，或听证已举行。"),
            refusal_code="hearing_not_offered",
            form=forms.HearingScheduleForm,
        ),
        Transition(
            name="hearing_hold",
            label=_("举行听证"),
            service=SERVICES + "case_hearing_hold",
            sources=(CaseStatus.NOTIFIED,),
            guard=lambda case: (
                case.hearing_scheduled_for is not None and case.hearing_held_on is None
            ),
            refusal=_("尚未通知听证，或听证已举行（行政处罚法第六十四条）。"),
            refusal_code="hearing_not_notified",
            form=forms.DateForm,
        ),
        Transition(
            name="extend",
            label=_("延长办案期限"),
            service=SERVICES + "case_extend",
            sources=(CaseStatus.OPENED, CaseStatus.NOTIFIED, CaseStatus.REVIEWED),
            form=forms.ExtendForm,
        ),
        Transition(
            name="review",
            label=_("法制审核"),
            service=SERVICES + "case_legal_review",
            sources=(CaseStatus.NOTIFIED,),
            authorize=may_review,
            form=forms.ReviewForm,
        ),
        Transition(
            name="discussion",
            label=_("集体讨论"),
            service=SERVICES + "case_collective_discussion",
            sources=(CaseStatus.NOTIFIED, CaseStatus.REVIEWED),
            form=forms.DiscussionForm,
        ),
        Transition(
            name="decide",
            label=_("作出决定"),
            service=SERVICES + "case_decide",
            sources=(CaseStatus.NOTIFIED, CaseStatus.REVIEWED),
            target=CaseStatus.DECIDED,
            form=forms.DecideForm,
        ),
        Transition(
            name="serve",
            label=_("送达"),
            service=SERVICES + "case_serve",
            sources=(CaseStatus.DECIDED,),
            target=CaseStatus.SERVED,
            form=forms.ServeForm,
        ),
        Transition(
            name="publish",
            label=_("公示"),
            service=SERVICES + "case_publish",
            sources=AFTER_DECISION,
            guard=lambda case: case.outcome == CaseOutcome.PENALTY and case.published_on is None,
            refusal=_("只有尚未公示的处罚决定可以公示。"),
            form=forms.DateForm,
        ),
        Transition(
            name="withdraw_publication",
            label=_("撤回公示"),
            service=SERVICES + "case_publication_withdraw",
            sources=AFTER_DECISION,
            guard=lambda case: case.published_on is not None and case.withdrawn_on is None,
            refusal=_("只有已公示且未撤回的决定可以撤回公示。"),
            form=forms.WithdrawPublicationForm,
            danger=True,
        ),
        Transition(
            name="pay",
            label=_("登记缴纳罚款"),
            service=SERVICES + "case_payment_record",
            sources=(CaseStatus.SERVED,),
            guard=lambda case: bool(case.fine_amount) and case.paid_on is None,
            refusal=_("只有已送达、尚未缴纳的罚款决定可以登记缴纳。"),
            form=forms.PaymentForm,
        ),
        Transition(
            name="execute",
            label=_("执行"),
            service=SERVICES + "case_execute",
            sources=(CaseStatus.SERVED,),
            target=CaseStatus.EXECUTED,
            guard=lambda case: case.outcome == CaseOutcome.PENALTY,
            refusal=_("不予处罚的案件无需执行。"),
            form=forms.ExecuteForm,
        ),
        Transition(
            name="close",
            label=_("结案"),
            service=SERVICES + "case_close",
            sources=(CaseStatus.SERVED, CaseStatus.EXECUTED),
            target=CaseStatus.CLOSED,
            guard=_may_close,
            refusal=_("决定书送达且处罚决定执行完毕后方可结案。"),
            form=forms.DateForm,
        ),
    ],
)


def _breached(commitment: Commitment) -> bool:
    return commitment.status == CommitmentStatus.REFUSED or commitment.result in (
        CommitmentResult.NOT_CORRECTED,
        CommitmentResult.FALSE_COMMITMENT,
    )


COMMITMENT = Procedure(
    key="enforcement.commitment",
    label=_("告知承诺"),
    model=Commitment,
    subject_arg="commitment",
    getter="fazhi.enforcement.selectors.commitment_get",
    detail_url=lambda commitment: reverse("enforcement:commitment_detail", args=[commitment.pk]),
    roles=CASE_ROLES,
    api_basename="enforcement_api:commitment",
    transitions=[
        Transition(
            name="sign",
            label=_("当事人签署承诺书"),
            service=SERVICES + "commitment_sign",
            sources=(CommitmentStatus.NOTIFIED,),
            target=CommitmentStatus.COMMITTED,
            form=forms.DateForm,
        ),
        Transition(
            name="refuse",
            label=_("当事人拒绝承诺"),
            service=SERVICES + "commitment_refuse",
            sources=(CommitmentStatus.NOTIFIED,),
            target=CommitmentStatus.REFUSED,
            form=forms.DateForm,
        ),
        Transition(
            name="verify",
            label=_("核查"),
            service=SERVICES + "commitment_verify",
            sources=(CommitmentStatus.COMMITTED,),
            target=CommitmentStatus.VERIFIED,
            form=forms.CommitmentVerifyForm,
        ),
        Transition(
            name="convert",
            label=_("转为立案"),
            service=SERVICES + "commitment_convert",
            sources=(CommitmentStatus.VERIFIED, CommitmentStatus.REFUSED),
            guard=lambda c: _breached(c) and c.follow_up_case_id is None,
            refusal=_("只有拒绝承诺或未履行承诺、且尚未转立案的可转为立案。"),
            form=forms.CommitmentConvertForm,
            prepare=_officers,
        ),
        Transition(
            name="file",
            label=_("备案"),
            service=SERVICES + "commitment_file",
            sources=(CommitmentStatus.VERIFIED, CommitmentStatus.REFUSED),
            guard=lambda c: c.filed_on is None,
            refusal=_("已备案。"),
            form=forms.DateForm,
        ),
    ],
)


SUMMARY = Procedure(
    key="enforcement.summary",
    label=_("简易程序处罚"),
    model=SummaryDecision,
    subject_arg="decision",
    getter="fazhi.enforcement.selectors.summary_get",
    detail_url=lambda decision: reverse("enforcement:summary_detail", args=[decision.pk]),
    roles=CASE_ROLES,
    api_basename="enforcement_api:summary",
    transitions=[
        Transition(
            name="file",
            label=_("报所属行政机关备案"),
            service=SERVICES + "summary_file",
            sources=(SummaryStatus.DECIDED,),
            target=SummaryStatus.FILED,
            form=forms.DateForm,
            description=_(
                "当场作出的行政处罚决定，应当报所属行政机关备案（行政处罚法第五十二条）。"
            ),
        ),
    ],
)
