"""Staff pages for accounts, role assignments and the official calendar's overrides (the
Django admin stays for developers). Every step calls a core service; the API mirrors them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import services
from fazhi.core.forms import submit
from fazhi.core.models import CalendarDay, Organization, Role, RoleAssignment
from fazhi.core.requests import AuthenticatedHttpRequest
from fazhi.core.scoping import require_role

User = get_user_model()
PAGE_SIZE = 50
DATE = forms.DateInput(attrs={"type": "date"})


class UserForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("用户名"), max_length=150)
    display_name = forms.CharField(label=gettext_lazy("姓名"), max_length=150, required=False)
    email = forms.EmailField(label=gettext_lazy("电子邮箱（用于接收待办提醒）"), required=False)
    password = forms.CharField(
        label=gettext_lazy("初始密码"),
        widget=forms.PasswordInput,
        help_text=gettext_lazy("至少10位，含大写字母、小写字母、数字、符号中的三类。"),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("角色"), choices=[("", "请选择"), *Role.choices])
    organization = forms.ModelChoiceField(
        label=gettext_lazy("单位（含下级）"),
        queryset=Organization.objects.exclude(kind="village_group").order_by("path"),
        empty_label="请选择",
    )


class CalendarDayForm(forms.Form):
    date = forms.DateField(label=gettext_lazy("日期"), widget=DATE)
    is_workday = forms.TypedChoiceField(
        label=gettext_lazy("该日为"),
        choices=[
            ("0", gettext_lazy("休息日（节假日）")),
            ("1", gettext_lazy("工作日（调休上班）")),
        ],
        coerce=lambda value: value == "1",
    )
    name = forms.CharField(label=gettext_lazy("说明"), max_length=60, required=False)
    source = forms.CharField(label=gettext_lazy("依据"), max_length=200)


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    require_role(request.user, Role.ADMINISTRATOR)
    search = request.GET.get("q", "").strip()
    users = User.objects.order_by("username").prefetch_related("role_assignments__organization")
    if search:
        users = users.filter(Q(username__icontains=search) | Q(first_name__icontains=search))
    page = Paginator(users, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "core/user_list.html",
        {"page": page, "search": search, "roles": dict(Role.choices)},
    )


@login_required
def user_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_role(request.user, Role.ADMINISTRATOR)
    form = UserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = submit(form, lambda: services.user_register(actor=request.user, **form.cleaned_data))
        if user is not None:
            messages.success(request, _("已创建账号 %(name)s，请为其授予角色。") % {"name": user})
            return redirect("core:user_detail", pk=user.pk)
    return render(request, "core/form.html", {"form": form, "title": _("新建账号")})


@login_required
def user_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require_role(request.user, Role.ADMINISTRATOR)
    account = get_object_or_404(User, pk=pk)
    form = RoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = submit(
            form,
            lambda: services.role_assign(
                actor=request.user,
                user=account,
                role=form.cleaned_data["role"],
                organization=form.cleaned_data["organization"],
            ),
        )
        if done is not None:
            messages.success(request, _("已授予角色。"))
            return redirect("core:user_detail", pk=account.pk)
    context: dict[str, Any] = {
        "account": account,
        "assignments": account.role_assignments.select_related("organization"),
        "form": form,
    }
    return render(request, "core/user_detail.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def role_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(RoleAssignment, pk=pk)
    services.role_revoke(actor=request.user, assignment=assignment)
    messages.success(request, _("已撤销角色。"))
    return redirect("core:user_detail", pk=assignment.user_id)


@login_required
@require_POST
def user_set_active(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(User, pk=pk)
    active = request.POST.get("active") == "1"
    services.user_set_active(actor=request.user, user=account, active=active)
    messages.success(request, _("账号已启用。") if active else _("账号已停用。"))
    return redirect("core:user_detail", pk=account.pk)


@login_required
def calendar_days(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_role(request.user, Role.ADMINISTRATOR, Role.JUSTICE_LEGAL_OFFICER)
    form = CalendarDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        day = submit(
            form, lambda: services.calendar_day_set(actor=request.user, **form.cleaned_data)
        )
        if day is not None:
            messages.success(request, _("已登记 %(day)s，相关期限已重新计算。") % {"day": day.date})
            return redirect("core:calendar_days")
    page = Paginator(CalendarDay.objects.order_by("-date"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "core/calendar_days.html",
        {"form": form, "page": page},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def calendar_day_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    day = get_object_or_404(CalendarDay, pk=pk)
    services.calendar_day_remove(actor=request.user, day=day)
    messages.success(request, _("已撤销该日调整，相关期限已重新计算。"))
    return redirect("core:calendar_days")
