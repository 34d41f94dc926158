"""Document templates kept as data: JSON files under ``<app>/document_templates/<name>.json``.

A template's key is ``"<app label>.<name>"``. Its strings are ``str.format`` patterns filled
from a context; ``{"slot": "body"}`` marks where the caller's own blocks go::

    {
      "title": "{organization}{year}年度法治政府建设情况报告",
      "addressee": "{addressee}",
      "issuer": "{issuer}",
      "blocks": [
        {"paragraph": "{opening}"},
        {"slot": "sections"},
        {"heading": "附：指标口径", "level": 1}
      ]
    }

A missing context value is an error naming it, never a blank in an issued document.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from fazhi.core.documents.model import Block, Heading, OfficialDocument, Paragraph


class TemplateError(ValueError):
    """A template that cannot be found or filled (a programming or data error, not user input)."""


def _fill(pattern: str, context: Mapping[str, Any]) -> str:
    try:
        return pattern.format_map(context)
    except KeyError as missing:
        raise TemplateError(f"template value {missing} is missing") from None


@dataclass(frozen=True)
class DocumentTemplate:
    key: str
    title: str
    issuer: str
    blocks: Sequence[Mapping[str, Any]]
    addressee: str = ""
    number: str = ""

    @classmethod
    def from_dict(cls, key: str, data: Mapping[str, Any]) -> DocumentTemplate:
        return cls(
            key=key,
            title=data["title"],
            issuer=data["issuer"],
            blocks=tuple(data.get("blocks", ())),
            addressee=data.get("addressee", ""),
            number=data.get("number", ""),
        )

    def render(
        self,
        context: Mapping[str, Any],
        *,
        date: dt.date,
        slots: Mapping[str, Sequence[Block]] | None = None,
    ) -> OfficialDocument:
        slots = slots or {}
        blocks: list[Block] = []
        for item in self.blocks:
            if "slot" in item:
                blocks.extend(slots.get(item["slot"], ()))
            elif "heading" in item:
                blocks.append(Heading(_fill(item["heading"], context), int(item.get("level", 1))))
            elif "paragraph" in item:
                blocks.append(
                    Paragraph(_fill(item["paragraph"], context), bool(item.get("indent", True)))
                )
            else:
                raise TemplateError(f"{self.key}: unknown block {dict(item)!r}")
        return OfficialDocument(
            title=_fill(self.title, context),
            blocks=blocks,
            issuer=_fill(self.issuer, context),
            date=date,
            addressee=_fill(self.addressee, context),
            number=_fill(self.number, context),
        )


@cache
def template_get(key: str) -> DocumentTemplate:
    """The template ``"<app label>.<name>"`` from that app's ``document_templates/``."""
    from django.apps import apps

    label, _, name = key.partition(".")
    try:
        app = apps.get_app_config(label)
    except LookupError:
        raise TemplateError(f"no app {label!r} for template {key!r}") from None
    path = Path(app.path) / "document_templates" / f"{name}.json"
    if not name or not path.is_file():
        raise TemplateError(f"no template {key!r} ({path})")
    return DocumentTemplate.from_dict(key, json.loads(path.read_text(encoding="utf-8")))
