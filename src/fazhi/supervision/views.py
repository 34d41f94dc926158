"""Supervision pages: the supervisor's dashboard, notices, supervisors and campaigns."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import ApplicationError, PermissionDenied
from fazhi.core.exports import xlsx_response
from fazhi.core.forms import submit
from fazhi.core.models import Role
from fazhi.core.scoping import require_role, scope_for
from fazhi.core.selectors import domain_events_for
from fazhi.enforcement import selectors as enforcement_selectors
from fazhi.supervision import domain, forms, selectors, services
from fazhi.supervision.models import NoticeStatus
from fazhi.supervision.permissions import SUPERVISION_ROLES
from fazhi.supervision.procedures import supervising

PAGE_SIZE = 50


def _form_error(form: forms.Form, error: ApplicationError) -> None:
    form.add_error(error.field if error.field in form.fields else None, str(error.message))


@login_required
def notice_issue(request: HttpRequest) -> HttpResponse:
    require_role(request.user, *SUPERVISION_ROLES)
    form = forms.NoticeIssueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # The notice is issued in the name of the supervisor's own organisation.
        issuer = selectors.issuer_of(request.user)
        try:
            notice = services.notice_issue(
                actor=request.user,
                issuer=issuer,
                organization=form.cleaned_data["organization"],
                problems=form.cleaned_data["problems"],
                issued_on=form.cleaned_data["issued_on"],
                rectify_by=form.cleaned_data["rectify_by"],
            )
        except ApplicationError as error:
            if error.status == 403:
                raise
            _form_error(form, error)
        else:
            messages.success(request, _("已发出：%(number)s") % {"number": notice.number})
            return redirect("supervision:notice_detail", pk=notice.pk)
    return render(
        request,
        "enforcement/form.html",
        {"form": form, "title": _("发出执法监督通知书")},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    require_role(request.user, *SUPERVISION_ROLES, Role.LEADER)
    today = timezone.localdate()
    year = today.year
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return render(
        request,
        "supervision/dashboard.html",
        {
            "today": today,
            "overdue": enforcement_selectors.overdue_decisions(user=request.user, today=today)[:50],
            "flagged": enforcement_selectors.consistency_flagged(
                user=request.user, start=start, end=end
            )[:50],
            "exemption_use": enforcement_selectors.exemption_use_by_unit(
                user=request.user, year=year
            ),
            "open_notices": selectors.open_notices(user=request.user, today=today)[:50],
        },
    )


@login_required
def notice_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in NoticeStatus.values:
        status = ""
    page = Paginator(selectors.notice_list(user=request.user, status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "supervision/notice_list.html",
        {
            "page": page,
            "status": status,
            "statuses": NoticeStatus.choices,
            "can_issue": scope_for(request.user).has_role(*SUPERVISION_ROLES),
        },
    )


@login_required
def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    notice = selectors.notice_get(user=request.user, pk=pk)
    return render(
        request,
        "supervision/notice_detail.html",
        {"notice": notice, "events": domain_events_for(notice)},
    )


@login_required
def supervisor_list(request: HttpRequest) -> HttpResponse:
    require_role(request.user, *SUPERVISION_ROLES, Role.LEADER)
    today = timezone.localdate()
    on = today
    if request.GET.get("on"):
        try:
            on = dt.date.fromisoformat(request.GET["on"])
        except ValueError:
            on = today
    return render(
        request,
        "supervision/supervisor_list.html",
        {
            "supervisors": selectors.supervisor_list(on=on).select_related("organization"),
            "on": on,
            "can_appoint": supervising(request.user),
        },
    )


@login_required
def supervisor_appoint(request: HttpRequest) -> HttpResponse:
    """聘任 a special supervisor (the API does the same through ``POST supervisors/``)."""
    if not supervising(request.user):
        raise PermissionDenied(CoreErrorCode.FORBIDDEN_ROLE, _("您的角色无权执行此操作。"))
    form = forms.SupervisorAppointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        supervisor = submit(
            form, lambda: services.supervisor_appoint(actor=request.user, **form.cleaned_data)
        )
        if supervisor is not None:
            messages.success(request, _("已聘任：%(name)s") % {"name": supervisor.name})
            return redirect("supervision:supervisors")
    return render(
        request,
        "enforcement/form.html",
        {"form": form, "title": _("聘任特邀行政执法监督员")},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    require_role(request.user, *SUPERVISION_ROLES, Role.LEADER)
    return render(
        request,
        "supervision/campaign_list.html",
        {"campaigns": selectors.campaign_list(), "can_create": supervising(request.user)},
    )


@login_required
def campaign_create(request: HttpRequest) -> HttpResponse:
    if not supervising(request.user):
        raise PermissionDenied(CoreErrorCode.FORBIDDEN_ROLE, _("您的角色无权执行此操作。"))
    form = forms.CampaignCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        campaign = submit(
            form, lambda: services.campaign_create(actor=request.user, **form.cleaned_data)
        )
        if campaign is not None:
            messages.success(request, _("已启动：%(title)s") % {"title": campaign.title})
            return redirect("supervision:campaign_detail", pk=campaign.pk)
    return render(
        request,
        "enforcement/form.html",
        {"form": form, "title": _("启动监督活动")},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_get(user=request.user, pk=pk)
    sample_form = forms.SampleForm(request.GET if "unit" in request.GET else None, prefix=None)
    sample = None
    if sample_form.is_bound and sample_form.is_valid():
        unit = sample_form.cleaned_data["unit"]
        # Seeded by campaign and unit: the same draw can be shown again and checked.
        sample = enforcement_selectors.case_file_sample(
            organization=unit,
            start=campaign.started_on.replace(month=1, day=1),
            end=campaign.ended_on,
            size=sample_form.cleaned_data["size"],
            seed=f"campaign:{campaign.pk}:unit:{unit.pk}",
        )
    commitment_form = forms.SampleForm(
        request.GET if "commitment-unit" in request.GET else None, prefix="commitment"
    )
    commitments = None
    if commitment_form.is_bound and commitment_form.is_valid():
        unit = commitment_form.cleaned_data["unit"]
        commitments = enforcement_selectors.commitment_sample(
            organization=unit,
            start=campaign.started_on.replace(month=1, day=1),
            end=campaign.ended_on,
            size=commitment_form.cleaned_data["size"],
            seed=f"campaign:{campaign.pk}:commitments:{unit.pk}",
        )
    return render(
        request,
        "supervision/campaign_detail.html",
        {
            "commitment_form": commitment_form,
            "commitments": commitments,
            "sample_form": sample_form,
            "sample": sample,
            "campaign": campaign,
            "scores": selectors.unit_scores(campaign),
            "evaluations": campaign.evaluations.select_related("organization").order_by("id"),
            "veto_items": domain.VETO_ITEMS,
            "deductions": domain.DEDUCTIONS,
            "events": domain_events_for(campaign),
        },
    )


# --- fault accountability -----------------------------------------------------------------------

ACCOUNTABILITY_HEADERS = [
    gettext_lazy("责任单位"),
    gettext_lazy("责任人"),
    gettext_lazy("过错情形"),
    gettext_lazy("追责方式"),
    gettext_lazy("决定日期"),
    gettext_lazy("相关通知书"),
]


@login_required
def accountability_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    records = selectors.accountability_list(user=request.user, search=search)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename="accountability.xlsx",
            title=_("执法过错责任追究"),
            headers=[str(h) for h in ACCOUNTABILITY_HEADERS],
            rows=(
                [
                    r.organization.name,
                    r.person_name,
                    r.fault,
                    r.measure,
                    r.decided_on,
                    r.notice.number if r.notice else "",
                ]
                for r in records.iterator()
            ),
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "supervision/accountability_list.html",
        {
            "page": Paginator(records, PAGE_SIZE).get_page(request.GET.get("page")),
            "search": search,
            "querystring": query.urlencode(),
            "can_record": scope_for(request.user).has_role(*SUPERVISION_ROLES),
        },
    )


@login_required
def accountability_new(request: HttpRequest) -> HttpResponse:
    require_role(request.user, *SUPERVISION_ROLES)
    form = forms.AccountabilityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.accountability_record(actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            if error.status == 403:
                raise
            _form_error(form, error)
        else:
            messages.success(request, _("已记录执法过错责任追究。"))
            return redirect("supervision:accountability")
    return render(
        request,
        "enforcement/form.html",
        {"form": form, "title": _("记录执法过错责任追究")},
        status=400 if request.method == "POST" else 200,
    )
