"""OpenAPI enum names: one stable name per choice set across every app.

drf-spectacular names an enum after the field that uses it, so ``kind`` or ``outcome`` in two
apps collide and one choice set can get two names. Naming every ``models.Choices`` class of the
project's apps after the class (prefixed with its app where two apps use one class name) keeps
the schema stable and warning-free as apps are added.
"""

from __future__ import annotations

import inspect
from collections import defaultdict
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models


def _project_choice_classes() -> list[tuple[str, type[models.Choices]]]:
    found: dict[type, str] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("fazhi."):
            continue
        module = getattr(config, "models_module", None)
        if module is None:
            continue
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, models.Choices) and value.__module__.startswith("fazhi."):
                found.setdefault(value, config.label)
    return sorted(
        ((label, cls) for cls, label in found.items()),
        key=lambda item: (item[1].__module__, item[1].__name__),
    )


def enum_name_overrides() -> dict[str, list]:
    by_values: dict[tuple, list[tuple[str, type[models.Choices]]]] = defaultdict(list)
    for label, cls in _project_choice_classes():
        by_values[tuple(cls.values)].append((label, cls))
    class_names: dict[str, int] = defaultdict(int)
    for members in by_values.values():
        class_names[members[0][1].__name__] += 1
    overrides: dict[str, list] = {}
    for members in by_values.values():
        label, cls = members[0]  # identical choice sets share the first class's name
        name = cls.__name__ if class_names[cls.__name__] == 1 else label.capitalize() + cls.__name__
        overrides[f"{name}Enum"] = list(cls.choices)
    return overrides


def configure() -> None:
    """Called once the apps are loaded, before any schema is generated."""
    spectacular: dict[str, Any] = settings.SPECTACULAR_SETTINGS
    configured = spectacular.setdefault("ENUM_NAME_OVERRIDES", {})
    for name, choices in enum_name_overrides().items():
        configured.setdefault(name, choices)
