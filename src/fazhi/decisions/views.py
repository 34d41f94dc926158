"""Staff pages: the annual catalog, the decision list and each decision's whole file."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fazhi.consultations import selectors as consultation_selectors
from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import ApplicationError, NotFound, PermissionDenied
from fazhi.core.exports import xlsx_response
from fazhi.core.models import Organization
from fazhi.core.params import parse_year
from fazhi.core.procedures import Procedure
from fazhi.core.scoping import STAFF_ROLES, require_role
from fazhi.decisions import archive, forms, selectors, services
from fazhi.decisions.error_codes import DecisionErrorCode as Code
from fazhi.decisions.models import CatalogStatus, DecisionStatus
from fazhi.decisions.procedures import CATALOG, ENTRY
from fazhi.decisions.rules import all_rules

PAGE_SIZE = 50


def _apply(form, call) -> bool:
    """Run a service with the form's data; a refusal lands on the field it names."""
    if not form.is_valid():
        return False
    try:
        call(form.cleaned_data)
    except PermissionDenied:
        raise  # a 403 page, not a form error: nothing the user types would fix it
    except ApplicationError as error:
        form.add_error(error.field if error.field in form.fields else None, str(error.message))
        return False
    return True


def _staff(request: HttpRequest) -> None:
    require_role(request.user, *STAFF_ROLES)


@login_required
def catalog_list(request: HttpRequest) -> HttpResponse:
    _staff(request)
    form = forms.CatalogCreateForm(request.POST or None)
    if request.method == "POST":
        city = Organization.objects.filter(parent__isnull=True, kind="city_government").first()
        if city is None:
            form.add_error(None, _("尚未建立市政府组织，无法创建目录。"))
        elif _apply(
            form,
            lambda data: services.catalog_create(actor=request.user, organization=city, **data),
        ):
            messages.success(request, _("目录已创建。"))
            return redirect("decisions:catalogs")
    return render(
        request,
        "decisions/catalog_list.html",
        {"catalogs": selectors.catalog_list(user=request.user), "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def catalog_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    catalog = selectors.catalog_get(user=request.user, pk=pk)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename=f"decision-catalog-{catalog.year}.xlsx",
            title=str(catalog.year),
            headers=[
                _("序号"),
                _("决策事项"),
                _("类别"),
                _("承办单位"),
                _("法律政策依据"),
                _("计划完成时间"),
                _("状态"),
            ],
            rows=(
                [
                    e.sequence,
                    e.title,
                    e.get_category_display(),
                    e.organization.name,
                    e.basis,
                    e.planned_completion,
                    e.get_status_display(),
                ]
                for e in selectors.catalog_entries(catalog)
            ),
        )
    # The steps are the declared ones (``decisions.catalog``, ``decisions.entry``): the page
    # lists them with ``{% transitions %}`` and they post to the generic step view. A form posted
    # here with ``action=<step>`` (the page's earlier shape) goes through the same declaration.
    bound = None
    bound_entry = None
    action = request.POST.get("action", "")
    if request.method == "POST" and action == "launch":
        entry = selectors.catalog_entries(catalog).filter(pk=request.POST.get("entry")).first()
        if entry is None:
            raise NotFound(Code.INVALID, _("该事项不在本目录中。"), field="entry")
        bound = ENTRY.transition("launch").make_form(request.user, entry, request.POST)
        bound_entry = entry.pk
        done = _step(request, ENTRY, entry, "launch", bound)
        if done is not None:
            messages.success(request, _("决策程序已启动。"))
            return redirect("decisions:detail", pk=done.pk)
    elif request.method == "POST":
        bound = CATALOG.transition(action).make_form(request.user, catalog, request.POST)
        if _step(request, CATALOG, catalog, action, bound) is not None:
            messages.success(request, _("已保存。"))
            return redirect("decisions:catalog", pk=catalog.pk)
    context = {
        "catalog": catalog,
        "entries": selectors.catalog_entries(catalog),
        "adjustments": catalog.adjustments.select_related("entry"),
        "bound": bound,
        "bound_entry": bound_entry,
        "statuses": CatalogStatus,
    }
    failed = bound is not None
    return render(request, "decisions/catalog_detail.html", context, status=400 if failed else 200)


def _step(request: HttpRequest, declared: Procedure, obj, name: str, form) -> Any:
    """Take a declared step with a bound form; None (and the error on the form) if refused."""
    if not declared.may(request.user, obj, declared.transition(name)):
        raise PermissionDenied(CoreErrorCode.FORBIDDEN_ROLE, _("您的角色无权执行此操作。"))
    result: list[Any] = []
    if _apply(
        form,
        lambda data: result.append(
            declared.perform(name, actor=request.user, obj=obj, data=data, files=request.FILES)
        ),
    ):
        return result[0]
    return None


@login_required
def decision_list(request: HttpRequest) -> HttpResponse:
    _staff(request)
    search = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    if status not in DecisionStatus.values:
        status = ""
    year = request.GET.get("year", "")
    year_value = parse_year(year)
    decisions = selectors.decision_list(
        user=request.user, search=search, status=status, year=year_value
    )
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename="decisions.xlsx",
            title=_("重大行政决策"),
            headers=[
                _("年度"),
                _("序号"),
                _("决策事项"),
                _("承办单位"),
                _("状态"),
                _("已办结程序"),
                _("三查"),
                _("决定日期"),
                _("公布日期"),
            ],
            rows=(
                [
                    d.entry.catalog.year,
                    d.entry.sequence,
                    d.title,
                    d.organization.name,
                    d.get_status_display(),
                    d.closed_steps,
                    d.check_count,
                    d.decided_on,
                    d.published_on,
                ]
                for d in decisions
            ),
        )
    page = Paginator(decisions, PAGE_SIZE).get_page(request.GET.get("page"))
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return render(
        request,
        "decisions/decision_list.html",
        {
            "page": page,
            "search": search,
            "status": status,
            "year": year,
            "statuses": DecisionStatus.choices,
            "querystring": querystring.urlencode(),
        },
    )


def _render_file(request: HttpRequest, decision, bound: dict | None = None, status: int = 200):
    bound = bound or {}
    file = selectors.decision_file(decision)
    consultation = consultation_selectors.consultation_for(decision)
    context = {
        **file,
        "consultation": consultation,
        "consultation_stats": (
            consultation_selectors.consultation_stats(consultation) if consultation else None
        ),
        "rules": all_rules(),
    }
    return render(request, "decisions/decision_detail.html", context, status=status)


@login_required
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    return _render_file(request, selectors.decision_get(user=request.user, pk=pk))


@login_required
def decision_archive(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    decision = selectors.decision_get(user=request.user, pk=pk)
    response = HttpResponse(archive.decision_archive(decision), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="decision-{decision.pk}.zip"'
    return response
