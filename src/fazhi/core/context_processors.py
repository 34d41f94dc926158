"""Navigation for the left-hand menu: what this user's roles open.

The menu depends only on the user's role set (and superuser flag), the language, the script
prefix and the current page, so its HTML is rendered once per such combination and kept in this
process (a few hundred small strings at most); each page then costs no URL reversing and no
template loop for it. Which items a role sees is still decided by ``Scope.has_role`` (the same
check as before), only not again on every request.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from fazhi.core import navigation
from fazhi.core.scoping import Scope, scope_for

_MAX_MENUS = 1024
_menus: dict[tuple, SafeString] = {}


def _shown(user: Any) -> frozenset[str]:
    """The items with a per-user test (``NavItem.shown``, e.g. who has jobs) this user passes:
    part of the cache key, so such items cost their own test on each page and nothing more."""
    return frozenset(
        item.url_name
        for section in navigation.sections()
        for item in section.items
        if item.shown is not None and item.shown(user)
    )


def _sections(scope: Scope, shown: frozenset[str]) -> list[tuple[str, list[tuple[str, str, str]]]]:
    sections = []
    for section in navigation.sections():
        visible = [
            (item.url_name, reverse(item.url_name), str(item.label))
            for item in section.items
            if (item.roles is None or scope.has_role(*item.roles))
            and (item.shown is None or item.url_name in shown)
        ]
        if visible:
            sections.append((str(section.title), visible))
    return sections


def sidenav(scope: Scope, current: str | None, shown: frozenset[str] = frozenset()) -> SafeString:
    """The menu's HTML for ``scope`` with ``current`` (a view name) marked, cached per process."""
    key = (
        scope.is_superuser,
        frozenset(scope.paths_by_role),
        shown,
        get_language(),
        get_script_prefix(),
        current,
    )
    html = _menus.get(key)
    if html is None:
        if len(_menus) >= _MAX_MENUS:
            _menus.clear()
        # Rendered from our own template with autoescaping on.
        html = mark_safe(
            render_to_string(
                "_sidenav.html", {"nav_sections": _sections(scope, shown), "current": current}
            ).strip()
        )
        _menus[key] = html
    return html


def navigation_context(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = scope_for(user)
    match = getattr(request, "resolver_match", None)
    menu = sidenav(scope, match.view_name if match else None, _shown(user))
    unread = user.notifications.filter(read_at__isnull=True).count()
    return {
        # Truthy when the user sees any menu item (the template shows the menu button then).
        "nav_sections": menu,
        "unread_notifications": unread,
        "user_scope": scope,
    }
