"""``fazhi evidence …``: audit the log against a witness, keep the witness, manage the key.

* ``audit [--witness FILE] [--no-update]`` recomputes the log and checks it against the witness
  (the newest signed head kept outside the database; by default ``FAZHI_EVIDENCE_WITNESS_PATH``,
  or a deposit certificate someone kept).  Exit 0 only when everything holds; then the witness
  file moves forward to the newest head (archive it off the server).  Exit 1 on any finding,
  and also when there is no witness: without one, a log cut at the tail cannot be told from a
  short log.  ``--no-witness`` audits without one explicitly (exit 0 then says so).
* ``witness save [FILE]`` writes the newest signed head as the witness (first set-up).
* ``keygen`` creates the signing key at first set-up; ``rotate-key`` replaces it, keeping the
  old public key for verification.
* ``grants ROLE`` prints the SQL that gives an application role (not the tables' owner) what it
  needs on PostgreSQL and nothing more on the log (docs/evidence.md, "Deployment").
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from fazhi.evidence import keys, log
from fazhi.evidence.audit import AuditProblem, Witness
from fazhi.evidence.grants import grant_statements

PROBLEMS = {
    AuditProblem.ENTRY_CHANGED: "第 %(index)s 条记录的内容已被改动，与记录时的叶哈希不符（签名树头：大小 %(size)s）。",
    AuditProblem.ROOT_MISMATCH: "自第 %(index)s 条记录起的内容无法重现大小为 %(size)s 的签名树头：记录被改写。",
    AuditProblem.ENTRY_MISSING: "第 %(index)s 条记录缺失（签名树头：大小 %(size)s）。",
    AuditProblem.BAD_SIGNATURE: "大小为 %(size)s 的签名树头的签名无效。",
    AuditProblem.UNKNOWN_KEY: "大小为 %(size)s 的签名树头由未知公钥（%(detail)s）签名。",
    AuditProblem.STORE_MISMATCH: "存储的子树哈希与记录重算的结果不符（第 %(index)s 条记录处）。",
    AuditProblem.SIDE_TABLE: "第 %(index)s 条记录对应的存证/锚定表记录被改动（%(detail)s）。",
    AuditProblem.UNSIGNED_ENTRIES: "大小为 %(size)s 的签名树头之后有未签名的记录。",
    AuditProblem.HEAD_STATE: "日志状态行与记录不符。",
    AuditProblem.WITNESS_AHEAD: "日志只有 %(index)s 条记录，少于见证树头的 %(size)s 条：日志被截短或回滚。",
    AuditProblem.WITNESS_MISMATCH: "日志前 %(size)s 条记录无法重现见证树头：日志被改写或分叉。",
    AuditProblem.WITNESS_INVALID: "见证树头无效（%(detail)s）。",
}


def witness_path() -> Path:
    return Path(settings.FAZHI_EVIDENCE_WITNESS_PATH)


def write_witness(path: Path, witness: Witness) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(witness.to_json())
    temporary.replace(path)


class Command(BaseCommand):
    help = "Evidence log: audit against a witness, save the witness, create or rotate the key."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        audit = commands.add_parser("audit", help="recompute the log and check it")
        audit.add_argument("--witness", help="witness head or certificate (JSON)")
        audit.add_argument("--no-witness", action="store_true", help="audit without a witness")
        audit.add_argument("--no-update", action="store_true", help="leave the witness file")
        witness = commands.add_parser("witness", help="save the newest signed head")
        witness.add_argument("witness_action", choices=["save"])
        witness.add_argument("path", nargs="?")
        commands.add_parser("keygen", help="create the signing key (first set-up only)")
        commands.add_parser("rotate-key", help="replace the signing key, keeping the old public")
        grants = commands.add_parser("grants", help="print SQL for a non-owner app role")
        grants.add_argument("role")

    def handle(self, *args, action: str, **options) -> None:
        getattr(self, "_" + action.replace("-", "_"))(**options)

    def _fail(self, message: str) -> None:
        self.stderr.write(self.style.ERROR(message))
        raise SystemExit(1)

    def _audit(self, *, witness: str | None, no_witness: bool, no_update: bool, **options):
        path = Path(witness) if witness else witness_path()
        known: Witness | None = None
        if not no_witness:
            try:
                known = Witness.from_json(path.read_bytes())
            except FileNotFoundError:
                self._fail(
                    _(
                        "没有见证树头（%(path)s）：无法排除日志被截短或回滚。"
                        "首次设置时运行 `fazhi evidence witness save`。"
                    )
                    % {"path": path}
                )
            except (OSError, ValueError) as error:
                self._fail(
                    _("见证树头无法读取（%(path)s）：%(error)s") % {"path": path, "error": error}
                )
        report = log.audit(witness=known)
        if not report.ok:
            finding = report.finding
            assert finding is not None
            self._fail(
                _(PROBLEMS[finding.problem])
                % {
                    "index": finding.index if finding.index is not None else "—",
                    "size": finding.tree_size if finding.tree_size is not None else "—",
                    "detail": finding.detail,
                }
            )
        self.stdout.write(
            self.style.SUCCESS(
                _("日志完好：%(entries)s 条记录，%(heads)s 个签名树头均可重现。")
                % {"entries": report.entries, "heads": report.heads}
            )
        )
        if known is None:
            self.stdout.write(self.style.WARNING(_("未对照见证树头审计（--no-witness）。")))
            return
        self.stdout.write(_("与见证树头（大小 %(size)s）一致。") % {"size": known.tree_size})
        newest = report.newest_head
        if not no_update and newest is not None and newest.tree_size > known.tree_size:
            write_witness(path, Witness.from_head(newest))
            self.stdout.write(
                _("见证树头已更新为大小 %(size)s：请将 %(path)s 归档到服务器之外。")
                % {"size": newest.tree_size, "path": path}
            )

    def _witness(self, *, witness_action: str, path: str | None, **options) -> None:
        target = Path(path) if path else witness_path()
        head = log.latest_head()
        if head is None:
            self._fail(_("日志尚无签名树头，无可保存的见证。"))
            return
        write_witness(target, Witness.from_head(head))
        self.stdout.write(
            _("已保存见证树头（大小 %(size)s）到 %(path)s。")
            % {"size": head.tree_size, "path": target}
        )

    def _keygen(self, **options) -> None:
        try:
            public = keys.generate()
        except FileExistsError:
            raise CommandError(_("签名密钥已存在：%(path)s") % {"path": keys.key_path()}) from None
        self.stdout.write(_("已生成签名密钥，日志标识：%(id)s") % {"id": _log_id(public)})

    def _rotate_key(self, **options) -> None:
        try:
            public = keys.generate(rotate=True)
        except keys.SigningKeyMissing as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _("已更换签名密钥，新日志标识：%(id)s；旧公钥保留在 %(dir)s。")
            % {"id": _log_id(public), "dir": keys.public_dir()}
        )

    def _grants(self, *, role: str, **options) -> None:
        for statement in grant_statements(role):
            self.stdout.write(statement + ";")


def _log_id(public: bytes) -> str:
    from fazhi.evidence.domain import log_id_for

    return log_id_for(public)
