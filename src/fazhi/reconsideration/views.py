"""Pages of administrative reconsideration: staff case list and file with one form per
transition, staff intake, and the public application form on the portal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
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
from fazhi.core.scoping import scope_for
from fazhi.core.selectors import domain_events_for
from fazhi.reconsideration import forms, selectors, services
from fazhi.reconsideration.models import Procedure, ReconsiderationCase, Status
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


Action = tuple[Any, type, Callable[..., Any], Callable[[ReconsiderationCase], bool]]

ACTIONS: dict[str, Action] = {
    "correction_request": (
        gettext_lazy("通知补正"),
        forms.CorrectionRequestForm,
        services.reconsideration_correction_request,
        ReconsiderationCase.can_request_correction,
    ),
    "correction_receive": (
        gettext_lazy("收到补正材料"),
        forms.DateForm,
        services.reconsideration_correction_receive,
        ReconsiderationCase.can_receive_correction,
    ),
    "accept": (
        gettext_lazy("受理"),
        forms.AcceptForm,
        services.reconsideration_accept,
        ReconsiderationCase.can_accept,
    ),
    "reject": (
        gettext_lazy("不予受理"),
        forms.RejectForm,
        services.reconsideration_reject,
        ReconsiderationCase.can_reject,
    ),
    "hearing": (
        gettext_lazy("登记听证"),
        forms.DateForm,
        services.reconsideration_hearing_record,
        ReconsiderationCase.can_hold_hearing,
    ),
    "extend": (
        gettext_lazy("延长审理期限"),
        forms.ExtendForm,
        services.reconsideration_extend,
        ReconsiderationCase.can_extend,
    ),
    "suspend": (
        gettext_lazy("中止审理"),
        forms.SuspendForm,
        services.reconsideration_suspend,
        ReconsiderationCase.can_suspend,
    ),
    "resume": (
        gettext_lazy("恢复审理"),
        forms.DateForm,
        services.reconsideration_resume,
        ReconsiderationCase.can_resume,
    ),
    "mediate": (
        gettext_lazy("调解结案"),
        forms.SummaryForm,
        services.reconsideration_mediate,
        ReconsiderationCase.can_close_by_mediation,
    ),
    "withdraw": (
        gettext_lazy("撤回申请"),
        forms.WithdrawForm,
        services.reconsideration_withdraw,
        ReconsiderationCase.can_withdraw,
    ),
    "decide": (
        gettext_lazy("作出复议决定"),
        forms.DecideForm,
        services.reconsideration_decide,
        ReconsiderationCase.can_decide,
    ),
    "dismiss": (
        gettext_lazy("驳回复议申请"),
        forms.SummaryForm,
        services.reconsideration_dismiss,
        ReconsiderationCase.can_decide,
    ),
    "serve": (
        gettext_lazy("登记送达"),
        forms.DateForm,
        services.reconsideration_serve,
        ReconsiderationCase.can_serve,
    ),
    "letter": (
        gettext_lazy("制发意见书或建议书"),
        forms.LetterForm,
        services.reconsideration_letter_issue,
        lambda case: case.status != Status.RECEIVED,
    ),
}


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_get(user=request.user, pk=pk)
    can_change = scope_for(request.user).can_change(case.organization, RECONSIDERATION_ROLES)
    actions = [
        (name, label, form_class(prefix=name))
        for name, (label, form_class, _service, guard) in ACTIONS.items()
        if can_change and guard(case)
    ]
    clocks = selectors.case_clocks(case)
    return render(
        request,
        "reconsideration/case_detail.html",
        {
            "case": case,
            "actions": actions,
            "clocks": clocks,
            "events": domain_events_for(case),
            "letters": case.letters.select_related("addressee"),
            "lawsuits": selectors.lawsuits_of(case),
        },
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
            return redirect("reconsideration:case_detail", pk=case.pk)
    return render(
        request,
        "reconsideration/case_action.html",
        {"case": case, "form": form, "title": label},
        status=400,
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
                case = services.reconsideration_apply_online(**_intake_fields(form.cleaned_data))
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
