"""Pages of administrative litigation: case list and file, registration, one form per
transition, and the head-of-agency appearance at each hearing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import ApplicationError, NotFound, PermissionDenied
from fazhi.core.exports import xlsx_response
from fazhi.core.forms import apply_error
from fazhi.core.models import Organization
from fazhi.core.scoping import scope_for
from fazhi.core.selectors import domain_events_for
from fazhi.litigation import forms, selectors, services
from fazhi.litigation.models import LitigationCase, Status, TrialLevel
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


ACTIONS = {
    "defence": (
        gettext_lazy("提交答辩状"),
        forms.DateForm,
        services.litigation_defence_file,
        LitigationCase.can_file_defence,
    ),
    "hearing": (
        gettext_lazy("登记庭审"),
        forms.HearingForm,
        services.litigation_hearing_schedule,
        lambda case: case.status == Status.FILED,
    ),
    "conclude": (
        gettext_lazy("登记结案"),
        forms.ConcludeForm,
        services.litigation_conclude,
        LitigationCase.can_conclude,
    ),
    "serve": (
        gettext_lazy("登记送达"),
        forms.DateForm,
        services.litigation_serve,
        LitigationCase.can_serve,
    ),
    "appeal": (
        gettext_lazy("登记上诉"),
        forms.DateForm,
        services.litigation_appeal,
        LitigationCase.can_appeal,
    ),
    "finalize": (
        gettext_lazy("确认生效"),
        forms.DateForm,
        services.litigation_finalize,
        LitigationCase.can_finalize,
    ),
}


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_get(user=request.user, pk=pk)
    can_change = scope_for(request.user).can_change(case.organization, LITIGATION_ROLES)
    actions = [
        (name, label, form_class(prefix=name))
        for name, (label, form_class, _service, guard) in ACTIONS.items()
        if can_change and guard(case)
    ]
    hearings = [
        (
            hearing,
            forms.AppearanceForm(prefix=f"h{hearing.pk}")
            if can_change and hearing.can_record_appearance()
            else None,
        )
        for hearing in case.hearings.all()
    ]
    return render(
        request,
        "litigation/case_detail.html",
        {"case": case, "actions": actions, "hearings": hearings, "events": domain_events_for(case)},
    )


@login_required
@require_POST
def case_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    case = selectors.case_get(user=request.user, pk=pk)
    if action not in ACTIONS:
        raise NotFound(CoreErrorCode.NOT_FOUND, _("未知的操作。"))
    label, form_class, service, _guard = ACTIONS[action]
    form = form_class(request.POST, prefix=action)
    if form.is_valid():
        try:
            service(actor=request.user, case=case, **form.cleaned_data)
        except ApplicationError as error:
            if error.status == 403:
                raise
            apply_error(form, error)
        else:
            messages.success(request, _("已保存：%(action)s。") % {"action": label})
            return redirect("litigation:case_detail", pk=case.pk)
    return render(
        request,
        "litigation/case_action.html",
        {"case": case, "form": form, "title": label},
        status=400,
    )


@login_required
@require_POST
def hearing_appearance(request: HttpRequest, pk: int) -> HttpResponse:
    hearing = selectors.hearing_get(user=request.user, pk=pk)
    form = forms.AppearanceForm(request.POST, prefix=f"h{hearing.pk}")
    if form.is_valid():
        try:
            services.litigation_hearing_record_appearance(
                actor=request.user, hearing=hearing, **form.cleaned_data
            )
        except ApplicationError as error:
            if error.status == 403:
                raise
            apply_error(form, error)
        else:
            messages.success(request, _("已登记出庭情况。"))
            return redirect("litigation:case_detail", pk=hearing.case_id)
    return render(
        request,
        "litigation/case_action.html",
        {"case": hearing.case, "form": form, "title": _("登记出庭情况")},
        status=400,
    )
