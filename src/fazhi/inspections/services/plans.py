"""The planner's side: tasks, the proposed joint plan, moving and splitting visits, issuing.

``joint_plan_propose`` collects every unplanned task due in the period, runs the planner
(``domain.planner``: 三相一就 merge with CP-SAT, then the schedule) and stores the proposal:
the visits, what they save against one visit per task, and why each unmerged task stayed
alone. An infeasible schedule refuses the whole proposal, naming the binding constraint.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.calendar import official_lookup
from fazhi.core.errors import Conflict, ValidationFailed
from fazhi.core.models import Organization
from fazhi.core.scoping import require_change
from fazhi.inspections.domain import planner
from fazhi.inspections.error_codes import InspectionErrorCode as Code
from fazhi.inspections.models import (
    InspectionItem,
    Inspector,
    JointPlan,
    JointStatus,
    PlanKind,
    Subject,
    SupervisionTopic,
    Task,
    TaskSource,
    Visit,
)
from fazhi.inspections.permissions import COORDINATOR_ROLES, DEPARTMENT_ROLES
from fazhi.inspections.procedures import JOINT_PLAN, VISIT

SUPERVISION_MINUTES = 120
SUPERVISION_TYPE = "执法监督"
# A planner run inside a request must answer quickly; the benchmark gives it longer.
PROPOSAL_TIME_LIMIT = 5.0


@transaction.atomic
def task_add(
    *,
    actor,
    subject: Subject,
    item: InspectionItem,
    earliest: dt.date,
    due_by: dt.date,
    source: str = TaskSource.PLAN,
) -> Task:
    """A department's planned or ad-hoc check of one item on one subject."""
    require_change(actor, item.organization, roles=DEPARTMENT_ROLES)
    if source not in (TaskSource.PLAN, TaskSource.ADHOC):
        raise ValidationFailed(Code.INVALID, _("任务来源无效。"), field="source")
    if due_by < earliest:
        raise ValidationFailed(Code.INVALID, _("完成期限不能早于最早日期。"), field="due_by")
    return Task.objects.create(
        organization=item.organization,
        source=source,
        subject=subject,
        item=item,
        earliest=earliest,
        due_by=due_by,
    )


@transaction.atomic
def supervision_task_add(
    *,
    actor,
    organization: Organization,
    unit: Organization,
    topic: str,
    earliest: dt.date,
    due_by: dt.date,
) -> Task:
    """综合督一次: one supervision topic to check at one unit (merged per unit by the planner)."""
    require_change(actor, organization, roles=COORDINATOR_ROLES)
    if topic not in SupervisionTopic.values:
        raise ValidationFailed(Code.INVALID, _("监督事项无效。"), field="topic")
    if due_by < earliest:
        raise ValidationFailed(Code.INVALID, _("完成期限不能早于最早日期。"), field="due_by")
    return Task.objects.create(
        organization=organization,
        source=TaskSource.PLAN,
        unit=unit,
        topic=topic,
        earliest=earliest,
        due_by=due_by,
    )


def _working_days(start: dt.date, end: dt.date) -> list[dt.date]:
    lookup = official_lookup()

    def is_workday(day: dt.date) -> bool:
        info = lookup(day)
        return info.is_workday if info is not None else day.weekday() < 5

    return planner.working_days(start, end, is_workday)


def _parse_days(values) -> frozenset[dt.date]:
    return frozenset(dt.date.fromisoformat(v) for v in values or [])


def _planner_input(kind: str, tasks: list[Task], start, end) -> planner.PlanInput:
    p_tasks = []
    blackout: dict[str, frozenset[dt.date]] = {}
    for task in tasks:
        drawn = tuple(sorted(i.pk for i in task.drawn_inspectors.all()))
        if kind == PlanKind.SUPERVISION:
            key = f"unit:{task.unit.code}"
            p_tasks.append(
                planner.PTask(
                    id=task.pk,
                    subject=key,
                    department=task.organization.code,
                    item=task.get_topic_display(),
                    object_type=SUPERVISION_TYPE,
                    tags=frozenset({SUPERVISION_TYPE}),
                    duration=SUPERVISION_MINUTES,
                    frequency=1,
                    earliest=max(task.earliest, start),
                    due_by=min(task.due_by, end),
                )
            )
            continue
        item = task.item
        key = task.subject.credit_code
        blackout[key] = _parse_days(task.subject.blackout_dates)
        p_tasks.append(
            planner.PTask(
                id=task.pk,
                subject=key,
                department=task.organization.code,
                item=item.name,
                object_type=item.object_type,
                tags=frozenset(item.industry_tags),
                duration=item.duration_minutes,
                frequency=item.frequency_per_year,
                earliest=max(task.earliest, start),
                due_by=min(task.due_by, end),
                skill=item.skill,
                drawn=drawn,
            )
        )
    departments = {t.organization_id for t in tasks}
    pool = [
        planner.PInspector(
            id=i.pk,
            department=i.organization.code,
            skills=frozenset(i.skills),
            capacity=i.daily_capacity,
            unavailable=_parse_days(i.unavailable_dates),
        )
        for i in Inspector.objects.filter(organization_id__in=departments, is_active=True)
        .select_related("person", "organization")
        .order_by("pk")
        if i.certified_on(start) and i.certified_on(end)
    ]
    return planner.PlanInput(
        tasks=p_tasks,
        inspectors=pool,
        start=start,
        end=end,
        working_days=_working_days(start, end),
        blackout=blackout,
        time_limit=PROPOSAL_TIME_LIMIT,
    )


@transaction.atomic
def joint_plan_propose(
    *,
    actor,
    organization: Organization,
    title: str,
    period_start: dt.date,
    period_end: dt.date,
    kind: str = PlanKind.INSPECTION,
) -> JointPlan:
    """Merge and schedule every open task of the period into a proposal for staff review."""
    require_change(actor, organization, roles=COORDINATOR_ROLES)
    if not title.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写名称。"), field="title")
    if period_end < period_start:
        raise ValidationFailed(Code.INVALID, _("期间止不能早于期间起。"), field="period_end")
    if kind not in PlanKind.values:
        raise ValidationFailed(Code.INVALID, _("类型无效。"), field="kind")
    tasks = Task.objects.filter(
        visit__isnull=True, earliest__lte=period_end, due_by__gte=period_start
    ).select_related("organization", "subject", "item", "unit")
    if kind == PlanKind.SUPERVISION:
        tasks = tasks.filter(unit__isnull=False)
    else:
        tasks = tasks.filter(subject__isnull=False)
    tasks = list(tasks.prefetch_related("drawn_inspectors").order_by("pk"))
    if not tasks:
        raise ValidationFailed(
            Code.NO_TASKS, _("该期间没有待统筹的检查任务。"), field="period_start"
        )
    data = _planner_input(kind, tasks, period_start, period_end)
    try:
        result = planner.plan(data)
    except planner.Infeasible as error:
        raise ValidationFailed(
            Code.SCHEDULE_INFEASIBLE,
            _("无法排出检查日程（约束：%(constraint)s）：%(detail)s")
            % {
                "constraint": CONSTRAINT_LABELS.get(error.constraint, error.constraint),
                "detail": error.message,
            },
            field=error.constraint,
        ) from None
    plan = JointPlan.objects.create(
        organization=organization,
        kind=kind,
        title=title.strip(),
        period_start=period_start,
        period_end=period_end,
        summary=result.stats,
        unmerged=result.unmerged,
    )
    by_id = {t.pk: t for t in tasks}
    departments = {
        o.code: o for o in Organization.objects.filter(pk__in={t.organization_id for t in tasks})
    }
    for p_visit in result.visits:
        first = by_id[p_visit.tasks[0]]
        visit = Visit.objects.create(
            plan=plan,
            subject=first.subject,
            unit=first.unit,
            lead=departments[p_visit.lead],
            scheduled_on=p_visit.day,
        )
        visit.inspectors.set(p_visit.inspectors)
        Task.objects.filter(pk__in=p_visit.tasks).update(visit=visit)
    core_services.event_record(
        subject=plan,
        event_type="inspections.joint_plan_proposed",
        actor=actor,
        organization=organization,
        details={k: result.stats[k] for k in ("tasks", "entries", "lower_bound")},
    )
    return plan


CONSTRAINT_LABELS = {
    "deadline": "部门期限",
    "blackout": "对象不宜检查日期",
    "skill": "检查人员专业",
    "capacity": "检查人员每日容量",
}


def _locked_visit(visit: Visit) -> Visit:
    return (
        Visit.objects.select_for_update(of=("self",))
        .select_related("plan", "subject", "lead")
        .get(pk=visit.pk)
    )


def _refresh_summary(plan: JointPlan) -> None:
    visits = plan.visits.count()
    summary = dict(plan.summary)
    summary["entries"] = visits
    summary["entries_saved"] = int(summary.get("naive_entries", 0)) - visits
    plan.summary = summary
    plan.save(update_fields=["summary"])


def _check_day(visit: Visit, day: dt.date, inspectors: list[Inspector]) -> None:
    plan = visit.plan
    if not plan.period_start <= day <= plan.period_end or day not in _working_days(day, day):
        raise ValidationFailed(Code.INVALID, _("新的检查日期应为计划期间内的工作日。"), field="day")
    tasks = list(visit.tasks.all())
    if any(not t.earliest <= day <= t.due_by for t in tasks):
        raise ValidationFailed(
            Code.SCHEDULE_INFEASIBLE, _("新的检查日期超出了部门规定的期限。"), field="day"
        )
    if visit.subject_id and day.isoformat() in (visit.subject.blackout_dates or []):
        raise ValidationFailed(
            Code.SCHEDULE_INFEASIBLE, _("该日期是检查对象申报的不宜检查日期。"), field="day"
        )
    for inspector in inspectors:
        busy = (
            Visit.objects.filter(plan=plan, scheduled_on=day, inspectors=inspector)
            .exclude(pk=visit.pk)
            .count()
        )
        if day.isoformat() in inspector.unavailable_dates or busy >= inspector.daily_capacity:
            raise ValidationFailed(
                Code.SCHEDULE_INFEASIBLE,
                _("检查人员 %(name)s 当日不可用或检查户数已满。") % {"name": inspector.person.name},
                field="day",
            )


@transaction.atomic
def visit_move(*, actor, visit: Visit, day: dt.date) -> Visit:
    visit = _locked_visit(visit)
    VISIT.require(actor, visit, "move")
    _check_day(visit, day, list(visit.inspectors.select_related("person")))
    before = visit.scheduled_on
    visit.scheduled_on = day
    visit.save(update_fields=["scheduled_on"])
    core_services.event_record(
        subject=visit,
        event_type="inspections.visit_moved",
        actor=actor,
        organization=visit.lead,
        details={"from": before, "to": day},
    )
    return visit


@transaction.atomic
def visit_split(*, actor, visit: Visit, department: Organization) -> Visit:
    """Take one department's tasks into a visit of their own, with two of its inspectors."""
    visit = _locked_visit(visit)
    VISIT.require(actor, visit, "split")
    tasks = list(visit.tasks.all())
    moving = [t for t in tasks if t.organization_id == department.pk]
    if not moving or len(moving) == len(tasks):
        raise ValidationFailed(
            Code.NOT_IN_PLAN, _("只能拆出联合检查中的某一个部门。"), field="department"
        )
    own = [
        i for i in visit.inspectors.select_related("person") if i.organization_id == department.pk
    ]
    if len(own) < 2:
        day = visit.scheduled_on
        extra = [
            i
            for i in Inspector.objects.filter(organization=department, is_active=True)
            .select_related("person")
            .exclude(pk__in=[i.pk for i in own])
            if i.certified_on(day) and day.isoformat() not in i.unavailable_dates
        ]
        own += extra[: 2 - len(own)]
    if len(own) < 2:
        raise ValidationFailed(
            Code.SCHEDULE_INFEASIBLE,
            _("%(dept)s 当日可派出的持证检查人员不足两名，不能单独检查。")
            % {"dept": department.name},
            field="department",
        )
    new = Visit.objects.create(
        plan=visit.plan,
        subject=visit.subject,
        unit=visit.unit,
        lead=department,
        scheduled_on=visit.scheduled_on,
    )
    new.inspectors.set(own)
    visit.inspectors.remove(*[i for i in own if i.organization_id == department.pk])
    Task.objects.filter(pk__in=[t.pk for t in moving]).update(visit=new)
    if visit.lead_id == department.pk:
        remaining = Organization.objects.filter(
            pk__in=[t.organization_id for t in tasks if t.organization_id != department.pk]
        ).first()
        visit.lead = remaining
        visit.save(update_fields=["lead"])
    _refresh_summary(visit.plan)
    core_services.event_record(
        subject=visit,
        event_type="inspections.visit_split",
        actor=actor,
        organization=visit.lead,
        details={"department": department.code, "new_visit": new.pk},
    )
    return new


@transaction.atomic
def joint_plan_issue(*, actor, plan: JointPlan) -> JointPlan:
    """Staff accept the proposal: it is issued as monthly task sheets (one per month)."""
    plan = JointPlan.objects.select_for_update().select_related("organization").get(pk=plan.pk)
    JOINT_PLAN.require(actor, plan, "issue")
    if not plan.visits.exists():
        raise Conflict(Code.NO_TASKS, _("方案中没有检查。"), field="status")
    if plan.kind == PlanKind.SUPERVISION:
        from fazhi.supervision import services as supervision
        from fazhi.supervision.models import CampaignKind

        campaign = supervision.campaign_create(
            actor=actor,
            organization=plan.organization,
            title=plan.title,
            kind=CampaignKind.SPECIAL_INSPECTION,
            started_on=plan.period_start,
        )
        plan.campaign_id = campaign.pk
    plan.status = JointStatus.ISSUED
    plan.issued_on = timezone.localdate()
    plan.save()
    months: dict[str, int] = defaultdict(int)
    for day in plan.visits.values_list("scheduled_on", flat=True):
        months[f"{day:%Y-%m}"] += 1
    core_services.event_record(
        subject=plan,
        event_type="inspections.joint_plan_issued",
        actor=actor,
        organization=plan.organization,
        details={"months": dict(months)},
    )
    return plan


def saving(plan: JointPlan) -> dict[str, Any]:
    summary = plan.summary or {}
    naive = int(summary.get("naive_entries") or 0)
    entries = int(summary.get("entries") or 0)
    share = round(100 * (naive - entries) / naive, 1) if naive else 0
    return {"naive": naive, "entries": entries, "saved": naive - entries, "share": share}
