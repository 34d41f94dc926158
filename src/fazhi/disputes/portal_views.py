"""Portal pages of people's mediation: the online application and the applicant's own file.

The applicant sees their own case only (never another's: the selector filters by the account
that applied), with the parties' names: their own in full, the other side's masked.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fazhi.core.errors import ApplicationError
from fazhi.core.forms import apply_error
from fazhi.core.ratelimit import over_limit
from fazhi.disputes import forms, selectors, services
from fazhi.disputes.models import JudicialConfirmation, PartyRole


@login_required(login_url="core:portal_login")
def apply(request: HttpRequest) -> HttpResponse:
    form = forms.OnlineApplyForm(request.POST or None, committees=selectors.public_committees())
    status = 200
    if request.method == "POST":
        if over_limit(request, "disputes:apply"):
            form.add_error(None, _("提交过于频繁，请稍后再试。"))
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                case = services.mediation_apply_online(
                    actor=request.user,
                    committee=data["committee"],
                    kind=data["kind"],
                    applicant_name=data["applicant_name"],
                    applicant_id_number=data["applicant_id_number"],
                    respondent_name=data["respondent_name"],
                    respondent_id_number=data["respondent_id_number"],
                    request=data["request"],
                    summary=data["summary"],
                    contact_phone=data["contact_phone"],
                    contact_address=data["contact_address"],
                )
            except ApplicationError as error:
                if error.status == 403:
                    raise
                apply_error(form, error)
            else:
                messages.success(
                    request,
                    _("调解申请已提交（%(no)s），调解委员会将与您联系。") % {"no": case.case_no},
                )
                return redirect("disputes-portal:case", pk=case.pk)
        if form.errors and status == 200:
            status = 400
    return render(
        request,
        "core/portal_form.html",
        {
            "form": form,
            "title": _("申请人民调解"),
            "intro": _(
                "人民调解不收费。请如实填写纠纷情况和联系方式，调解委员会受理后会与您联系。"
            ),
        },
        status=status,
    )


@login_required(login_url="core:portal_login")
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.my_case_get(user=request.user, pk=pk)
    parties = [
        {
            "role": party.get_role_display(),
            # The applicant's own name in full; the other side's masked.
            "name": party.name if party.role == PartyRole.APPLICANT else party.masked_name,
        }
        for party in case.parties.all()
    ]
    return render(
        request,
        "disputes/portal_case.html",
        {
            "case": case,
            "parties": parties,
            "confirmation": JudicialConfirmation.objects.filter(case=case).first(),
        },
    )
