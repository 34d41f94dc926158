"""Pages of 综合查一次: the library, 双随机 plans, joint plans, visits, and the public draws.

Steps of the declared procedures are rendered by ``{% transitions %}`` and posted to the
generic transition view; the pages here list, create and show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fazhi.core.errors import ApplicationError, ImportFailed
from fazhi.core.exports import xlsx_response
from fazhi.core.forms import apply_error
from fazhi.core.scoping import require_role
from fazhi.core.selectors import domain_events_for
from fazhi.inspections import forms, selectors, services
from fazhi.inspections.jobs import subjects_import as subjects_import_job
from fazhi.inspections.models import Result
from fazhi.inspections.permissions import LIBRARY_ROLES
from fazhi.inspections.services.library import INSPECTOR_HEADERS, ITEM_HEADERS, SUBJECT_HEADERS
from fazhi.inspections.services.plans import saving
from fazhi.jobs.services import job_enqueue

PAGE_SIZE = 50


def _page(request: HttpRequest, queryset) -> tuple[Any, str]:
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return page, querystring.urlencode()


def _list(
    request: HttpRequest,
    *,
    queryset,
    title: str,
    headers: Sequence[str],
    row: Callable[[Any], Iterable[Any]],
    filename: str,
    link: Callable[[Any], str] | None = None,
    actions: Sequence[tuple[str, str]] = (),
) -> HttpResponse:
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename=filename, title=title, headers=headers, rows=(row(o) for o in queryset[:20000])
        )
    page, querystring = _page(request, queryset)
    rows = [(link(o) if link else "", list(row(o))) for o in page]
    return render(
        request,
        "inspections/list.html",
        {
            "title": title,
            "headers": headers,
            "rows": rows,
            "page": page,
            "querystring": querystring,
            "search": request.GET.get("q", ""),
            "actions": actions,
        },
    )


def _tags(values) -> str:
    return "、".join(values or [])


@login_required
def item_list(request: HttpRequest) -> HttpResponse:
    items = selectors.item_list(user=request.user, search=request.GET.get("q", "").strip())
    return _list(
        request,
        queryset=items,
        title=_("检查事项库"),
        headers=[*ITEM_HEADERS, "依据核对"],
        row=lambda i: [
            i.code,
            i.name,
            i.organization.code,
            i.legal_basis,
            i.object_type,
            _tags(i.industry_tags),
            i.duration_minutes,
            i.frequency_per_year,
            i.get_risk_list_display(),
            i.skill,
            str(i.basis_article)
            if i.basis_article_id
            else f"{i.get_basis_status_display()}：{i.basis_note}",
        ],
        filename="inspection-items.xlsx",
        actions=[("inspections:library_import", _("导入资源库"))],
    )


@login_required
def subject_list(request: HttpRequest) -> HttpResponse:
    subjects = selectors.subject_list(user=request.user, search=request.GET.get("q", "").strip())
    return _list(
        request,
        queryset=subjects,
        title=_("检查对象库"),
        headers=SUBJECT_HEADERS,
        row=lambda s: [
            s.name,
            s.credit_code,
            s.address,
            s.town.code,
            s.object_type,
            s.industry,
            s.get_risk_grade_display(),
            s.credit_grade,
            _tags(s.blackout_dates),
        ],
        filename="inspection-subjects.xlsx",
    )


@login_required
def inspector_list(request: HttpRequest) -> HttpResponse:
    return _list(
        request,
        queryset=selectors.inspector_list(user=request.user),
        title=_("检查人员库"),
        headers=[*INSPECTOR_HEADERS, "姓名", "执法证有效期至"],
        row=lambda i: [
            i.person.enforcement_certificate_number,
            i.organization.code,
            _tags(i.skills),
            i.daily_capacity,
            _tags(i.unavailable_dates),
            i.person.name,
            i.person.certificate_valid_until,
        ],
        filename="inspection-inspectors.xlsx",
        link=lambda i: f"/inspections/inspectors/{i.pk}/relation/",
        actions=[("inspections:inspector_create", _("新增检查人员"))],
    )


def _form_page(request: HttpRequest, form, title: str, call) -> HttpResponse | None:
    """Run ``call`` for a valid posted form; a refusal shows on its field (403 goes up)."""
    if request.method == "POST" and form.is_valid():
        try:
            return call(form.cleaned_data)
        except ApplicationError as error:
            if error.status == 403:
                raise
            apply_error(form, error)
    return render(
        request,
        "core/form.html",
        {"form": form, "title": title},
        status=400 if form.errors else 200,
    )


@login_required
def inspector_create(request: HttpRequest) -> HttpResponse:
    form = forms.InspectorForm(request.POST or None, user=request.user)

    def call(data: dict[str, Any]) -> HttpResponse:
        inspector = services.inspector_add(actor=request.user, **data)
        messages.success(
            request, _("已将 %(name)s 列入检查人员库。") % {"name": inspector.person.name}
        )
        return redirect("inspections:inspectors")

    return _form_page(request, form, _("新增检查人员"), call)


@login_required
def relation_declare(request: HttpRequest, pk: int) -> HttpResponse:
    """An inspector's declared relation to a subject (利害关系): later draws exclude the pair."""
    inspector = selectors.inspector_get(user=request.user, pk=pk)
    form = forms.RelationForm(request.POST or None)

    def call(data: dict[str, Any]) -> HttpResponse:
        subject = selectors.subject_by_code(user=request.user, credit_code=data["credit_code"])
        services.relation_declare(
            actor=request.user, inspector=inspector, subject=subject, relation=data["relation"]
        )
        messages.success(request, _("已登记利害关系，今后抽取将回避该对象。"))
        return redirect("inspections:inspectors")

    title = _("登记利害关系：%(name)s") % {"name": inspector.person.name}
    return _form_page(request, form, title, call)


@login_required
def scenario_list(request: HttpRequest) -> HttpResponse:
    return _list(
        request,
        queryset=selectors.scenario_list(user=request.user),
        title=_("检查场景库"),
        headers=[_("场景名称"), _("层级"), _("镇街"), _("对象类型"), _("事项数")],
        row=lambda s: [
            s.name,
            s.get_level_display(),
            s.town.name if s.town_id else "—",
            s.object_type,
            s.item_count,
        ],
        filename="inspection-scenarios.xlsx",
        actions=[("inspections:scenario_create", _("新增场景"))],
    )


@login_required
def scenario_create(request: HttpRequest) -> HttpResponse:
    form = forms.ScenarioForm(
        request.POST or None, user=request.user, items=selectors.item_list(user=request.user)
    )

    def call(data: dict[str, Any]) -> HttpResponse:
        services.scenario_add(actor=request.user, **{**data, "items": list(data["items"])})
        messages.success(request, _("已新增检查场景。"))
        return redirect("inspections:scenarios")

    return _form_page(request, form, _("新增检查场景"), call)


@login_required
def library_import(request: HttpRequest) -> HttpResponse:
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    row_errors: list[dict[str, Any]] = []
    if request.method == "POST" and form.is_valid() and form.cleaned_data["kind"] == "subjects":
        # The subjects sheet runs to tens of thousands of rows: the worker imports it.
        try:
            require_role(request.user, *LIBRARY_ROLES)
            job = job_enqueue(
                actor=request.user,
                runner=subjects_import_job,
                title=_("导入检查对象"),
                upload=form.cleaned_data["file"].read(),
            )
        except ApplicationError as error:
            if error.status == 403:
                raise
            apply_error(form, error)
        else:
            return redirect("jobs:detail", pk=job.pk)
    elif request.method == "POST" and form.is_valid():
        try:
            count = services.library_import_xlsx(
                actor=request.user,
                kind=form.cleaned_data["kind"],
                data=form.cleaned_data["file"].read(),
            )
        except ImportFailed as error:
            form.add_error(None, error.message)
            row_errors = error.rows
        except ApplicationError as error:
            if error.status == 403:
                raise
            apply_error(form, error)
        else:
            messages.success(request, _("已导入 %(count)s 条。") % {"count": count})
            return redirect("inspections:items")
    return render(
        request,
        "inspections/import.html",
        {"form": form, "row_errors": row_errors, "status": 400 if form.errors else 200},
        status=400 if form.errors else 200,
    )


@login_required
def task_create(request: HttpRequest) -> HttpResponse:
    form = forms.TaskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            subject = selectors.subject_by_code(user=request.user, credit_code=data["credit_code"])
            services.task_add(
                actor=request.user,
                subject=subject,
                item=data["item"],
                earliest=data["earliest"],
                due_by=data["due_by"],
                source=data["source"],
            )
        except ApplicationError as error:
            if error.status == 403:
                raise
            apply_error(form, error)
        else:
            messages.success(request, _("已登记检查任务，将在下一次统筹时合并安排。"))
            return redirect("inspections:task_create")
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("登记检查任务")},
        status=400 if form.errors else 200,
    )


# --- 双随机 ------------------------------------------------------------------------------------


@login_required
def draw_list(request: HttpRequest) -> HttpResponse:
    plans = selectors.draw_plan_list(user=request.user, search=request.GET.get("q", "").strip())
    return _list(
        request,
        queryset=plans,
        title=_("双随机抽查计划"),
        headers=[_("计划编号"), _("计划名称"), _("部门"), _("检查期"), _("状态")],
        row=lambda p: [
            p.number,
            p.title,
            p.organization.name,
            f"{p.period_start}—{p.period_end}",
            p.get_status_display(),
        ],
        filename="draw-plans.xlsx",
        link=lambda p: f"/inspections/draws/{p.pk}/",
        actions=[("inspections:draw_create", _("拟定抽查计划"))],
    )


@login_required
def draw_create(request: HttpRequest) -> HttpResponse:
    form = forms.DrawPlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = services.draw_plan_create(
                actor=request.user,
                organization=data["organization"],
                title=data["title"],
                items=list(data["items"]),
                period_start=data["period_start"],
                period_end=data["period_end"],
                ratios=services.ratios_from(data),
            )
        except ApplicationError as error:
            if error.status == 403:
                raise
            apply_error(form, error)
        else:
            return redirect("inspections:draw_detail", pk=plan.pk)
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("拟定双随机抽查计划")},
        status=400 if form.errors else 200,
    )


@login_required
def draw_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.draw_plan_get(user=request.user, pk=pk)
    return render(
        request,
        "inspections/draw_detail.html",
        {
            "plan": plan,
            "items": plan.items.all(),
            "rows": selectors.public_result_rows(plan),
            "events": domain_events_for(plan),
        },
    )


# --- joint plans and visits -------------------------------------------------------------------


@login_required
def joint_plan_list(request: HttpRequest) -> HttpResponse:
    return _list(
        request,
        queryset=selectors.joint_plan_list(user=request.user),
        title=_("统筹检查计划"),
        headers=[_("名称"), _("类型"), _("期间"), _("状态"), _("入企次数")],
        row=lambda p: [
            p.title,
            p.get_kind_display(),
            f"{p.period_start}—{p.period_end}",
            p.get_status_display(),
            (p.summary or {}).get("entries", ""),
        ],
        filename="joint-plans.xlsx",
        link=lambda p: f"/inspections/joint-plans/{p.pk}/",
        actions=[("inspections:joint_plan_create", _("生成统筹方案"))],
    )


@login_required
def joint_plan_create(request: HttpRequest) -> HttpResponse:
    form = forms.JointPlanForm(request.POST or None)
    coordinating = selectors.coordinating_unit(request.user)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.joint_plan_propose(
                actor=request.user, organization=coordinating, **form.cleaned_data
            )
        except ApplicationError as error:
            if error.status == 403:
                raise
            apply_error(form, error)
        else:
            return redirect("inspections:joint_plan_detail", pk=plan.pk)
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("生成统筹检查方案")},
        status=400 if form.errors else 200,
    )


@login_required
def joint_plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.joint_plan_get(user=request.user, pk=pk)
    page, querystring = _page(request, selectors.visit_list(user=request.user, plan=plan))
    return render(
        request,
        "inspections/joint_plan_detail.html",
        {
            "plan": plan,
            "saving": saving(plan),
            "summary": plan.summary,
            "unmerged": selectors.unmerged_rows(plan),
            "sheets": selectors.task_sheets(plan),
            "page": page,
            "querystring": querystring,
            "events": domain_events_for(plan),
        },
    )


@login_required
def visit_list(request: HttpRequest) -> HttpResponse:
    month = request.GET.get("month", "")
    visits = selectors.visit_list(user=request.user, month=month)
    return _list(
        request,
        queryset=visits,
        title=_("入企检查（月度任务单）"),
        headers=[_("检查日期"), _("对象"), _("牵头部门"), _("部门数"), _("事项数"), _("状态")],
        row=lambda v: [
            v.scheduled_on,
            v.subject.name if v.subject_id else (v.unit.name if v.unit_id else ""),
            v.lead.name,
            v.department_count,
            v.task_count,
            v.get_status_display(),
        ],
        filename="visits.xlsx",
        link=lambda v: f"/inspections/visits/{v.pk}/",
    )


@login_required
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visit = selectors.visit_get(user=request.user, pk=pk)
    return render(
        request,
        "inspections/visit_detail.html",
        {
            "visit": visit,
            "tasks": selectors.visit_tasks(visit),
            "inspectors": visit.inspectors.select_related("person", "organization"),
            "files": visit.files.all(),
            "events": domain_events_for(visit),
            "handover": Result.HANDOVER,
        },
    )


# --- portal -----------------------------------------------------------------------------------


def portal_draws(request: HttpRequest) -> HttpResponse:
    page, querystring = _page(request, selectors.public_draws())
    return render(
        request, "inspections/portal_draws.html", {"page": page, "querystring": querystring}
    )


def portal_draw(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.public_draw(pk)
    return render(
        request,
        "inspections/portal_draw.html",
        {"plan": plan, "items": plan.items.all(), "rows": selectors.public_result_rows(plan)},
    )
