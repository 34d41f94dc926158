"""The citizen's account on the portal: log in, register, and 我的办件 (every application the
citizen made, in every app, with its status and the notices served; and their inbox)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core import selectors, services
from fazhi.core.citizen import applications_of, is_citizen
from fazhi.core.errors import ApplicationError
from fazhi.core.forms import apply_error
from fazhi.core.ratelimit import over_limit
from fazhi.core.views import LockoutAuthenticationForm

PORTAL_LOGIN = "core:portal_login"


class PortalLoginView(auth_views.LoginView):
    """The same login (and lock-out) as staff; citizens land in 我的办件, staff on the
    workbench."""

    template_name = "core/portal_login.html"
    authentication_form = LockoutAuthenticationForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        if is_citizen(self.request.user):
            return reverse("core:portal_me")
        return reverse("core:dashboard")


class RegisterForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("用户名"), max_length=150)
    display_name = forms.CharField(label=gettext_lazy("姓名"), max_length=150)
    email = forms.EmailField(
        label=gettext_lazy("电子邮箱（选填，用于接收办理通知）"), required=False
    )
    password = forms.CharField(label=gettext_lazy("密码"), widget=forms.PasswordInput)
    password_again = forms.CharField(label=gettext_lazy("再次输入密码"), widget=forms.PasswordInput)

    def clean(self):
        data = super().clean() or {}
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("两次输入的密码不一致。"))
        return data


def register(request: HttpRequest) -> HttpResponse:
    """Open a portal account (limited per address like every public form)."""
    if request.user.is_authenticated:
        return redirect("core:portal_me")
    form = RegisterForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if over_limit(request, "core:register"):
            form.add_error(None, _("提交过于频繁，请稍后再试。"))
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                user = services.citizen_register(
                    username=data["username"],
                    password=data["password"],
                    display_name=data["display_name"],
                    email=data["email"],
                )
            except ApplicationError as error:
                apply_error(form, error)
            else:
                login(request, user, backend="fazhi.core.auth.LockoutModelBackend")
                messages.success(request, _("账号已注册，欢迎使用。"))
                return redirect("core:portal_me")
        if form.errors and status == 200:
            status = 400
    return render(
        request,
        "core/portal_form.html",
        {"form": form, "title": _("注册公众账号"), "submit": _("注册")},
        status=status,
    )


@login_required(login_url=PORTAL_LOGIN)
def me(request: HttpRequest) -> HttpResponse:
    """我的办件: the user's own applications across apps, and their notifications."""
    return render(
        request,
        "core/portal_me.html",
        {
            "applications": applications_of(request.user),
            "notifications": selectors.notification_list(user=request.user)[:30],
            "unread": selectors.notification_list(user=request.user, unread_only=True).count(),
        },
    )


@login_required(login_url=PORTAL_LOGIN)
@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Open one of the user's notifications: marked read, then its page (on this site only)."""
    notification = selectors.notification_list(user=request.user).filter(pk=pk).first()
    if notification is None:
        return redirect("core:portal_me")
    services.notification_mark_read(user=request.user, notification_id=pk)
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("core:portal_me")
