"""Writes of the pre-review app: run the engine over a text or an upload and keep the result;
record a reviewer's decision on a finding.

Other apps call ``review_document_text`` (e.g. for a draft's version) and render the stored run
with the ``review/_run.html`` include.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.errors import Conflict, ValidationFailed
from fazhi.core.models import Organization, RoleAssignment
from fazhi.core.services import event_record
from fazhi.lawbase.selectors import citation_checker
from fazhi.review.engine import UnreadableDocument, read_document, review_text
from fazhi.review.engine.text import Segments, read_docx
from fazhi.review.error_codes import ReviewErrorCode
from fazhi.review.lawbasis import basis_lookup
from fazhi.review.models import (
    DecisionOutcome,
    FindingStatus,
    ReviewDecision,
    ReviewFinding,
    ReviewRun,
)
from fazhi.review.permissions import RUN_ROLES, require_decide, require_run

MAX_TEXT_LENGTH = 500_000


def _home_organization(actor: User) -> Organization | None:
    """The unit a user works for: their staff record's, else where they hold a review role."""
    person = getattr(actor, "person", None)
    if person is not None:
        return person.organization
    assignment = (
        RoleAssignment.objects.filter(user=actor, role__in=RUN_ROLES)
        .select_related("organization")
        .order_by("organization__path")
        .first()
    ) or RoleAssignment.objects.filter(user=actor).select_related("organization").first()
    return assignment.organization if assignment else None


@dataclass(frozen=True)
class ReadUpload:
    """An uploaded file that was read: its text, bytes, SHA-256 and name."""

    text: str
    data: bytes
    sha256: str
    name: str
    suffix: str

    def store(self) -> str:
        """Keep the file content-addressed (once per content); returns the storage name."""
        name = f"review/{self.sha256}{self.suffix if self.suffix in {'.docx', '.txt'} else ''}"
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(self.data))
        return name


def upload_text(upload: UploadedFile) -> ReadUpload:
    """Read an uploaded DOCX or UTF-8 text file; refuses large, empty and unreadable files."""
    if upload.size is not None and upload.size > settings.FAZHI_MAX_UPLOAD_BYTES:
        raise ValidationFailed(
            ReviewErrorCode.FILE_TOO_LARGE,
            _("文件超过%(limit)s MB，无法审查。")
            % {"limit": settings.FAZHI_MAX_UPLOAD_BYTES // (1024 * 1024)},
            field="file",
        )
    data = upload.read()
    suffix = PurePath(upload.name or "").suffix.lower()
    try:
        if suffix == ".docx":
            text = read_docx(data)  # a .docx that is not one is refused, not read as text
        elif suffix == ".doc":
            raise UnreadableDocument(
                "不支持旧版 Word（.doc）文件，请另存为 .docx 后重试。", reason="legacy_doc"
            )
        else:
            text = read_document(data)
    except UnreadableDocument as error:
        raise ValidationFailed(ReviewErrorCode.UNREADABLE_FILE, str(error), field="file") from error
    return ReadUpload(
        text=text,
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        name=PurePath(upload.name or "").name[:255],
        suffix=suffix,
    )


@transaction.atomic
def review_run_record(
    *,
    actor: User,
    text: str = "",
    upload: UploadedFile | None = None,
    as_of: dt.date | None = None,
    subject: models.Model | None = None,
    organization: Organization | None = None,
    title: str = "",
) -> ReviewRun:
    """Review pasted ``text`` or an ``upload`` (exactly one) and store the run and findings.

    The run belongs to ``subject``'s organisation when the subject has one, else to
    ``organization``, else to the actor's unit. ``as_of`` defaults to today.
    """
    organization = getattr(subject, "organization", None) or organization
    organization = organization or _home_organization(actor)
    if organization is None:
        raise ValidationFailed(
            ReviewErrorCode.NO_ORGANIZATION,
            _("您没有所属单位，无法发起预审。"),
            field="organization",
        )
    require_run(actor, organization)
    read: ReadUpload | None = None
    if upload is not None:
        if text.strip():
            raise ValidationFailed(
                ReviewErrorCode.TEXT_AND_FILE, _("请粘贴文本或上传文件，二者选一。"), field="text"
            )
        read = upload_text(upload)
        text = read.text
    if not text.strip():
        raise ValidationFailed(
            ReviewErrorCode.TEXT_REQUIRED, _("请粘贴要审查的文本或上传文件。"), field="text"
        )
    if len(text) > MAX_TEXT_LENGTH:
        raise ValidationFailed(
            ReviewErrorCode.TEXT_TOO_LONG,
            _("文本不能超过%(limit)s字。") % {"limit": MAX_TEXT_LENGTH},
            field="file" if upload is not None else "text",
        )
    as_of = as_of or timezone.localdate()
    findings = review_text(
        text, as_of=as_of, citation_checker=citation_checker(), basis_lookup=basis_lookup()
    )
    run = ReviewRun.objects.create(
        organization=organization,
        content_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        object_id=str(subject.pk) if subject is not None else "",
        title=(title or (read.name if read else "") or text.strip().splitlines()[0])[:200],
        source_name=read.name if read else "",
        source_sha256=read.sha256 if read else "",
        text=text,
        as_of=as_of,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    segments = Segments.of(text)
    ReviewFinding.objects.bulk_create(
        ReviewFinding(
            run=run,
            position=position,
            clause=_clause(text, segments, finding.start),
            **finding.to_dict(),
        )
        for position, finding in enumerate(findings, start=1)
    )
    if read is not None:
        read.store()
    event_record(
        subject=run,
        event_type="review_run",
        actor=actor,
        organization=organization,
        details={"findings": len(findings), "as_of": as_of.isoformat()},
    )
    return run


_CLAUSE_MAX = 400


def _clause(text: str, segments: Segments, offset: int) -> str:
    """The paragraph a finding sits in (its sentence when the paragraph is long): the text a
    reviewer's decision labels, for the next training run."""
    start, end = segments.paragraph(offset)
    if end - start > _CLAUSE_MAX:
        start, end = segments.sentence(offset)
    return text[start:end].strip()[:_CLAUSE_MAX]


def review_document_text(
    *, text: str, as_of: dt.date | None, subject: models.Model | None = None, actor: User
) -> ReviewRun:
    """Pre-review a document's text (e.g. a draft version) and keep the run with its findings."""
    return review_run_record(actor=actor, text=text, as_of=as_of, subject=subject)


@transaction.atomic
def finding_decide(
    *, actor: User, finding: ReviewFinding, outcome: str, reason: str = ""
) -> ReviewDecision:
    """Accept or dismiss a finding; dismissing needs a reason. A later decision supersedes."""
    finding = (
        ReviewFinding.objects.select_for_update()
        .select_related("run__organization")
        .get(pk=finding.pk)
    )
    require_decide(actor, finding.run.organization)
    if outcome not in DecisionOutcome.values:
        raise ValidationFailed(
            ReviewErrorCode.INVALID_DECISION, _("请选择采纳或不采纳。"), field="outcome"
        )
    reason = reason.strip()
    if outcome == DecisionOutcome.DISMISSED and not reason:
        raise ValidationFailed(
            ReviewErrorCode.REASON_REQUIRED, _("不采纳时请说明理由。"), field="reason"
        )
    allowed = finding.can_accept() if outcome == DecisionOutcome.ACCEPTED else finding.can_dismiss()
    if not allowed:
        raise Conflict(ReviewErrorCode.SAME_DECISION, _("该发现已是此处理结论。"), field="outcome")
    decision = ReviewDecision.objects.create(
        finding=finding,
        outcome=outcome,
        reason=reason,
        decided_by=actor,
        decided_at=timezone.now(),
    )
    finding.status = FindingStatus(outcome)
    finding.save(update_fields=["status"])
    event_record(
        subject=finding.run,
        event_type=f"finding_{outcome}",
        actor=actor,
        organization=finding.run.organization,
        details={"finding": finding.pk, "rule": finding.rule, "reason": reason},
    )
    return decision
