"""Navigation for the left-hand menu: what this user's roles open."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from fazhi.core.scoping import scope_for

# (url name, label, roles that see it; None = every staff user). Apps add theirs here.
NAVIGATION: list[tuple[str, list[tuple[str, object, frozenset[str] | None]]]] = [
    (
        _("工作台"),
        [
            ("core:dashboard", _("首页"), None),
            ("core:deadlines", _("期限提醒"), None),
            ("core:notifications", _("通知"), None),
        ],
    ),
    (
        _("基础数据"),
        [
            ("core:organizations", _("组织机构"), None),
            ("core:people", _("人员"), None),
        ],
    ),
    (
        _("工具"),
        [
            ("core:deadline_calculator", _("期限计算"), None),
            ("core:indicators", _("指标"), None),
        ],
    ),
]


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = scope_for(user)
    sections = []
    for title, items in NAVIGATION:
        visible = [
            (name, label) for name, label, roles in items if roles is None or scope.has_role(*roles)
        ]
        if visible:
            sections.append((title, visible))
    unread = user.notifications.filter(read_at__isnull=True).count()
    return {"nav_sections": sections, "unread_notifications": unread, "user_scope": scope}
