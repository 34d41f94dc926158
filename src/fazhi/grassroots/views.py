"""Staff pages of grassroots rule of law: registries (with import), coverage, town committees,
"1+N" teams and democratic rule-of-law villages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fazhi.core.errors import ApplicationError
from fazhi.core.exports import xlsx_response
from fazhi.core.forms import apply_error
from fazhi.core.ledgers import (
    Column,
    Filter,
    choice,
    create_page,
    ledger,
    record_page,
    require_staff,
    search_term,
)
from fazhi.grassroots import forms, selectors, services
from fazhi.grassroots.models import RegistrationStatus, RegistryKind, VillageLevel
from fazhi.grassroots.selectors import NATIONAL_TARGET_PER_VILLAGE
from fazhi.jobs.imports import import_enqueue


def _village_of(registration) -> str:
    org = registration.organization
    if org.kind == "village_group":
        return f"{org.parent.parent.name} {org.parent.name} {org.name}"
    return f"{org.parent.name} {org.name}"


@login_required
def registration_list(request: HttpRequest) -> HttpResponse:
    require_staff(request)
    search = search_term(request)
    kind = choice(request, "kind", RegistryKind.values)
    status = choice(request, "status", RegistrationStatus.values)
    return ledger(
        request,
        rows=selectors.registration_list(
            user=request.user, search=search, kind=kind, status=status
        ),
        title=_("法律明白人、法治带头人和学法用法示范户"),
        filename="grassroots-registrations.xlsx",
        search=search,
        search_hint=_("姓名、村民小组"),
        filters=[
            Filter("kind", _("类别"), RegistryKind.choices, kind),
            Filter("status", _("状态"), RegistrationStatus.choices, status),
        ],
        actions=[
            (_("登记"), "/grassroots/registrations/new/"),
            (_("导入名册"), "/grassroots/registrations/import/"),
        ],
        columns=[
            Column(
                _("姓名"), lambda r: r.person.name, lambda r: f"/grassroots/registrations/{r.pk}/"
            ),
            Column(_("类别"), lambda r: r.get_kind_display()),
            Column(_("所在村（组）"), _village_of),
            Column(_("人选来源"), lambda r: r.get_pool_display()),
            Column(_("选任日期"), lambda r: r.selected_on),
            Column(_("培训学时"), lambda r: r.training_hours),
            Column(_("参与化解纠纷"), lambda r: r.disputes_helped),
            Column(_("开展普法宣讲"), lambda r: r.sessions_given),
            Column(_("状态"), lambda r: r.get_status_display()),
        ],
    )


@login_required
def registration_create(request: HttpRequest) -> HttpResponse:
    form = forms.RegistrationForm(request.POST or None)
    return create_page(
        request,
        form,
        lambda data: services.registration_create(actor=request.user, **data),
        _("登记法律明白人等"),
        lambda r: f"/grassroots/registrations/{r.pk}/",
    )


@login_required
def registration_import(request: HttpRequest) -> HttpResponse:
    """A roster sheet: every row is checked; one bad row refuses the whole sheet."""
    require_staff(request)
    form = forms.RegistrationImportForm(request.POST or None, request.FILES or None)
    rows: list[dict] = []
    if request.method == "POST" and form.is_valid():
        try:  # the worker imports the roster, all or nothing (not inside this request)
            job = import_enqueue(
                actor=request.user,
                service=services.registrations_import,
                title=_("导入名册"),
                **forms.read_upload(form.cleaned_data, request.FILES),
            )
        except ApplicationError as error:
            if error.status == 403:
                raise
            apply_error(form, error)
        else:
            return redirect("jobs:detail", pk=job.pk)
    if request.GET.get("template") == "xlsx":
        return xlsx_response(
            filename="grassroots-template.xlsx",
            title=_("名册"),
            headers=list(services.IMPORT_HEADERS),
            rows=[],
        )
    return render(
        request,
        "grassroots/import.html",
        {"form": form, "rows": rows, "title": _("导入名册")},
        status=400 if form.errors else 200,
    )


@login_required
def registration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    r = selectors.registration_get(user=request.user, pk=pk)
    facts = [
        (_("状态"), r.get_status_display()),
        (_("姓名"), r.person.name),
        (_("类别"), r.get_kind_display()),
        (_("所在村（组）"), _village_of(r)),
        (_("人选来源"), r.get_pool_display()),
        (_("选任日期"), r.selected_on),
        (_("培训学时"), r.training_hours),
        (_("参与化解纠纷"), r.disputes_helped),
        (_("开展普法宣讲"), r.sessions_given),
        (_("退出日期"), r.withdrawn_on),
        (_("退出原因"), r.withdrawal_reason),
    ]
    return record_page(
        request,
        "grassroots/detail.html",
        r,
        str(r),
        facts,
        "grassroots.registration",
        "grassroots.registration",
    )


@login_required
def coverage(request: HttpRequest) -> HttpResponse:
    """法律明白人 by town and village against both targets; groups without one listed."""
    require_staff(request)
    towns = selectors.coverage(user=request.user)
    uncovered = selectors.uncovered_groups(user=request.user)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename="legal-literate-coverage.xlsx",
            title=_("法律明白人覆盖"),
            headers=[
                _("镇(街道)"),
                _("行政村"),
                _("法律明白人"),
                _("村民小组"),
                _("已覆盖村民小组"),
                _("达到每村3名"),
            ],
            rows=(
                [r.town, r.village, r.literates, r.groups, r.groups_covered, r.meets_national]
                for t in towns
                for r in t.rows
            ),
        )
    totals = {
        "villages": sum(t.villages for t in towns),
        "meeting": sum(t.villages_meeting_national for t in towns),
        "groups": sum(t.groups for t in towns),
        "covered": sum(t.groups_covered for t in towns),
        "literates": sum(t.literates for t in towns),
    }
    return render(
        request,
        "grassroots/coverage.html",
        {
            "towns": towns,
            "totals": totals,
            "uncovered": uncovered[:500],
            "uncovered_count": uncovered.count(),
            "target": NATIONAL_TARGET_PER_VILLAGE,
        },
    )


@login_required
def committee_list(request: HttpRequest) -> HttpResponse:
    require_staff(request)
    search = search_term(request)
    return ledger(
        request,
        rows=selectors.committee_list(user=request.user, search=search),
        title=_("依法治镇(街道)委员会"),
        filename="town-committees.xlsx",
        search=search,
        search_hint=_("名称、镇(街道)"),
        actions=[(_("登记委员会"), "/grassroots/committees/new/")],
        columns=[
            Column(_("名称"), lambda c: c.name, lambda c: f"/grassroots/committees/{c.pk}/"),
            Column(_("镇(街道)"), lambda c: c.town.name),
            Column(_("成立日期"), lambda c: c.established_on),
            Column(_("成立文件"), lambda c: c.document_ref),
            Column(_("成员"), lambda c: c.member_count),
            Column(_("会议"), lambda c: c.meeting_count),
            Column(_("状态"), lambda c: c.get_status_display()),
        ],
    )


@login_required
def committee_create(request: HttpRequest) -> HttpResponse:
    form = forms.CommitteeForm(request.POST or None)
    return create_page(
        request,
        form,
        lambda data: services.committee_create(actor=request.user, **data),
        _("登记依法治镇(街道)委员会"),
        lambda c: f"/grassroots/committees/{c.pk}/",
    )


@login_required
def committee_detail(request: HttpRequest, pk: int) -> HttpResponse:
    c = selectors.committee_get(user=request.user, pk=pk)
    facts = [
        (_("状态"), c.get_status_display()),
        (_("镇(街道)"), c.town.name),
        (_("成立日期"), c.established_on),
        (_("成立文件"), c.document_ref),
        (_("撤销日期"), c.dissolved_on),
    ]
    return record_page(
        request,
        "grassroots/detail.html",
        c,
        c.name,
        facts,
        "grassroots.committee",
        "grassroots.towncommittee",
        members=c.members.all(),
        meetings=c.meetings.all(),
    )


@login_required
def team_list(request: HttpRequest) -> HttpResponse:
    require_staff(request)
    search = search_term(request)
    return ledger(
        request,
        rows=selectors.team_list(user=request.user, search=search),
        title=_("“1+N”专兼职法治员队伍"),
        filename="legal-teams.xlsx",
        search=search,
        search_hint=_("镇(街道)"),
        actions=[(_("登记队伍"), "/grassroots/teams/new/")],
        columns=[
            Column(_("镇(街道)"), lambda t: t.town.name, lambda t: f"/grassroots/teams/{t.pk}/"),
            Column(_("组建日期"), lambda t: t.established_on),
            Column(_("专职法治员"), lambda t: t.full_time),
            Column(_("兼职法治员"), lambda t: t.part_time),
        ],
    )


@login_required
def team_create(request: HttpRequest) -> HttpResponse:
    form = forms.TeamForm(request.POST or None)
    return create_page(
        request,
        form,
        lambda data: services.team_create(actor=request.user, **data),
        _("登记“1+N”法治员队伍"),
        lambda t: f"/grassroots/teams/{t.pk}/",
    )


@login_required
def team_detail(request: HttpRequest, pk: int) -> HttpResponse:
    t = selectors.team_get(user=request.user, pk=pk)
    facts = [
        (_("镇(街道)"), t.town.name),
        (_("组建日期"), t.established_on),
        (_("专职法治员"), t.full_time),
        (_("兼职法治员"), t.part_time),
    ]
    return record_page(
        request,
        "grassroots/detail.html",
        t,
        str(t),
        facts,
        "grassroots.team",
        "grassroots.legalteam",
        team_members=t.members.all(),
    )


@login_required
def village_list(request: HttpRequest) -> HttpResponse:
    require_staff(request)
    search = search_term(request)
    level = choice(request, "level", VillageLevel.values)
    return ledger(
        request,
        rows=selectors.village_list(user=request.user, search=search, level=level),
        title=_("民主法治村"),
        filename="democratic-villages.xlsx",
        search=search,
        search_hint=_("村名"),
        filters=[Filter("level", _("命名层级"), VillageLevel.choices, level)],
        actions=[(_("登记命名"), "/grassroots/villages/new/")],
        columns=[
            Column(
                _("行政村"), lambda v: v.village.name, lambda v: f"/grassroots/villages/{v.pk}/"
            ),
            Column(_("镇(街道)"), lambda v: v.village.parent.name),
            Column(_("命名层级"), lambda v: v.get_level_display()),
            Column(_("命名日期"), lambda v: v.recognised_on),
            Column(_("命名文件"), lambda v: v.document_ref),
            Column(_("状态"), lambda v: v.get_status_display()),
        ],
    )


@login_required
def village_create(request: HttpRequest) -> HttpResponse:
    form = forms.VillageForm(request.POST or None)
    return create_page(
        request,
        form,
        lambda data: services.village_recognise(actor=request.user, **data),
        _("登记民主法治村命名"),
        lambda v: f"/grassroots/villages/{v.pk}/",
    )


@login_required
def village_detail(request: HttpRequest, pk: int) -> HttpResponse:
    v = selectors.village_get(user=request.user, pk=pk)
    facts = [
        (_("状态"), v.get_status_display()),
        (_("行政村"), f"{v.village.parent.name} {v.village.name}"),
        (_("命名层级"), v.get_level_display()),
        (_("命名日期"), v.recognised_on),
        (_("命名文件"), v.document_ref),
        (_("撤销日期"), v.revoked_on),
        (_("撤销原因"), v.revocation_reason),
    ]
    return record_page(
        request,
        "grassroots/detail.html",
        v,
        str(v),
        facts,
        "grassroots.village",
        "grassroots.democraticvillage",
    )
