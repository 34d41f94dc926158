"""``fazhi verify CERTIFICATE.json [FILE]``: offline verification of a deposit certificate.

Uses only the certificate, the file and a public key: no database, no network. The key is the
one embedded in the certificate unless ``--public-key`` names the published key (PEM), which
then must match. Exit status 0 when valid, 1 with the reason otherwise.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from fazhi.evidence import domain, keys
from fazhi.evidence.domain import CertificateError
from fazhi.evidence.verification import reason

_CHUNK = 1024 * 1024


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class Command(BaseCommand):
    help = "Verify a deposit certificate (and its file) offline; exit 0 if valid, 1 if not."
    requires_system_checks: list = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("certificate", help="the certificate JSON file")
        parser.add_argument("file", nargs="?", help="the deposited file")
        parser.add_argument(
            "--public-key", help="the log's published public key (PEM) to check against"
        )

    def _fail(self, text: str) -> None:
        self.stderr.write(self.style.ERROR(_("无效：%(reason)s") % {"reason": text}))
        raise SystemExit(1)

    def handle(self, *args, certificate: str, file: str | None, public_key: str | None, **options):
        try:
            text = Path(certificate).read_bytes()
            file_sha256 = _file_sha256(Path(file)) if file else None
            trusted = (
                keys.public_key_from_pem(Path(public_key).read_bytes()) if public_key else None
            )
        except OSError as error:
            self._fail(_("无法读取文件：%(error)s") % {"error": error})
            return
        except ValueError:
            self._fail(_("公钥文件不是 Ed25519 公钥（PEM）。"))
            return
        try:
            parsed = domain.certificate_from_json(text)
            domain.verify_certificate(parsed, trusted_public_key=trusted, file_sha256=file_sha256)
        except CertificateError as error:
            detail = error.detail if error.code == domain.CertificateProblem.MALFORMED else ""
            self._fail(reason(error.code, detail))
            return
        head = parsed.tree_head
        lines = [
            _("有效：条目包含在签名树头中。"),
            _("日志序号：%(index)s；存证时间（UTC）：%(time)s")
            % {"index": parsed.leaf_index, "time": parsed.entry.get("time", "—")},
            _("签名树头：大小 %(size)s，签名时间（UTC）%(at)s")
            % {
                "size": head.tree_size,
                "at": domain.from_timestamp_ms(head.timestamp).strftime("%Y-%m-%d %H:%M:%S"),
            },
            _("文件：%(state)s")
            % {"state": _("SHA-256 与证书一致") if file_sha256 else _("未提供，未核对")},
            _("日志标识（公钥指纹）：%(log_id)s") % {"log_id": parsed.log_id},
        ]
        if trusted is None:
            lines.append(_("未指定 --public-key：请将上面的日志标识与平台公布的公钥核对。"))
        self.stdout.write("\n".join(lines))
