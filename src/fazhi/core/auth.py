"""Logging in: one lock-out for every login path, password rules and password age.

Lock-out lives in the authentication backend, not in a form, so the staff login page, the
Django admin's login and anything else that calls ``authenticate`` share it: a locked-out
account name is refused before its password is checked (``PermissionDenied`` stops the backend
chain), and every failure is recorded through Django's ``user_login_failed`` signal.

Passwords follow the rules commonly applied to 等保 2.0 level 3 systems: at least
``FAZHI_PASSWORD_MIN_LENGTH`` characters (default 10) from at least three of upper case, lower
case, digits and symbols; they expire after ``FAZHI_PASSWORD_MAX_AGE_DAYS`` (default 90; 0 turns
expiry off), after which every page sends the user to change it.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied, ValidationError
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

SESSION_EXPIRES = "fazhi_password_expires"
# The login pages' (staff, portal, admin) message for a locked-out account name.
LOCKED_OUT_MESSAGE = gettext_lazy("登录失败次数过多，账号已暂时锁定，请%(minutes)s分钟后再试。")


class LockoutModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        from fazhi.core import services

        name = username or kwargs.get(get_user_model().USERNAME_FIELD)
        if name and services.login_locked_out(str(name)):
            raise PermissionDenied("locked out")
        return super().authenticate(request, username=username, password=password, **kwargs)


@receiver(user_login_failed, dispatch_uid="fazhi.core.auth.failed")
def _record_failure(sender, credentials, request=None, **kwargs) -> None:
    from fazhi.core import services

    username = credentials.get("username") or credentials.get(get_user_model().USERNAME_FIELD)
    if username:
        address = request.META.get("REMOTE_ADDR") if request is not None else None
        services.login_failure_record(username=str(username), ip_address=address or None)


@receiver(user_logged_in, dispatch_uid="fazhi.core.auth.logged_in")
def _logged_in(sender, request, user, **kwargs) -> None:
    from fazhi.core import services

    services.login_success_record(username=user.get_username())
    if request is not None and hasattr(request, "session"):
        expires = password_expires(user)
        request.session[SESSION_EXPIRES] = expires.isoformat() if expires else None


# --------------------------------------------------------------------------- password rules


class ComplexityValidator:
    """At least ``min_classes`` of: upper case, lower case, digits, other characters."""

    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    @staticmethod
    def _classes(password: str) -> int:
        return sum(
            (
                any(c.isupper() for c in password),
                any(c.islower() for c in password),
                any(c.isdigit() for c in password),
                any(not c.isalnum() for c in password),
            )
        )

    def validate(self, password: str, user=None) -> None:
        if self._classes(password) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return ngettext(
            "密码须包含大写字母、小写字母、数字、符号中的至少 %(n)d 类。",
            "密码须包含大写字母、小写字母、数字、符号中的至少 %(n)d 类。",
            self.min_classes,
        ) % {"n": self.min_classes}


class PasswordAgeRecorder:
    """Not a rule: Django calls ``password_changed`` on every validator when a password is set,
    which is the one place that sees every change (admin, service, change page)."""

    def validate(self, password: str, user=None) -> None:
        return None

    def password_changed(self, password: str, user=None) -> None:
        if user is None or user.pk is None:
            return
        from fazhi.core.models import PasswordAge

        PasswordAge.objects.update_or_create(user=user, defaults={"changed_at": timezone.now()})

    def get_help_text(self) -> str:
        return ""


def password_expires(user) -> dt.datetime | None:
    days = settings.FAZHI_PASSWORD_MAX_AGE_DAYS
    if not days:
        return None
    from fazhi.core.models import PasswordAge

    changed = (
        PasswordAge.objects.filter(user=user).values_list("changed_at", flat=True).first()
        or user.date_joined
    )
    return changed + dt.timedelta(days=days)


class PasswordExpiryMiddleware:
    """Pages only: a user whose password expired may only change it (or log out)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        expires = getattr(request, "session", {}).get(SESSION_EXPIRES)
        if expires and request.user.is_authenticated:
            allowed = (reverse("core:password_change"), reverse("core:logout"))
            if (
                dt.datetime.fromisoformat(expires) <= timezone.now()
                and request.path not in allowed
                and not request.path.startswith(("/api/", settings.STATIC_URL))
            ):
                from django.contrib import messages

                messages.warning(request, _("密码已过期，请先修改密码。"))
                return redirect("core:password_change")
        return self.get_response(request)


class FazhiArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id with OWASP's baseline cost (19 MiB, 2 passes, 1 lane): tens of milliseconds a
    login on one core, where PBKDF2 at Django's iteration count took a second.  A class of
    its own so the cost is ours, not whatever the next Django release picks; hashes made with
    other parameters are re-made at the next login (``must_update``)."""

    time_cost = 2
    memory_cost = 19456
    parallelism = 1
