"""``{% transitions "app.thing" record %}``: the steps the user can take on a record now, each a
folded form posting to the generic transition view — read from the procedure's declaration."""

from __future__ import annotations

from typing import Any

from django import template

from fazhi.core.events import event_label
from fazhi.core.procedures import procedure

register = template.Library()


@register.inclusion_tag("core/_transitions.html", takes_context=True)
def transitions(context: dict[str, Any], key: str, record, bound: Any = None) -> dict[str, Any]:
    """``bound`` may hold a form already bound for one step (shown open with its errors)."""
    declared = procedure(key)
    user = context["request"].user
    steps = []
    for transition in declared.available(user, record):
        form = bound if getattr(bound, "prefix", None) == transition.name else None
        steps.append((transition, form or transition.make_form(user, record)))
    return {"key": key, "record": record, "steps": steps, "request": context["request"]}


@register.filter(name="event_label")
def event_label_filter(event_type: str) -> str:
    return event_label(event_type)
