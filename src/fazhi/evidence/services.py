"""Every write of the evidence app: deposit a file, erase a deposited file, anchor a record.

A deposit moves ``deposited → file_erased`` (the only transition, declared in ``procedures.py``:
an erasure on a lawful request removes the stored file and the personal details, never the log
entry, which holds hashes only).
``anchor`` is the one function other apps call to fix a record's digest in the log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from fazhi.core.errors import NotFound, PermissionDenied, ValidationFailed
from fazhi.core.models import Organization
from fazhi.core.scoping import STAFF_ROLES, require_change
from fazhi.core.services import event_record
from fazhi.evidence import domain, log
from fazhi.evidence.error_codes import EvidenceErrorCode
from fazhi.evidence.events import EvidenceEvent
from fazhi.evidence.models import REASON_MAX, Anchor, Deposit, DepositStatus, storage_name_for
from fazhi.evidence.procedures import DEPOSIT

TITLE_MAX = 200
DESCRIPTION_MAX = 2000
KIND_MAX = 40
_CHUNK = 1024 * 1024


def max_upload_bytes() -> int:
    return settings.FAZHI_MAX_UPLOAD_BYTES


def depositor_reference(user) -> str:
    """Opaque, stable per depositor, meaningless without the server's secret: no personal data."""
    return salted_hmac("fazhi.evidence.depositor", str(user.pk), algorithm="sha256").hexdigest()


def _require_login(actor: User) -> None:
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied(EvidenceErrorCode.LOGIN_REQUIRED, _("请先登录再存证。"))


def checked_upload_size(upload: File | None, *, field: str = "file") -> int:
    if upload is None:
        raise ValidationFailed(EvidenceErrorCode.FILE_REQUIRED, _("请选择文件。"), field=field)
    size = upload.size or 0
    if size == 0:
        raise ValidationFailed(EvidenceErrorCode.FILE_EMPTY, _("文件为空。"), field=field)
    limit = max_upload_bytes()
    if size > limit:
        raise ValidationFailed(
            EvidenceErrorCode.FILE_TOO_LARGE,
            _("文件超过 %(limit)s 字节的大小上限。") % {"limit": limit},
            field=field,
        )
    return size


def upload_sha256(upload: File) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks(_CHUNK):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _store(upload: File, file_sha256: str) -> None:
    """Keep the file under its hash; the same content deposited twice is stored once."""
    name = storage_name_for(file_sha256)
    if default_storage.exists(name):
        return
    saved = default_storage.save(name, upload)
    if saved != name:
        # Another process stored the same content meanwhile and the storage renamed ours.
        default_storage.delete(saved)


@transaction.atomic
def deposit_create(
    *,
    actor: User,
    upload: File | None,
    title: str,
    description: str = "",
    organization: Organization | None = None,
) -> Deposit:
    """Store the file by its SHA-256, append a hashes-only entry and sign the new tree head."""
    _require_login(actor)
    title = (title or "").strip()
    description = (description or "").strip()
    if not title:
        raise ValidationFailed(EvidenceErrorCode.REQUIRED, _("请填写存证名称。"), field="title")
    if len(title) > TITLE_MAX:
        raise ValidationFailed(
            EvidenceErrorCode.TOO_LONG,
            _("存证名称不能超过 %(max)s 个字。") % {"max": TITLE_MAX},
            field="title",
        )
    if len(description) > DESCRIPTION_MAX:
        raise ValidationFailed(
            EvidenceErrorCode.TOO_LONG,
            _("说明不能超过 %(max)s 个字。") % {"max": DESCRIPTION_MAX},
            field="description",
        )
    if organization is not None:
        # Depositing on behalf of a unit is for its staff only.
        require_change(actor, organization, roles=STAFF_ROLES)
    size = checked_upload_size(upload)
    assert upload is not None
    file_sha256 = upload_sha256(upload)
    media_type = domain.clean_media_type(getattr(upload, "content_type", None))
    now = timezone.now()
    deposit_id = uuid.uuid4()
    reference = depositor_reference(actor)
    entry = domain.deposit_entry(
        deposit_id=str(deposit_id),
        file_sha256=file_sha256,
        size=size,
        media_type=media_type,
        depositor=reference,
        time=now,
        description_sha256=hashlib.sha256(description.encode()).hexdigest()
        if description
        else None,
    )
    _store(upload, file_sha256)
    appended = log.append([(domain.EntryType.DEPOSIT, entry)], now=now)
    deposit = Deposit.objects.create(
        id=deposit_id,
        depositor=actor,
        organization=organization,
        title=title,
        original_name=(getattr(upload, "name", "") or "")[:255],
        description=description,
        file_sha256=file_sha256,
        size=size,
        media_type=media_type,
        depositor_ref=reference,
        entry=appended.entries[0],
        deposited_at=now,
    )
    event_record(
        subject=deposit,
        event_type=EvidenceEvent.DEPOSITED,
        actor=actor,
        organization=organization,
        details={"index": appended.entries[0].index, "file_sha256": file_sha256},
        at=now,
    )
    return deposit


@transaction.atomic
def deposit_erase_file(*, actor: User, deposit: Deposit, reason: str) -> Deposit:
    """Erase the stored file and personal details on a lawful request; the entry stays."""
    _require_login(actor)
    locked = Deposit.objects.select_for_update().filter(pk=deposit.pk).first()
    if locked is None:
        raise NotFound(EvidenceErrorCode.NOT_FOUND, _("存证不存在。"), field="deposit")
    # The depositor (or an administrator), on a deposit whose file is still stored.
    DEPOSIT.require(actor, deposit, "erase")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(EvidenceErrorCode.REQUIRED, _("请填写删除依据。"), field="reason")
    if len(reason) > REASON_MAX:
        raise ValidationFailed(
            EvidenceErrorCode.TOO_LONG,
            _("删除依据不能超过 %(max)s 个字。") % {"max": REASON_MAX},
            field="reason",
        )
    deposit.status = DepositStatus.FILE_ERASED
    deposit.erased_at = timezone.now()
    deposit.erasure_reason = reason
    deposit.original_name = ""
    deposit.description = ""
    # Only these columns: on PostgreSQL the app role may not update the ones the log commits to.
    deposit.save(
        update_fields=["status", "erased_at", "erasure_reason", "original_name", "description"]
    )
    shared = (
        Deposit.objects.filter(file_sha256=deposit.file_sha256, status=DepositStatus.DEPOSITED)
        .exclude(pk=deposit.pk)
        .exists()
    )
    if not shared:
        name = deposit.storage_name
        # Delete only once the erasure is committed: a rollback must not lose the file.
        transaction.on_commit(lambda: default_storage.delete(name))
    event_record(
        subject=deposit,
        event_type=EvidenceEvent.FILE_ERASED,
        actor=actor,
        organization=deposit.organization,
        details={"reason": reason},
        at=deposit.erased_at,
    )
    return deposit


def _digest_hex(digest: bytes | str) -> str:
    if isinstance(digest, bytes) and len(digest) == 32:
        return digest.hex()
    if isinstance(digest, str) and domain.is_sha256_hex(digest.lower()):
        return digest.lower()
    raise ValidationFailed(
        EvidenceErrorCode.INVALID_HASH, _("摘要必须是 SHA-256（32 字节）。"), field="digest"
    )


@transaction.atomic
def anchor(*, kind: str, reference: str, digest: bytes | str) -> Anchor:
    """Fix ``digest`` (SHA-256 of a record, e.g. a case file or the daily audit digest) in the log.

    ``kind`` names the record type (``enforcement_case``, ``audit_digest``) and ``reference``
    its key (``enforcement.case:42``); neither may carry personal data, since the entry is
    permanent. Returns the anchor, whose ``entry.index`` and the covering signed head make it
    provable like a deposit.
    """
    kind = (kind or "").strip()
    if not kind or len(kind) > KIND_MAX or not domain.is_valid_reference(kind):
        raise ValidationFailed(
            EvidenceErrorCode.INVALID_KIND, _("锚定类别必须是简短的英文标识。"), field="kind"
        )
    if not domain.is_valid_reference(reference):
        raise ValidationFailed(
            EvidenceErrorCode.INVALID_REFERENCE,
            _("记录标识只能由字母、数字和 ._:/- 组成，最长 120 个字符。"),
            field="reference",
        )
    digest_hex = _digest_hex(digest)
    now = timezone.now()
    entry = domain.anchor_entry(kind=kind, reference=reference, digest=digest_hex, time=now)
    appended = log.append([(domain.EntryType.ANCHOR, entry)], now=now)
    return Anchor.objects.create(
        entry=appended.entries[0],
        kind=kind,
        reference=reference,
        digest=digest_hex,
        anchored_at=now,
    )


AUDIT_DIGEST_KIND = "audit_digest"


def audit_digest_anchor(*, day: dt.date) -> Anchor | None:
    """Anchor the digest of one day's domain events (the daily audit digest); idempotent.

    Run by the daily sweep for the previous day; returns None when that day is anchored already.
    """
    from fazhi.core.selectors import domain_event_digest

    reference = f"core.events:{day.isoformat()}"
    if Anchor.objects.filter(kind=AUDIT_DIGEST_KIND, reference=reference).exists():
        return None
    digest, _count = domain_event_digest(day=day)
    return anchor(kind=AUDIT_DIGEST_KIND, reference=reference, digest=digest)
