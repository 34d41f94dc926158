"""Hand-offs that reach people: after a step, whoever must take the next one is told; and each
user's 待我处理 lists, across every declared procedure, the records waiting for a step they may
take.

Both read the procedure declarations (``core.procedures``): the next steps are the transitions
the record's new state admits, and the people are those holding one of their roles over the
record's organisation. Notifications go to the in-app inbox, and by e-mail where the user has an
address (Django's mail backend, sent after the transaction commits).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.models import PATH_DIGITS, Organization, RoleAssignment
from fazhi.core.procedures import REGISTRY, Procedure, Transition, load_all
from fazhi.core.scoping import scope_for

logger = logging.getLogger(__name__)


def _ancestor_paths(organization: Organization) -> list[str]:
    width = PATH_DIGITS + 1
    return [organization.path[:end] for end in range(width, len(organization.path) + 1, width)]


def next_actors(declared: Procedure, obj: Any, exclude: Any = None) -> dict[Any, list[Transition]]:
    """Who can take which step on the record now, by role over its organisation."""
    organization = declared.organization_of(obj)
    if organization is None:
        return {}
    steps = [t for t in declared.transitions if t.target and declared.allows(obj, t.name)]
    wanted = {role for t in steps for role in declared.roles_for(t)}
    if not wanted:
        return {}
    assignments = RoleAssignment.objects.filter(
        role__in=wanted, organization__path__in=_ancestor_paths(organization)
    ).select_related("user")
    actors: dict[Any, list[Transition]] = {}
    for assignment in assignments:
        user = assignment.user
        if exclude is not None and user.pk == getattr(exclude, "pk", None):
            continue
        for step in steps:
            if assignment.role in declared.roles_for(step) and step not in actors.get(user, []):
                actors.setdefault(user, []).append(step)
    return actors


def notify_next(declared: Procedure, obj: Any, actor: Any = None) -> int:
    """Tell whoever must act next; once per record and state (a repeated step raises nothing)."""
    raised = 0
    url = declared.detail_url(obj)
    state = declared.state_of(obj)
    for user, steps in next_actors(declared, obj, exclude=actor).items():
        labels = "、".join(str(step.label) for step in steps)
        title = _("待办：%(steps)s · %(record)s") % {"steps": labels, "record": obj}
        created = core_services.notification_raise(
            user=user,
            title=title,
            body=_("%(procedure)s等待您办理。") % {"procedure": declared.label},
            url=url,
            dedupe_key=f"handoff:{declared.key}:{obj.pk}:{state}",
        )
        raised += created
        if created and user.email:
            message = _("请登录法治平台办理：%(url)s") % {"url": url}
            transaction.on_commit(partial(_mail, user.email, title, message))
    return raised


_suspended: ContextVar[bool] = ContextVar("fazhi_handoffs_suspended", default=False)


@contextmanager
def suspended() -> Iterator[None]:
    """Bulk loads of past records (the demo's 2022 year) raise no hand-offs for steps long done."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


def schedule(declared: Procedure, obj: Any, actor: Any = None) -> None:
    """Notify the next actors after the current transaction commits (nothing if it rolls back).

    ``Procedure.require`` calls this for every state-changing step, so a step taken by any caller
    reaches people; the generic page and API also notify at once, and the per-state dedupe key
    makes the second delivery a no-op.
    """
    if _suspended.get() or obj.pk is None:
        return
    transaction.on_commit(partial(_deliver, declared, obj.pk, actor))


def _deliver(declared: Procedure, pk: Any, actor: Any) -> None:
    obj = declared.model._default_manager.filter(pk=pk).first()
    if obj is None:
        return
    try:
        notify_next(declared, obj, actor=actor)
    except Exception:  # the step has committed; a failed notice must not turn it into an error
        logger.exception("hand-off for %s %s failed", declared.key, pk)


def _mail(address: str, subject: str, message: str) -> None:
    """Send after commit; a mail server that is down never undoes or fails the step."""
    try:
        send_mail(subject=subject, message=message, from_email=None, recipient_list=[address])
    except Exception:  # the inbox already holds the notification
        logger.exception("hand-off mail to %s failed", address)


@dataclass
class WorkItem:
    procedure: Procedure
    steps: list[Transition]
    records: list[tuple[Any, str]]  # (record, its page), newest first
    count: int


def work_items(user: Any, *, limit: int = 20) -> list[WorkItem]:
    """Per procedure: the records in a state where this user may take a state-changing step."""
    load_all()
    scope = scope_for(user)
    items = []
    for declared in REGISTRY.values():
        if not declared.state_field or not declared.organization_field:
            continue
        steps = [
            t
            for t in declared.transitions
            if t.target
            and t.sources
            and t.authorize is None
            and scope.has_role(*declared.roles_for(t))
        ]
        if not steps:
            continue
        roles = {role for t in steps for role in declared.roles_for(t)}
        states = {state for t in steps for state in t.sources}
        records = (
            declared.model._default_manager.filter(
                scope.q(declared.organization_field, roles=roles),
                **{f"{declared.state_field}__in": states},
            )
            .select_related(declared.organization_field)
            .order_by("-pk")
        )
        count = records.count()
        if count:
            rows = [(record, declared.detail_url(record)) for record in records[:limit]]
            items.append(WorkItem(declared, steps, rows, count))
    return items
