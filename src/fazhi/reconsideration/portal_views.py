"""Portal pages following an online application: the applicant's own case (logged in), and
the progress look-up by case number and the applicant's identity or phone number (anyone who
holds both; limited per address like every public form)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.ratelimit import over_limit
from fazhi.reconsideration import citizen, selectors


class ProgressForm(forms.Form):
    case_no = forms.CharField(label=gettext_lazy("案号"), max_length=60)
    identity = forms.CharField(label=gettext_lazy("申请时填写的身份证号或联系电话"), max_length=20)


def progress(request: HttpRequest) -> HttpResponse:
    form = ProgressForm(request.GET or None)
    case = None
    status = 200
    if request.GET:
        if over_limit(request, "reconsideration:progress", limit=30):
            form.add_error(None, _("查询过于频繁，请稍后再试。"))
            status = 429
        elif form.is_valid():
            case = selectors.online_case_lookup(
                case_no=form.cleaned_data["case_no"], identity=form.cleaned_data["identity"]
            )
            if case is None:
                form.add_error("case_no", _("没有找到与该案号和身份信息相符的网上申请。"))
                status = 404
        else:
            status = 400
    return render(
        request,
        "reconsideration/portal_progress.html",
        {
            "form": form,
            "case": case,
            "notices": citizen.notices(case) if case else [],
        },
        status=status,
    )


@login_required(login_url="core:portal_login")
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.my_case_get(user=request.user, pk=pk)
    return render(
        request,
        "reconsideration/portal_progress.html",
        {"form": None, "case": case, "notices": citizen.notices(case), "own": True},
    )
