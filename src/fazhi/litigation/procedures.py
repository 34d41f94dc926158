"""The lawsuit's procedure and the head-of-agency appearance at a hearing, declared once.

Services check each step with ``CASE.require`` / ``HEARING.require``; the case page and
``POST /api/litigation/cases/{id}/<step>/`` (``…/hearings/{id}/appearance/``) come from here.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Role
from fazhi.core.procedures import Procedure, Transition
from fazhi.litigation import forms
from fazhi.litigation.models import LitigationCase, LitigationHearing, Status

ROLES = (Role.DEPARTMENT_LEGAL_OFFICER, Role.RECONSIDERATION_OFFICER)
SERVICES = "fazhi.litigation.services."

CASE = Procedure(
    key="litigation.case",
    label=_("行政应诉案件"),
    model=LitigationCase,
    subject_arg="case",
    getter="fazhi.litigation.selectors.case_get",
    detail_url=lambda case: reverse("litigation:case_detail", args=[case.pk]),
    roles=ROLES,
    api_basename="litigation-api:case",
    transitions=[
        Transition(
            name="defence",
            label=_("提交答辩状"),
            service=SERVICES + "litigation_defence_file",
            sources=(Status.FILED,),
            guard=lambda case: case.defence_filed_on is None,
            refusal=_("答辩状已提交或案件已审结。"),
            form=forms.DateForm,
        ),
        Transition(
            name="hearing",
            label=_("登记庭审"),
            service=SERVICES + "litigation_hearing_schedule",
            sources=(Status.FILED,),
            refusal=_("只有审理中的案件可以登记庭审。"),
            form=forms.HearingForm,
        ),
        Transition(
            name="conclude",
            label=_("登记结案"),
            service=SERVICES + "litigation_conclude",
            sources=(Status.FILED,),
            target=Status.CONCLUDED,
            refusal=_("该案件已审结。"),
            form=forms.ConcludeForm,
        ),
        Transition(
            name="serve",
            label=_("登记送达"),
            service=SERVICES + "litigation_serve",
            sources=(Status.CONCLUDED,),
            refusal=_("只有已审结待送达的案件可以登记送达。"),
            form=forms.DateForm,
        ),
        Transition(
            name="appeal",
            label=_("登记上诉"),
            service=SERVICES + "litigation_appeal",
            sources=(Status.APPEAL_PERIOD,),
            target=Status.APPEALED,
            refusal=_("该案件不在上诉期内。"),
            form=forms.DateForm,
        ),
        Transition(
            name="finalize",
            label=_("确认生效"),
            service=SERVICES + "litigation_finalize",
            sources=(Status.APPEAL_PERIOD,),
            target=Status.FINAL,
            refusal=_("该案件不在上诉期内。"),
            form=forms.DateForm,
        ),
    ],
)

HEARING = Procedure(
    key="litigation.hearing",
    label=_("庭审"),
    model=LitigationHearing,
    subject_arg="hearing",
    getter="fazhi.litigation.selectors.hearing_get",
    detail_url=lambda hearing: reverse("litigation:case_detail", args=[hearing.case_id]),
    roles=ROLES,
    state_field="",
    api_basename="litigation-api:hearing",
    transitions=[
        Transition(
            name="appearance",
            label=_("登记出庭情况"),
            service=SERVICES + "litigation_hearing_record_appearance",
            guard=lambda hearing: hearing.head_required and not hearing.appearance,
            refusal=_("本次庭审的出庭情况已登记或无需负责人出庭。"),
            form=forms.AppearanceForm,
        ),
    ],
)
