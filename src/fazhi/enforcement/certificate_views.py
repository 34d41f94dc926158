"""Staff pages of enforcement certificates (行政执法证): list, issue, suspend or revoke."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core.forms import submit
from fazhi.core.models import Person
from fazhi.core.scoping import scope_for
from fazhi.enforcement import certificates, forms, services
from fazhi.enforcement.models import CertificateStatus
from fazhi.enforcement.permissions import CERTIFICATE_ROLES

PAGE_SIZE = 50


def issuable_people(user) -> QuerySet[Person]:
    """Active people of the units where ``user`` manages certificates."""
    return (
        Person.objects.filter(is_active=True)
        .filter(scope_for(user).q("organization", roles=CERTIFICATE_ROLES))
        .select_related("organization")
        .order_by("organization__path", "name", "id")
    )


@login_required
def certificate_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    if status not in CertificateStatus.values:
        status = ""
    valid_on = None
    if request.GET.get("valid_on"):
        try:
            valid_on = dt.date.fromisoformat(request.GET["valid_on"])
        except ValueError:
            valid_on = None
    rows = certificates.certificate_list(
        user=request.user, search=search, status=status, valid_on=valid_on
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "enforcement/certificate_list.html",
        {
            "page": page,
            "search": search,
            "status": status,
            "valid_on": valid_on,
            "statuses": CertificateStatus.choices,
            "querystring": query.urlencode(),
            "can_manage": scope_for(request.user).has_role(*CERTIFICATE_ROLES),
            "today": timezone.localdate(),
        },
    )


@login_required
def certificate_issue(request: HttpRequest) -> HttpResponse:
    if not scope_for(request.user).has_role(*CERTIFICATE_ROLES):
        raise PermissionDenied
    form = forms.CertificateIssueForm(request.POST or None, people=issuable_people(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        certificate = submit(form, lambda: services.certificate_issue(actor=request.user, **data))
        if certificate is not None:
            messages.success(
                request, _("已登记执法证：%(number)s") % {"number": certificate.number}
            )
            return redirect("enforcement:certificates")
    return render(request, "enforcement/form.html", {"form": form, "title": _("登记行政执法证")})


@login_required
def certificate_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = certificates.certificate_get(user=request.user, pk=pk)
    if not scope_for(request.user).can_change(certificate.person.organization, CERTIFICATE_ROLES):
        raise PermissionDenied
    form = forms.CertificateRevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ended = submit(
            form,
            lambda: services.certificate_revoke(
                actor=request.user, certificate=certificate, **form.cleaned_data
            ),
        )
        if ended is not None:
            messages.success(request, _("执法证%(number)s已终止。") % {"number": ended.number})
            return redirect("enforcement:certificates")
    title = _("暂扣或注销执法证 %(number)s（%(name)s）") % {
        "number": certificate.number,
        "name": certificate.person.name,
    }
    return render(request, "enforcement/form.html", {"form": form, "title": title})


@login_required
@require_POST
def certificates_lapse(request: HttpRequest) -> HttpResponse:
    """The yearly clean-up on demand: certificates of people no longer in post lapse."""
    if not scope_for(request.user).has_role(*CERTIFICATE_ROLES[:2]):
        raise PermissionDenied
    count = services.certificates_lapse_departed(on=timezone.localdate(), actor=request.user)
    messages.success(request, _("已注销离岗人员执法证 %(count)s 本。") % {"count": count})
    return redirect("enforcement:certificates")


@login_required
def certificates_from_people(request: HttpRequest) -> HttpResponse:
    """Register the certificates kept only on person records as certificate records."""
    if not scope_for(request.user).has_role(*CERTIFICATE_ROLES):
        raise PermissionDenied
    form = forms.CertificatesFromPeopleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = submit(
            form,
            lambda: services.certificates_from_people(actor=request.user, **form.cleaned_data),
        )
        if count is not None:
            messages.success(request, _("已补登执法证 %(count)s 本。") % {"count": count})
            return redirect("enforcement:certificates")
    return render(
        request, "enforcement/form.html", {"form": form, "title": _("从人员信息补登执法证")}
    )
