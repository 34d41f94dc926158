"""Who may see and change what: roles held within an organisation's subtree.

A user holds roles through ``RoleAssignment`` rows. Each assignment grants its role over the
assigned organisation and everything under it. Three roles read everything: the administrator,
the justice bureau's legal officers and leaders (read-only). Selectors filter with
``Scope.filter``; services call ``require_change`` before writing. Apps name which roles may do
what in their own ``permissions.py``; this module only answers "within scope?".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import PermissionDenied
from fazhi.core.models import Organization, Role, RoleAssignment

READ_ALL_ROLES = frozenset({Role.ADMINISTRATOR, Role.JUSTICE_LEGAL_OFFICER, Role.LEADER})
STAFF_ROLES = frozenset(set(Role) - {Role.PUBLIC})


@dataclass
class Scope:
    """The roles a user holds and the organisation paths each role covers."""

    user_id: int | None
    is_superuser: bool = False
    paths_by_role: dict[str, set[str]] = field(default_factory=dict)

    @property
    def roles(self) -> set[str]:
        return set(self.paths_by_role)

    @property
    def is_staff_user(self) -> bool:
        return self.is_superuser or bool(self.roles & STAFF_ROLES)

    @property
    def reads_all(self) -> bool:
        return self.is_superuser or bool(self.roles & READ_ALL_ROLES)

    def has_role(self, *roles: str) -> bool:
        return self.is_superuser or bool(self.roles & set(roles))

    def _paths(self, roles: Iterable[str] | None) -> set[str]:
        wanted = self.paths_by_role if roles is None else dict.fromkeys(roles)
        paths: set[str] = set()
        for role in wanted:
            paths |= self.paths_by_role.get(role, set())
        return paths

    def covers(self, organization: Organization | None, roles: Iterable[str] | None = None) -> bool:
        """Whether one of ``roles`` (any role if None) is held over ``organization``."""
        if self.is_superuser:
            return True
        if organization is None:
            return False
        return any(organization.path.startswith(p) for p in self._paths(roles))

    def can_read(self, organization: Organization | None) -> bool:
        return self.reads_all or self.covers(organization, STAFF_ROLES)

    def can_change(self, organization: Organization | None, roles: Iterable[str]) -> bool:
        """Administrators change anything; others need one of ``roles`` over the organisation."""
        if self.is_superuser or Role.ADMINISTRATOR in self.roles:
            return True
        return self.covers(organization, roles)

    def filter(self, queryset: QuerySet, organization_field: str = "organization") -> QuerySet:
        """Rows whose organisation lies in the user's readable subtrees."""
        if self.reads_all:
            return queryset
        return queryset.filter(self.q(organization_field))

    def q(self, organization_field: str = "organization", roles: Iterable[str] | None = None) -> Q:
        paths = self._paths(roles if roles is not None else STAFF_ROLES)
        if not paths:
            return Q(pk__in=[])
        in_subtrees = Q()
        for path in sorted(paths):
            in_subtrees |= Q(path__startswith=path)
        if not organization_field:
            return in_subtrees
        # An IN over the (small) organisation table lets the database use the index on the
        # record's organisation column; a join on the path scans the records instead
        # (benchmarks/core shows the difference growing with the table).
        return Q(
            **{f"{organization_field}__in": Organization.objects.filter(in_subtrees).values("pk")}
        )


def scope_for(user) -> Scope:
    """The user's scope, computed once per request (cached on the user object)."""
    if user is None or not user.is_authenticated:
        return Scope(user_id=None)
    cached = getattr(user, "_fazhi_scope", None)
    if cached is not None:
        return cached
    scope = Scope(user_id=user.pk, is_superuser=user.is_superuser)
    for role, path in RoleAssignment.objects.filter(user=user).values_list(
        "role", "organization__path"
    ):
        scope.paths_by_role.setdefault(role, set()).add(path)
    user._fazhi_scope = scope
    return scope


def require_read(user, organization: Organization | None) -> None:
    if not scope_for(user).can_read(organization):
        raise PermissionDenied(
            CoreErrorCode.OUT_OF_SCOPE, _("该记录不在您的单位范围内。"), field="organization"
        )


def require_change(user, organization: Organization | None, *, roles: Iterable[str]) -> None:
    """Refuse unless the user holds one of ``roles`` over ``organization``."""
    scope = scope_for(user)
    roles = list(roles)
    if scope.can_change(organization, roles):
        return
    if scope.has_role(*roles):
        raise PermissionDenied(
            CoreErrorCode.OUT_OF_SCOPE, _("该记录不在您的单位范围内。"), field="organization"
        )
    raise PermissionDenied(CoreErrorCode.FORBIDDEN_ROLE, _("您的角色无权执行此操作。"))


def require_role(user, *roles: str) -> None:
    if not scope_for(user).has_role(*roles, Role.ADMINISTRATOR):
        raise PermissionDenied(CoreErrorCode.FORBIDDEN_ROLE, _("您的角色无权执行此操作。"))
