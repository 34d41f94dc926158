"""Public pages: open consultations, the draft, commenting, comment status, adoption summary.

Nothing here shows a commenter's name or contact; comments appear only once accepted.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.consultations import selectors, services
from fazhi.consultations.forms import CommentForm
from fazhi.consultations.models import ConsultationStatus
from fazhi.core.errors import ApplicationError

PAGE_SIZE = 20


def _client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR")


def open_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    search = request.GET.get("q", "").strip()
    page = Paginator(selectors.public_open_list(today=today, search=search), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for consultation in page:
        consultation.days_left = (consultation.ends_on - today).days
    return render(
        request,
        "consultations/portal/list.html",
        {"page": page, "search": search, "querystring": f"q={search}" if search else ""},
    )


def _detail_context(consultation, form: CommentForm | None = None) -> dict:
    versions = list(consultation.versions.all())
    current = versions[-1]
    by_anchor: dict[str, list] = defaultdict(list)
    for comment in selectors.public_comments(consultation=consultation):
        by_anchor[comment.anchor].append(comment)
    today = timezone.localdate()
    accepting = (
        consultation.status == ConsultationStatus.OPEN
        and consultation.starts_on <= today <= consultation.ends_on
    )
    return {
        "consultation": consultation,
        "version": current,
        "versions": versions,
        "paragraphs": [
            {**p, "comments": by_anchor.get(p["anchor"], [])} for p in current.paragraphs
        ],
        "general_comments": by_anchor.get("", []),
        "accepting": accepting,
        "days_left": (consultation.ends_on - today).days if accepting else None,
        "form": form or CommentForm(paragraphs=current.paragraphs),
    }


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = selectors.public_get(pk=pk)
    current = consultation.versions.order_by("-number").first()
    form = CommentForm(
        paragraphs=current.paragraphs, initial={"anchor": request.GET.get("anchor", "")}
    )
    return render(request, "consultations/portal/detail.html", _detail_context(consultation, form))


@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = selectors.public_get(pk=pk)
    current = consultation.versions.order_by("-number").first()
    form = CommentForm(request.POST, paragraphs=current.paragraphs)
    if form.is_valid():
        if form.cleaned_data["website"]:
            # A bot filled the hidden field: answer as if accepted, store nothing.
            return render(request, "consultations/portal/received.html", {"receipt": None})
        try:
            created = services.comment_submit(
                consultation=consultation,
                body=form.cleaned_data["body"],
                anchor=form.cleaned_data["anchor"],
                name=form.cleaned_data["name"],
                contact=form.cleaned_data["contact"],
                ip_address=_client_ip(request),
            )
        except ApplicationError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, str(error.message))
        else:
            return render(
                request,
                "consultations/portal/received.html",
                {"receipt": created.receipt_code, "consultation": consultation},
            )
    return render(
        request, "consultations/portal/detail.html", _detail_context(consultation, form), status=400
    )


def comment_status(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("code", "").strip()
    context: dict = {"code": code}
    if code:
        try:
            context["comment"] = selectors.comment_by_receipt(code=code)
        except ApplicationError as error:
            context["error"] = str(error.message)
    return render(request, "consultations/portal/status.html", context)


def summary(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = selectors.public_get(pk=pk)
    if consultation.status != ConsultationStatus.SUMMARY_PUBLISHED:
        messages.info(request, _("采纳情况尚未公布。"))
        return redirect("consultations-portal:detail", pk=pk)
    return render(
        request,
        "consultations/portal/summary.html",
        {
            "consultation": consultation,
            "stats": selectors.consultation_stats(consultation),
            "comments": selectors.public_comments(consultation=consultation),
        },
    )
