"""Pages of people's mediation: case list and file, registration, transitions, ledger import
and statistics. Views parse input and call one service or selector."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import ApplicationError, PermissionDenied
from fazhi.core.exports import xlsx_response
from fazhi.core.forms import apply_error, submit
from fazhi.core.listing import ledger_page
from fazhi.core.params import parse_year
from fazhi.core.scoping import scope_for
from fazhi.core.selectors import domain_events_for
from fazhi.core.views import sheet_import_page
from fazhi.disputes import forms, selectors, services
from fazhi.disputes.jobs import ledger_export
from fazhi.disputes.models import CaseStatus, DisputeKind, JudicialConfirmation, PartyRole
from fazhi.disputes.services import LEDGER_HEADERS, MEDIATION_ROLES, PartyInput
from fazhi.jobs.services import job_enqueue

PAGE_SIZE = 50


def _require_writer(user) -> None:
    if not scope_for(user).has_role(*MEDIATION_ROLES, "administrator"):
        raise PermissionDenied(CoreErrorCode.FORBIDDEN_ROLE, _("您的角色无权执行此操作。"))


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    status = status if status in CaseStatus.values else ""
    kind = request.GET.get("kind", "")
    kind = kind if kind in DisputeKind.values else ""
    cases = selectors.case_list(user=request.user, search=search, status=status, kind=kind)
    if request.GET.get("export") == "xlsx":
        # Thousands of rows take seconds: the worker builds the file, the user follows it.
        job = job_enqueue(
            actor=request.user,
            runner=ledger_export,
            title=_("调解案件"),
            params={"search": search, "status": status, "kind": kind},
        )
        return redirect("jobs:detail", pk=job.pk)
    page = ledger_page(request, cases, PAGE_SIZE)
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return render(
        request,
        "disputes/case_list.html",
        {
            "page": page,
            "search": search,
            "status": status,
            "kind": kind,
            "statuses": CaseStatus.choices,
            "kinds": DisputeKind.choices,
            "querystring": querystring.urlencode(),
            "can_set_up_committee": scope_for(request.user).has_role(
                *services.COMMITTEE_SETUP_ROLES
            ),
        },
    )


@login_required
def committee_create(request: HttpRequest) -> HttpResponse:
    """The justice bureau sets up a people's mediation committee under its establishing body."""
    if not scope_for(request.user).has_role(*services.COMMITTEE_SETUP_ROLES):
        raise PermissionDenied(CoreErrorCode.FORBIDDEN_ROLE, _("您的角色无权执行此操作。"))
    parents = selectors.committee_parent_choices(user=request.user)
    form = forms.CommitteeCreateForm(request.POST or None, parents=parents)
    if request.method == "POST" and form.is_valid():
        committee = submit(
            form,
            lambda: services.mediation_committee_create(actor=request.user, **form.cleaned_data),
        )
        if committee is not None:
            messages.success(request, _("已设立调解委员会：%(name)s。") % {"name": committee.name})
            return redirect("disputes:case_create")
    return render(request, "core/form.html", {"form": form, "title": _("设立人民调解委员会")})


@login_required
def case_create(request: HttpRequest) -> HttpResponse:
    _require_writer(request.user)
    committees = selectors.committee_list(user=request.user)
    form = forms.CaseRegisterForm(request.POST or None, committees=committees)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.mediation_case_register(
                actor=request.user,
                committee=data["committee"],
                case_no=data["case_no"],
                kind=data["kind"],
                source=data["source"],
                registered_on=data["registered_on"],
                parties=[
                    PartyInput(
                        PartyRole.APPLICANT, data["applicant_name"], data["applicant_id_number"]
                    ),
                    PartyInput(
                        PartyRole.RESPONDENT, data["respondent_name"], data["respondent_id_number"]
                    ),
                ],
                amount=data["amount"],
                summary=data["summary"],
            )
        except ApplicationError as error:
            if error.status == 403:
                raise
            apply_error(form, error)
        else:
            messages.success(request, _("已登记调解案件。"))
            return redirect("disputes:case_detail", pk=case.pk)
    return render(request, "core/form.html", {"form": form, "title": _("登记调解案件")})


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_get(user=request.user, pk=pk)
    return render(
        request,
        "disputes/case_detail.html",
        {
            "case": case,
            "parties": case.parties.all(),
            # An online application is addressed to the committee: its own mediators see what
            # the applicant submitted in full (other cases keep names masked on screen).
            "unmask": bool(case.applicant_user_id)
            and scope_for(request.user).can_change(case.organization, MEDIATION_ROLES),
            "confirmation": JudicialConfirmation.objects.filter(case=case).first(),
            "follow_ups": case.follow_ups.all(),
            "events": domain_events_for(case),
        },
    )


@login_required
def ledger_import(request: HttpRequest) -> HttpResponse:
    """Upload a ledger: every row is imported, or none, with each bad row listed."""
    return sheet_import_page(
        request,
        roles=(*MEDIATION_ROLES, "administrator"),
        service=services.mediation_cases_import_xlsx,
        title=_("导入调解台账"),
        headers=LEDGER_HEADERS,
        template_url="disputes:ledger_template",
    )


@login_required
def ledger_template(request: HttpRequest) -> HttpResponse:
    return xlsx_response(
        filename="mediation-ledger-template.xlsx",
        title=_("调解台账"),
        headers=LEDGER_HEADERS,
        rows=[
            [
                "HN-T05-MC",
                services.EXAMPLE_CASE_NO,  # skipped by the import: fill in rows below it
                "邻里纠纷",
                "当事人申请",
                "2022-03-01",
                "2022-03-05",
                "调解成功（书面协议）",
                "张三",
                "李某",
                "",
                "王某",
                "",
                5000,
                "",
                "相邻通行纠纷",
            ]
        ],
    )


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    year = parse_year(request.GET.get("year"), default=timezone.localdate().year - 1)
    scope = scope_for(request.user)
    # Users who read everything see the whole city; others see their own subtrees' cases via
    # the scoped case list, so the statistics take the same scope.
    visible = None if scope.reads_all else selectors.case_list(user=request.user)
    by_kind = selectors.statistics_by_kind(year=year, scope=None, cases=visible)
    by_committee = selectors.statistics_by_committee(year=year, scope=None, cases=visible)
    by_town = selectors.statistics_by_town(year=year, scope=None, cases=visible)
    kinds = dict(DisputeKind.choices)
    for row in by_kind:
        row["label"] = kinds.get(row["kind"], row["kind"])
    return render(
        request,
        "disputes/statistics.html",
        {"year": year, "by_kind": by_kind, "by_committee": by_committee, "by_town": by_town},
    )
