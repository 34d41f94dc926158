"""Rendering of document and case number templates such as ``海政规〔{year}〕{seq}号``."""

from __future__ import annotations

import re

_FIELD = re.compile(r"\{(\w+)(?::([^}]*))?\}")
ALLOWED_FIELDS = frozenset({"year", "seq"})


def template_fields(template: str) -> set[str]:
    return {match.group(1) for match in _FIELD.finditer(template)}


def validate_template(template: str) -> str | None:
    """Return a reason the template is unusable, or None."""
    fields = template_fields(template)
    unknown = fields - ALLOWED_FIELDS
    if unknown:
        return f"unknown fields: {', '.join(sorted(unknown))}"
    if "seq" not in fields:
        return "the template must contain {seq}"
    return None


def render_number(template: str, *, year: int, sequence: int) -> str:
    return template.format(year=year, seq=sequence)
