"""Automatic pre-review of draft normative documents (行政规范性文件).

Pure Python, no Django. ``review_text`` runs the fair-competition, legality and form rule sets
(data under ``rules/``) over a text and merges in the findings of an injected citation checker.
"""

from __future__ import annotations

from fazhi.review.engine.model import (
    CATEGORIES,
    FINDING_KEYS,
    SEVERITIES,
    CitationChecker,
    Finding,
    Rule,
)
from fazhi.review.engine.review import no_citation_check, review_docx, review_text
from fazhi.review.engine.rules import FormLimits, load_form_limits, load_rules, rules_by_id
from fazhi.review.engine.text import UnreadableDocument, read_document

__all__ = [
    "CATEGORIES",
    "FINDING_KEYS",
    "SEVERITIES",
    "CitationChecker",
    "Finding",
    "FormLimits",
    "Rule",
    "UnreadableDocument",
    "load_form_limits",
    "load_rules",
    "no_citation_check",
    "read_document",
    "review_docx",
    "review_text",
    "rules_by_id",
]
