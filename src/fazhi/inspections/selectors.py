"""Reads of the inspections app, scoped to the user; figures aggregated in SQL.

Library rows are shared reference data for staff; plans and visits are visible to users over
the department (or the coordinating unit) and to those over a department taking part.
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import NotFound, PermissionDenied
from fazhi.core.models import Organization, Role
from fazhi.core.scoping import scope_for
from fazhi.inspections.models import (
    DrawPlan,
    DrawStatus,
    InspectionItem,
    Inspector,
    JointPlan,
    Scenario,
    Subject,
    Task,
    Visit,
)
from fazhi.inspections.permissions import COORDINATOR_ROLES


def _staff(user) -> None:
    if not scope_for(user).is_staff_user:
        raise PermissionDenied(CoreErrorCode.FORBIDDEN_ROLE, _("您的角色无权查看此内容。"))


def item_list(*, user, search: str = "") -> QuerySet[InspectionItem]:
    _staff(user)
    queryset = InspectionItem.objects.select_related("organization", "basis_article__law")
    if search:
        queryset = queryset.filter(Q(code__icontains=search) | Q(name__icontains=search))
    return queryset


def subject_list(*, user, search: str = "") -> QuerySet[Subject]:
    _staff(user)
    queryset = Subject.objects.select_related("town")
    if search:
        queryset = queryset.filter(Q(name__icontains=search) | Q(credit_code__icontains=search))
    return queryset


def subject_by_code(*, user, credit_code: str) -> Subject:
    subject = subject_list(user=user).filter(credit_code=credit_code.strip().upper()).first()
    if subject is None:
        raise NotFound(
            CoreErrorCode.NOT_FOUND, _("检查对象库中没有该统一社会信用代码。"), field="credit_code"
        )
    return subject


def inspector_list(*, user) -> QuerySet[Inspector]:
    return scope_for(user).filter(Inspector.objects.select_related("person", "organization"))


def inspector_get(*, user, pk: int) -> Inspector:
    inspector = inspector_list(user=user).filter(pk=pk).first()
    if inspector is None:
        raise NotFound(CoreErrorCode.NOT_FOUND, _("检查人员不存在或不在您的单位范围内。"))
    return inspector


def scenario_list(*, user) -> QuerySet[Scenario]:
    _staff(user)
    return (
        Scenario.objects.select_related("town")
        .annotate(item_count=Count("items"))
        .order_by("level", "name", "pk")
    )


def draw_plan_list(*, user, search: str = "") -> QuerySet[DrawPlan]:
    queryset = scope_for(user).filter(DrawPlan.objects.select_related("organization"))
    if search:
        queryset = queryset.filter(Q(number__icontains=search) | Q(title__icontains=search))
    return queryset


def draw_plan_get(*, user, pk: int) -> DrawPlan:
    plan = draw_plan_list(user=user).filter(pk=pk).first()
    if plan is None:
        raise NotFound(CoreErrorCode.NOT_FOUND, _("抽查计划不存在或不在您的单位范围内。"))
    return plan


def draw_plan_by_number(number: str) -> DrawPlan | None:
    """For the redraw command: by number or id (public data, unscoped)."""
    plan = DrawPlan.objects.filter(number=number).first()
    if plan is None and number.isdigit():
        plan = DrawPlan.objects.filter(pk=int(number)).first()
    return plan


def public_draws() -> QuerySet[DrawPlan]:
    """Plans whose seed hash is public (committed or later), for the portal."""
    return DrawPlan.objects.exclude(status=DrawStatus.DRAFT).select_related("organization")


def public_draw(pk: int) -> DrawPlan:
    plan = public_draws().filter(pk=pk).first()
    if plan is None:
        raise NotFound(CoreErrorCode.NOT_FOUND, _("抽查计划不存在或尚未公示。"))
    return plan


def public_result_rows(plan: DrawPlan) -> list[dict[str, str]]:
    """The drawn subjects without personal data: inspectors by pseudonym only."""
    if not plan.seed_revealed:
        return []
    codes = [row["subject"] for row in plan.result]
    subjects = Subject.objects.in_bulk(codes, field_name="credit_code")
    rows = []
    for row in plan.result:
        subject = subjects.get(row["subject"])
        rows.append(
            {
                "code": row["subject"],
                "name": subject.public_name if subject else "",
                "inspectors": "、".join(row["inspectors"]),
            }
        )
    return rows


def coordinating_unit(user) -> Organization:
    """The unit a coordinator plans for: the highest one where they hold the role."""
    scope = scope_for(user)
    paths: set[str] = set()
    for role in COORDINATOR_ROLES:
        paths |= scope.paths_by_role.get(role, set())
    if paths:
        unit = Organization.objects.filter(path__in=paths).order_by("depth").first()
    elif scope.has_role(Role.ADMINISTRATOR):
        unit = Organization.objects.order_by("depth", "pk").first()
    else:
        unit = None
    if unit is None:
        raise PermissionDenied(
            CoreErrorCode.FORBIDDEN_ROLE, _("只有统筹单位的法制人员可以生成统筹方案。")
        )
    return unit


def joint_plan_list(*, user) -> QuerySet[JointPlan]:
    return scope_for(user).filter(JointPlan.objects.select_related("organization"))


def joint_plan_get(*, user, pk: int) -> JointPlan:
    plan = joint_plan_list(user=user).filter(pk=pk).first()
    if plan is None:
        raise NotFound(CoreErrorCode.NOT_FOUND, _("统筹检查计划不存在或不在您的单位范围内。"))
    return plan


def _visits_visible(user) -> QuerySet[Visit]:
    scope = scope_for(user)
    queryset = Visit.objects.all()
    if scope.reads_all:
        return queryset
    return queryset.filter(
        scope.q("lead") | scope.q("plan__organization") | scope.q("tasks__organization")
    ).distinct()


def visit_list(*, user, plan: JointPlan | None = None, month: str = "") -> QuerySet[Visit]:
    queryset = _visits_visible(user).select_related("plan", "subject", "unit", "lead")
    if plan is not None:
        queryset = queryset.filter(plan=plan)
    if month:
        year, _sep, number = month.partition("-")
        if year.isdigit() and number.isdigit():
            queryset = queryset.filter(
                scheduled_on__year=int(year), scheduled_on__month=int(number)
            )
    return queryset.annotate(
        task_count=Count("tasks", distinct=True),
        department_count=Count("tasks__organization", distinct=True),
    ).order_by("scheduled_on", "pk")


def visit_get(*, user, pk: int) -> Visit:
    visit = visit_list(user=user).filter(pk=pk).first()
    if visit is None:
        raise NotFound(CoreErrorCode.NOT_FOUND, _("检查不存在或不在您的单位范围内。"))
    return visit


def visit_tasks(visit: Visit) -> QuerySet[Task]:
    return visit.tasks.select_related("item", "organization", "item__basis_article__law").order_by(
        "organization__code", "pk"
    )


def task_sheets(plan: JointPlan) -> list[dict[str, object]]:
    """The issued plan as monthly task sheets: visits per month and department."""
    rows = (
        Task.objects.filter(visit__plan=plan)
        .values("visit__scheduled_on__year", "visit__scheduled_on__month", "organization__name")
        .annotate(tasks=Count("pk"), visits=Count("visit", distinct=True))
        .order_by("visit__scheduled_on__year", "visit__scheduled_on__month", "organization__name")
    )
    return [
        {
            "month": f"{r['visit__scheduled_on__year']}-{r['visit__scheduled_on__month']:02d}",
            "department": r["organization__name"],
            "tasks": r["tasks"],
            "visits": r["visits"],
        }
        for r in rows
    ]


def unmerged_rows(plan: JointPlan) -> list[dict[str, object]]:
    tasks = Task.objects.select_related("item", "organization", "subject").in_bulk(
        [row["task"] for row in plan.unmerged[:200]]
    )
    out = []
    for row in plan.unmerged[:200]:
        task = tasks.get(row["task"])
        if task is None:
            continue
        out.append({"task": task, "text": row["text"]})
    return out
