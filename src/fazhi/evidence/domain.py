"""Pure rules of the evidence log: entry encoding, signed tree heads and certificate checks.

No Django and no I/O here, so that the offline verifier (``fazhi verify``) and any third party
re-implementing it need nothing but this file, ``merkle.py`` and an Ed25519 library.

* A log entry is canonical JSON (sorted keys, no spaces, UTF-8) of an object holding only
  strings and integers: hashes, sizes, types, an opaque depositor reference and a UTC time —
  never personal data or file content, because an entry can never be deleted.
* A signed tree head (STH) is an Ed25519 signature over ``tree_head_message``: a fixed text
  naming the log (SHA-256 of its public key), the tree size, the time and the root hash.
* A certificate carries the entry, its index, the STH and the inclusion proof, plus the log's
  public key, so it can be checked offline; ``verify_certificate`` raises ``CertificateError``
  with a stable code saying exactly what does not hold.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from fazhi.evidence import merkle

ENTRY_VERSION = 1
CERTIFICATE_FORMAT = "fazhi-evidence-certificate/1"
SIGNATURE_ALGORITHM = "Ed25519"
_HEAD_MESSAGE_PREFIX = b"fazhi-evidence-tree-head/1\n"
_HEX_SHA256 = re.compile(r"[0-9a-f]{64}")
_MEDIA_TYPE = re.compile(
    r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,62}"
)
_REFERENCE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/-]{0,119}")
DEFAULT_MEDIA_TYPE = "application/octet-stream"


class EntryType(StrEnum):
    DEPOSIT = "deposit"
    ANCHOR = "anchor"


class CertificateProblem(StrEnum):
    """Why a certificate does not verify; the codes the API, pages and CLI report."""

    MALFORMED = "certificate_malformed"
    OTHER_LOG = "certificate_other_log"
    BAD_SIGNATURE = "certificate_bad_signature"
    NOT_INCLUDED = "certificate_not_included"
    FILE_MISMATCH = "certificate_file_mismatch"


class CertificateError(Exception):
    def __init__(self, code: CertificateProblem, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else str(code))
        self.code = code
        self.detail = detail


# --------------------------------------------------------------------------- encoding


def canonical_json(value: Mapping[str, Any]) -> bytes:
    """The one byte encoding of an entry: the leaf hash is taken over exactly these bytes."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def is_sha256_hex(value: object) -> bool:
    return isinstance(value, str) and bool(_HEX_SHA256.fullmatch(value))


def clean_media_type(value: str | None) -> str:
    """A browser-supplied media type if it is a plain ``type/subtype``, else octet-stream."""
    value = (value or "").strip().lower()
    return value if _MEDIA_TYPE.fullmatch(value) else DEFAULT_MEDIA_TYPE


def is_valid_reference(value: object) -> bool:
    """Anchor references are short record keys (``enforcement.case:42``), never free text."""
    return isinstance(value, str) and bool(_REFERENCE.fullmatch(value))


def utc_text(moment: dt.datetime) -> str:
    """UTC time in ISO 8601 with milliseconds and a ``Z``: the only time format in entries."""
    if moment.tzinfo is None:
        raise ValueError("entry times must be aware")
    utc = moment.astimezone(dt.UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def timestamp_ms(moment: dt.datetime) -> int:
    if moment.tzinfo is None:
        raise ValueError("tree head times must be aware")
    return int(moment.timestamp() * 1000)


def from_timestamp_ms(value: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(value / 1000, tz=dt.UTC)


def deposit_entry(
    *,
    deposit_id: str,
    file_sha256: str,
    size: int,
    media_type: str,
    depositor: str,
    time: dt.datetime,
    description_sha256: str | None = None,
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "v": ENTRY_VERSION,
        "type": EntryType.DEPOSIT.value,
        "deposit_id": deposit_id,
        "file_sha256": file_sha256,
        "size": size,
        "media_type": media_type,
        "depositor": depositor,
        "time": utc_text(time),
    }
    if description_sha256:
        entry["description_sha256"] = description_sha256
    return entry


def anchor_entry(*, kind: str, reference: str, digest: str, time: dt.datetime) -> dict[str, Any]:
    return {
        "v": ENTRY_VERSION,
        "type": EntryType.ANCHOR.value,
        "kind": kind,
        "reference": reference,
        "digest": digest,
        "time": utc_text(time),
    }


# --------------------------------------------------------------------------- tree heads


def log_id_for(public_key: bytes) -> str:
    """The log's name: SHA-256 of its raw 32-byte Ed25519 public key, in hex."""
    return hashlib.sha256(public_key).hexdigest()


def tree_head_message(*, log_id: str, tree_size: int, timestamp: int, root_hash: bytes) -> bytes:
    """The exact bytes an STH signature covers (one field a line, fixed order)."""
    return _HEAD_MESSAGE_PREFIX + (
        f"{log_id}\n{tree_size}\n{timestamp}\n{root_hash.hex()}\n".encode("ascii")
    )


def head_signature_valid(
    *, public_key: bytes, tree_size: int, timestamp: int, root_hash: bytes, signature: bytes
) -> bool:
    try:
        key = Ed25519PublicKey.from_public_bytes(public_key)
        key.verify(
            signature,
            tree_head_message(
                log_id=log_id_for(public_key),
                tree_size=tree_size,
                timestamp=timestamp,
                root_hash=root_hash,
            ),
        )
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


# --------------------------------------------------------------------------- certificates


@dataclass(frozen=True)
class TreeHead:
    tree_size: int
    root_hash: bytes
    timestamp: int
    signature: bytes

    def as_dict(self) -> dict[str, Any]:
        return {
            "tree_size": self.tree_size,
            "root_hash": self.root_hash.hex(),
            "timestamp": self.timestamp,
            "signature": base64.b64encode(self.signature).decode("ascii"),
        }


@dataclass(frozen=True)
class Certificate:
    public_key: bytes
    entry: dict[str, Any]
    leaf_index: int
    tree_head: TreeHead
    inclusion_proof: list[bytes]
    verify_url: str = ""

    @property
    def log_id(self) -> str:
        return log_id_for(self.public_key)

    @property
    def leaf_hash(self) -> bytes:
        return merkle.leaf_hash(canonical_json(self.entry))

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": CERTIFICATE_FORMAT,
            "log": {
                "log_id": self.log_id,
                "algorithm": SIGNATURE_ALGORITHM,
                "public_key": base64.b64encode(self.public_key).decode("ascii"),
            },
            "entry": self.entry,
            "leaf_index": self.leaf_index,
            "tree_head": self.tree_head.as_dict(),
            "inclusion_proof": [p.hex() for p in self.inclusion_proof],
        }
        if self.verify_url:
            data["verify_url"] = self.verify_url
        return data


def _malformed(detail: str) -> CertificateError:
    return CertificateError(CertificateProblem.MALFORMED, detail)


def _int(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _malformed(f"{name} is not a non-negative integer")
    return value


def _hex_hash(value: object, name: str) -> bytes:
    if not is_sha256_hex(value):
        raise _malformed(f"{name} is not a lowercase hex SHA-256")
    return bytes.fromhex(value)  # type: ignore[arg-type]


def _base64(value: object, name: str, length: int) -> bytes:
    if not isinstance(value, str):
        raise _malformed(f"{name} is not base64 text")
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise _malformed(f"{name} is not base64") from None
    if len(raw) != length:
        raise _malformed(f"{name} is not {length} bytes")
    return raw


def _entry(value: object) -> dict[str, Any]:
    # Only strings and integers may appear: a float or nested object has no canonical form
    # the server would ever have produced.
    if not isinstance(value, dict) or not value:
        raise _malformed("entry is not an object")
    for key, item in value.items():
        if not isinstance(key, str):
            raise _malformed("entry key is not text")
        if isinstance(item, bool) or not isinstance(item, (str, int)):
            raise _malformed(f"entry field {key} is neither text nor an integer")
    return dict(value)


def parse_certificate(data: object) -> Certificate:
    """Read a certificate from its decoded JSON; ``CertificateError(MALFORMED)`` if it is not one."""
    if not isinstance(data, dict):
        raise _malformed("certificate is not a JSON object")
    if data.get("format") != CERTIFICATE_FORMAT:
        raise _malformed("unknown certificate format")
    log = data.get("log")
    head = data.get("tree_head")
    proof = data.get("inclusion_proof")
    if not isinstance(log, dict) or not isinstance(head, dict) or not isinstance(proof, list):
        raise _malformed("log, tree_head or inclusion_proof missing")
    if log.get("algorithm") != SIGNATURE_ALGORITHM:
        raise _malformed("unsupported signature algorithm")
    public_key = _base64(log.get("public_key"), "log.public_key", 32)
    if log.get("log_id") != log_id_for(public_key):
        raise _malformed("log.log_id does not name log.public_key")
    verify_url = data.get("verify_url", "")
    return Certificate(
        public_key=public_key,
        entry=_entry(data.get("entry")),
        leaf_index=_int(data.get("leaf_index"), "leaf_index"),
        tree_head=TreeHead(
            tree_size=_int(head.get("tree_size"), "tree_head.tree_size"),
            root_hash=_hex_hash(head.get("root_hash"), "tree_head.root_hash"),
            timestamp=_int(head.get("timestamp"), "tree_head.timestamp"),
            signature=_base64(head.get("signature"), "tree_head.signature", 64),
        ),
        inclusion_proof=[_hex_hash(p, "inclusion_proof") for p in proof],
        verify_url=verify_url if isinstance(verify_url, str) else "",
    )


def certificate_from_json(text: str | bytes) -> Certificate:
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError):
        raise _malformed("not JSON") from None
    return parse_certificate(data)


def verify_certificate(
    certificate: Certificate,
    *,
    trusted_public_key: bytes | None = None,
    file_sha256: str | None = None,
) -> None:
    """Check a certificate completely; returns quietly when it holds.

    In order: the log is the trusted one (when a key is given), the tree head is signed by the
    certificate's key, the entry is included in that head, and (when a file hash is given) the
    entry names that file.  Raises ``CertificateError`` with the first failing check.
    """
    if trusted_public_key is not None and certificate.public_key != trusted_public_key:
        raise CertificateError(CertificateProblem.OTHER_LOG, certificate.log_id)
    head = certificate.tree_head
    if not head_signature_valid(
        public_key=certificate.public_key,
        tree_size=head.tree_size,
        timestamp=head.timestamp,
        root_hash=head.root_hash,
        signature=head.signature,
    ):
        raise CertificateError(CertificateProblem.BAD_SIGNATURE)
    if not merkle.verify_inclusion(
        certificate.leaf_hash,
        certificate.leaf_index,
        head.tree_size,
        certificate.inclusion_proof,
        head.root_hash,
    ):
        raise CertificateError(CertificateProblem.NOT_INCLUDED)
    if file_sha256 is not None:
        named = certificate.entry.get("file_sha256", certificate.entry.get("digest"))
        if named != file_sha256:
            raise CertificateError(CertificateProblem.FILE_MISMATCH, str(named))
