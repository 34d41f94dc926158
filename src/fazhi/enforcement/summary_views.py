"""Staff pages of the summary procedure (简易程序, 行政处罚法 art 51–53)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fazhi.core import selectors as core_selectors
from fazhi.core.forms import submit
from fazhi.core.scoping import scope_for
from fazhi.enforcement import forms, selectors, services
from fazhi.enforcement.permissions import CASE_ROLES


def summary_arguments(data: dict) -> dict:
    data = dict(data)
    party = services.Party(
        data.pop("party_type"), data.pop("party_name"), data.pop("party_id_number")
    )
    officers = data.pop("officers").replace(",", "、").split("、")
    return data | {"party": party, "officers": officers}


@login_required
def summary_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    page = Paginator(selectors.summary_list(user=request.user, search=search), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "enforcement/summary_list.html",
        {
            "page": page,
            "search": search,
            "querystring": "",
            "can_decide": scope_for(request.user).has_role(*CASE_ROLES),
        },
    )


@login_required
def summary_decide(request: HttpRequest) -> HttpResponse:
    if not scope_for(request.user).has_role(*CASE_ROLES):
        raise PermissionDenied
    form = forms.SummaryDecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision = submit(
            form,
            lambda: services.summary_decide(
                actor=request.user, **summary_arguments(form.cleaned_data)
            ),
        )
        if decision is not None:
            messages.success(request, _("已当场作出决定：%(number)s") % {"number": decision.number})
            return redirect("enforcement:summary_detail", pk=decision.pk)
    return render(
        request,
        "enforcement/form.html",
        {"form": form, "title": _("当场处罚（简易程序）")},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def summary_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.summary_get(user=request.user, pk=pk)
    return render(
        request,
        "enforcement/summary_detail.html",
        {"decision": decision, "events": core_selectors.domain_events_for(decision)},
    )
