"""Pages of the evidence app: a depositor's deposits and certificates, and public verification.

Depositor pages need a login and show only the user's own deposits. The public verification page
needs none; its POST is limited per client address through the cache, at the same rate as the
API's ``public_form`` throttle.
"""

from __future__ import annotations

import json

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from rest_framework.throttling import SimpleRateThrottle

from fazhi.core.errors import ApplicationError
from fazhi.core.exports import xlsx_response
from fazhi.core.forms import apply_error
from fazhi.core.listing import ledger_page
from fazhi.evidence import domain, keys, selectors, services, verification
from fazhi.evidence.forms import EraseForm
from fazhi.evidence.models import Deposit, DepositStatus
from fazhi.evidence.procedures import DEPOSIT

PAGE_SIZE = 50


def _verify_url(request: HttpRequest, deposit: Deposit) -> str:
    return request.build_absolute_uri(
        reverse("evidence_portal:verify") + "?" + urlencode({"deposit": str(deposit.pk)})
    )


# --------------------------------------------------------------------------- depositor pages


@login_required
def deposit_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    if status not in DepositStatus.values:
        status = ""
    deposits = selectors.deposit_list(user=request.user, search=search, status=status)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename="deposits.xlsx",
            title=_("我的存证"),
            headers=[_("名称"), _("存证时间"), _("序号"), _("SHA-256"), _("大小"), _("状态")],
            rows=(
                (
                    d.title,
                    timezone.localtime(d.deposited_at).strftime("%Y-%m-%d %H:%M:%S"),
                    d.entry_id,
                    d.file_sha256,
                    d.size,
                    d.get_status_display(),
                )
                for d in deposits
            ),
        )
    page = ledger_page(request, deposits, PAGE_SIZE)
    return render(
        request,
        "evidence/deposit_list.html",
        {
            "page": page,
            "search": search,
            "status": status,
            "statuses": DepositStatus.choices,
            "querystring": urlencode({"q": search, "status": status}),
        },
    )


class DepositForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("名称"), max_length=services.TITLE_MAX)
    file = forms.FileField(
        label=gettext_lazy("文件"),
        allow_empty_file=True,  # the service refuses it with its own code and message
        help_text=gettext_lazy("服务器只在日志中记录文件的哈希值，文件本身可依法删除。"),
    )
    description = forms.CharField(
        label=gettext_lazy("说明"),
        required=False,
        max_length=services.DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@login_required
def deposit_create(request: HttpRequest) -> HttpResponse:
    form = DepositForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            deposit = services.deposit_create(
                actor=request.user,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
            )
        except ApplicationError as error:
            if error.status == 403:
                raise
            apply_error(form, error)
        else:
            messages.success(request, _("已存证，序号 %(index)s。") % {"index": deposit.entry_id})
            return redirect("evidence:deposit_detail", pk=deposit.pk)
    return render(
        request,
        "evidence/deposit_form.html",
        {"form": form, "max_bytes": services.max_upload_bytes()},
    )


@login_required
def deposit_detail(request: HttpRequest, pk: str) -> HttpResponse:
    deposit = selectors.deposit_get_own(user=request.user, deposit_id=pk)
    return render(request, "evidence/deposit_detail.html", _detail(request, deposit))


@login_required
def certificate_json(request: HttpRequest, pk: str) -> HttpResponse:
    deposit = selectors.deposit_get_own(user=request.user, deposit_id=pk)
    certificate = selectors.certificate_for_entry(
        deposit.entry, verify_url=_verify_url(request, deposit)
    )
    response = HttpResponse(
        json.dumps(certificate.as_dict(), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="certificate-{deposit.pk}.json"'
    return response


def qr_svg(text: str) -> str:
    """An inline SVG QR code (no image files, no CDN)."""
    import qrcode  # only for the pages that show one
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


@login_required
def certificate_page(request: HttpRequest, pk: str) -> HttpResponse:
    deposit = selectors.deposit_get_own(user=request.user, deposit_id=pk)
    url = _verify_url(request, deposit)
    certificate = selectors.certificate_for_entry(deposit.entry, verify_url=url)
    return render(
        request,
        "evidence/certificate.html",
        {
            "deposit": deposit,
            "certificate": certificate,
            "head": certificate.tree_head,
            "head_signed_at": domain.from_timestamp_ms(certificate.tree_head.timestamp),
            "verify_url": url,
            # The SVG is produced by the qrcode library from our own URL, not from user input.
            "qr": mark_safe(qr_svg(url)),
        },
    )


def _detail(request: HttpRequest, deposit: Deposit, **extra) -> dict:
    return {
        "deposit": deposit,
        "entry": selectors.entry_json(deposit.entry),
        "verify_url": _verify_url(request, deposit),
        **extra,
    }


@login_required
@require_POST
def deposit_erase(request: HttpRequest, pk: str) -> HttpResponse:
    """The erasure posted without the step's form prefix (``reason``): the declared step all
    the same (the detail page's own form posts to the generic step view)."""
    deposit = selectors.deposit_get_own(user=request.user, deposit_id=pk)
    form = EraseForm(request.POST)
    form.is_valid()
    try:
        DEPOSIT.perform("erase", actor=request.user, obj=deposit, data=form.cleaned_data)
    except ApplicationError as error:
        if error.status == 403:
            raise
        context = _detail(request, deposit, erase_error=error)
        return render(request, "evidence/deposit_detail.html", context, status=400)
    messages.success(request, _("文件已删除，日志中的存证记录保留。"))
    return redirect("evidence:deposit_detail", pk=deposit.pk)


# --------------------------------------------------------------------------- public pages


class VerifyForm(forms.Form):
    certificate = forms.FileField(
        label=gettext_lazy("存证证书（JSON）"), required=False, allow_empty_file=True
    )
    file = forms.FileField(label=gettext_lazy("原文件"), required=False, allow_empty_file=True)
    sha256 = forms.CharField(label=gettext_lazy("或文件的 SHA-256"), required=False, max_length=64)


def _rate_limited(request: HttpRequest) -> bool:
    """Count this client's verification POSTs; True once over the ``public_form`` rate."""
    rate = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["public_form"]
    allowed, period = SimpleRateThrottle.parse_rate(None, rate)
    key = f"evidence-verify:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, timeout=period)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period)
        used = 1
    return used > allowed


def _verify_submission(request: HttpRequest, form: VerifyForm) -> list[verification.Outcome]:
    certificate = form.cleaned_data.get("certificate")
    certificate_text = b""
    if certificate is not None:
        services.checked_upload_size(certificate, field="certificate")
        certificate_text = certificate.read()
    upload = form.cleaned_data.get("file")
    file_sha256 = verification.uploaded_file_sha256(upload) if upload is not None else None
    return verification.verify_submission(
        certificate_text=certificate_text,
        file_sha256=file_sha256,
        sha256=form.cleaned_data.get("sha256", ""),
    )


def verify(request: HttpRequest) -> HttpResponse:
    context: dict = {"log_id": keys.log_id(), "head": selectors.head_latest()}
    status = 200
    if request.method == "POST":
        form = VerifyForm(request.POST, request.FILES)
        if _rate_limited(request):
            form.add_error(None, _("验证过于频繁，请稍后再试。"))
            context["rate_limited"] = True
            status = 429
        elif form.is_valid():
            try:
                context["outcomes"] = _verify_submission(request, form)
            except ApplicationError as error:
                apply_error(form, error)
                status = 400
    else:
        form = VerifyForm()
        deposit_id = request.GET.get("deposit", "")
        if deposit_id:
            context.update(_deposit_status(deposit_id))
    context["form"] = form
    return render(request, "evidence/verify.html", context, status=status)


def _deposit_status(deposit_id: str) -> dict:
    """What the QR code on a certificate opens: the deposit's log facts, proved now."""
    try:
        deposit = selectors.deposit_get_public(deposit_id=deposit_id)
    except ApplicationError as error:
        return {"lookup_error": error}
    head = selectors.head_latest()
    assert head is not None  # a deposit exists, so its head does
    return {"outcomes": [verification.check_entry(deposit.entry, head=head)]}


def public_key_pem(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(keys.public_key_pem(), content_type="application/x-pem-file")
    response["Content-Disposition"] = 'attachment; filename="fazhi-evidence-log.pem"'
    return response


def head_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.head_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "evidence/head_list.html",
        {
            "page": page,
            "log_id": keys.log_id(),
            "heads": [
                (head, bytes(head.root_hash).hex(), domain.from_timestamp_ms(head.timestamp))
                for head in page
            ],
        },
    )
