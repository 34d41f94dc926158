"""``{% record_documents obj %}``: download links of the documents a record can produce now."""

from __future__ import annotations

from django import template

from fazhi.core import documents
from fazhi.core.documents.records import documents_for

register = template.Library()


@register.inclusion_tag("core/_record_documents.html")
def record_documents(obj) -> dict:
    return {
        "obj": obj,
        "declared": documents_for(obj),
        "pdf": documents.pdf_available(),
    }
