"""The optional link to the automatic pre-review app (``fazhi.review``).

It is looked up when called, so normdocs works whether or not the review app is installed: with
it, a saved draft is pre-reviewed and its findings shown on the document page; without it, the
page simply has no pre-review section.
"""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec

from django.utils import timezone

from fazhi.normdocs.models import NormativeDocument


def _module(name: str):
    try:
        if find_spec(name) is None:
            return None
    except ModuleNotFoundError:
        return None
    return import_module(name)


def available() -> bool:
    services = _module("fazhi.review.services")
    return services is not None and hasattr(services, "review_document_text")


def run(*, document: NormativeDocument, actor):
    """Pre-review the draft's current text; None when the review app is not there."""
    services = _module("fazhi.review.services")
    if services is None or not hasattr(services, "review_document_text"):
        return None
    return services.review_document_text(
        text=document.body, as_of=timezone.localdate(), subject=document, actor=actor
    )


def latest_run(*, document: NormativeDocument, user):
    selectors = _module("fazhi.review.selectors")
    if selectors is None or not hasattr(selectors, "runs_for_subject"):
        return None
    return selectors.runs_for_subject(user=user, subject=document).first()
