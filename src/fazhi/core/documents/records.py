"""Official documents generated from a record: one declaration per document type.

Each app lists its document types in ``<app>/documents.py``; the wording is a template kept as
data (``<app>/document_templates/<name>.json``), the facts come from the record::

    from fazhi.core.documents.records import RecordDocument, register

    register(
        RecordDocument(
            key="enforcement.penalty_decision",  # also the template's key
            label=_("行政处罚决定书"),
            getter="fazhi.enforcement.selectors.case_get",  # scope-checked read (user=, pk=)
            model=PenaltyCase,
            available=lambda case: case.outcome == CaseOutcome.PENALTY,
            build=penalty_decision,  # record -> OfficialDocument
        )
    )

The record's page lists what can be generated now (``{% record_documents case %}``); each is
downloaded as DOCX or PDF from ``/documents/<key>/<pk>/<format>/`` and
``/api/documents/<key>/<pk>/<format>/``, read through the record's own scope-checked getter.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from fazhi.core.documents.model import OfficialDocument
from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import Conflict, NotFound


def _always(obj: Any) -> bool:
    return True


@dataclass(frozen=True)
class RecordDocument:
    key: str
    label: Any
    model: type[models.Model]
    getter: str
    build: Callable[[Any], OfficialDocument]
    available: Callable[[Any], bool] = _always
    unavailable: Any = ""  # why it cannot be generated yet (shown on refusal)

    def get_object(self, user, pk: Any):
        return import_string(self.getter)(user=user, pk=pk)

    def document(self, obj) -> OfficialDocument:
        if not self.available(obj):
            raise Conflict(
                "document_unavailable",
                str(self.unavailable or _("该记录目前不能生成%(label)s。") % {"label": self.label}),
                field="document",
            )
        return self.build(obj)

    def file_name(self, obj, extension: str) -> str:
        doc = self.build(obj)
        stem = f"{self.label}_{doc.number or obj.pk}"
        return re.sub(r"[\\/:*?\"<>|\s]+", "_", stem) + f".{extension}"


REGISTRY: dict[str, RecordDocument] = {}


def register(declaration: RecordDocument) -> RecordDocument:
    if declaration.key in REGISTRY and REGISTRY[declaration.key] is not declaration:
        raise ValueError(f"document {declaration.key!r} declared twice")
    REGISTRY[declaration.key] = declaration
    return declaration


_loaded = False


def load_all() -> None:
    """Import each app's ``documents`` module so the registry is complete."""
    global _loaded
    if _loaded:
        return
    from importlib import import_module
    from importlib.util import find_spec

    from django.conf import settings

    for app in settings.FAZHI_APPS:
        name = f"{app}.documents"
        if find_spec(name) is not None:
            import_module(name)
    _loaded = True


def record_document(key: str) -> RecordDocument:
    load_all()
    try:
        return REGISTRY[key]
    except KeyError:
        raise NotFound(CoreErrorCode.NOT_FOUND, _("未知的文书类型。"), field="document") from None


def documents_for(obj) -> list[RecordDocument]:
    """The document types declared on this record's model that can be generated now."""
    load_all()
    return [
        declared
        for declared in REGISTRY.values()
        if isinstance(obj, declared.model) and declared.available(obj)
    ]


# --- wording helpers shared by the apps' declarations ------------------------------------------


def cn_date(value) -> str:
    """A date as an official document writes it: 2023年2月28日 (empty when unknown)."""
    if value is None:
        return ""
    return f"{value.year}年{value.month}月{value.day}日"


def yuan(amount) -> str:
    """An amount of money: 人民币5,000元 (two decimals only when there are cents)."""
    if amount is None:
        return ""
    text = f"{amount:,.2f}"
    if text.endswith(".00"):
        text = text[:-3]
    return f"人民币{text}元"


def person_name(user) -> str:
    """A user as people know them: the staff record's name, else the account's full name."""
    if user is None:
        return ""
    person = getattr(user, "person", None)
    if person is not None and person.name:
        return str(person.name)
    return user.get_full_name() or user.get_username()
