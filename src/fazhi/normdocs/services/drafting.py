"""Drafting and public comment of a normative document."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.consultations import selectors as consultation_selectors
from fazhi.consultations import services as consultation_services
from fazhi.core.errors import ValidationFailed
from fazhi.core.models import Organization
from fazhi.core.scoping import require_change
from fazhi.normdocs import events, uploads
from fazhi.normdocs.domain import is_provisional
from fazhi.normdocs.error_codes import NormdocsErrorCode as Code
from fazhi.normdocs.models import (
    DocumentStatus,
    NormativeDocument,
)
from fazhi.normdocs.permissions import (
    DRAFTING_ROLES,
)
from fazhi.normdocs.procedures import DOCUMENT
from fazhi.normdocs.rules import rule
from fazhi.normdocs.services._common import event, locked, required_text

# --- drafting ----------------------------------------------------------------------------------


def _draft_text(body: str, upload: tuple[str, bytes] | None) -> tuple[str, str, str]:
    """(text, file name, sha256): the uploaded DOCX wins over pasted text."""
    if upload is not None:
        name, data = upload
        text = uploads.docx_text(name, data)
        return text, name[:200], uploads.store(data, folder="normdocs", suffix=".docx")
    body = (body or "").strip()
    if not body:
        raise ValidationFailed(
            Code.REQUIRED, _("请粘贴正文或上传 Word（.docx）文件。"), field="body"
        )
    return body, "", ""


@transaction.atomic
def document_create(
    *,
    actor: User,
    organization: Organization,
    issuing_body: Organization,
    title: str,
    body: str = "",
    upload: tuple[str, bytes] | None = None,
    drafting_explanation: str = "",
    legal_bases: str = "",
    market_related: bool = False,
) -> NormativeDocument:
    """A drafter starts a document for their own unit (body pasted or uploaded as DOCX)."""
    require_change(actor, organization, roles=DRAFTING_ROLES)
    title = required_text(title, field="title", message=_("请填写文件标题。"))
    text, file_name, digest = _draft_text(body, upload)
    document = NormativeDocument.objects.create(
        organization=organization,
        issuing_body=issuing_body,
        title=title[:200],
        body=text,
        drafting_explanation=(drafting_explanation or "").strip(),
        legal_bases=(legal_bases or "").strip(),
        market_related=market_related,
        is_provisional=is_provisional(title),
        source_file_name=file_name,
        source_sha256=digest,
        created_by=actor,
    )
    event(document, events.DOCUMENT_DRAFTED, actor, uploaded=bool(upload))
    return document


@transaction.atomic
def document_update_draft(
    *,
    actor: User,
    document: NormativeDocument,
    title: str,
    body: str = "",
    upload: tuple[str, bytes] | None = None,
    drafting_explanation: str = "",
    legal_bases: str = "",
    market_related: bool = False,
) -> NormativeDocument:
    document = locked(document)
    DOCUMENT.require(actor, document, "update_draft")
    title = required_text(title, field="title", message=_("请填写文件标题。"))
    text, file_name, digest = _draft_text(body, upload)
    document.title = title[:200]
    document.body = text
    document.drafting_explanation = (drafting_explanation or "").strip()
    document.legal_bases = (legal_bases or "").strip()
    document.market_related = market_related
    document.is_provisional = is_provisional(title)
    if upload is not None:
        document.source_file_name, document.source_sha256 = file_name, digest
    document.save()
    event(document, events.DOCUMENT_DRAFT_UPDATED, actor, uploaded=bool(upload))
    return document


def comment_minimum(document: NormativeDocument):
    """The statutory minimum comment period for this document (a ``RuleValue``)."""
    key = (
        "comment_minimum_market_days" if document.market_related else "comment_minimum_general_days"
    )
    return rule(key)


@transaction.atomic
def comment_open(
    *,
    actor: User,
    document: NormativeDocument,
    starts_on: dt.date,
    ends_on: dt.date,
    backdate_reason: str = "",
) -> NormativeDocument:
    """Publish the draft for public comment on the portal (through the consultation component)."""
    document = locked(document)
    DOCUMENT.require(actor, document, "comment_open")
    minimum = comment_minimum(document)
    consultation_services.consultation_open(
        subject=document,
        organization=document.organization,
        title=_("%(title)s（征求意见稿）") % {"title": document.title},
        text=document.body,
        starts_on=starts_on,
        ends_on=ends_on,
        minimum_days=minimum.value,
        day_basis=minimum.unit,
        actor=actor,
        backdate_reason=backdate_reason,
    )
    document.status = DocumentStatus.IN_COMMENT
    document.comment_starts_on, document.comment_ends_on = starts_on, ends_on
    document.save(update_fields=["status", "comment_starts_on", "comment_ends_on"])
    event(document, events.COMMENT_OPENED, actor, starts_on=starts_on, ends_on=ends_on)
    return document


@transaction.atomic
def comment_revise(
    *, actor: User, document: NormativeDocument, text: str, note: str = ""
) -> NormativeDocument:
    """Publish a revised draft during the comment period: a new frozen version on the portal
    (with its diff), and the document's body follows it."""
    document = locked(document)
    DOCUMENT.require(actor, document, "comment_revise")
    consultation = consultation_selectors.consultation_for(document)
    assert consultation is not None  # the step is declared only while comments are open
    version = consultation_services.consultation_revise(
        consultation=consultation, text=text, note=note, actor=actor
    )
    document.body = version.text
    document.save(update_fields=["body"])
    event(document, events.DOCUMENT_DRAFT_UPDATED, actor, version=version.number)
    return document
