"""The procedures of grassroots rule of law, declared once (``fazhi.core.procedures``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Role
from fazhi.core.procedures import Procedure, Transition
from fazhi.grassroots import forms
from fazhi.grassroots.models import (
    BodyStatus,
    DemocraticVillage,
    LegalTeam,
    Registration,
    RegistrationStatus,
    TownCommittee,
)

# The town's justice office (司法所) and legal officers keep these registers for their own
# town's subtree; the justice bureau's officers (over the bureau) read them city-wide.
ROLES = (Role.JUSTICE_LEGAL_OFFICER, Role.DEPARTMENT_LEGAL_OFFICER)
SERVICES = "fazhi.grassroots.services."

REGISTRATION = Procedure(
    key="grassroots.registration",
    label=_("基层普法骨干登记"),
    model=Registration,
    subject_arg="registration",
    getter="fazhi.grassroots.selectors.registration_get",
    detail_url=lambda r: reverse("grassroots:registration_detail", args=[r.pk]),
    roles=ROLES,
    api_basename="grassroots-api:registration",
    transitions=[
        Transition(
            name="activity",
            label=_("登记履职活动"),
            service=SERVICES + "registration_activity",
            sources=(RegistrationStatus.ACTIVE,),
            form=forms.ActivityForm,
        ),
        Transition(
            name="training",
            label=_("登记培训学时"),
            service=SERVICES + "registration_training",
            sources=(RegistrationStatus.ACTIVE,),
            form=forms.TrainingForm,
        ),
        Transition(
            name="withdraw",
            label=_("退出名册"),
            service=SERVICES + "registration_withdraw",
            sources=(RegistrationStatus.ACTIVE,),
            target=RegistrationStatus.WITHDRAWN,
            form=forms.WithdrawForm,
            danger=True,
        ),
    ],
)

COMMITTEE = Procedure(
    key="grassroots.committee",
    label=_("依法治镇(街道)委员会"),
    model=TownCommittee,
    subject_arg="committee",
    getter="fazhi.grassroots.selectors.committee_get",
    detail_url=lambda c: reverse("grassroots:committee_detail", args=[c.pk]),
    roles=ROLES,
    organization_of=lambda c: c.town,
    api_basename="grassroots-api:committee",
    transitions=[
        Transition(
            name="member_add",
            label=_("增补成员"),
            service=SERVICES + "committee_member_add",
            sources=(BodyStatus.ACTIVE,),
            form=forms.MemberForm,
        ),
        Transition(
            name="meeting",
            label=_("登记会议"),
            service=SERVICES + "committee_meeting_record",
            sources=(BodyStatus.ACTIVE,),
            form=forms.MeetingForm,
        ),
        Transition(
            name="dissolve",
            label=_("撤销委员会"),
            service=SERVICES + "committee_dissolve",
            sources=(BodyStatus.ACTIVE,),
            target=BodyStatus.DISSOLVED,
            form=forms.DissolveForm,
            danger=True,
        ),
    ],
)

TEAM = Procedure(
    key="grassroots.team",
    label=_("“1+N”专兼职法治员队伍"),
    model=LegalTeam,
    subject_arg="team",
    getter="fazhi.grassroots.selectors.team_get",
    detail_url=lambda t: reverse("grassroots:team_detail", args=[t.pk]),
    roles=ROLES,
    state_field="",
    organization_of=lambda t: t.town,
    api_basename="grassroots-api:team",
    transitions=[
        Transition(
            name="member_add",
            label=_("增补法治员"),
            service=SERVICES + "team_member_add",
            form=forms.TeamMemberForm,
        ),
    ],
)

VILLAGE = Procedure(
    key="grassroots.village",
    label=_("民主法治村"),
    model=DemocraticVillage,
    subject_arg="record",
    getter="fazhi.grassroots.selectors.village_get",
    detail_url=lambda v: reverse("grassroots:village_detail", args=[v.pk]),
    roles=ROLES,
    organization_of=lambda v: v.village,
    api_basename="grassroots-api:village",
    transitions=[
        Transition(
            name="revoke",
            label=_("撤销命名"),
            service=SERVICES + "village_revoke",
            sources=(BodyStatus.ACTIVE,),
            target=BodyStatus.DISSOLVED,
            form=forms.RevokeForm,
            danger=True,
        ),
    ],
)
