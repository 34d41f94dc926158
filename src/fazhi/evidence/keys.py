"""The log's Ed25519 signing key, the public keys it has ever used, and rotation.

The private key lives at ``FAZHI_EVIDENCE_KEY_PATH`` (production: a path on a protected volume,
shared by every web process) or under ``settings.VAR_DIR`` in development.  Every public key the
log has signed with is also kept, as ``<log_id>.pem``, in the ``public/`` folder beside it, so
heads signed before a rotation stay verifiable.

A key is generated implicitly only at first set-up: when no key file exists, no public key was
ever recorded and the log has no signed head (and ``FAZHI_EVIDENCE_KEYGEN_ON_FIRST_USE`` allows
it; production turns it off, so the operator runs ``fazhi evidence keygen``).  A key that goes
missing later is an error naming the path (``SigningKeyMissing``), never a silent new key that
would split the log.  Several processes may start at once on an empty volume, so a new key is
written to a temporary file and published with an atomic ``link``: exactly one key wins.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from functools import cache
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings

from fazhi.evidence.domain import log_id_for

KEY_PATH_ENV = "FAZHI_EVIDENCE_KEY_PATH"


class SigningKeyMissing(RuntimeError):
    """The configured signing key file is absent (and this is not first set-up)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"evidence log signing key missing: {path} (restore it from the backup; "
            "`fazhi evidence keygen` only for a new, empty log)"
        )


class UnknownLogKey(LookupError):
    """A head or certificate names a key (log id) this log never used."""

    def __init__(self, log_id: str) -> None:
        self.log_id = log_id
        super().__init__(f"no public key with log id {log_id} in {public_dir()}")


def key_path() -> Path:
    configured = os.environ.get(KEY_PATH_ENV)
    if configured:
        return Path(configured)
    return Path(settings.VAR_DIR) / "evidence" / "log_signing_key.pem"


def public_dir() -> Path:
    return key_path().parent / "public"


def _pem(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def raw_public(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _public_pem(raw: bytes) -> bytes:
    return Ed25519PublicKey.from_public_bytes(raw).public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _write_new(path: Path, data: bytes, *, replace: bool) -> bool:
    """Write ``data`` to ``path`` atomically, mode 0600; False if it existed and not ``replace``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".key-")
    try:
        os.fchmod(handle, 0o600)
        os.write(handle, data)
        os.fsync(handle)
        os.close(handle)
        if replace:
            os.replace(temporary, path)
            return True
        try:
            os.link(temporary, path)
        except FileExistsError:
            return False  # another process published its key first: use that one
        return True
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _record_public(raw: bytes) -> None:
    target = public_dir() / f"{log_id_for(raw)}.pem"
    if not target.exists():
        _write_new(target, _public_pem(raw), replace=False)


@cache
def _load(path_text: str, _mtime_ns: int) -> Ed25519PrivateKey:
    path = Path(path_text)
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise TypeError(f"{path} does not hold an Ed25519 private key")
    return key


def _first_setup() -> bool:
    if not getattr(settings, "FAZHI_EVIDENCE_KEYGEN_ON_FIRST_USE", True):
        return False
    if any(public_dir().glob("*.pem")):
        return False  # a key was used here before: losing it is not a first set-up
    from fazhi.evidence.models import SignedTreeHead

    return not SignedTreeHead.objects.exists()


def generate(*, rotate: bool = False) -> bytes:
    """Create the signing key (``fazhi evidence keygen``) or replace it (``rotate-key``).

    Returns the new raw public key. Without ``rotate`` an existing key is never touched.
    Rotating records the old public key first, so heads it signed stay verifiable.
    """
    path = key_path()
    if rotate:
        _record_public(raw_public(signing_key()))
    elif path.exists():
        raise FileExistsError(f"{path} exists already")
    key = Ed25519PrivateKey.generate()
    if not _write_new(path, _pem(key), replace=rotate):
        raise FileExistsError(f"{path} exists already")
    _record_public(raw_public(key))
    return raw_public(key)


def signing_key() -> Ed25519PrivateKey:
    path = key_path()
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        if not _first_setup():
            raise SigningKeyMissing(path) from None
        key = Ed25519PrivateKey.generate()
        _write_new(path, _pem(key), replace=False)
        stamp = path.stat().st_mtime_ns
    key = _load(str(path), stamp)
    _record_public(raw_public(key))
    return key


def public_key_bytes() -> bytes:
    """The current raw 32-byte public key, as published and embedded in certificates."""
    return raw_public(signing_key())


def public_key_pem() -> str:
    return _public_pem(public_key_bytes()).decode("ascii")


def log_id() -> str:
    return log_id_for(public_key_bytes())


def known_public_keys() -> dict[str, bytes]:
    """Every public key this log has signed with, by log id (the current one and rotated ones).

    Reads only public keys: verifying and auditing never need, and never create, the private key.
    """
    found: dict[str, bytes] = {}
    folder = public_dir()
    if folder.is_dir():
        for item in folder.glob("*.pem"):
            with contextlib.suppress(ValueError):
                raw = public_key_from_pem(item.read_bytes())
                found[log_id_for(raw)] = raw
    path = key_path()
    if path.exists():
        raw = raw_public(_load(str(path), path.stat().st_mtime_ns))
        found[log_id_for(raw)] = raw
    return found


def public_key_for(log_id: str) -> bytes:
    try:
        return known_public_keys()[log_id]
    except KeyError:
        raise UnknownLogKey(log_id) from None


def public_key_from_pem(pem: bytes) -> bytes:
    """Raw bytes of an Ed25519 public key given as PEM (for ``fazhi verify --public-key``)."""
    key = serialization.load_pem_public_key(pem)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("not an Ed25519 public key")
    return raw_public(key)
