"""The log's Ed25519 signing key: generated on first use, then read from disk.

The key lives at ``FAZHI_EVIDENCE_KEY_PATH`` (production: a path on a protected volume, shared
by every web process) or under ``settings.VAR_DIR`` in development.  Several processes may start
at once on an empty volume, so the key is written to a temporary file and published with an
atomic ``link``: exactly one key wins and everyone reads that one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from functools import cache
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings

from fazhi.evidence.domain import log_id_for

KEY_PATH_ENV = "FAZHI_EVIDENCE_KEY_PATH"


def key_path() -> Path:
    configured = os.environ.get(KEY_PATH_ENV)
    if configured:
        return Path(configured)
    return Path(settings.VAR_DIR) / "evidence" / "log_signing_key.pem"


def _create(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".key-")
    try:
        os.fchmod(handle, 0o600)
        os.write(handle, pem)
        os.fsync(handle)
        os.close(handle)
        # If another process published its key first, use that one.
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        os.unlink(temporary)


@cache
def _load(path_text: str) -> Ed25519PrivateKey:
    path = Path(path_text)
    if not path.exists():
        _create(path)
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise TypeError(f"{path} does not hold an Ed25519 private key")
    return key


def signing_key() -> Ed25519PrivateKey:
    return _load(str(key_path()))


def public_key_bytes() -> bytes:
    """The raw 32-byte public key, as published and embedded in certificates."""
    return (
        signing_key()
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )


def public_key_pem() -> str:
    return (
        signing_key()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode("ascii")
    )


def log_id() -> str:
    return log_id_for(public_key_bytes())


def public_key_from_pem(pem: bytes) -> bytes:
    """Raw bytes of an Ed25519 public key given as PEM (for ``fazhi verify --public-key``)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    key = serialization.load_pem_public_key(pem)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("not an Ed25519 public key")
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
