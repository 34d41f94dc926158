"""The mediation case's procedure and the judicial confirmation of its agreement, declared once.

Services check each step with ``CASE.require`` / ``CONFIRMATION.require``; the case page and
``POST /api/disputes/cases/{id}/<step>/`` (``…/confirmations/{id}/decide/``) come from here.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Role
from fazhi.core.procedures import Procedure, Transition
from fazhi.disputes import forms
from fazhi.disputes.models import (
    CaseStatus,
    ConfirmationResult,
    JudicialConfirmation,
    MediationCase,
)

ROLES = (Role.MEDIATOR, Role.JUSTICE_LEGAL_OFFICER)
SERVICES = "fazhi.disputes.services."


def _has_confirmation(case: MediationCase) -> bool:
    return JudicialConfirmation.objects.filter(case_id=case.pk).exists()


CASE = Procedure(
    key="disputes.case",
    label=_("人民调解案件"),
    model=MediationCase,
    subject_arg="case",
    getter="fazhi.disputes.selectors.case_get",
    detail_url=lambda case: reverse("disputes:case_detail", args=[case.pk]),
    roles=ROLES,
    api_basename="disputes-api:case",
    transitions=[
        Transition(
            name="start",
            label=_("开始调解"),
            service=SERVICES + "mediation_case_start",
            sources=(CaseStatus.REGISTERED,),
            target=CaseStatus.MEDIATING,
            refusal=_("只有已登记的案件可以开始调解。"),
            form=forms.StartForm,
            form_kwargs=lambda user, case: {"case": case},
        ),
        Transition(
            name="conclude",
            label=_("结案"),
            service=SERVICES + "mediation_case_conclude",
            sources=(CaseStatus.REGISTERED, CaseStatus.MEDIATING),
            target=CaseStatus.CONCLUDED,
            refusal=_("该案件已结案。"),
            form=forms.ConcludeForm,
        ),
        Transition(
            name="confirmation_apply",
            label=_("申请司法确认"),
            service=SERVICES + "mediation_confirmation_apply",
            sources=(CaseStatus.CONCLUDED,),
            guard=lambda case: case.is_success and not _has_confirmation(case),
            refusal=_("只有达成调解协议、尚未申请司法确认的案件可以申请司法确认。"),
            refusal_code="no_agreement",
            form=forms.ConfirmationApplyForm,
        ),
        Transition(
            name="follow_up",
            label=_("登记回访"),
            service=SERVICES + "mediation_follow_up_record",
            sources=(CaseStatus.CONCLUDED,),
            refusal=_("案件结案后才能回访。"),
            form=forms.FollowUpForm,
        ),
    ],
)


CONFIRMATION = Procedure(
    key="disputes.confirmation",
    label=_("司法确认"),
    model=JudicialConfirmation,
    subject_arg="confirmation",
    getter="fazhi.disputes.selectors.confirmation_get",
    detail_url=lambda confirmation: reverse("disputes:case_detail", args=[confirmation.case_id]),
    roles=ROLES,
    state_field="result",
    api_basename="disputes-api:confirmation",
    transitions=[
        Transition(
            name="decide",
            label=_("登记司法确认结果"),
            service=SERVICES + "mediation_confirmation_decide",
            sources=(ConfirmationResult.PENDING,),
            refusal=_("该司法确认申请已有结果。"),
            form=forms.ConfirmationDecideForm,
        ),
    ],
)
