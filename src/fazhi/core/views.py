"""Pages of the shared kernel: login, dashboard, organisations, people, deadlines, history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import history, indicators, selectors, services
from fazhi.core.auth import LOCKED_OUT_MESSAGE
from fazhi.core.calendar import due_date
from fazhi.core.domain.calendar import DayBasis
from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import ApplicationError, PermissionDenied
from fazhi.core.exports import xlsx_response
from fazhi.core.forms import apply_error, submit
from fazhi.core.models import LeaderLevel, Organization, OrganizationKind, Person
from fazhi.core.params import MAX_YEAR, MIN_YEAR, parse_year
from fazhi.core.requests import AuthenticatedHttpRequest
from fazhi.core.scoping import require_read, scope_for

PAGE_SIZE = 50


class LockoutAuthenticationForm(AuthenticationForm):
    """Says so when an account name is locked out; the backend (``core.auth``) enforces it and
    records failures for this page and the admin's login alike."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked_out": LOCKED_OUT_MESSAGE,
    }

    def clean(self):
        from django.conf import settings

        username = self.cleaned_data.get("username") or ""
        if username and services.login_locked_out(username):
            raise forms.ValidationError(
                self.error_messages["locked_out"],
                code="locked_out",
                params={"minutes": settings.FAZHI_LOGIN_LOCKOUT_MINUTES},
            )
        return super().clean()


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    authentication_form = LockoutAuthenticationForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "core/form.html"
    extra_context = {"title": gettext_lazy("修改密码")}

    def get_success_url(self) -> str:
        from django.urls import reverse

        return reverse("core:dashboard")

    def form_valid(self, form):
        from fazhi.core.auth import SESSION_EXPIRES, password_expires

        response = super().form_valid(form)
        expires = password_expires(form.user)
        self.request.session[SESSION_EXPIRES] = expires.isoformat() if expires else None
        messages.success(self.request, _("密码已修改。"))
        return response


def portal_index(request: HttpRequest) -> HttpResponse:
    """The public portal's front page: every public service the apps register."""
    from fazhi.core import navigation

    return render(request, "core/portal_index.html", {"entries": navigation.portal_entries()})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    scope = scope_for(request.user)
    context = {
        "today": today,
        "clock_counts": selectors.clock_counts(user=request.user, today=today),
        "due_clocks": selectors.clock_due_list(user=request.user, today=today, within_days=7)[:10],
        "organization_counts": [
            (OrganizationKind(kind).label, total)
            for kind, total in selectors.organization_counts(user=request.user).items()
        ],
        "person_count": selectors.person_list(user=request.user).count(),
        "officer_count": selectors.person_list(user=request.user, certified=True).count(),
        "notifications": selectors.notification_list(user=request.user, unread_only=True)[:5],
        "roles": sorted(scope.roles),
    }
    return render(request, "core/dashboard.html", context)


@login_required
def organization_browser(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    if kind and kind not in OrganizationKind.values:
        kind = ""
    context: dict[str, Any] = {"search": search, "kind": kind, "kinds": OrganizationKind.choices}
    if search or kind:
        page = Paginator(
            selectors.organization_list(user=request.user, search=search, kind=kind), PAGE_SIZE
        )
        context["page"] = page.get_page(request.GET.get("page"))
    else:
        context["roots"] = selectors.organization_roots(user=request.user)
    return render(request, "core/organization_browser.html", context)


@login_required
def organization_children(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx partial: one level of the tree."""
    organization = get_object_or_404(Organization, pk=pk)
    require_read(request.user, organization)
    children = selectors.organization_children(user=request.user, parent=organization)
    return render(
        request,
        "core/_organization_nodes.html",
        {"nodes": children[:500], "more": children.count() > 500},
    )


@login_required
def organization_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organization = get_object_or_404(Organization.objects.select_related("parent"), pk=pk)
    require_read(request.user, organization)
    context = {
        "organization": organization,
        "ancestors": selectors.organization_ancestors(organization),
        "children": selectors.organization_children(user=request.user, parent=organization)[:200],
        "people": selectors.person_list(user=request.user, organization=organization)[:20],
        "can_edit": scope_for(request.user).can_change(
            organization, services.ORGANIZATION_ADMIN_ROLES
        ),
    }
    return render(request, "core/organization_detail.html", context)


class OrganizationForm(forms.ModelForm):
    parent_code = forms.CharField(label=gettext_lazy("上级组织编码"), required=False)

    class Meta:
        model = Organization
        fields = [
            "code",
            "name",
            "short_name",
            "kind",
            "division_code",
            "is_street",
            "valid_from",
            "valid_to",
        ]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}),
            "valid_to": forms.DateInput(attrs={"type": "date"}),
        }

    def clean_parent_code(self):
        code = self.cleaned_data["parent_code"].strip()
        if not code:
            return None
        parent = Organization.objects.filter(code=code).first()
        if parent is None:
            raise forms.ValidationError(_("上级组织不存在。"))
        return parent


@login_required
def organization_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = OrganizationForm(
        request.POST or None, initial={"parent_code": request.GET.get("parent", "")}
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "parent_code"}
        organization = submit(
            form,
            lambda: services.organization_create(
                actor=request.user, parent=form.cleaned_data["parent_code"], **data
            ),
        )
        if organization is not None:
            messages.success(request, _("已创建：%(name)s") % {"name": organization.name})
            return redirect("core:organization_detail", pk=organization.pk)
    return render(request, "core/form.html", {"form": form, "title": _("新建组织")})


class OrganizationEditForm(OrganizationForm):
    class Meta(OrganizationForm.Meta):
        fields = [name for name in OrganizationForm.Meta.fields if name != "code"]


@login_required
def organization_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organization = get_object_or_404(Organization.objects.select_related("parent"), pk=pk)
    require_read(request.user, organization)
    initial = {"parent_code": organization.parent.code if organization.parent else ""}
    form = OrganizationEditForm(request.POST or None, instance=organization, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in OrganizationEditForm.Meta.fields}
        changes["parent"] = form.cleaned_data["parent_code"]
        saved = submit(
            form,
            lambda: services.organization_update(
                actor=request.user, organization=Organization.objects.get(pk=pk), **changes
            ),
        )
        if saved is not None:
            messages.success(request, _("已保存：%(name)s") % {"name": changes["name"]})
            return redirect("core:organization_detail", pk=pk)
    return render(request, "core/form.html", {"form": form, "title": _("编辑组织")})


class PersonForm(forms.ModelForm):
    organization_code = forms.CharField(label=gettext_lazy("单位编码"))

    class Meta:
        model = Person
        fields = [
            "name",
            "id_number",
            "post",
            "leader_level",
            "enforcement_certificate_number",
            "certificate_valid_until",
            "is_active",
        ]
        widgets = {"certificate_valid_until": forms.DateInput(attrs={"type": "date"})}

    def clean_organization_code(self):
        organization = Organization.objects.filter(
            code=self.cleaned_data["organization_code"].strip()
        ).first()
        if organization is None:
            raise forms.ValidationError(_("单位不存在。"))
        return organization

    def validate_unique(self):
        """Uniqueness is checked by the service, with its own messages."""


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    leader_level = request.GET.get("leader_level", "")
    if leader_level not in LeaderLevel.values:
        leader_level = ""
    certified = {"yes": True, "no": False}.get(request.GET.get("certified", ""))
    organization = None
    if request.GET.get("organization"):
        organization = Organization.objects.filter(code=request.GET["organization"]).first()
        if organization is not None:
            require_read(request.user, organization)
    people = selectors.person_list(
        user=request.user,
        search=search,
        organization=organization,
        certified=certified,
        leader_level=leader_level,
    )
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename="people.xlsx",
            title=_("人员名单"),
            headers=[
                _("姓名"),
                _("身份证号"),
                _("单位"),
                _("职务"),
                _("领导层级"),
                _("执法证号"),
                _("执法证有效期至"),
            ],
            rows=(
                [
                    p.name,
                    p.masked_id_number,
                    p.organization.name,
                    p.post,
                    p.get_leader_level_display(),
                    p.enforcement_certificate_number,
                    p.certificate_valid_until,
                ]
                for p in people.iterator(chunk_size=1000)
            ),
        )
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "search": search,
        "leader_level": leader_level,
        "certified": request.GET.get("certified", ""),
        "organization": organization,
        "leader_levels": LeaderLevel.choices,
        "querystring": query.urlencode(),
    }
    template = "core/_person_rows.html" if request.htmx else "core/person_list.html"  # type: ignore[attr-defined]  # django-htmx middleware
    return render(request, template, context)


class SheetImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Excel 文件（.xlsx）"))


def sheet_import_page(
    request: HttpRequest,
    *,
    roles: Sequence[str],
    service: Callable[..., int],
    title: str,
    headers: Sequence[str],
    template_url: str,
) -> HttpResponse:
    """The page of an all-or-nothing sheet import (people, organisations, an app's ledger).

    The request only checks the role and the upload and queues ``service`` (an
    ``@sheet_importer``): the worker imports every row or none, and the job's page shows the
    count or each bad row by row number and field (a big sheet outlasts any request)."""
    from fazhi.jobs.imports import import_enqueue

    if not scope_for(request.user).has_role(*roles):
        raise PermissionDenied(CoreErrorCode.FORBIDDEN_ROLE, _("您的角色无权执行此操作。"))
    form = SheetImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.FAZHI_MAX_UPLOAD_BYTES:
            form.add_error("file", _("文件过大。"))
        else:
            try:
                job = import_enqueue(
                    actor=request.user, service=service, data=upload.read(), title=title
                )
            except ApplicationError as error:
                if error.status == 403:
                    raise
                apply_error(form, error)
            else:
                return redirect("jobs:detail", pk=job.pk)
    return render(
        request,
        "core/sheet_import.html",
        {
            "form": form,
            "row_errors": [],
            "headers": headers,
            "title": title,
            "template_url": template_url,
        },
        status=400 if form.errors else 200,
    )


@login_required
def people_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    return sheet_import_page(
        request,
        roles=services.PEOPLE_ADMIN_ROLES,
        service=services.people_import_xlsx,
        title=_("批量导入人员"),
        headers=services.PEOPLE_SHEET_HEADERS,
        template_url="core:people_import_template",
    )


@login_required
def people_import_template(request: HttpRequest) -> HttpResponse:
    return xlsx_response(
        filename="people-template.xlsx",
        title=_("人员名单"),
        headers=services.PEOPLE_SHEET_HEADERS,
        rows=[["张三", "HN-D22", "", "科员", "非领导干部", "", ""]],
    )


@login_required
def organizations_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    return sheet_import_page(
        request,
        roles=services.ORGANIZATION_ADMIN_ROLES,
        service=services.organizations_import_sheet,
        title=_("批量导入组织"),
        headers=services.ORGANIZATION_SHEET_HEADERS,
        template_url="core:organizations_import_template",
    )


@login_required
def organizations_import_template(request: HttpRequest) -> HttpResponse:
    return xlsx_response(
        filename="organizations-template.xlsx",
        title=_("组织机构"),
        headers=services.ORGANIZATION_SHEET_HEADERS,
        rows=[["T09", "示例镇人民政府", "镇(街道)", "CITY", "", "示例镇", "否", "", ""]],
    )


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("organization"), pk=pk)
    require_read(request.user, person.organization)
    can_edit = scope_for(request.user).can_change(person.organization, services.PEOPLE_ADMIN_ROLES)
    return render(request, "core/person_detail.html", {"person": person, "can_edit": can_edit})


def _person_form_view(request: AuthenticatedHttpRequest, person: Person | None) -> HttpResponse:
    initial = {"organization_code": person.organization.code} if person else {}
    form = PersonForm(request.POST or None, instance=person, initial=initial)
    if person is not None and request.method != "POST":
        form.initial["id_number"] = ""  # never echo the full number back into a page
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in PersonForm.Meta.fields}
        if person is not None and not data["id_number"]:
            data.pop("id_number")  # blank means "unchanged" on edit
        organization = form.cleaned_data["organization_code"]

        def save() -> Person:
            if person is None:
                name = data.pop("name")
                return services.person_create(
                    actor=request.user, organization=organization, name=name, **data
                )
            return services.person_update(
                actor=request.user, person=person, organization=organization, **data
            )

        saved = submit(form, save)
        if saved is not None:
            messages.success(request, _("已保存：%(name)s") % {"name": saved.name})
            return redirect("core:person_detail", pk=saved.pk)
    title = _("编辑人员") if person else _("新增人员")
    return render(request, "core/form.html", {"form": form, "title": title})


@login_required
def person_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _person_form_view(request, None)


@login_required
def person_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("organization"), pk=pk)
    require_read(request.user, person.organization)
    return _person_form_view(request, person)


@login_required
def record_history(request: HttpRequest, model: str, pk: int) -> HttpResponse:
    entry = history.subject(model)
    instance = get_object_or_404(entry.model, pk=pk)
    require_read(request.user, entry.organization_of(instance))
    return render(
        request,
        "core/history.html",
        {
            "instance": instance,
            # Times shown in Beijing time, the kinds in Chinese (the API keeps ISO and codes).
            "changes": [
                {**change, "at": dt.datetime.fromisoformat(change["at"])}
                for change in history.changes(instance)
            ],
            "events": selectors.domain_events_for(instance),
        },
    )


@login_required
def deadline_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    within = request.GET.get("within", "7")
    within_days = int(within) if within.isdigit() and int(within) <= 366 else 7
    clocks = selectors.clock_due_list(user=request.user, today=today, within_days=within_days)
    page = Paginator(clocks, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "core/deadline_list.html", {"page": page, "today": today, "within": within_days}
    )


@login_required
def clock_explain(request: HttpRequest, pk: int) -> HttpResponse:
    from fazhi.core.models import Clock

    clock = get_object_or_404(Clock.objects.select_related("organization"), pk=pk)
    require_read(request.user, clock.organization)
    explanation = services.clock_explanation(clock)
    # The article of the rule version the clock runs under (each version has its own type).
    from fazhi.core import deadlines

    return render(
        request,
        "core/_explanation.html",
        {
            "lines": explanation.lines(),
            "due": explanation.due,
            "clock_type": deadlines.get(clock.clock_type),
        },
    )


class DeadlineForm(forms.Form):
    start = forms.DateField(
        label=gettext_lazy("起算日"), widget=forms.DateInput(attrs={"type": "date"})
    )
    length = forms.IntegerField(label=gettext_lazy("期限天数"), min_value=0, max_value=3650)
    basis = forms.ChoiceField(
        label=gettext_lazy("计算方式"),
        choices=[
            (DayBasis.WORKING, gettext_lazy("工作日")),
            (DayBasis.CALENDAR, gettext_lazy("自然日")),
        ],
    )

    def clean_start(self):
        start = self.cleaned_data["start"]
        if not MIN_YEAR <= start.year <= MAX_YEAR:
            raise forms.ValidationError(
                _("起算日须在 %(min)s—%(max)s 年之间。") % {"min": MIN_YEAR, "max": MAX_YEAR}
            )
        return start


@login_required
def deadline_calculator(request: HttpRequest) -> HttpResponse:
    form = DeadlineForm(request.GET or None)
    result = None
    if request.GET and form.is_valid():
        result = due_date(
            start=form.cleaned_data["start"],
            length=form.cleaned_data["length"],
            basis=form.cleaned_data["basis"],
        )
    return render(request, "core/deadline_calculator.html", {"form": form, "result": result})


@login_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    organization = None
    if not scope.reads_all:
        person = getattr(request.user, "person", None)
        organization = person.organization if person else None
        if organization is None:
            raise Http404
    items = indicators.all_indicators()
    requested = parse_year(request.GET.get("year", ""))
    if requested is not None:
        year = requested
        values = [indicators.evaluate(item, year, organization) for item in items]
    else:
        # Open on the latest year with data (this year back to eight years ago).
        this_year = timezone.localdate().year
        for year in range(this_year, this_year - 9, -1):
            values = [indicators.evaluate(item, year, organization) for item in items]
            if any(value.value for value in values if value.indicator.app != "core"):
                break
        else:
            year = this_year - 1
            values = [indicators.evaluate(item, year, organization) for item in items]
    return render(
        request,
        "core/indicators.html",
        {"areas": _indicator_areas(values), "year": year, "organization": organization},
    )


def _indicator_areas(values: list) -> list[tuple[str, list]]:
    """Indicators grouped by area (the app's menu title in Chinese), in menu order."""
    from fazhi.core import navigation

    sections = navigation.sections()
    titles = {section.key: str(section.title) for section in sections}
    order = {section.key: index for index, section in enumerate(sections)}
    groups: dict[str, list] = {}
    for value in values:
        groups.setdefault(value.indicator.app, []).append(value)
    keys = sorted(groups, key=lambda key: (order.get(key, len(order)), key))
    return [
        (titles.get(key, _("基础数据") if key == "core" else _("其他")), groups[key])
        for key in keys
    ]


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notification_list(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "core/notifications.html", {"page": page})


@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Open a notification from the inbox: read from now on (the header's count drops), then
    the page it points to (on this site only)."""
    try:
        notification = services.notification_open(user=request.user, notification_id=pk)
    except ApplicationError:
        return redirect("core:notifications")
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("core:notifications")


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = services.notification_mark_all_read(user=request.user)
    messages.success(request, _("已将 %(count)d 条通知标为已读。") % {"count": count})
    return redirect("core:notifications")


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    services.notification_mark_read(user=request.user, notification_id=pk)
    return redirect(request.POST.get("next") or "core:notifications")
