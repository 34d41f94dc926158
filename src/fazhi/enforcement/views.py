"""Staff pages of enforcement: cases and their steps, the catalog, the exemption list, consistency."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import selectors as core_selectors
from fazhi.core.errors import ApplicationError
from fazhi.core.exports import xlsx_response
from fazhi.core.forms import apply_error, submit
from fazhi.core.listing import ledger_page
from fazhi.core.procedure_views import transition_view
from fazhi.core.scoping import require_role, scope_for
from fazhi.enforcement import forms, selectors, services
from fazhi.enforcement.models import (
    CaseStatus,
    CommitmentStatus,
    EnforcementItem,
    ItemMode,
)
from fazhi.enforcement.permissions import CASE_ROLES, CATALOG_ROLES
from fazhi.enforcement.procedures import CASE, COMMITMENT
from fazhi.jobs.imports import import_enqueue
from fazhi.lawbase.selectors import citation_links

PAGE_SIZE = 50


def _querystring(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("export", None)
    return query.urlencode()


def _parse_date(value: str, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return default


# --- cases ------------------------------------------------------------------------------------


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    if status not in CaseStatus.values:
        status = ""
    cases = selectors.case_list(user=request.user, search=search, status=status)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename="penalty-cases.xlsx",
            title=_("行政处罚案件"),
            headers=[
                _("案号"),
                _("办案单位"),
                _("处罚事项"),
                _("当事人"),
                _("证件号码"),
                _("状态"),
                _("立案日期"),
                _("决定日期"),
                _("处理结果"),
                _("罚款金额"),
            ],
            rows=(
                [
                    c.case_number,
                    c.organization.name,
                    c.item.name,
                    c.party_name,
                    c.masked_party_id,
                    c.get_status_display(),
                    c.opened_on,
                    c.decided_on,
                    c.get_outcome_display(),
                    c.fine_amount,
                ]
                for c in cases.iterator()
            ),
        )
    page = ledger_page(request, cases, PAGE_SIZE)
    return render(
        request,
        "enforcement/case_list.html",
        {
            "page": page,
            "search": search,
            "status": status,
            "statuses": CaseStatus.choices,
            "querystring": _querystring(request),
            "can_open": scope_for(request.user).has_role(*CASE_ROLES),
        },
    )


@login_required
def case_open(request: HttpRequest) -> HttpResponse:
    form = forms.CaseOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_open(
                actor=request.user,
                organization=data["organization"],
                item=data["item"],
                party=services.Party(
                    data["party_type"],
                    data["party_name"],
                    data["party_id_number"],
                    data["party_address"],
                ),
                facts=data["facts"],
                violation_date=data["violation_date"],
                discovered_on=data["discovered_on"],
                opened_on=data["opened_on"],
                officers=data["officers"].replace(",", "、").split("、"),
                limitation_years=data["limitation_years"],
                is_major=data["is_major"],
                major_reason=data["major_reason"],
            )
        except ApplicationError as error:
            if error.status == 403:
                raise
            apply_error(form, error)
        else:
            messages.success(request, _("已立案：%(number)s") % {"number": case.case_number})
            return redirect("enforcement:case_detail", pk=case.pk)
    return render(request, "enforcement/form.html", {"form": form, "title": _("立案")})


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_get(user=request.user, pk=pk)
    proposal = selectors.discretion_propose(
        item=case.item, on=case.violation_date, circumstances=case.circumstances
    )
    return render(
        request,
        "enforcement/case_detail.html",
        {
            "case": case,
            "evidence": case.evidence.all(),
            "preservations": case.preservations.all(),
            "events": core_selectors.domain_events_for(case),
            "clocks": selectors.case_clocks(case),
            "benchmarks": proposal.rows,
            "calculator": forms.CalculatorForm(),
        },
    )


@login_required
def case_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """The former address of a case step: the declared transition's generic view."""
    return transition_view(request, CASE.key, pk, step)


@login_required
def case_calculator(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx partial: the grade and range the circumstances point to, with the reasons."""
    case = selectors.case_get(user=request.user, pk=pk)
    form = forms.CalculatorForm(request.GET)
    circumstances = form.cleaned_data["circumstances"] if form.is_valid() else []
    proposal = selectors.discretion_propose(
        item=case.item, on=case.violation_date, circumstances=circumstances
    )
    return render(request, "enforcement/_proposal.html", {"proposal": proposal})


# --- catalog ----------------------------------------------------------------------------------


@login_required
def item_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    category = request.GET.get("category", "")
    on = _parse_date(request.GET.get("on", ""), timezone.localdate())
    items = selectors.item_list(search=search, category=category, on=on)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename="enforcement-items.xlsx",
            title=_("行政处罚事项目录"),
            headers=services.ITEM_HEADERS,
            rows=(
                [
                    i.code,
                    i.name,
                    i.category,
                    i.legal_basis,
                    i.penalty_basis,
                    i.max_fine,
                    i.get_mode_display(),
                    i.organization.code,
                    i.original_department.code if i.original_department else "",
                    i.effective_from,
                    "",
                    "",
                    "",
                ]
                for i in items.iterator()
            ),
        )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "enforcement/item_list.html",
        {
            "page": page,
            "search": search,
            "category": category,
            "categories": selectors.item_categories(),
            "on": on,
            "querystring": _querystring(request),
            "summary": selectors.delegation_summary(on=on),
            "can_import": scope_for(request.user).has_role(*CATALOG_ROLES),
            "modes": ItemMode.choices,
        },
    )


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        EnforcementItem.objects.select_related("organization", "original_department"), pk=pk
    )
    return render(
        request,
        "enforcement/item_detail.html",
        {
            "item": item,
            "delegations": selectors.delegations_for(item),
            "benchmarks": item.benchmarks.order_by("effective_from", "min_fine"),
            # Each cited article, resolved through the law base (or why it does not resolve).
            "basis_citations": citation_links(text=f"{item.legal_basis}\n{item.penalty_basis}"),
            "can_manage": scope_for(request.user).has_role(*CATALOG_ROLES),
        },
    )


def _item_url(item: EnforcementItem) -> str:
    return reverse("enforcement:item_detail", args=[item.pk])


@login_required
def item_delegate(request: HttpRequest, pk: int) -> HttpResponse:
    _require_catalog_role(request)
    item = get_object_or_404(EnforcementItem, pk=pk)
    return _catalog_form(
        request,
        forms.DelegationForm(request.POST or None),
        _("赋权 %(code)s 给镇街") % {"code": item.code},
        lambda d: services.item_delegate(actor=request.user, item=item, **d),
        _("已赋权。"),
        lambda _delegation: _item_url(item),
    )


@login_required
def delegation_withdraw(request: HttpRequest, pk: int, delegation_pk: int) -> HttpResponse:
    _require_catalog_role(request)
    item = get_object_or_404(EnforcementItem, pk=pk)
    delegation = get_object_or_404(
        item.delegations.select_related("organization"), pk=delegation_pk
    )
    return _catalog_form(
        request,
        forms.DelegationWithdrawForm(request.POST or None),
        _("收回 %(code)s 对%(town)s的赋权")
        % {"code": item.code, "town": delegation.organization.name},
        lambda d: services.delegation_withdraw(actor=request.user, delegation=delegation, **d),
        _("已收回赋权。"),
        lambda _delegation: _item_url(item),
    )


@login_required
def benchmark_add(request: HttpRequest, pk: int) -> HttpResponse:
    _require_catalog_role(request)
    item = get_object_or_404(EnforcementItem, pk=pk)
    return _catalog_form(
        request,
        forms.BenchmarkRowForm(request.POST or None),
        _("新增 %(code)s 的裁量基准") % {"code": item.code},
        lambda d: services.benchmark_row_add(actor=request.user, item=item, **d),
        _("已新增裁量基准；同阶次的原基准自新基准生效日起失效。"),
        lambda _row: _item_url(item),
    )


@login_required
def item_import(request: HttpRequest) -> HttpResponse:
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    row_errors: list[dict] = []
    if request.method == "POST" and form.is_valid():
        try:  # the worker imports the catalog, all or nothing (not inside this request)
            require_role(request.user, *CATALOG_ROLES)
            job = import_enqueue(
                actor=request.user,
                service=services.items_import_xlsx,
                data=form.cleaned_data["file"].read(),
                title=_("导入执法事项目录"),
            )
        except ApplicationError as error:
            if error.status == 403:
                raise
            apply_error(form, error)
        else:
            return redirect("jobs:detail", pk=job.pk)
    return render(
        request,
        "enforcement/item_import.html",
        {"form": form, "row_errors": row_errors, "headers": services.ITEM_HEADERS},
        status=400 if request.method == "POST" else 200,
    )


# --- exemption list ---------------------------------------------------------------------------


def exemption_context(request: HttpRequest) -> dict[str, Any]:
    search = request.GET.get("q", "").strip()
    on = _parse_date(request.GET.get("on", ""), timezone.localdate())
    exemptions = selectors.exemption_list(on=on, search=search)
    return {
        "page": Paginator(exemptions, PAGE_SIZE).get_page(request.GET.get("page")),
        "search": search,
        "on": on,
        "querystring": _querystring(request),
    }


@login_required
def exemption_list(request: HttpRequest) -> HttpResponse:
    context = exemption_context(request)
    context["can_manage"] = scope_for(request.user).has_role(*CATALOG_ROLES)
    return render(request, "enforcement/exemption_list.html", context)


@login_required
def exemption_versions(request: HttpRequest, code: str) -> HttpResponse:
    versions = selectors.exemption_versions(code)
    if not versions.exists():
        raise Http404
    return render(
        request,
        "enforcement/exemption_versions.html",
        {
            "code": code,
            "versions": versions,
            "open_version": selectors.exemption_open_version(code),
            "can_manage": scope_for(request.user).has_role(*CATALOG_ROLES),
        },
    )


def _require_catalog_role(request: HttpRequest) -> None:
    """Show the form only to the roles the services will accept (they check again)."""
    if not scope_for(request.user).has_role(*CATALOG_ROLES):
        raise PermissionDenied


def _catalog_form(
    request: HttpRequest,
    form: django_forms.Form,
    title: str,
    write: Callable[[dict[str, Any]], Any],
    success: str,
    done_url: Callable[[Any], str],
) -> HttpResponse:
    """Run one catalog service from a form: refusals land on the field, 403 passes through."""
    if request.method == "POST" and form.is_valid():
        try:
            result = write(form.cleaned_data)
        except ApplicationError as error:
            if error.status == 403:
                raise
            apply_error(form, error)
        else:
            messages.success(request, success)
            return redirect(done_url(result))
    return render(
        request,
        "enforcement/form.html",
        {"form": form, "title": title},
        status=400 if request.method == "POST" else 200,
    )


def _exemption_url(exemption) -> str:
    return reverse("enforcement:exemption_versions", args=[exemption.code])


@login_required
def exemption_add(request: HttpRequest) -> HttpResponse:
    _require_catalog_role(request)
    return _catalog_form(
        request,
        forms.ExemptionAddForm(request.POST or None),
        _("新增免罚清单事项"),
        lambda d: services.exemption_add(actor=request.user, **d),
        _("已新增清单事项。"),
        _exemption_url,
    )


@login_required
def exemption_adjust(request: HttpRequest, code: str) -> HttpResponse:
    _require_catalog_role(request)
    current = selectors.exemption_open_version(code)
    if current is None:
        raise Http404
    initial = {name: getattr(current, name) for name in services.EXEMPTION_FIELDS}
    initial["item"] = current.item.code if current.item else ""
    form = forms.ExemptionAdjustForm(request.POST or None, initial=initial)
    return _catalog_form(
        request,
        form,
        _("调整清单事项 %(code)s（现行第 %(version)s 版）")
        % {"code": code, "version": current.version},
        lambda d: services.exemption_adjust(actor=request.user, exemption=current, **d),
        _("已调整，旧版本保留在调整记录中。"),
        _exemption_url,
    )


@login_required
def exemption_repeal(request: HttpRequest, code: str) -> HttpResponse:
    _require_catalog_role(request)
    current = selectors.exemption_open_version(code)
    if current is None:
        raise Http404
    return _catalog_form(
        request,
        forms.ExemptionRepealForm(request.POST or None),
        _("废止清单事项 %(code)s") % {"code": code},
        lambda d: services.exemption_repeal(actor=request.user, exemption=current, **d),
        _("已废止。"),
        _exemption_url,
    )


# --- consistency ------------------------------------------------------------------------------


@login_required
def consistency(request: HttpRequest) -> HttpResponse:
    year = request.GET.get("year", "")
    year_value = (
        int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else timezone.localdate().year
    )
    start, end = dt.date(year_value, 1, 1), dt.date(year_value, 12, 31)
    spread = selectors.consistency_spread(user=request.user, start=start, end=end)
    flagged = selectors.consistency_flagged(user=request.user, start=start, end=end)
    items = EnforcementItem.objects.in_bulk({s.item_id for s in spread})
    cases = {c.pk: c for c in selectors.cases_by_ids([f.case_id for f in flagged])}
    return render(
        request,
        "enforcement/consistency.html",
        {
            "year": year_value,
            "spread": [(s, items.get(s.item_id)) for s in spread],
            "flagged": [(f, cases.get(f.case_id)) for f in flagged],
            "min_peers": selectors.MIN_PEERS,
        },
    )


# --- notice-and-commitment --------------------------------------------------------------------


@login_required
def commitment_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in CommitmentStatus.values:
        status = ""
    page = Paginator(
        selectors.commitment_list(user=request.user, status=status), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "enforcement/commitment_list.html",
        {
            "page": page,
            "status": status,
            "statuses": CommitmentStatus.choices,
            "querystring": _querystring(request),
            "can_notify": scope_for(request.user).has_role(*CASE_ROLES),
        },
    )


@login_required
def commitment_notify(request: HttpRequest) -> HttpResponse:
    """告知: start notice-and-commitment for a matter on the exemption list."""
    if not scope_for(request.user).has_role(*CASE_ROLES):
        raise PermissionDenied
    form = forms.CommitmentNotifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        commitment = submit(
            form,
            lambda: services.commitment_notify(
                actor=request.user,
                organization=data["organization"],
                exemption=data["exemption"],
                party=services.Party(
                    data["party_type"], data["party_name"], data["party_id_number"]
                ),
                facts=data["facts"],
                violation_date=data["violation_date"],
                notice_on=data["notice_on"],
                correct_by=data["correct_by"],
            ),
        )
        if commitment is not None:
            messages.success(request, _("已告知承诺：%(party)s") % {"party": commitment.party_name})
            return redirect("enforcement:commitment_detail", pk=commitment.pk)
    return render(
        request,
        "enforcement/form.html",
        {"form": form, "title": _("轻微违法告知承诺")},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def commitment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = selectors.commitment_get(user=request.user, pk=pk)
    return render(
        request,
        "enforcement/commitment_detail.html",
        {"commitment": commitment, "events": core_selectors.domain_events_for(commitment)},
    )


@login_required
def commitment_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """The former address of a commitment step: the declared transition's generic view."""
    return transition_view(request, COMMITMENT.key, pk, step)
