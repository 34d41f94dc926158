"""The supervision procedures, declared once (``fazhi.core.procedures``): the supervision notice,
the campaign and the special supervisor's appointment.

Services check each step with ``<PROCEDURE>.require`` on the locked row; the pages and
``POST /api/supervision/{notices,campaigns,supervisors}/{id}/<step>/`` are generated from here.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Role
from fazhi.core.procedures import Procedure, Transition
from fazhi.core.scoping import scope_for
from fazhi.supervision import forms
from fazhi.supervision.models import Campaign, NoticeStatus, SpecialSupervisor, SupervisionNotice
from fazhi.supervision.permissions import RESPONDING_ROLES, SUPERVISION_ROLES

SERVICES = "fazhi.supervision.services."


def supervising(user, _obj=None) -> bool:
    """Supervision is the justice bureau's city-wide duty: the role decides, not the unit."""
    return scope_for(user).has_role(*SUPERVISION_ROLES, Role.ADMINISTRATOR)


def _may_close_notice(user, notice: SupervisionNotice) -> bool:
    # The issuing body closes its notice; the supervised unit only responds.
    return scope_for(user).can_change(notice.issuer, SUPERVISION_ROLES)


NOTICE = Procedure(
    key="supervision.notice",
    label=_("执法监督通知书"),
    model=SupervisionNotice,
    subject_arg="notice",
    getter="fazhi.supervision.selectors.notice_get",
    detail_url=lambda notice: reverse("supervision:notice_detail", args=[notice.pk]),
    roles=RESPONDING_ROLES,
    api_basename="supervision_api:notice",
    transitions=[
        Transition(
            name="respond",
            label=_("报送整改情况"),
            service=SERVICES + "notice_respond",
            sources=(NoticeStatus.ISSUED,),
            target=NoticeStatus.RESPONDED,
            form=forms.RespondForm,
        ),
        Transition(
            name="close",
            label=_("办结"),
            service=SERVICES + "notice_close",
            sources=(NoticeStatus.RESPONDED,),
            target=NoticeStatus.CLOSED,
            authorize=_may_close_notice,
            refusal=_("被监督单位尚未报送整改情况，不能办结。"),
            form=forms.CloseForm,
        ),
    ],
)


CAMPAIGN = Procedure(
    key="supervision.campaign",
    label=_("监督活动"),
    model=Campaign,
    subject_arg="campaign",
    getter="fazhi.supervision.selectors.campaign_get",
    detail_url=lambda campaign: reverse("supervision:campaign_detail", args=[campaign.pk]),
    state_field="",
    api_basename="supervision_api:campaign",
    transitions=[
        Transition(
            name="evaluate",
            label=_("记录评查结果"),
            service=SERVICES + "evaluation_record",
            guard=lambda campaign: campaign.ended_on is None,
            refusal=_("该活动已结束。"),
            authorize=supervising,
            form=forms.EvaluationForm,
        ),
        Transition(
            name="close",
            label=_("结束活动"),
            service=SERVICES + "campaign_close",
            guard=lambda campaign: campaign.ended_on is None,
            refusal=_("该活动已结束。"),
            authorize=supervising,
            form=forms.CampaignCloseForm,
        ),
    ],
)


SUPERVISOR = Procedure(
    key="supervision.supervisor",
    label=_("特邀行政执法监督员"),
    model=SpecialSupervisor,
    subject_arg="supervisor",
    getter="fazhi.supervision.selectors.supervisor_get",
    detail_url=lambda supervisor: reverse("supervision:supervisors"),
    state_field="",
    api_basename="supervision_api:supervisor",
    transitions=[
        Transition(
            name="dismiss",
            label=_("解聘"),
            service=SERVICES + "supervisor_dismiss",
            guard=lambda supervisor: supervisor.dismissed_on is None,
            refusal=_("该监督员已解聘。"),
            authorize=supervising,
            form=forms.SupervisorDismissForm,
            danger=True,
        ),
    ],
)
