"""The inspections app's procedures, declared once (``fazhi.core.procedures``).

- ``inspections.draw``: a 双随机 plan, draft → seed committed → drawn → published.
- ``inspections.joint_plan``: the planner's proposal, proposed → issued (monthly task sheets).
- ``inspections.visit``: one entry, scheduled → recorded → closed; while the plan is a
  proposal the coordinator may move or split it.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.procedures import Procedure, Transition
from fazhi.core.scoping import scope_for
from fazhi.inspections import forms
from fazhi.inspections.models import (
    DrawPlan,
    DrawStatus,
    JointPlan,
    JointStatus,
    Visit,
    VisitStatus,
)
from fazhi.inspections.permissions import COORDINATOR_ROLES, DEPARTMENT_ROLES, VISIT_ROLES

SERVICES = "fazhi.inspections.services."


def _coordinates(user, visit: Visit) -> bool:
    return scope_for(user).can_change(visit.plan.organization, COORDINATOR_ROLES)


DRAW = Procedure(
    key="inspections.draw",
    label=_("双随机抽查计划"),
    model=DrawPlan,
    subject_arg="plan",
    getter="fazhi.inspections.selectors.draw_plan_get",
    detail_url=lambda plan: reverse("inspections:draw_detail", args=[plan.pk]),
    roles=DEPARTMENT_ROLES,
    api_basename="inspections-api:draw",
    transitions=[
        Transition(
            name="commit",
            label=_("生成并公示随机种子哈希"),
            service=SERVICES + "draw_commit",
            sources=(DrawStatus.DRAFT,),
            target=DrawStatus.COMMITTED,
            description="冻结抽取输入，生成秘密种子，公示并存证种子哈希与输入摘要。",
        ),
        Transition(
            name="draw",
            label=_("抽取并公开种子"),
            service=SERVICES + "draw_run",
            sources=(DrawStatus.COMMITTED,),
            target=DrawStatus.DRAWN,
        ),
        Transition(
            name="publish",
            label=_("公开抽查结果"),
            service=SERVICES + "draw_publish",
            sources=(DrawStatus.DRAWN,),
            target=DrawStatus.PUBLISHED,
        ),
    ],
)

JOINT_PLAN = Procedure(
    key="inspections.joint_plan",
    label=_("统筹检查计划"),
    model=JointPlan,
    subject_arg="plan",
    getter="fazhi.inspections.selectors.joint_plan_get",
    detail_url=lambda plan: reverse("inspections:joint_plan_detail", args=[plan.pk]),
    roles=COORDINATOR_ROLES,
    api_basename="inspections-api:joint-plan",
    transitions=[
        Transition(
            name="issue",
            label=_("审核通过并下达月度任务单"),
            service=SERVICES + "joint_plan_issue",
            sources=(JointStatus.PROPOSED,),
            target=JointStatus.ISSUED,
        ),
    ],
)

VISIT = Procedure(
    key="inspections.visit",
    label=_("入企检查"),
    model=Visit,
    subject_arg="visit",
    getter="fazhi.inspections.selectors.visit_get",
    detail_url=lambda visit: reverse("inspections:visit_detail", args=[visit.pk]),
    roles=VISIT_ROLES,
    organization_of=lambda visit: visit.lead,
    api_basename="inspections-api:visit",
    transitions=[
        Transition(
            name="move",
            label=_("调整检查日期"),
            service=SERVICES + "visit_move",
            sources=(VisitStatus.SCHEDULED,),
            guard=lambda visit: visit.plan.status == JointStatus.PROPOSED,
            refusal=_("只有待审核方案中的检查可以调整日期。"),
            authorize=_coordinates,
            form=forms.MoveForm,
        ),
        Transition(
            name="split",
            label=_("拆分联合检查"),
            service=SERVICES + "visit_split",
            sources=(VisitStatus.SCHEDULED,),
            guard=lambda visit: visit.plan.status == JointStatus.PROPOSED,
            refusal=_("只有待审核方案中的检查可以拆分。"),
            authorize=_coordinates,
            form=forms.SplitForm,
            form_kwargs=lambda user, visit: {"visit": visit},
        ),
        Transition(
            name="record",
            label=_("登记检查结果"),
            service=SERVICES + "visit_record",
            sources=(VisitStatus.SCHEDULED,),
            target=VisitStatus.RECORDED,
            guard=lambda visit: visit.plan.status == JointStatus.ISSUED,
            refusal=_("任务单下达后才能登记检查结果。"),
            form=forms.RecordForm,
            form_kwargs=lambda user, visit: {"visit": visit},
            prepare=forms.record_prepare,
            description="每个事项的结果为 pass（合格）、rectify（责令整改）或 handover"
            "（移交立案）：字段 result_<任务号>、finding_<任务号>。移交立案的事项通过"
            "行政处罚服务立案。",
        ),
        Transition(
            name="add_file",
            label=_("上传照片或文件（存证）"),
            service=SERVICES + "visit_file_add",
            sources=(VisitStatus.SCHEDULED, VisitStatus.RECORDED),
            guard=lambda visit: visit.plan.status == JointStatus.ISSUED,
            form=forms.FileForm,
            prepare=forms.file_prepare,
        ),
        Transition(
            name="close",
            label=_("办结"),
            service=SERVICES + "visit_close",
            sources=(VisitStatus.RECORDED,),
            target=VisitStatus.CLOSED,
        ),
    ],
)
