"""Staff pages: the annual catalog, the decision list and each decision's whole file."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fazhi.consultations import selectors as consultation_selectors
from fazhi.core.errors import ApplicationError, PermissionDenied
from fazhi.core.exports import xlsx_response
from fazhi.core.models import Organization
from fazhi.core.params import parse_year
from fazhi.core.scoping import STAFF_ROLES, require_role, scope_for
from fazhi.decisions import archive, forms, selectors, services
from fazhi.decisions.models import CatalogStatus, DecisionStatus
from fazhi.decisions.permissions import CATALOG_ROLES
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


CATALOG_ACTIONS = {
    "propose": (forms.EntryProposeForm, services.entry_propose),
    "approve": (forms.CatalogApproveForm, services.catalog_approve),
    "publish": (forms.CatalogPublishForm, services.catalog_publish),
    "adjust": (forms.CatalogAdjustForm, services.catalog_adjust),
}


def _catalog_forms(catalog, bound: dict | None = None) -> dict:
    bound = bound or {}
    built = {}
    for name, (form_class, _service) in CATALOG_ACTIONS.items():
        extra = {"catalog": catalog} if name == "adjust" else {}
        built[name] = bound.get(name) or form_class(prefix=name, **extra)
    return built


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
    bound: dict = {}
    action = request.POST.get("action", "")
    if request.method == "POST" and action in CATALOG_ACTIONS:
        form_class, service = CATALOG_ACTIONS[action]
        extra = {"catalog": catalog} if action == "adjust" else {}
        form = form_class(request.POST, prefix=action, **extra)
        if _apply(form, lambda data: service(actor=request.user, catalog=catalog, **data)):
            messages.success(request, _("已保存。"))
            return redirect("decisions:catalog", pk=catalog.pk)
        bound[action] = form
    launch_form = forms.LaunchForm(prefix="launch")
    if request.method == "POST" and action == "launch":
        entry = selectors.catalog_entries(catalog).filter(pk=request.POST.get("entry")).first()
        launch_form = forms.LaunchForm(request.POST, prefix="launch")
        launched: list = []
        if entry is None:
            launch_form.add_error(None, _("该事项不在本目录中。"))
        elif _apply(
            launch_form,
            lambda data: launched.append(
                services.decision_launch(actor=request.user, entry=entry, **data)
            ),
        ):
            messages.success(request, _("决策程序已启动。"))
            return redirect("decisions:detail", pk=launched[0].pk)
    context = {
        "catalog": catalog,
        "entries": selectors.catalog_entries(catalog),
        "adjustments": catalog.adjustments.select_related("entry"),
        "forms": _catalog_forms(catalog, bound),
        "launch_form": launch_form,
        "statuses": CatalogStatus,
        "can_manage": scope_for(request.user).has_role(*CATALOG_ROLES),
    }
    failed = bool(bound) or bool(launch_form.errors)
    return render(request, "decisions/catalog_detail.html", context, status=400 if failed else 200)


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
