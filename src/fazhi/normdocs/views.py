"""Staff pages of normdocs: document register, the document page with one form per step,
review types, the joint-review queue, evaluation reminders and inspections."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.consultations import selectors as consultation_selectors
from fazhi.core.errors import ApplicationError, NotFound
from fazhi.core.events import event_label
from fazhi.core.exports import xlsx_response
from fazhi.core.forms import apply_error
from fazhi.core.models import NumberSeries, Organization, Role
from fazhi.core.params import parse_year
from fazhi.core.scoping import require_role, scope_for
from fazhi.core.selectors import domain_events_for
from fazhi.normdocs import forms, prereview, selectors, services
from fazhi.normdocs.models import (
    DocumentStatus,
    Filing,
    InspectionFinding,
    InspectionStatus,
    JointReview,
    NormativeDocument,
    Validity,
)

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
            services.document_update_draft(
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


# --- the document page and its steps ----------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One step a user may take on the document page: its form and the service it calls."""

    title: str
    form: Callable[..., django_forms.Form]
    call: Callable[[HttpRequest, NormativeDocument, dict[str, Any]], object]
    allowed: Callable[[Any, NormativeDocument], bool]
    multipart: bool = False


def _drafting_unit(scope, document) -> bool:
    return scope.can_change(document.organization, services.DRAFTING_ROLES)


def _justice(scope, document) -> bool:
    return scope.has_role(Role.JUSTICE_LEGAL_OFFICER, Role.ADMINISTRATOR)


def _issue_form(*args, document: NormativeDocument, **kwargs) -> forms.IssueForm:
    series = NumberSeries.objects.filter(organization=document.issuing_body).order_by("key")
    return forms.IssueForm(*args, series=series, **kwargs)


STEPS: dict[str, Step] = {
    "comment": Step(
        _("发布公开征求意见"),
        lambda *a, document, **k: forms.CommentOpenForm(*a, **k),
        lambda request, document, data: services.comment_open(
            actor=request.user,
            document=document,
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
        ),
        lambda scope, d: (
            _drafting_unit(scope, d)
            and d.status == DocumentStatus.DRAFTING
            and d.comment_starts_on is None
        ),
    ),
    "revise": Step(
        _("发布修改后的征求意见稿"),
        lambda *a, document, **k: forms.CommentReviseForm(*a, initial={"text": document.body}, **k),
        lambda request, document, data: services.comment_revise(
            actor=request.user, document=document, text=data["text"], note=data["note"]
        ),
        lambda scope, d: _drafting_unit(scope, d) and d.status == DocumentStatus.IN_COMMENT,
    ),
    "submit": Step(
        _("报送合法性审核和联合审查"),
        lambda *a, document, **k: forms.ReviewSubmitForm(*a, **k),
        lambda request, document, data: services.review_submit(
            actor=request.user,
            document=document,
            review_type_codes=[t.code for t in data["review_types"]],
            on=data["on"],
        ),
        lambda scope, d: (
            _drafting_unit(scope, d)
            and (
                d.status == DocumentStatus.IN_COMMENT
                or (d.status == DocumentStatus.DRAFTING and d.comment_completed_on is not None)
            )
        ),
    ),
    "legality": Step(
        _("合法性审核意见"),
        lambda *a, document, **k: forms.LegalityForm(*a, **k),
        lambda request, document, data: services.legality_conclude(
            actor=request.user,
            document=document,
            outcome=data["outcome"],
            opinion=data["opinion"],
            on=data["on"],
        ),
        lambda scope, d: _justice(scope, d) and d.status == DocumentStatus.IN_REVIEW,
    ),
    "deliberation": Step(
        _("集体审议"),
        lambda *a, document, **k: forms.DeliberationForm(*a, **k),
        lambda request, document, data: services.deliberation_record(
            actor=request.user, document=document, **data
        ),
        lambda scope, d: (
            (_drafting_unit(scope, d) or _justice(scope, d))
            and d.status == DocumentStatus.LEGALITY_PASSED
        ),
    ),
    "issue": Step(
        _("统一登记、编号、发布"),
        _issue_form,
        lambda request, document, data: services.document_issue(
            actor=request.user, document=document, **data
        ),
        lambda scope, d: _justice(scope, d) and d.status == DocumentStatus.DELIBERATED,
    ),
    "evaluation": Step(
        _("记录评估"),
        lambda *a, document, **k: forms.EvaluationForm(*a, **k),
        lambda request, document, data: services.evaluation_record(
            actor=request.user,
            document=document,
            **{k: v for k, v in data.items() if k != "report_upload"},
            report_upload=_upload(data["report_upload"]),
        ),
        lambda scope, d: (
            (_drafting_unit(scope, d) or _justice(scope, d)) and d.status == DocumentStatus.ISSUED
        ),
        multipart=True,
    ),
    "cleanup": Step(
        _("清理"),
        lambda *a, document, **k: forms.CleanupForm(*a, **k),
        lambda request, document, data: services.cleanup_decide(
            actor=request.user, document=document, **data
        ),
        lambda scope, d: (
            (_drafting_unit(scope, d) or _justice(scope, d)) and d.status == DocumentStatus.ISSUED
        ),
    ),
}


def _detail_context(
    request: HttpRequest, document: NormativeDocument, bound: dict | None = None
) -> dict:
    scope = scope_for(request.user)
    bound = bound or {}
    steps = [
        {
            "key": key,
            "title": step.title,
            "form": bound.get(key) or step.form(document=document),
            "multipart": step.multipart,
        }
        for key, step in STEPS.items()
        if step.allowed(scope, document)
    ]
    reviews = list(selectors.document_joint_reviews(document))
    for review in reviews:
        review.can_record = (
            not review.outcome
            and review.round == document.review_round
            and document.status == DocumentStatus.IN_REVIEW
            and scope.can_change(review.review_type.owner_unit, services.JOINT_REVIEW_ROLES)
        )
        if review.can_record:
            review.form = bound.get(f"review-{review.pk}") or forms.JointReviewForm(
                prefix=f"r{review.pk}"
            )
    filings = list(document.filings.all())
    can_file = _drafting_unit(scope, document) or _justice(scope, document)
    for filing in filings:
        filing.can_record = can_file and filing.filed_on is None
        if filing.can_record:
            filing.form = forms.FilingForm(prefix=f"f{filing.pk}")
    can_rectify = _drafting_unit(scope, document)
    inspection_findings = list(document.inspection_findings.select_related("inspection"))
    for finding in inspection_findings:
        finding.form = (
            forms.RectifyForm(prefix=f"x{finding.pk}")
            if can_rectify and finding.status == "open"
            else None
        )
    consultation = consultation_selectors.consultation_for(document)
    validity = selectors.document_validity(document, today=timezone.localdate())
    return {
        "validity": Validity(validity).label if validity else "",
        "inspection_findings": inspection_findings,
        "document": document,
        "steps": steps,
        "reviews": reviews,
        "legality_reviews": document.legality_reviews.select_related("reviewer").order_by("-round"),
        "filings": filings,
        "evaluations": document.evaluations.all(),
        "cleanups": document.cleanup_decisions.all(),
        "consultation": consultation,
        "consultation_stats": consultation_selectors.consultation_stats(consultation)
        if consultation
        else None,
        "events": [(event, event_label(event.event_type)) for event in domain_events_for(document)],
        "can_edit": _drafting_unit(scope, document) and document.status == DocumentStatus.DRAFTING,
        "prereview_available": prereview.available(),
        "prereview_run": prereview.latest_run(document=document, user=request.user),
        "comment_minimum": services.comment_minimum(document),
    }


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_get(user=request.user, pk=pk)
    return render(request, "normdocs/document_detail.html", _detail_context(request, document))


def _rerender(
    request, document, key: str, form, error: ApplicationError | None = None
) -> HttpResponse:
    if error is not None:
        if error.status == 403:
            raise error
        apply_error(form, error)
    return render(
        request,
        "normdocs/document_detail.html",
        _detail_context(request, document, {key: form}),
        status=error.status if error else 400,
    )


@login_required
@require_POST
def document_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    document = selectors.document_get(user=request.user, pk=pk)
    action = STEPS.get(step)
    if action is None:
        raise NotFound("not_found", _("未知操作。"), field="step")
    form = action.form(request.POST, request.FILES or None, document=document)
    if not form.is_valid():
        return _rerender(request, document, step, form)
    try:
        action.call(request, document, form.cleaned_data)
    except ApplicationError as error:
        return _rerender(request, document, step, form, error)
    messages.success(request, _("已记录：%(step)s") % {"step": action.title})
    return redirect("normdocs:detail", pk=pk)


@login_required
@require_POST
def joint_review_record(request: HttpRequest, pk: int) -> HttpResponse:
    review = JointReview.objects.select_related("document").filter(pk=pk).first()
    if review is None:
        raise NotFound("not_found", _("审查不存在。"), field="review")
    document = selectors.document_get(user=request.user, pk=review.document_id)
    form = forms.JointReviewForm(request.POST, prefix=f"r{review.pk}")
    key = f"review-{review.pk}"
    if not form.is_valid():
        return _rerender(request, document, key, form)
    try:
        services.joint_review_record(actor=request.user, review=review, **form.cleaned_data)
    except ApplicationError as error:
        return _rerender(request, document, key, form, error)
    messages.success(request, _("审查结论已记录。"))
    if request.POST.get("next") == "queue":
        return redirect("normdocs:review_queue")
    return redirect("normdocs:detail", pk=document.pk)


@login_required
@require_POST
def filing_record(request: HttpRequest, pk: int) -> HttpResponse:
    filing = Filing.objects.filter(pk=pk).first()
    if filing is None:
        raise NotFound("not_found", _("备案不存在。"), field="filing")
    document = selectors.document_get(user=request.user, pk=filing.document_id)
    form = forms.FilingForm(request.POST, prefix=f"f{filing.pk}")
    try:
        if not form.is_valid():
            raise ApplicationError("invalid", _("请填写报备日期。"), field="filed_on")
        services.filing_record(
            actor=request.user, filing=filing, filed_on=form.cleaned_data["filed_on"]
        )
    except ApplicationError as error:
        if error.status == 403:
            raise
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("报备已记录。"))
    return redirect("normdocs:detail", pk=document.pk)


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
    for review in page:
        review.form = forms.JointReviewForm(prefix=f"r{review.pk}")
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


def _finding_record(request: HttpRequest, inspection, data: dict[str, Any]):
    document = NormativeDocument.objects.filter(pk=data["document"]).first()
    if document is None:
        raise NotFound("not_found", _("文件不存在。"), field="document")
    return services.inspection_finding_record(
        actor=request.user,
        inspection=inspection,
        document=document,
        **{k: v for k, v in data.items() if k != "document"},
    )


INSPECTION_STEPS: dict[str, tuple[Callable[..., django_forms.Form], Callable[..., object]]] = {
    "select": (
        lambda *a, inspection, **k: forms.SelectDocumentsForm(*a, **k),
        lambda request, inspection, data: services.inspection_select_documents(
            actor=request.user, inspection=inspection, **data
        ),
    ),
    "finding": (
        lambda *a, inspection, **k: forms.FindingForm(
            *a, documents=inspection.documents.all(), **k
        ),
        lambda request, inspection, data: _finding_record(request, inspection, data),
    ),
    "close": (
        lambda *a, inspection, **k: forms.CloseInspectionForm(*a, **k),
        lambda request, inspection, data: services.inspection_close(
            actor=request.user, inspection=inspection, **data
        ),
    ),
}


def _inspection_context(request, inspection, bound: dict | None = None) -> dict:
    scope = scope_for(request.user)
    bound = bound or {}
    can_manage = inspection.status == InspectionStatus.OPEN and scope.can_change(
        inspection.organization, services.INSPECTION_ROLES
    )
    findings = list(selectors.inspection_findings(inspection))
    for finding in findings:
        finding.form = (
            forms.RectifyForm(prefix=f"x{finding.pk}") if finding.status == "open" else None
        )
    return {
        "inspection": inspection,
        "items": inspection.items.select_related("document__organization"),
        "findings": findings,
        "can_manage": can_manage,
        "forms": {
            key: bound.get(key) or make(inspection=inspection)
            for key, (make, _call) in INSPECTION_STEPS.items()
        }
        if can_manage
        else {},
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


@login_required
@require_POST
def inspection_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, pk=pk)
    if step not in INSPECTION_STEPS:
        raise NotFound("not_found", _("未知操作。"), field="step")
    make, call = INSPECTION_STEPS[step]
    form = make(request.POST, inspection=inspection)
    error = None
    if form.is_valid():
        try:
            call(request, inspection, form.cleaned_data)
        except ApplicationError as caught:
            if caught.status == 403:
                raise
            error = caught
            apply_error(form, caught)
        else:
            messages.success(request, _("已记录。"))
            return redirect("normdocs:inspection_detail", pk=pk)
    return render(
        request,
        "normdocs/inspection_detail.html",
        _inspection_context(request, inspection, {step: form}),
        status=error.status if error else 400,
    )


@login_required
@require_POST
def finding_rectify(request: HttpRequest, pk: int) -> HttpResponse:
    finding = InspectionFinding.objects.select_related("inspection").filter(pk=pk).first()
    if finding is None:
        raise NotFound("not_found", _("问题不存在。"), field="finding")
    # The drafting unit rectifies from its document's page, the inspectors from the inspection's;
    # the service checks that the user is one of them.
    form = forms.RectifyForm(request.POST, prefix=f"x{finding.pk}")
    try:
        if not form.is_valid():
            raise ApplicationError("invalid", _("请填写整改日期和整改情况。"), field="note")
        services.inspection_finding_rectify(
            actor=request.user, finding=finding, **form.cleaned_data
        )
    except ApplicationError as error:
        if error.status == 403:
            raise
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("整改情况已记录。"))
    if request.POST.get("next") == "document":
        return redirect("normdocs:detail", pk=finding.document_id)
    return redirect("normdocs:inspection_detail", pk=finding.inspection_id)
