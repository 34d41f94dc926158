"""Documents of a decision's file (stored once per content)."""

from __future__ import annotations

import hashlib
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core.errors import ValidationFailed
from fazhi.decisions.error_codes import DecisionErrorCode as Code
from fazhi.decisions.events import DecisionEvent
from fazhi.decisions.models import (
    Attachment,
    Decision,
)
from fazhi.decisions.services._base import (
    ATTACHMENT_SUFFIXES,
    CHECK_KINDS,
    STEP_KINDS,
    _begin,
    _event,
    _required,
)

# --- attachments ------------------------------------------------------------------------------


@transaction.atomic
def attachment_add(
    *, actor: User, decision: Decision, title: str, file_name: str, content: bytes, stage: str = ""
) -> Attachment:
    """Add a document to the file; stored once per content (SHA-256)."""
    decision = _begin(actor, decision, "attach")
    title = _required(title, "title", _("材料名称"))
    if stage and stage not in STEP_KINDS | CHECK_KINDS:
        raise ValidationFailed(Code.INVALID, _("所属环节无效。"), field="stage")
    suffix = PurePosixPath(file_name or "").suffix.lower()
    if suffix not in ATTACHMENT_SUFFIXES:
        raise ValidationFailed(
            Code.FILE_TYPE,
            _("仅接受 %(types)s 文件。") % {"types": "、".join(sorted(ATTACHMENT_SUFFIXES))},
            field="file",
        )
    if not content:
        raise ValidationFailed(Code.REQUIRED, _("文件为空。"), field="file")
    if len(content) > settings.FAZHI_MAX_UPLOAD_BYTES:
        raise ValidationFailed(Code.FILE_TOO_LARGE, _("文件过大。"), field="file")
    digest = hashlib.sha256(content).hexdigest()
    storage_name = f"decisions/{digest[:2]}/{digest}{suffix}"
    if not default_storage.exists(storage_name):
        storage_name = default_storage.save(storage_name, ContentFile(content))
    attachment = Attachment.objects.create(
        decision=decision,
        stage=stage,
        title=title,
        file_name=PurePosixPath(file_name).name,
        sha256=digest,
        size=len(content),
        storage_name=storage_name,
        uploaded_by=actor,
    )
    _event(
        decision,
        DecisionEvent.ATTACHMENT_ADDED,
        actor,
        decision.organization,
        title=title,
        sha256=digest,
    )
    return attachment
