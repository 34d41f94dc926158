"""Staff pages of normdocs: document register, the document page with one form per step,
review types, the joint-review queue, evaluation reminders and inspections."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.consultations import selectors as consultation_selectors
from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import ApplicationError, NotFound, PermissionDenied
from fazhi.core.events import event_label
from fazhi.core.exports import xlsx_response
from fazhi.core.forms import apply_error
from fazhi.core.models import Organization, Role
from fazhi.core.params import parse_year
from fazhi.core.scoping import require_role, scope_for
from fazhi.core.selectors import domain_events_for
from fazhi.normdocs import forms, prereview, selectors, services
from fazhi.normdocs.models import (
    DocumentStatus,
    NormativeDocument,
    Validity,
)
from fazhi.normdocs.procedures import DOCUMENT

PAGE_SIZE = 50
STAFF_ROLES = (
    *services.DRAFTING_ROLES,
    Role.JUSTICE_LEGAL_OFFICER,
    Role.SUPERVISOR,
    Role.LEADER,
)


def _upload(file) -> tuple[str, bytes] | None:
    return (file.name, file.read()) if file else None


# --- register ----------------------------------------------------------------------------------


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    require_role(request.user, *STAFF_ROLES)
    search = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    if status not in DocumentStatus.values:
        status = ""
    year = request.GET.get("year", "")
    unit = request.GET.get("unit", "").strip()
    queryset = selectors.document_list(
        user=request.user,
        search=search,
        status=status,
        year=parse_year(year),
        organization=Organization.objects.filter(code=unit).first() if unit else None,
    )
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename="normative-documents.xlsx",
            title=_("行政规范性文件"),
            headers=[
                _("标题"),
                _("文号"),
                _("登记号"),
                _("起草单位"),
                _("状态"),
                _("发布日期"),
                _("有效期至"),
            ],
            rows=(
                [
                    d.title,
                    d.document_number,
                    d.registration_number,
                    d.organization.name,
                    d.get_status_display(),
                    d.issued_on,
                    d.valid_until,
                ]
                for d in queryset
            ),
        )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "normdocs/document_list.html",
        {
            "page": page,
            "search": search,
            "status": status,
            "year": year,
            "statuses": DocumentStatus.choices,
            "unit": unit,
            "querystring": f"q={search}&status={status}&year={year}&unit={unit}",
            "can_draft": scope_for(request.user).has_role(*services.DRAFTING_ROLES),
        },
    )


def _draft_form(request: HttpRequest, data=None, files=None, initial=None) -> forms.DraftForm:
    scope = scope_for(request.user)
    units = (
        Organization.objects.filter(scope.q("", roles=services.DRAFTING_ROLES))
        if not scope.is_superuser
        else Organization.objects.all()
    )
    issuers = Organization.objects.filter(kind__in=["city_government", "department", "town"])
    return forms.DraftForm(
        data, files, units=units.order_by("code"), issuers=issuers.order_by("path"), initial=initial
    )


def _after_draft_saved(request: HttpRequest, document: NormativeDocument) -> None:
    """Pre-review the saved draft when the review app is installed."""
    try:
        run = prereview.run(document=document, actor=request.user)
    except ApplicationError as error:
        messages.warning(request, _("自动预审未能完成：%(error)s") % {"error": error.message})
        return
    if run is not None:
        messages.info(
            request, _("已完成自动预审，发现 %(n)s 处问题。") % {"n": run.findings.count()}
        )


@login_required
def document_create(request: HttpRequest) -> HttpResponse:
    require_role(request.user, *services.DRAFTING_ROLES)
    form = _draft_form(request, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.document_create(
                actor=request.user,
                organization=data["organization"],
                issuing_body=data["issuing_body"],
                title=data["title"],
                body=data["body"],
                upload=_upload(data["upload"]),
                drafting_explanation=data["drafting_explanation"],
                legal_bases=data["legal_bases"],
                market_related=data["market_related"],
            )
        except ApplicationError as error:
            if error.status == 403:
                raise
            apply_error(form, error)
        else:
            messages.success(request, _("草案已保存。"))
            _after_draft_saved(request, document)
            return redirect("normdocs:detail", pk=document.pk)
    return render(
        request,
        "normdocs/form.html",
        {"form": form, "title": _("起草规范性文件"), "multipart": True},
    )


@login_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_get(user=request.user, pk=pk)
    if not DOCUMENT.may(request.user, document, DOCUMENT.transition("update_draft")):
        raise PermissionDenied(CoreErrorCode.FORBIDDEN_ROLE, _("您的角色无权执行此操作。"))
    initial = {
        "organization": document.organization.code,
        "issuing_body": document.issuing_body.code,
        "title": document.title,
        "body": document.body,
        "drafting_explanation": document.drafting_explanation,
        "legal_bases": document.legal_bases,
        "market_related": document.market_related,
    }
    form = _draft_form(request, request.POST or None, request.FILES or None, initial=initial)
    form.fields["organization"].disabled = True
    form.fields["issuing_body"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.document_update_draft(
                actor=request.user,
                document=document,
                title=data["title"],
                body=data["body"],
                upload=_upload(data["upload"]),
                drafting_explanation=data["drafting_explanation"],
                legal_bases=data["legal_bases"],
                market_related=data["market_related"],
            )
        except ApplicationError as error:
            if error.status == 403:
                raise
            apply_error(form, error)
        else:
            messages.success(request, _("草案已保存。"))
            _after_draft_saved(request, document)
            return redirect("normdocs:detail", pk=document.pk)
    return render(
        request, "normdocs/form.html", {"form": form, "title": _("修改草案"), "multipart": True}
    )


# --- the document page (its steps come from ``normdocs.procedures``) -------------------------


def _detail_context(request: HttpRequest, document: NormativeDocument) -> dict:
    scope = scope_for(request.user)
    consultation = consultation_selectors.consultation_for(document)
    validity = selectors.document_validity(document, today=timezone.localdate())
    run = prereview.latest_run(document=document, user=request.user)
    return {
        "validity": Validity(validity).label if validity else "",
        "inspection_findings": document.inspection_findings.select_related(
            "inspection__organization", "document__organization"
        ),
        "document": document,
        "reviews": selectors.document_joint_reviews(document),
        "legality_reviews": document.legality_reviews.select_related("reviewer").order_by("-round"),
        "filings": document.filings.select_related("document__organization"),
        "evaluations": document.evaluations.all(),
        "cleanups": document.cleanup_decisions.all(),
        "consultation": consultation,
        "consultation_stats": consultation_selectors.consultation_stats(consultation)
        if consultation
        else None,
        "events": [(event, event_label(event.event_type)) for event in domain_events_for(document)],
        "can_edit": scope.can_change(document.organization, services.DRAFTING_ROLES)
        and document.status == DocumentStatus.DRAFTING,
        "prereview_available": prereview.available(),
        # A run of an earlier text is stale: the page shows the current text, not the old run.
        "prereview_run": run if run is not None and run.text == document.body else None,
        "prereview_stale": run is not None and run.text != document.body,
        "comment_minimum": services.comment_minimum(document),
    }


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_get(user=request.user, pk=pk)
    return render(request, "normdocs/document_detail.html", _detail_context(request, document))


@login_required
@require_POST
def prereview_run(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_get(user=request.user, pk=pk)
    _after_draft_saved(request, document)
    return redirect("normdocs:detail", pk=pk)


# --- configuration and queues ----------------------------------------------------------------


@login_required
def review_types(request: HttpRequest) -> HttpResponse:
    require_role(request.user, *STAFF_ROLES)
    can_configure = scope_for(request.user).has_role(*services.CONFIGURATION_ROLES)
    form = forms.ReviewTypeForm(request.POST or None) if can_configure else None
    if request.method == "POST":
        require_role(request.user, *services.CONFIGURATION_ROLES)
        if form.is_valid():
            try:
                services.review_type_configure(actor=request.user, **form.cleaned_data)
            except ApplicationError as error:
                apply_error(form, error)
            else:
                messages.success(request, _("审查类型已添加。"))
                return redirect("normdocs:review_types")
    return render(
        request,
        "normdocs/review_types.html",
        {"types": selectors.review_type_list(), "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    require_role(request.user, *services.JOINT_REVIEW_ROLES)
    page = Paginator(selectors.review_queue(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "normdocs/review_queue.html", {"page": page, "querystring": ""})


@login_required
def reminders(request: HttpRequest) -> HttpResponse:
    require_role(request.user, *STAFF_ROLES)
    today = timezone.localdate()
    return render(
        request,
        "normdocs/reminders.html",
        {
            "due": selectors.due_for_evaluation(today=today, user=request.user)[:200],
            "overdue_filings": selectors.overdue_filings(today=today, user=request.user)[:200],
            "sunsets": selectors.competition_sunsets_due(today=today, user=request.user)[:200],
            "today": today,
        },
    )


# --- inspections -------------------------------------------------------------------------------


@login_required
def inspection_list(request: HttpRequest) -> HttpResponse:
    require_role(request.user, *STAFF_ROLES)
    scope = scope_for(request.user)
    can_open = scope.has_role(*services.INSPECTION_ROLES)
    form = forms.InspectionForm(request.POST or None) if can_open else None
    if request.method == "POST":
        require_role(request.user, *services.INSPECTION_ROLES)
        if form.is_valid():
            organization = _home_organization(request.user, services.INSPECTION_ROLES)
            try:
                inspection = services.inspection_open(
                    actor=request.user, organization=organization, **form.cleaned_data
                )
            except ApplicationError as error:
                if error.status == 403:
                    raise
                apply_error(form, error)
            else:
                return redirect("normdocs:inspection_detail", pk=inspection.pk)
    page = Paginator(selectors.inspection_list(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "normdocs/inspection_list.html",
        {"page": page, "form": form, "querystring": ""},
        status=400 if request.method == "POST" else 200,
    )


def _home_organization(user, roles) -> Organization:
    """The organisation where the user holds one of ``roles`` (the inspection's organiser)."""
    assignment = user.role_assignments.filter(role__in=roles).select_related("organization").first()
    if assignment is None:
        assignment = user.role_assignments.select_related("organization").first()
    if assignment is None:
        raise NotFound("not_found", _("您没有所属单位。"), field="organization")
    return assignment.organization


def _inspection_context(request, inspection) -> dict:
    return {
        "inspection": inspection,
        "items": inspection.items.select_related("document__organization"),
        "findings": selectors.inspection_findings(inspection),
    }


@login_required
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, pk=pk)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename=f"inspection-{inspection.pk}-findings.xlsx",
            title=_("检查发现问题"),
            headers=[
                _("文件"),
                _("文号"),
                _("问题类别"),
                _("问题描述"),
                _("整改期限"),
                _("状态"),
                _("整改日期"),
            ],
            rows=(
                [
                    f.document.title,
                    f.document.document_number,
                    f.get_category_display(),
                    f.description,
                    f.rectification_due,
                    f.get_status_display(),
                    f.rectified_on,
                ]
                for f in selectors.inspection_findings(inspection)
            ),
        )
    return render(
        request, "normdocs/inspection_detail.html", _inspection_context(request, inspection)
    )
