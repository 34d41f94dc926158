"""Public verification: a certificate (with or without its file), or just a file's hash.

Reads only. A verification that fails is an answer (``valid: false`` with a code and a reason
in Chinese), not an error: only a request with nothing to verify or a malformed hash is refused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.errors import ValidationFailed
from fazhi.evidence import domain, keys, log, merkle, selectors
from fazhi.evidence.domain import CertificateError, CertificateProblem
from fazhi.evidence.error_codes import EvidenceErrorCode
from fazhi.evidence.models import Anchor, LogEntry, SignedTreeHead
from fazhi.evidence.services import checked_upload_size, upload_sha256

VALID = "valid"
NOT_DEPOSITED = "not_deposited"

REASONS: dict[str, Any] = {
    VALID: gettext_lazy("证书有效：条目包含在本日志由公布公钥签名的树头中。"),
    CertificateProblem.MALFORMED: gettext_lazy("证书格式不正确。"),
    CertificateProblem.OTHER_LOG: gettext_lazy(
        "证书来自另一个日志（公钥不同），不是本平台签发的。"
    ),
    CertificateProblem.BAD_SIGNATURE: gettext_lazy("树头签名无效：证书中的树头或签名被改动过。"),
    CertificateProblem.NOT_INCLUDED: gettext_lazy(
        "包含证明不成立：证书中的条目、序号或证明被改动过。"
    ),
    CertificateProblem.FILE_MISMATCH: gettext_lazy(
        "文件与证书不符：文件的 SHA-256 与证书记载的不同。"
    ),
    EvidenceErrorCode.HEAD_NOT_FOUND: gettext_lazy("证书中的签名树头在本日志中不存在。"),
    NOT_DEPOSITED: gettext_lazy("本日志中没有该文件（哈希）的存证记录。"),
}


def reason(code: str, detail: str = "") -> str:
    text = str(REASONS.get(code, code))
    return f"{text}（{detail}）" if detail else text


@dataclass
class Outcome:
    valid: bool
    code: str
    reason: str
    index: int | None = None
    entry_type: str = ""
    deposit_id: str = ""
    logged_at: dt.datetime | None = None
    tree_size: int | None = None
    head_signed_at: dt.datetime | None = None
    file_sha256: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "code": self.code,
            "reason": self.reason,
            "index": self.index,
            "entry_type": self.entry_type,
            "deposit_id": self.deposit_id or None,
            "logged_at": self.logged_at.isoformat() if self.logged_at else None,
            "tree_size": self.tree_size,
            "head_signed_at": self.head_signed_at.isoformat() if self.head_signed_at else None,
            "file_sha256": self.file_sha256 or None,
        }


def _invalid(code: str, detail: str = "", **kwargs: Any) -> Outcome:
    return Outcome(valid=False, code=str(code), reason=reason(code, detail), **kwargs)


def clean_sha256(value: str, *, field_name: str = "sha256") -> str:
    value = (value or "").strip().lower()
    if not domain.is_sha256_hex(value):
        raise ValidationFailed(
            EvidenceErrorCode.INVALID_HASH,
            _("请输入 64 位十六进制的 SHA-256 哈希值。"),
            field=field_name,
        )
    return value


def _entry_time(entry: dict[str, Any]) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(str(entry.get("time", "")))
    except ValueError:
        return None


def check_certificate(*, certificate_text: str | bytes, file_sha256: str | None) -> Outcome:
    """A certificate against this log: our key, a valid signature and proof, a stored head."""
    try:
        certificate = domain.certificate_from_json(certificate_text)
        # Any key this log has signed with (rotation keeps the old ones), and only those.
        trusted = keys.known_public_keys().get(certificate.log_id)
        if trusted is None:
            raise CertificateError(CertificateProblem.OTHER_LOG, certificate.log_id)
        domain.verify_certificate(certificate, trusted_public_key=trusted, file_sha256=file_sha256)
    except CertificateError as error:
        detail = error.detail if error.code == CertificateProblem.MALFORMED else ""
        return _invalid(error.code, detail)
    head = certificate.tree_head
    stored = SignedTreeHead.objects.filter(tree_size=head.tree_size).first()
    if stored is None or bytes(stored.root_hash) != head.root_hash:
        return _invalid(EvidenceErrorCode.HEAD_NOT_FOUND, tree_size=head.tree_size)
    entry = certificate.entry
    return Outcome(
        valid=True,
        code=VALID,
        reason=reason(VALID),
        index=certificate.leaf_index,
        entry_type=str(entry.get("type", "")),
        deposit_id=str(entry.get("deposit_id", "")),
        logged_at=_entry_time(entry),
        tree_size=head.tree_size,
        head_signed_at=domain.from_timestamp_ms(head.timestamp),
        file_sha256=str(entry.get("file_sha256", entry.get("digest", ""))),
    )


def check_entry(entry: LogEntry, *, head: SignedTreeHead) -> Outcome:
    """Prove a stored entry against a signed head, as an outside verifier would.

    Everything reported comes from the entry's own bytes (whose leaf hash the proof checks),
    never from the deposit or anchor row that points at it.
    """
    public_key = keys.known_public_keys().get(head.log_id, b"")
    data = selectors.entry_json(entry)
    root = bytes(head.root_hash)
    signed = domain.head_signature_valid(
        public_key=public_key,
        tree_size=head.tree_size,
        timestamp=head.timestamp,
        root_hash=root,
        signature=bytes(head.signature),
    )
    included = merkle.verify_inclusion(
        merkle.leaf_hash(bytes(entry.data)),
        entry.index,
        head.tree_size,
        log.inclusion_proof(entry.index, head.tree_size),
        root,
    )
    code = VALID if signed and included else CertificateProblem.NOT_INCLUDED
    if not signed:
        code = CertificateProblem.BAD_SIGNATURE
    return Outcome(
        valid=code == VALID,
        code=str(code),
        reason=reason(code),
        index=entry.index,
        entry_type=entry.entry_type,
        deposit_id=str(data.get("deposit_id", "")),
        logged_at=entry.logged_at,
        tree_size=head.tree_size,
        head_signed_at=domain.from_timestamp_ms(head.timestamp),
        file_sha256=str(data.get("file_sha256", data.get("digest", ""))),
    )


def check_hash(file_sha256: str, *, limit: int = 20) -> list[Outcome]:
    """Every deposit (and anchor) of this hash, each proved against the latest signed head.

    The deposit and anchor tables only find candidate entries fast; an entry counts only if its
    own content names the hash (a forged ``file_sha256`` in a side table finds nothing).
    """
    head = log.latest_head()
    if head is None:
        return []
    entries = [d.entry for d in selectors.deposits_by_file_hash(file_sha256, limit=limit)]
    entries += [
        a.entry for a in Anchor.objects.filter(digest=file_sha256).select_related("entry")[:limit]
    ]
    entries = [e for e in entries if _names_hash(e, file_sha256)]
    entries.sort(key=lambda e: e.index)
    return [check_entry(entry, head=head) for entry in entries[:limit]]


def _names_hash(entry: LogEntry, file_sha256: str) -> bool:
    try:
        data = selectors.entry_json(entry)
    except ValueError:
        return False  # content rewritten into something that is not an entry
    return file_sha256 in (data.get("file_sha256"), data.get("digest"))


def verify_submission(
    *, certificate_text: str | bytes | None, file_sha256: str | None, sha256: str | None
) -> list[Outcome]:
    """What the public page and API answer: outcomes, or ``not_deposited`` for an unknown hash."""
    if certificate_text:
        return [check_certificate(certificate_text=certificate_text, file_sha256=file_sha256)]
    wanted = file_sha256 or (clean_sha256(sha256) if sha256 else None)
    if wanted is None:
        raise ValidationFailed(
            EvidenceErrorCode.NOTHING_TO_VERIFY,
            _("请上传证书，或上传文件、填写文件的 SHA-256。"),
            field="certificate",
        )
    return check_hash(wanted) or [_invalid(NOT_DEPOSITED, file_sha256=wanted)]


def uploaded_file_sha256(upload) -> str:
    """SHA-256 of a file given for verification, refused when empty or over the size limit."""
    checked_upload_size(upload)
    return upload_sha256(upload)
