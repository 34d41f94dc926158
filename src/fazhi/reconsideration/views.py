"""Pages of administrative reconsideration: staff case list and file with one form per
transition, staff intake, and the public application form on the portal."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fazhi.core import deadlines
from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import ApplicationError, PermissionDenied
from fazhi.core.exports import xlsx_response
from fazhi.core.forms import apply_error
from fazhi.core.scoping import scope_for
from fazhi.core.selectors import domain_events_for
from fazhi.reconsideration import forms, rules, selectors, services
from fazhi.reconsideration.models import Procedure, Status
from fazhi.reconsideration.services import RECONSIDERATION_ROLES

PAGE_SIZE = 50
# The portal form: at most this many applications per client address per hour.
PORTAL_LIMIT = 10
PORTAL_WINDOW_SECONDS = 3600


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    status = status if status in Status.values else ""
    procedure = request.GET.get("procedure", "")
    procedure = procedure if procedure in Procedure.values else ""
    cases = selectors.case_list(
        user=request.user, search=search, status=status, procedure=procedure
    )
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename="reconsideration-cases.xlsx",
            title=_("行政复议案件"),
            headers=[
                _("案号"),
                _("申请人"),
                _("证件号"),
                _("被申请人"),
                _("收到申请日期"),
                _("状态"),
                _("审理程序"),
                _("结案方式"),
                _("决定类型"),
                _("结案日期"),
            ],
            rows=(
                [
                    c.case_no,
                    c.applicant_name,
                    c.masked_applicant_id_number,
                    c.respondent.name,
                    c.received_on,
                    c.get_status_display(),
                    c.get_procedure_display(),
                    c.get_closure_display(),
                    c.get_decision_display(),
                    c.decided_on,
                ]
                for c in cases[:20000]
            ),
        )
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return render(
        request,
        "reconsideration/case_list.html",
        {
            "page": page,
            "search": search,
            "status": status,
            "procedure": procedure,
            "statuses": Status.choices,
            "procedures": Procedure.choices,
            "querystring": querystring.urlencode(),
        },
    )


def _intake_fields(data: dict[str, Any]) -> dict[str, Any]:
    fields = dict(data)
    fields["act_known_on"] = fields.get("act_known_on") or None
    return fields


@login_required
def case_create(request: HttpRequest) -> HttpResponse:
    body = services.reconsideration_body()
    if not scope_for(request.user).can_change(body, RECONSIDERATION_ROLES):
        raise PermissionDenied(CoreErrorCode.FORBIDDEN_ROLE, _("您的角色无权执行此操作。"))
    form = forms.StaffApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.reconsideration_receive(
                actor=request.user, organization=body, **_intake_fields(form.cleaned_data)
            )
        except ApplicationError as error:
            if error.status == 403:
                raise
            apply_error(form, error)
        else:
            messages.success(request, _("已登记复议申请 %(no)s。") % {"no": case.case_no})
            return redirect("reconsideration:case_detail", pk=case.pk)
    return render(request, "core/form.html", {"form": form, "title": _("登记复议申请")})


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_get(user=request.user, pk=pk)
    clocks = list(selectors.case_clocks(case))
    for clock in clocks:
        # Each clock cites the article of the rule set that applied (its clock type).
        clock_type = deadlines.get(clock.clock_type)
        clock.legal_basis = clock_type.legal_basis if clock_type else ""
        clock.unconfirmed = clock_type is not None and not clock_type.confirmed
    return render(
        request,
        "reconsideration/case_detail.html",
        {
            "case": case,
            "law_version_label": rules.version_label(case.law_version),
            "application_period": services.application_period(case),
            "clocks": clocks,
            "events": domain_events_for(case),
            "letters": case.letters.select_related("addressee"),
            "lawsuits": selectors.lawsuits_of(case),
        },
    )


# --- portal -----------------------------------------------------------------------------------


def _over_limit(request: HttpRequest) -> bool:
    """A cache-based limit per client address, shared by every process with a shared cache."""
    key = f"reconsideration:portal:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, PORTAL_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, PORTAL_WINDOW_SECONDS)
        count = 1
    return count > PORTAL_LIMIT


def portal_apply(request: HttpRequest) -> HttpResponse:
    """The public application form (art 22: online applications must be accepted)."""
    form = forms.ApplicationForm(request.POST or None)
    if request.method == "POST":
        if _over_limit(request):
            form.add_error(None, _("提交过于频繁，请稍后再试。"))
            return render(request, "reconsideration/portal_apply.html", {"form": form}, status=429)
        if form.is_valid():
            try:
                case = services.reconsideration_apply_online(
                    applicant_user=request.user if request.user.is_authenticated else None,
                    **_intake_fields(form.cleaned_data),
                )
            except ApplicationError as error:
                apply_error(form, error)
            else:
                return render(request, "reconsideration/portal_submitted.html", {"case": case})
    return render(
        request,
        "reconsideration/portal_apply.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
