"""The one application error type: a stable code, the field at fault and a translatable message.

Services raise these; views show ``message`` next to ``field``; the API answers
``{"code", "field", "detail"}`` with a 4xx status (``fazhi.core.api_support``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class ApplicationError(Exception):
    status = 400

    def __init__(
        self,
        code: StrEnum | str,
        message: Any,
        *,
        field: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(str(message))
        self.code = str(code)
        self.message = message
        self.field = field
        self.extra = extra or {}

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "field": self.field, "detail": str(self.message)}
        data.update(self.extra)
        return data


class ValidationFailed(ApplicationError):
    status = 400


class PermissionDenied(ApplicationError):
    status = 403


class NotFound(ApplicationError):
    status = 404


class Conflict(ApplicationError):
    status = 409


class ImportFailed(ApplicationError):
    """An import refused whole; ``rows`` lists each bad row as {row, field, detail}."""

    status = 400

    def __init__(self, message: Any, rows: list[dict[str, Any]]) -> None:
        super().__init__("import_invalid", message, extra={"rows": rows})
        self.rows = rows
