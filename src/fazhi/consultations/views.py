"""Staff pages: consultations of the user's units, moderation queue, responses, summary, export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.consultations import selectors, services
from fazhi.consultations.forms import CloseForm, ResponseForm, ReviseForm, SummaryForm
from fazhi.consultations.models import Comment, CommentStatus, ConsultationStatus
from fazhi.core.errors import ApplicationError, NotFound
from fazhi.core.exports import xlsx_response
from fazhi.core.scoping import require_read, require_role, scope_for

PAGE_SIZE = 50


def _staff(request: HttpRequest) -> None:
    require_role(request.user, *services.STAFF_ROLES)


@login_required
def consultation_list(request: HttpRequest) -> HttpResponse:
    _staff(request)
    search = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    if status not in ConsultationStatus.values:
        status = ""
    queryset = selectors.consultation_list(user=request.user, search=search, status=status)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename="consultations.xlsx",
            title=_("公开征求意见"),
            headers=[_("标题"), _("单位"), _("开始"), _("截止"), _("状态"), _("意见数")],
            rows=(
                [
                    c.title,
                    c.organization.name,
                    c.starts_on,
                    c.ends_on,
                    c.get_status_display(),
                    c.comment_count,
                ]
                for c in queryset
            ),
        )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "consultations/list.html",
        {
            "page": page,
            "search": search,
            "status": status,
            "statuses": ConsultationStatus.choices,
            "querystring": f"q={search}&status={status}",
        },
    )


def _detail_context(request: HttpRequest, consultation, **forms) -> dict:
    return {
        "consultation": consultation,
        "versions": list(consultation.versions.all()),
        "comments": selectors.comment_list(consultation=consultation),
        "stats": selectors.consultation_stats(consultation),
        "can_change": scope_for(request.user).can_change(
            consultation.organization, services.STAFF_ROLES
        ),
        "revise_form": forms.get("revise_form")
        or ReviseForm(initial={"text": consultation.versions.order_by("-number").first().text}),
        "response_form": ResponseForm(),
        "summary_form": forms.get("summary_form") or SummaryForm(),
        "close_form": forms.get("close_form") or CloseForm(),
        "error": forms.get("error"),
    }


@login_required
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    consultation = selectors.consultation_get(user=request.user, pk=pk)
    return render(request, "consultations/detail.html", _detail_context(request, consultation))


@login_required
def comments_export(request: HttpRequest, pk: int) -> HttpResponse:
    """All comments with their handling, for the drafting unit's record (contact included:
    staff need it to reply; the public never sees this file)."""
    _staff(request)
    consultation = selectors.consultation_get(user=request.user, pk=pk)
    comments = selectors.comment_list(consultation=consultation)
    return xlsx_response(
        filename=f"consultation-{consultation.pk}-comments.xlsx",
        title=_("意见"),
        headers=[
            _("查询码"),
            _("版本"),
            _("条款"),
            _("意见内容"),
            _("姓名"),
            _("联系方式"),
            _("提交时间"),
            _("审核状态"),
            _("采纳情况"),
            _("理由"),
        ],
        rows=(
            [
                c.receipt_code,
                c.version.number,
                c.anchor_label or _("总体意见"),
                c.body,
                c.name,
                c.contact,
                c.submitted_at.replace(tzinfo=None),
                c.get_status_display(),
                c.response.get_outcome_display() if hasattr(c, "response") else "",
                c.response.reason if hasattr(c, "response") else "",
            ]
            for c in comments
        ),
    )


def _rerender(request, consultation, error: ApplicationError, **forms) -> HttpResponse:
    if error.status == 403:
        raise error
    return render(
        request,
        "consultations/detail.html",
        _detail_context(request, consultation, error=str(error.message), **forms),
        status=error.status,
    )


@login_required
@require_POST
def consultation_revise(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = selectors.consultation_get(user=request.user, pk=pk)
    form = ReviseForm(request.POST)
    if form.is_valid():
        try:
            services.consultation_revise(
                consultation=consultation,
                text=form.cleaned_data["text"],
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        except ApplicationError as error:
            return _rerender(request, consultation, error, revise_form=form)
        messages.success(request, _("已发布修改稿。"))
        return redirect("consultations:detail", pk=pk)
    return render(
        request,
        "consultations/detail.html",
        _detail_context(request, consultation, revise_form=form),
        status=400,
    )


@login_required
@require_POST
def consultation_close(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = selectors.consultation_get(user=request.user, pk=pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.consultation_close(
                consultation=consultation, actor=request.user, on=form.cleaned_data["on"]
            )
        except ApplicationError as error:
            return _rerender(request, consultation, error, close_form=form)
        messages.success(request, _("征求意见已截止。"))
        return redirect("consultations:detail", pk=pk)
    return _rerender(
        request,
        consultation,
        ApplicationError("invalid", _("日期无效。"), field="on"),
        close_form=form,
    )


@login_required
@require_POST
def summary_publish(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = selectors.consultation_get(user=request.user, pk=pk)
    form = SummaryForm(request.POST)
    if form.is_valid():
        try:
            services.adoption_summary_publish(
                consultation=consultation, text=form.cleaned_data["text"], actor=request.user
            )
        except ApplicationError as error:
            return _rerender(request, consultation, error, summary_form=form)
        messages.success(request, _("采纳情况已公布。"))
        return redirect("consultations:detail", pk=pk)
    return render(
        request,
        "consultations/detail.html",
        _detail_context(request, consultation, summary_form=form),
        status=400,
    )


def _comment(request: HttpRequest, pk: int) -> Comment:
    comment = Comment.objects.select_related("consultation__organization").filter(pk=pk).first()
    if comment is None:
        raise NotFound("not_found", _("意见不存在。"), field="comment")
    require_read(request.user, comment.consultation.organization)
    return comment


def _back(request: HttpRequest, comment: Comment) -> HttpResponse:
    if request.POST.get("next") == "moderation":
        return redirect("consultations:moderation")
    return redirect("consultations:detail", pk=comment.consultation_id)


@login_required
@require_POST
def comment_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _comment(request, pk)
    approve = request.POST.get("decision") == "approve"
    try:
        services.comment_moderate(comment=comment, approve=approve, actor=request.user)
    except ApplicationError as error:
        if error.status == 403:
            raise
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("已受理。") if approve else _("已作为垃圾信息不予受理。"))
    return _back(request, comment)


@login_required
@require_POST
def comment_respond(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _comment(request, pk)
    form = ResponseForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError("invalid", _("请选择采纳情况。"), field="outcome")
        services.comment_respond(
            comment=comment,
            outcome=form.cleaned_data["outcome"],
            reason=form.cleaned_data["reason"],
            actor=request.user,
        )
    except ApplicationError as error:
        if error.status == 403:
            raise
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("答复已记录。"))
    return _back(request, comment)


@login_required
def moderation(request: HttpRequest) -> HttpResponse:
    _staff(request)
    page = Paginator(selectors.moderation_queue(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "consultations/moderation.html",
        {"page": page, "pending": CommentStatus.PENDING, "querystring": ""},
    )
