"""The project's OpenAPI schema class (imported by DRF only when a schema is generated)."""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.openapi import AutoSchema


class FazhiAutoSchema(AutoSchema):
    """drf-spectacular's schema, plus: a field read from a nullable column is nullable (a
    related record's code or number is null when there is none), whatever field class shows it."""

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        result = super()._map_serializer_field(field, direction, bypass_extensions)
        if not isinstance(result, dict) or not _reads_nullable_column(field):
            return result
        if "$ref" in result:  # a reference cannot carry siblings: wrap it, as spectacular does
            rest = {k: v for k, v in result.items() if k != "$ref"}
            return {"allOf": [{"$ref": result["$ref"]}], "nullable": True, **rest}
        result.setdefault("nullable", True)
        return result


def _reads_nullable_column(field) -> bool:
    model = getattr(getattr(getattr(field, "parent", None), "Meta", None), "model", None)
    attrs = getattr(field, "source_attrs", None)
    if model is None or not attrs or len(attrs) != 1:
        return False
    try:
        column = model._meta.get_field(attrs[0])
    except FieldDoesNotExist:
        return False
    return bool(getattr(column, "concrete", False) and getattr(column, "null", False))
