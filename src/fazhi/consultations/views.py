"""Staff pages: consultations of the user's units, moderation queue, responses, summary, export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from fazhi.consultations import selectors, services
from fazhi.consultations.models import CommentStatus, ConsultationStatus
from fazhi.core.exports import xlsx_response
from fazhi.core.scoping import require_role

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


def _detail_context(request: HttpRequest, consultation) -> dict:
    return {
        "consultation": consultation,
        "versions": list(consultation.versions.all()),
        "comments": selectors.comment_list(consultation=consultation),
        "stats": selectors.consultation_stats(consultation),
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
