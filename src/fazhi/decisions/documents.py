"""The decision's file (重大行政决策档案) as an official document, DOCX or PDF."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from fazhi.core.documents.records import RecordDocument, register
from fazhi.decisions.archive import decision_document
from fazhi.decisions.models import Decision

register(
    RecordDocument(
        key="decisions.archive",
        label=_("重大行政决策档案"),
        model=Decision,
        getter="fazhi.decisions.selectors.decision_get",
        build=decision_document,
    )
)
