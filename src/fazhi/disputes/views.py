"""Pages of people's mediation: case list and file, registration, transitions, ledger import
and statistics. Views parse input and call one service or selector."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import ApplicationError, ImportFailed, PermissionDenied
from fazhi.core.exports import xlsx_response
from fazhi.core.forms import apply_error
from fazhi.core.params import parse_year
from fazhi.core.scoping import scope_for
from fazhi.core.selectors import domain_events_for
from fazhi.disputes import forms, selectors, services
from fazhi.disputes.models import CaseStatus, DisputeKind, JudicialConfirmation, PartyRole
from fazhi.disputes.services import LEDGER_HEADERS, MEDIATION_ROLES, PartyInput

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
        return xlsx_response(
            filename="mediation-cases.xlsx",
            title=_("调解案件"),
            headers=[
                _("案号"),
                _("调解委员会"),
                _("纠纷类型"),
                _("来源"),
                _("登记日期"),
                _("状态"),
                _("调解结果"),
                _("结案日期"),
            ],
            rows=(
                [
                    c.case_no,
                    c.organization.name,
                    c.get_kind_display(),
                    c.get_source_display(),
                    c.registered_on,
                    c.get_status_display(),
                    c.get_outcome_display(),
                    c.concluded_on,
                ]
                for c in cases[:20000]
            ),
        )
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
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
        },
    )


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


# Each transition: its form, and how the form's data become the service call.
def _start(user, case, data):
    return services.mediation_case_start(
        actor=user, case=case, on=data["on"], mediator=data["mediator"]
    )


def _conclude(user, case, data):
    return services.mediation_case_conclude(
        actor=user,
        case=case,
        on=data["on"],
        outcome=data["outcome"],
        next_channel=data["next_channel"],
        agreement_effective_on=data["agreement_effective_on"],
    )


def _confirmation_apply(user, case, data):
    return services.mediation_confirmation_apply(
        actor=user, case=case, on=data["on"], court=data["court"]
    )


def _confirmation_decide(user, case, data):
    confirmation = JudicialConfirmation.objects.get(case=case)
    return services.mediation_confirmation_decide(
        actor=user, confirmation=confirmation, on=data["on"], result=data["result"]
    )


def _follow_up(user, case, data):
    return services.mediation_follow_up_record(
        actor=user, case=case, on=data["on"], note=data["note"], performed=data["performed"]
    )


ACTIONS = {
    "start": (_("开始调解"), forms.StartForm, _start),
    "conclude": (_("结案"), forms.ConcludeForm, _conclude),
    "confirmation_apply": (_("申请司法确认"), forms.ConfirmationApplyForm, _confirmation_apply),
    "confirmation_decide": (
        _("登记司法确认结果"),
        forms.ConfirmationDecideForm,
        _confirmation_decide,
    ),
    "follow_up": (_("登记回访"), forms.FollowUpForm, _follow_up),
}


def _available_actions(case) -> list[str]:
    confirmation = JudicialConfirmation.objects.filter(case=case).first()
    available = []
    if case.can_start():
        available.append("start")
    if case.can_conclude():
        available.append("conclude")
    if case.can_apply_confirmation() and confirmation is None:
        available.append("confirmation_apply")
    if confirmation is not None and confirmation.can_decide():
        available.append("confirmation_decide")
    if case.can_follow_up():
        available.append("follow_up")
    return available


def _make_form(action: str, case, data=None):
    form_class = ACTIONS[action][1]
    if form_class is forms.StartForm:
        return form_class(data, case=case, prefix=action)
    return form_class(data, prefix=action)


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_get(user=request.user, pk=pk)
    can_change = scope_for(request.user).can_change(case.organization, MEDIATION_ROLES)
    actions = [
        (name, ACTIONS[name][0], _make_form(name, case))
        for name in (_available_actions(case) if can_change else [])
    ]
    return render(
        request,
        "disputes/case_detail.html",
        {
            "case": case,
            "parties": case.parties.all(),
            "confirmation": JudicialConfirmation.objects.filter(case=case).first(),
            "follow_ups": case.follow_ups.all(),
            "events": domain_events_for(case),
            "actions": actions,
        },
    )


@login_required
@require_POST
def case_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    case = selectors.case_get(user=request.user, pk=pk)
    if action not in ACTIONS:
        raise PermissionDenied(CoreErrorCode.INVALID, _("未知的操作。"))
    form = _make_form(action, case, request.POST)
    if form.is_valid():
        try:
            ACTIONS[action][2](request.user, case, form.cleaned_data)
        except ApplicationError as error:
            if error.status == 403:
                raise
            apply_error(form, error)
        else:
            messages.success(request, _("已保存：%(action)s。") % {"action": ACTIONS[action][0]})
            return redirect("disputes:case_detail", pk=case.pk)
    return render(
        request,
        "disputes/case_action.html",
        {"case": case, "form": form, "title": ACTIONS[action][0], "action": action},
        status=400,
    )


@login_required
def ledger_import(request: HttpRequest) -> HttpResponse:
    """Upload a ledger: every row is imported, or none, with each bad row listed."""
    _require_writer(request.user)
    form = forms.LedgerImportForm(request.POST or None, request.FILES or None)
    row_errors: list[dict] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.FAZHI_MAX_UPLOAD_BYTES:
            form.add_error("file", _("文件过大。"))
        else:
            try:
                count = services.mediation_cases_import_xlsx(actor=request.user, data=upload.read())
            except ImportFailed as error:
                row_errors = error.rows
                form.add_error(None, str(error.message))
            except ApplicationError as error:
                if error.status == 403:
                    raise
                apply_error(form, error)
            else:
                messages.success(request, _("已导入 %(count)s 件调解案件。") % {"count": count})
                return redirect("disputes:cases")
    return render(
        request,
        "disputes/ledger_import.html",
        {"form": form, "row_errors": row_errors, "headers": LEDGER_HEADERS},
        status=400 if row_errors or form.errors else 200,
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
                "2022-0001",
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
