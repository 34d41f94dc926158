"""Pages of administrative litigation: case list and file, registration, one form per
transition, and the head-of-agency appearance at each hearing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import ApplicationError, PermissionDenied
from fazhi.core.exports import xlsx_response
from fazhi.core.forms import apply_error
from fazhi.core.models import Organization
from fazhi.core.scoping import scope_for
from fazhi.core.selectors import domain_events_for
from fazhi.litigation import forms, selectors, services
from fazhi.litigation.models import Status, TrialLevel
from fazhi.litigation.services import LITIGATION_ROLES
from fazhi.reconsideration import selectors as reconsideration_selectors

PAGE_SIZE = 50


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    status = status if status in Status.values else ""
    trial_level = request.GET.get("trial_level", "")
    trial_level = trial_level if trial_level in TrialLevel.values else ""
    cases = selectors.case_list(
        user=request.user, search=search, status=status, trial_level=trial_level
    )
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename="litigation-cases.xlsx",
            title=_("行政应诉案件"),
            headers=[
                _("法院案号"),
                _("法院"),
                _("审级"),
                _("被告机关"),
                _("原告"),
                _("案由"),
                _("立案日期"),
                _("状态"),
                _("结案方式"),
                _("结案日期"),
            ],
            rows=(
                [
                    c.court_case_no,
                    c.court.name,
                    c.get_trial_level_display(),
                    c.organization.name,
                    c.plaintiff_name,
                    c.cause,
                    c.filed_on,
                    c.get_status_display(),
                    c.get_outcome_display(),
                    c.concluded_on,
                ]
                for c in cases[:20000]
            ),
        )
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return render(
        request,
        "litigation/case_list.html",
        {
            "page": page,
            "search": search,
            "status": status,
            "trial_level": trial_level,
            "statuses": Status.choices,
            "trial_levels": TrialLevel.choices,
            "querystring": querystring.urlencode(),
        },
    )


@login_required
def case_create(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not scope.has_role(*LITIGATION_ROLES, "administrator"):
        raise PermissionDenied(CoreErrorCode.FORBIDDEN_ROLE, _("您的角色无权执行此操作。"))
    defendants = scope.filter(
        Organization.objects.filter(kind__in=("department", "town")), organization_field=""
    )
    form = forms.CaseRegisterForm(request.POST or None, defendants=defendants)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        origin_no = data.pop("origin_reconsideration_no").strip()
        try:
            if origin_no:
                data["origin_reconsideration"] = reconsideration_selectors.case_by_number(
                    user=request.user, case_no=origin_no
                )
            case = services.litigation_case_register(actor=request.user, **data)
        except ApplicationError as error:
            if error.status == 403:
                raise
            apply_error(form, error)
        else:
            messages.success(request, _("已登记诉讼案件。"))
            return redirect("litigation:case_detail", pk=case.pk)
    return render(request, "core/form.html", {"form": form, "title": _("登记行政诉讼案件")})


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_get(user=request.user, pk=pk)
    return render(
        request,
        "litigation/case_detail.html",
        {"case": case, "hearings": case.hearings.all(), "events": domain_events_for(case)},
    )
