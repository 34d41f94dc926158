"""Who may see and change what: roles held within an organisation's subtree.

A user holds roles through ``RoleAssignment`` rows. Each assignment grants its role over the
assigned organisation and everything under it. Three roles read everything: the administrator,
the justice bureau's legal officers and leaders (read-only). Selectors filter with
``Scope.filter``; services call ``require_change`` before writing. Apps name which roles may do
what in their own ``permissions.py``; this module only answers "within scope?".

Scope follows assignment: a unit that holds a task on a record of another unit (a joint review
of a draft, a consultation of its opinion, a transferred case, an inspection visit) may read
what the task needs and act on the task, and nothing more. Apps declare such tasks once with
``register_task(Task(...))``; selectors admit the record with ``Scope.holds_task`` (one record)
or ``Scope.filter_with_tasks`` (a list), and a procedure's transition authorises the task step
with ``Transition(authorize=task.authorizes)`` instead of the organisation check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import PermissionDenied
from fazhi.core.models import Organization, Role, RoleAssignment

READ_ALL_ROLES = frozenset({Role.ADMINISTRATOR, Role.JUSTICE_LEGAL_OFFICER, Role.LEADER})
STAFF_ROLES = frozenset(set(Role) - {Role.PUBLIC})


@dataclass(frozen=True)
class Task:
    """Work one unit does on another unit's record, which carries its own (narrow) scope.

    ``holders(record)`` answers the units that hold the task on the record now (in SQL-friendly
    form: a queryset or a list); ``holder_field`` is the lookup from the record's model to such a
    unit, so lists can include the records a user holds a task on; ``roles`` are the roles
    within a holding unit that do the task.
    """

    key: str
    label: Any
    roles: tuple[str, ...]
    holders: Callable[[Any], Iterable[Organization]]
    holder_field: str = ""

    def authorizes(self, user, record, unit: Organization | None = None) -> bool:
        """For ``Transition.authorize``: whether the user holds this task on the record."""
        return scope_for(user).holds_task(self, record, unit=unit)


# Every declared cross-unit task by key ("normdocs.joint_review").
TASKS: dict[str, Task] = {}


def register_task(task: Task) -> Task:
    existing = TASKS.get(task.key)
    if existing is not None and existing != task:
        raise ValueError(f"task {task.key!r} is declared twice")
    TASKS[task.key] = task
    return task


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

    def holds_task(self, task: Task | str, record, *, unit: Organization | None = None) -> bool:
        """Whether the user holds ``task`` on ``record`` (through the given holding ``unit``).

        Only the task's roles within a holding unit count: the unit's other staff, or the
        same role in another unit, hold nothing. Administrators hold every task.
        """
        task = TASKS[task] if isinstance(task, str) else task
        if self.is_superuser or Role.ADMINISTRATOR in self.roles:
            return True
        if not self._paths(task.roles):
            return False
        holders = list(task.holders(record))
        if unit is not None:
            if unit.pk not in {holder.pk for holder in holders}:
                return False
            holders = [unit]
        return any(self.covers(holder, task.roles) for holder in holders)

    def can_read_record(
        self, record, organization: Organization | None, tasks: Iterable[Task] = ()
    ) -> bool:
        """Readable by organisation, or because the user holds one of ``tasks`` on it."""
        return self.can_read(organization) or any(self.holds_task(t, record) for t in tasks)

    def filter_with_tasks(
        self,
        queryset: QuerySet,
        organization_field: str = "organization",
        tasks: Iterable[Task] = (),
    ) -> QuerySet:
        """``filter`` plus the records on which the user holds one of ``tasks``."""
        if self.reads_all:
            return queryset
        condition = self.q(organization_field)
        widened = False
        for task in tasks:
            if task.holder_field and self._paths(task.roles):
                condition |= self.q(task.holder_field, roles=task.roles)
                widened = True
        queryset = queryset.filter(condition)
        # A record with several holding units would otherwise appear once per unit.
        return queryset.distinct() if widened else queryset

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


def require_read_record(
    user, record, organization: Organization | None, *, tasks: Iterable[Task] = ()
) -> None:
    """Refuse unless the record's organisation is readable or the user holds a task on it."""
    if not scope_for(user).can_read_record(record, organization, tasks):
        raise PermissionDenied(
            CoreErrorCode.OUT_OF_SCOPE, _("该记录不在您的单位范围内。"), field="organization"
        )


def require_task(user, task: Task, record, *, unit: Organization | None = None) -> None:
    """Refuse unless the user holds ``task`` on ``record`` (the only check a task step needs)."""
    if not scope_for(user).holds_task(task, record, unit=unit):
        raise PermissionDenied(
            CoreErrorCode.OUT_OF_SCOPE,
            _("您的单位没有承担该记录的此项任务。"),
            field="organization",
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
