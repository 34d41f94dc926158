"""The citizen's side of the platform: who is a citizen, and their applications across apps.

A citizen is a login holding the role 社会公众 and no staff role. Citizens never see the staff
workbench (``CitizenBoundaryMiddleware`` sends them to the portal); their account area
(``/portal/me/``) lists what they applied for in every app. Each app that takes applications
from citizens provides ``<app>/citizen.py`` with ``applications(user) -> list[Application]``,
returning the user's own applications only; the core finds those modules, so adding an app
touches no core file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fazhi.core.models import Role
from fazhi.core.scoping import STAFF_ROLES, scope_for


@dataclass(frozen=True)
class Notice:
    """A notice served to the applicant (受理通知, 补正通知, 结案, …) with its date."""

    on: dt.date | None
    text: str


@dataclass(frozen=True)
class Application:
    """One application of the citizen, in whichever app it lives."""

    module: Any  # the area's name (人民调解, 行政复议, …)
    title: str
    number: str
    status: str
    submitted_on: dt.date | None
    url: str
    notices: list[Notice] = field(default_factory=list)


def is_citizen(user) -> bool:
    """A public account: holds 社会公众 and no staff role (superusers are never citizens)."""
    if user is None or not user.is_authenticated or user.is_superuser:
        return False
    scope = scope_for(user)
    return Role.PUBLIC in scope.roles and not (scope.roles & STAFF_ROLES)


def _providers() -> list[Any]:
    modules = []
    for app_path in settings.FAZHI_APPS:
        name = f"{app_path}.citizen"
        if app_path != "fazhi.core" and find_spec(name) is not None:
            modules.append(import_module(name))
    return modules


def applications_of(user) -> list[Application]:
    """Every application the user made, newest first (nobody else's)."""
    if user is None or not user.is_authenticated:
        return []
    found: list[Application] = []
    for module in _providers():
        found.extend(module.applications(user))
    return sorted(found, key=lambda a: (a.submitted_on or dt.date.min, a.number), reverse=True)


# Paths a citizen may open outside the portal: logging out, the password, language, pickers, and
# the evidence log's depositor pages (citizens deposit and certify their own evidence there).
_OPEN_PREFIXES = (
    "/portal/",
    "/api/",
    "/i18n/",
    "/pick/",
    "/logout/",
    "/password/",
    "/healthz",
    "/evidence/",
    "/do/evidence.deposit/",  # the deposit's declared step (erasure), taken by its depositor
)


class CitizenBoundaryMiddleware:
    """Citizens never see the staff workbench: the front page sends them to 我的办件 and any
    other staff page answers 403 with a page that says where to go instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not path.startswith(_OPEN_PREFIXES)
            and not path.startswith(settings.STATIC_URL)
            and is_citizen(user)
        ):
            if path in ("/", "/login/"):
                return redirect("core:portal_me")
            return render(
                request,
                "core/citizen_denied.html",
                {"title": _("该页面仅供工作人员使用")},
                status=403,
            )
        return self.get_response(request)
