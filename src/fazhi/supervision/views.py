"""Supervision pages: the supervisor's dashboard, notices, supervisors and campaigns."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import ApplicationError, PermissionDenied
from fazhi.core.exports import xlsx_response
from fazhi.core.models import Organization, Role, RoleAssignment
from fazhi.core.scoping import require_read, require_role, scope_for
from fazhi.enforcement import selectors as enforcement_selectors
from fazhi.supervision import domain, selectors, services
from fazhi.supervision.models import Campaign, NoticeStatus, SupervisionNotice
from fazhi.supervision.permissions import RESPONDING_ROLES, SUPERVISION_ROLES

PAGE_SIZE = 50
DATE = forms.DateInput(attrs={"type": "date"})


class RespondForm(forms.Form):
    on = forms.DateField(label=gettext_lazy("报送日期"), widget=DATE)
    response = forms.CharField(
        label=gettext_lazy("整改情况"), widget=forms.Textarea(attrs={"rows": 3})
    )


class CloseForm(forms.Form):
    on = forms.DateField(label=gettext_lazy("办结日期"), widget=DATE)
    opinion = forms.CharField(
        label=gettext_lazy("办结意见"), widget=forms.Textarea(attrs={"rows": 2})
    )


class NoticeIssueForm(forms.Form):
    organization = forms.CharField(label=gettext_lazy("被监督单位编码"), max_length=40)
    problems = forms.CharField(
        label=gettext_lazy("发现的问题"), widget=forms.Textarea(attrs={"rows": 3})
    )
    issued_on = forms.DateField(label=gettext_lazy("发出日期"), widget=DATE)
    rectify_by = forms.DateField(label=gettext_lazy("整改期限"), widget=DATE)

    def clean_organization(self):
        organization = Organization.objects.filter(code=self.cleaned_data["organization"]).first()
        if organization is None:
            raise forms.ValidationError(_("单位编码不存在。"))
        return organization


class AccountabilityForm(forms.Form):
    organization = forms.CharField(label=gettext_lazy("责任单位编码"), max_length=40)
    person_name = forms.CharField(label=gettext_lazy("责任人"), max_length=50)
    fault = forms.CharField(
        label=gettext_lazy("过错情形"), widget=forms.Textarea(attrs={"rows": 3})
    )
    measure = forms.CharField(label=gettext_lazy("追责方式"), max_length=100)
    decided_on = forms.DateField(label=gettext_lazy("决定日期"), widget=DATE)
    notice = forms.CharField(
        label=gettext_lazy("相关监督通知书文号"), max_length=60, required=False
    )

    def clean_organization(self):
        organization = Organization.objects.filter(code=self.cleaned_data["organization"]).first()
        if organization is None:
            raise forms.ValidationError(_("单位编码不存在。"))
        return organization

    def clean_notice(self):
        number = self.cleaned_data["notice"].strip()
        if not number:
            return None
        notice = SupervisionNotice.objects.filter(number=number).first()
        if notice is None:
            raise forms.ValidationError(_("通知书文号不存在。"))
        return notice


class SampleForm(forms.Form):
    unit = forms.CharField(label=gettext_lazy("被评查单位编码"), max_length=40)
    size = forms.IntegerField(
        label=gettext_lazy("抽取案卷数"), min_value=1, max_value=50, initial=5
    )

    def clean_unit(self):
        from fazhi.core.models import Organization

        unit = Organization.objects.filter(code=self.cleaned_data["unit"].strip()).first()
        if unit is None:
            raise forms.ValidationError(_("单位不存在。"))
        return unit


class EvaluationForm(forms.Form):
    case_id = forms.IntegerField(label=gettext_lazy("案件编号（ID）"), min_value=1)
    veto_hits = forms.MultipleChoiceField(
        label=gettext_lazy("否决项"),
        choices=list(domain.VETO_ITEMS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    deductions = forms.MultipleChoiceField(
        label=gettext_lazy("扣分项"),
        choices=[(k, f"{label}（{points}分）") for k, (label, points) in domain.DEDUCTIONS.items()],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    on = forms.DateField(label=gettext_lazy("评查日期"), widget=DATE)


def _form_error(form: forms.Form, error: ApplicationError) -> None:
    form.add_error(error.field if error.field in form.fields else None, str(error.message))


@login_required
def notice_issue(request: HttpRequest) -> HttpResponse:
    require_role(request.user, *SUPERVISION_ROLES)
    form = NoticeIssueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # The notice is issued in the name of the supervisor's own organisation.
        issuer = _issuer_of(request.user)
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


def _issuer_of(user) -> Organization:
    assignment = (
        RoleAssignment.objects.filter(user=user, role__in=SUPERVISION_ROLES)
        .select_related("organization")
        .order_by("id")
        .first()
    )
    if assignment is None:
        raise PermissionDenied(CoreErrorCode.FORBIDDEN_ROLE, _("您的角色无权执行此操作。"))
    return assignment.organization


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


def _notice(request: HttpRequest, pk: int) -> SupervisionNotice:
    notice = get_object_or_404(
        SupervisionNotice.objects.select_related("organization", "issuer"), pk=pk
    )
    if not enforcement_selectors.reads_city_wide(request.user):
        require_read(request.user, notice.organization)
    return notice


@login_required
def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    notice = _notice(request, pk)
    return _render_notice(request, notice, RespondForm(prefix="respond"), CloseForm(prefix="close"))


def _render_notice(request, notice, respond_form, close_form, status=200):
    scope = scope_for(request.user)
    return render(
        request,
        "supervision/notice_detail.html",
        {
            "notice": notice,
            "respond_form": respond_form
            if notice.status == NoticeStatus.ISSUED
            and scope.can_change(notice.organization, RESPONDING_ROLES)
            else None,
            "close_form": close_form
            if notice.status == NoticeStatus.RESPONDED
            and scope.can_change(notice.issuer, SUPERVISION_ROLES)
            else None,
        },
        status=status,
    )


@login_required
@require_POST
def notice_respond(request: HttpRequest, pk: int) -> HttpResponse:
    notice = _notice(request, pk)
    form = RespondForm(request.POST, prefix="respond")
    if form.is_valid():
        try:
            services.notice_respond(
                actor=request.user,
                notice=notice,
                on=form.cleaned_data["on"],
                response=form.cleaned_data["response"],
            )
        except ApplicationError as error:
            if error.status == 403:
                raise
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(request, _("已报送整改情况。"))
            return redirect("supervision:notice_detail", pk=notice.pk)
    return _render_notice(request, notice, form, CloseForm(prefix="close"), status=400)


@login_required
@require_POST
def notice_close(request: HttpRequest, pk: int) -> HttpResponse:
    notice = _notice(request, pk)
    form = CloseForm(request.POST, prefix="close")
    if form.is_valid():
        try:
            services.notice_close(
                actor=request.user,
                notice=notice,
                on=form.cleaned_data["on"],
                opinion=form.cleaned_data["opinion"],
            )
        except ApplicationError as error:
            if error.status == 403:
                raise
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(request, _("已办结。"))
            return redirect("supervision:notice_detail", pk=notice.pk)
    return _render_notice(request, notice, RespondForm(prefix="respond"), form, status=400)


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
        {"supervisors": selectors.supervisor_list(on=on), "on": on},
    )


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    require_role(request.user, *SUPERVISION_ROLES, Role.LEADER)
    return render(
        request, "supervision/campaign_list.html", {"campaigns": selectors.campaign_list()}
    )


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_role(request.user, *SUPERVISION_ROLES, Role.LEADER)
    campaign = get_object_or_404(Campaign, pk=pk)
    form = EvaluationForm(request.POST or None, prefix="evaluation")
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.evaluation_record(
                    actor=request.user,
                    campaign=campaign,
                    case_id=form.cleaned_data["case_id"],
                    veto_hits=form.cleaned_data["veto_hits"],
                    deductions=form.cleaned_data["deductions"],
                    on=form.cleaned_data["on"],
                )
            except ApplicationError as error:
                if error.status == 403:
                    raise
                _form_error(form, error)
            else:
                messages.success(request, _("已记录评查结果。"))
                return redirect("supervision:campaign_detail", pk=campaign.pk)
    sample_form = SampleForm(request.GET if "unit" in request.GET else None, prefix=None)
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
    return render(
        request,
        "supervision/campaign_detail.html",
        {
            "form": form,
            "sample_form": sample_form,
            "sample": sample,
            "campaign": campaign,
            "scores": selectors.unit_scores(campaign),
            "evaluations": campaign.evaluations.select_related("organization").order_by("id"),
            "veto_items": domain.VETO_ITEMS,
            "deductions": domain.DEDUCTIONS,
        },
        status=status,
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
    form = AccountabilityForm(request.POST or None)
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
