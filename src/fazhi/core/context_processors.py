"""Navigation for the left-hand menu: what this user's roles open."""

from __future__ import annotations

from django.http import HttpRequest

from fazhi.core import navigation
from fazhi.core.scoping import scope_for


def navigation_context(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = scope_for(user)
    sections = []
    for section in navigation.sections():
        visible = [
            (item.url_name, item.label)
            for item in section.items
            if (item.roles is None or scope.has_role(*item.roles))
            and (item.shown is None or item.shown(user))
        ]
        if visible:
            sections.append((section.title, visible))
    unread = user.notifications.filter(read_at__isnull=True).count()
    return {"nav_sections": sections, "unread_notifications": unread, "user_scope": scope}
