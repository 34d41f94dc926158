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


ERROR_SCHEMA = {
    "type": "object",
    "description": "Every error of the API: a stable code, the field at fault (or null), a message.",
    "properties": {
        "code": {"type": "string"},
        "field": {"type": "string", "nullable": True},
        "detail": {"type": "string"},
    },
    "required": ["code", "field", "detail"],
}
ERROR_RESPONSES = {
    "400": "输入有误（code 与 field 指明原因）",
    "401": "未登录",
    "403": "无权限或超出管辖范围",
    "404": "不存在（或不在您的可见范围内）",
    "409": "与当前状态或已有记录冲突",
    "429": "请求过于频繁",
    "500": "服务器内部错误（同样的 JSON 形式）",
}


def document_errors(result, generator, request, public):
    """drf-spectacular post-processing hook: every operation documents the error responses it
    can give, all in the one ``Error`` shape, next to its own success responses."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("Error", ERROR_SCHEMA)
    reference = {"$ref": "#/components/schemas/Error"}
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for status, description in ERROR_RESPONSES.items():
                responses.setdefault(
                    status,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": reference}},
                    },
                )
    return result
