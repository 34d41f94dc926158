"""The generated OpenAPI document says what the API does: transition steps take their form's
fields (not the whole record), values that can be null are nullable, paginated lists are
paginated objects, and every operation documents its 4xx answers in the one error shape."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil

import pytest
from django.conf import settings
from drf_spectacular.generators import SchemaGenerator
from rest_framework import serializers

from fazhi.core.procedures import REGISTRY, load_all


@pytest.fixture(scope="module")
def schema(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        document = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(json.dumps(document, default=str))


def _operations(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield path, method, operation


def _ref(content_schema) -> str:
    return (content_schema or {}).get("$ref", "").rsplit("/", 1)[-1]


def _body_components(operation) -> set[str]:
    content = operation.get("requestBody", {}).get("content", {})
    return {_ref(media.get("schema")) for media in content.values()} - {""}


def test_transitions_take_their_forms_fields(schema):
    load_all()
    by_id = {op["operationId"]: (path, op) for path, _m, op in _operations(schema)}
    components = schema["components"]["schemas"]
    checked = 0
    for key, declared in REGISTRY.items():
        for transition in declared.transitions:
            found = by_id.get(f"{key.replace('.', '_')}_{transition.name}")
            if found is None:
                continue  # a procedure without an API viewset
            path, operation = found
            response = _ref(operation["responses"]["200"]["content"]["application/json"]["schema"])
            bodies = _body_components(operation)
            assert response not in {b.removesuffix("Request") for b in bodies}, path
            fields = set(transition.form.base_fields)  # a form may add more in __init__
            for body in bodies:
                assert fields <= set(components[body].get("properties", {})), (path, body)
            checked += 1
    assert checked > 50


def test_no_detail_post_documents_the_whole_record_as_its_body(schema):
    for path, method, operation in _operations(schema):
        if method != "post" or "{" not in path:
            continue
        ok = operation["responses"].get("200", {}).get("content", {}).get("application/json", {})
        response = _ref(ok.get("schema"))
        if response:
            bodies = {b.removesuffix("Request") for b in _body_components(operation)}
            assert response not in bodies, path


def test_every_operation_documents_its_4xx_in_the_error_shape(schema):
    for path, method, operation in _operations(schema):
        for status in ("400", "403", "404", "409"):
            answer = operation["responses"].get(status)
            assert answer, (method, path, status)
            error = answer["content"]["application/json"]["schema"]
            assert _ref(error) == "Error", (method, path, status)
    error = schema["components"]["schemas"]["Error"]
    assert set(error["required"]) == {"code", "field", "detail"}


def test_paginated_lists_are_documented_as_paginated_objects(schema):
    for path in ("/api/evidence/deposits/", "/api/organizations/"):
        ok = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
        name = _ref(ok["schema"])
        assert name.startswith("Paginated"), path
        properties = schema["components"]["schemas"][name]["properties"]
        assert {"count", "results"} <= set(properties)
    for path, method, operation in _operations(schema):
        if method == "get" and any(
            p.get("name") == "page" for p in operation.get("parameters", [])
        ):
            ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
            assert ok.get("type") != "array", path


def _model_serializers():
    for app_path in settings.FAZHI_APPS:
        package = importlib.import_module(app_path)
        for info in pkgutil.walk_packages(package.__path__, app_path + "."):
            if ".migrations" in info.name or ".management" in info.name:
                continue
            module = importlib.import_module(info.name)
            for obj in vars(module).values():
                if (
                    inspect.isclass(obj)
                    and obj.__module__ == module.__name__
                    and issubclass(obj, serializers.ModelSerializer)
                    and hasattr(obj, "Meta")
                ):
                    yield obj


def test_fields_of_nullable_columns_are_nullable(schema):
    components = schema["components"]["schemas"]
    missing, checked = [], 0
    for serializer in _model_serializers():
        component = components.get(serializer.__name__.removesuffix("Serializer"))
        if component is None:
            continue
        model = serializer.Meta.model
        try:
            fields = serializer().fields
        except (AssertionError, TypeError, KeyError):  # needs a context to build its fields
            continue
        for name, field in fields.items():
            attrs = field.source.split(".") if field.source != "*" else []
            if len(attrs) != 1 or name not in component.get("properties", {}):
                continue
            try:
                column = model._meta.get_field(attrs[0])
            except Exception:
                continue
            if getattr(column, "concrete", False) and column.null:
                checked += 1
                prop = component["properties"][name]
                if not (prop.get("nullable") or "allOf" in prop or "oneOf" in prop):
                    missing.append(f"{component and serializer.__name__}.{name}")
    assert checked > 20
    assert not missing, missing
