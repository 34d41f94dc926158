"""Writes of accounts: logins with their roles, and the lock-out's record of attempts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import ValidationFailed
from fazhi.core.models import (
    LoginFailure,
    Organization,
    Person,
    Role,
    RoleAssignment,
)
from fazhi.core.scoping import require_change

# --- accounts ---------------------------------------------------------------------------------


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str,
    roles: Iterable[tuple[str, Organization]],
    person: Person | None = None,
    display_name: str = "",
    site_administrator: bool = False,
) -> Any:
    """Create a login with its role assignments (administrators only)."""
    from fazhi.core.scoping import require_role

    if actor is not None:
        require_role(actor, Role.ADMINISTRATOR)
    username = username.strip()
    if not username:
        raise ValidationFailed(CoreErrorCode.REQUIRED, _("请填写用户名。"), field="username")
    if User.objects.filter(username=username).exists():
        raise ValidationFailed(CoreErrorCode.DUPLICATE, _("用户名已被使用。"), field="username")
    user = User.objects.create_user(
        username=username,
        password=password,
        first_name=display_name,
        is_staff=site_administrator,
        is_superuser=site_administrator,
    )
    for role, organization in roles:
        role_assign(actor=actor or user, user=user, role=role, organization=organization)
    if person is not None:
        if person.user_id:
            raise ValidationFailed(CoreErrorCode.DUPLICATE, _("该人员已有账号。"), field="person")
        person.user = user
        person.save(update_fields=["user"])
    return user


@transaction.atomic
def role_assign(*, actor: User, user, role: str, organization: Organization) -> RoleAssignment:
    """Grant a role over an organisation's subtree (administrators only)."""
    require_change(actor, organization, roles=(Role.ADMINISTRATOR,))
    if role not in Role.values:
        raise ValidationFailed(CoreErrorCode.INVALID, _("角色无效。"), field="role")
    assignment, created = RoleAssignment.objects.get_or_create(
        user=user, role=role, organization=organization
    )
    if not created:
        raise ValidationFailed(CoreErrorCode.DUPLICATE, _("已授予该角色。"), field="role")
    user.__dict__.pop("_fazhi_scope", None)
    return assignment


def login_locked_out(username: str, *, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    window = now - dt.timedelta(minutes=settings.FAZHI_LOGIN_LOCKOUT_MINUTES)
    recent = LoginFailure.objects.filter(username__iexact=username, at__gte=window).count()
    return recent >= settings.FAZHI_LOGIN_MAX_FAILURES


def login_failure_record(*, username: str, ip_address: str | None) -> None:
    LoginFailure.objects.create(username=username[:150], ip_address=ip_address, at=timezone.now())


def login_success_record(*, username: str) -> None:
    LoginFailure.objects.filter(username__iexact=username).delete()


@transaction.atomic
def user_register(
    *,
    actor: User,
    username: str,
    password: str,
    display_name: str = "",
    email: str = "",
    person: Person | None = None,
) -> Any:
    """An administrator opens a login from the staff UI or API: the password must meet the
    configured policy (等保 rules in ``AUTH_PASSWORD_VALIDATORS``); roles are granted after."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from fazhi.core.scoping import require_role

    require_role(actor, Role.ADMINISTRATOR)
    candidate = User(username=username.strip(), first_name=display_name, email=email)
    try:
        validate_password(password, user=candidate)
    except ValidationError as error:
        raise ValidationFailed(
            CoreErrorCode.INVALID, " ".join(error.messages), field="password"
        ) from None
    user = user_create(
        actor=actor,
        username=username,
        password=password,
        roles=(),
        person=person,
        display_name=display_name,
    )
    if email:
        user.email = email.strip()
        user.save(update_fields=["email"])
    return user


@transaction.atomic
def role_revoke(*, actor: User, assignment: RoleAssignment) -> None:
    """Withdraw a role (administrators over the organisation); the history keeps the grant."""
    assignment = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
    require_change(actor, assignment.organization, roles=(Role.ADMINISTRATOR,))
    if assignment.user_id == getattr(actor, "pk", None) and assignment.role == Role.ADMINISTRATOR:
        raise ValidationFailed(
            CoreErrorCode.INVALID, _("不能撤销自己的管理员角色。"), field="assignment"
        )
    assignment.user.__dict__.pop("_fazhi_scope", None)
    assignment.delete()


@transaction.atomic
def user_set_active(*, actor: User, user: Any, active: bool) -> Any:
    """Disable a login (leaving staff) or enable it again; records are never deleted."""
    from fazhi.core.scoping import require_role

    require_role(actor, Role.ADMINISTRATOR)
    if user.pk == getattr(actor, "pk", None) and not active:
        raise ValidationFailed(CoreErrorCode.INVALID, _("不能停用自己的账号。"), field="active")
    user = User.objects.select_for_update().get(pk=user.pk)
    user.is_active = active
    user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def citizen_register(
    *, username: str, password: str, display_name: str = "", email: str = ""
) -> Any:
    """A member of the public opens a portal account: the role 社会公众 over the whole city
    (which reads no staff record), the same password rules as staff logins."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    username = username.strip()
    if not username:
        raise ValidationFailed(CoreErrorCode.REQUIRED, _("请填写用户名。"), field="username")
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationFailed(CoreErrorCode.DUPLICATE, _("用户名已被使用。"), field="username")
    candidate = User(username=username, first_name=display_name.strip(), email=email.strip())
    try:
        validate_password(password, user=candidate)
    except ValidationError as error:
        raise ValidationFailed(
            CoreErrorCode.INVALID, " ".join(error.messages), field="password"
        ) from None
    root = Organization.objects.filter(parent__isnull=True).order_by("path").first()
    if root is None:
        raise ValidationFailed(CoreErrorCode.INVALID, _("系统尚未初始化单位。"), field="username")
    user = User.objects.create_user(
        username=username,
        password=password,
        first_name=display_name.strip(),
        email=email.strip(),
    )
    RoleAssignment.objects.create(user=user, role=Role.PUBLIC, organization=root)
    return user
