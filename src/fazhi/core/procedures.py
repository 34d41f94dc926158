"""Declared procedures: each legal procedure states its transitions once, and everything reads it.

A ``Procedure`` names the model it moves, the field holding the state and its transitions. A
``Transition`` says, in one place, its name and Chinese label, the states it may be taken from,
the state it leads to, the roles that may take it, the service that performs it (a dotted path,
so services can import their own declaration without a cycle) and the form of its inputs.

- Services call ``procedure.require(actor, obj, name)`` on the locked row: one check of role,
  organisation scope and state, raising the application errors every client understands.
- Pages render ``procedure.available(user, obj)`` (``{% transitions obj %}``) and post to one
  generic view (``core.procedure_views``).
- The API exposes each transition as ``POST …/{id}/<name>/`` through
  ``core.procedure_api.with_transitions``, validated by the same form.

So a page action without an API action, or an API action the page refuses, cannot happen. The
registry lets tests walk every declaration (``tests/core/test_procedures.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django import forms
from django.db import models
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import Conflict, NotFound, PermissionDenied
from fazhi.core.models import Organization
from fazhi.core.scoping import require_change, scope_for

# Every declared procedure by key ("reconsideration.case"); filled as app modules are imported.
REGISTRY: dict[str, Procedure] = {}


class NoInputForm(forms.Form):
    """The inputs of a transition that needs none (a confirmation)."""


@dataclass(frozen=True)
class Transition:
    """One step of a procedure.

    ``sources`` empty means the step is offered in every state (a record-keeping step such as
    adding an attachment); ``guard`` adds a condition beyond the state (a date already set, a
    flag). ``prepare`` turns the form's cleaned data (and uploaded files) into the service's
    keyword arguments when they differ. ``authorize`` replaces the role-and-scope check for a
    step taken by whoever holds a task on the record (a cross-unit review, for instance).
    """

    name: str
    label: Any
    service: str
    sources: tuple[str, ...] = ()
    target: str | None = None
    roles: tuple[str, ...] | None = None
    form: type[forms.Form] = NoInputForm
    guard: Callable[[Any], bool] | None = None
    prepare: Callable[[dict[str, Any], Any], dict[str, Any]] | None = None
    authorize: Callable[[Any, Any], bool] | None = None
    form_kwargs: Callable[[Any, Any], dict[str, Any]] | None = None
    description: str = ""
    refusal: Any = None
    refusal_code: str = "invalid_transition"
    danger: bool = False
    # When the state admits the step but the guard does not: the (code, message) of the refusal
    # for this record (e.g. "not yet started" vs "already done"); else refusal/refusal_code.
    explain: Callable[[Any], tuple[str, Any]] | None = None
    # The (code, message) of the 403 when ``authorize`` refuses (a depositor's own record:
    # "not_yours"); else the generic "no task or permission".
    denial: tuple[str, Any] | None = None

    @cached_property
    def service_function(self) -> Callable[..., Any]:
        return import_string(self.service)

    @property
    def url_path(self) -> str:
        return self.name.replace("_", "-")

    def make_form(self, user, obj, data=None, files=None) -> forms.Form:
        kwargs = self.form_kwargs(user, obj) if self.form_kwargs else {}
        return self.form(data, files, prefix=self.name, **kwargs)

    def make_api_form(self, user, obj, data, files) -> forms.Form:
        kwargs = self.form_kwargs(user, obj) if self.form_kwargs else {}
        return self.form(data, files, **kwargs)


@dataclass
class Procedure:
    """The states and transitions of one legal procedure on one model."""

    key: str
    label: Any
    model: type[models.Model]
    transitions: Iterable[Transition]
    subject_arg: str
    detail_url: Callable[[Any], str]
    getter: str
    roles: tuple[str, ...] = ()
    state_field: str = "status"
    organization_of: Callable[[Any], Organization | None] = field(
        default=lambda obj: obj.organization
    )
    api_basename: str | None = None
    # The record's organisation as a field path, for lists in SQL (待我处理); "" if it has none.
    organization_field: str = "organization"

    def __post_init__(self) -> None:
        self.transitions = tuple(self.transitions)
        names = [t.name for t in self.transitions]
        if len(names) != len(set(names)):
            raise ValueError(f"procedure {self.key!r} declares a transition twice")
        states = {value for value, _label in self._state_choices()}
        for transition in self.transitions:
            unknown = (set(transition.sources) | {transition.target or ""}) - states - {""}
            if states and unknown:
                raise ValueError(f"{self.key}.{transition.name}: unknown states {unknown}")
        if self.key in REGISTRY and REGISTRY[self.key] is not self:
            raise ValueError(f"procedure {self.key!r} is declared twice")
        REGISTRY[self.key] = self

    def _state_choices(self) -> list[tuple[str, Any]]:
        if not self.state_field:  # a procedure whose steps depend on fields, not one state
            return []
        model_field = self.model._meta.get_field(self.state_field)
        return list(getattr(model_field, "choices", None) or [])

    # --- reading the declaration --------------------------------------------------------------

    def transition(self, name: str) -> Transition:
        for transition in self.transitions:
            if transition.name == name:
                return transition
        raise NotFound(CoreErrorCode.NOT_FOUND, _("未知的操作。"), field="transition")

    def state_of(self, obj) -> str:
        return str(getattr(obj, self.state_field, ""))

    def state_label(self, state: str) -> str:
        return str(dict(self._state_choices()).get(state, state))

    def roles_for(self, transition: Transition) -> tuple[str, ...]:
        return transition.roles if transition.roles is not None else self.roles

    def allows(self, obj, name: str) -> bool:
        """Whether the record's state (and the step's guard) admits the step, whoever asks."""
        transition = self.transition(name)
        if transition.sources and self.state_of(obj) not in transition.sources:
            return False
        return transition.guard is None or bool(transition.guard(obj))

    def _explained(self, obj, transition: Transition) -> tuple[str, Any] | None:
        in_state = not transition.sources or self.state_of(obj) in transition.sources
        return transition.explain(obj) if transition.explain and in_state else None

    def refusal(self, obj, transition: Transition) -> str:
        """Why the record's state does not admit the step, in the user's words."""
        explained = self._explained(obj, transition)
        if explained is not None:
            return str(explained[1])
        if transition.refusal is not None:
            return str(transition.refusal)
        return _("当前状态（%(state)s）不能办理“%(step)s”。") % {
            "state": self.state_label(self.state_of(obj)),
            "step": transition.label,
        }

    def may(self, user, obj, transition: Transition) -> bool:
        """Whether ``user`` may take the step on this record (role and scope, or the task)."""
        if transition.authorize is not None:
            return bool(transition.authorize(user, obj))
        return scope_for(user).can_change(self.organization_of(obj), self.roles_for(transition))

    def forbidden(self, transition: Transition) -> PermissionDenied:
        """The refusal of a user who may not take the step (pages, API and services alike)."""
        if transition.denial is not None:
            return PermissionDenied(transition.denial[0], str(transition.denial[1]))
        return PermissionDenied(CoreErrorCode.FORBIDDEN_ROLE, _("您的角色无权执行此操作。"))

    def available(self, user, obj) -> list[Transition]:
        """The steps this user can take on this record now, in declaration order."""
        return [t for t in self.transitions if self.allows(obj, t.name) and self.may(user, obj, t)]

    # --- enforcing it (services) ---------------------------------------------------------------

    def require(self, actor, obj, name: str) -> Transition:
        """Refuse the step unless the actor may take it and the record's state admits it.

        Call on the row locked by the service, inside its transaction.
        """
        transition = self.transition(name)
        if transition.authorize is not None:
            if not transition.authorize(actor, obj):
                if transition.denial is not None:
                    raise self.forbidden(transition)
                raise PermissionDenied(
                    CoreErrorCode.FORBIDDEN_ROLE, _("您没有办理此事项的任务或权限。")
                )
        else:
            require_change(actor, self.organization_of(obj), roles=self.roles_for(transition))
        if not self.allows(obj, name):
            explained = self._explained(obj, transition)
            code = explained[0] if explained is not None else transition.refusal_code
            raise Conflict(code, self.refusal(obj, transition), field="status")
        if transition.target:
            # Whoever called the service (page, API, command, task, another service), the
            # people who must take the next step hear of it once the step has committed.
            from fazhi.core.handoffs import schedule

            schedule(self, obj, actor)
        return transition

    def perform(self, name: str, *, actor, obj, data: Mapping[str, Any], files=None) -> Any:
        """Take the step through its service with a form's cleaned data (pages and API)."""
        transition = self.transition(name)
        arguments = transition.prepare(dict(data), files) if transition.prepare else dict(data)
        return transition.service_function(actor=actor, **{self.subject_arg: obj}, **arguments)

    def get_object(self, user, pk: Any):
        """The record through the app's scope-checked accessor (``getter``)."""
        return import_string(self.getter)(user=user, pk=pk)


def procedure(key: str) -> Procedure:
    """A declared procedure by key; importing every app's ``procedures`` module on first use."""
    load_all()
    try:
        return REGISTRY[key]
    except KeyError:
        raise NotFound(CoreErrorCode.NOT_FOUND, _("未知的办理程序。"), field="procedure") from None


_loaded = False


def load_all() -> None:
    """Import each app's ``procedures`` module so the registry is complete."""
    global _loaded
    if _loaded:
        return
    from importlib import import_module
    from importlib.util import find_spec

    from django.conf import settings

    for app in settings.FAZHI_APPS:
        name = f"{app}.procedures"
        if find_spec(name) is not None:
            import_module(name)
    _loaded = True


def procedure_for(obj) -> Procedure | None:
    """The procedure declared on this record's model (the first, if a model has several)."""
    load_all()
    for declared in REGISTRY.values():
        if isinstance(obj, declared.model):
            return declared
    return None
