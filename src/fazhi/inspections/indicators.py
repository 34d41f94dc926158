"""Figures of 综合查一次 (computed in SQL from tasks and visits; never typed).

``scope`` narrows to a department (tasks it owns, visits it leads or joins) or a town (its
subjects); the year is the visit's (or, for drawn tasks, the draw's) date.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet

from fazhi.core.domain.rates import Rate
from fazhi.core.indicators import register
from fazhi.core.models import Organization
from fazhi.inspections.models import Task, TaskSource, Visit


def _year(field: str, year: int) -> Q:
    return Q(**{f"{field}__gte": dt.date(year, 1, 1), f"{field}__lte": dt.date(year, 12, 31)})


def _task_scope(queryset: QuerySet[Task], scope: Organization | None) -> QuerySet[Task]:
    if scope is None:
        return queryset
    return queryset.filter(
        Q(organization__path__startswith=scope.path) | Q(subject__town__path__startswith=scope.path)
    )


def _visits(year: int, scope: Organization | None) -> QuerySet[Visit]:
    visits = Visit.objects.filter(_year("scheduled_on", year), plan__status="issued")
    if scope is not None:
        visits = visits.filter(
            Q(tasks__organization__path__startswith=scope.path)
            | Q(subject__town__path__startswith=scope.path)
        ).distinct()
    return visits


def _tasks_in_visits(year: int, scope: Organization | None) -> QuerySet[Task]:
    return _task_scope(
        Task.objects.filter(_year("visit__scheduled_on", year), visit__plan__status="issued"),
        scope,
    )


@register(
    "inspections.tasks_drawn",
    name="双随机抽取检查任务",
    unit="项",
    definition="当年双随机抽查计划抽取产生的检查任务数（对象×事项）。",
)
def tasks_drawn(year: int, scope: Organization | None) -> int:
    return _task_scope(
        Task.objects.filter(_year("draw_plan__period_start", year), source=TaskSource.DRAW), scope
    ).count()


def _joint_visit_ids(year: int, scope: Organization | None) -> QuerySet:
    return (
        _visits(year, scope)
        .annotate(departments=Count("tasks__organization", distinct=True))
        .filter(departments__gte=2)
        .values("pk")
    )


@register(
    "inspections.joint_visits",
    name="跨部门联合检查",
    unit="次",
    definition="当年已下达计划中由两个以上部门一次入企完成的检查次数。",
)
def joint_visits(year: int, scope: Organization | None) -> int:
    return _joint_visit_ids(year, scope).count()


@register(
    "inspections.entries_saved",
    name="减少入企次数",
    unit="次",
    definition="当年已下达计划中的检查任务数 − 入企检查次数（与每项任务单独入企相比）。",
)
def entries_saved(year: int, scope: Organization | None) -> int:
    return _tasks_in_visits(year, scope).count() - _visits(year, scope).count()


@register(
    "inspections.joint_share",
    name="联合检查占比",
    unit="%",
    definition="当年已下达计划中在跨部门联合检查中完成的任务数 ÷ 任务总数。",
)
def joint_share(year: int, scope: Organization | None) -> Rate:
    tasks = _tasks_in_visits(year, scope)
    joint = tasks.filter(visit__in=_joint_visit_ids(year, None)).count()
    return Rate(joint, tasks.count())


@register(
    "inspections.household_times",
    name="涉企检查户次",
    unit="户次",
    definition="当年已登记结果的入企检查次数（一次入企计一户次，无论检查几项）。",
)
def household_times(year: int, scope: Organization | None) -> int:
    return _visits(year, scope).filter(status__in=("recorded", "closed")).count()
