"""Chinese labels of domain-event kinds, so no timeline shows a raw key.

Each app's ``events.py`` holds ``EVENT_LABELS`` (kind → label) for the kinds it writes; core
collects them once. Core's own kinds are labelled here. ``tests/core/test_procedures.py`` checks
that every kind written anywhere in ``src`` has a label.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

EVENT_LABELS: dict[str, Any] = {
    "organization_created": _("新建组织机构"),
    "organization_updated": _("修改组织机构"),
    "person_created": _("新建人员"),
    "person_updated": _("修改人员"),
}


@cache
def all_event_labels() -> dict[str, Any]:
    labels: dict[str, Any] = {}
    for app in settings.FAZHI_APPS:
        name = f"{app}.events"
        if find_spec(name) is None:
            continue
        labels.update(
            {str(k): v for k, v in getattr(import_module(name), "EVENT_LABELS", {}).items()}
        )
    return labels


def event_label(event_type: str) -> str:
    """The Chinese label of an event kind; an unlabelled kind shows as 其他事件 (never the key)."""
    label = all_event_labels().get(str(event_type))
    return str(label) if label is not None else str(_("其他事件"))
