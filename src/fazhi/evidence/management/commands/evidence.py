"""``fazhi evidence audit``: recompute the log from its stored entries and check every signed head.

Exit status 0 when every signed head is reproduced from the entries; 1 with the first entry that
no longer matches otherwise.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from fazhi.evidence import log
from fazhi.evidence.log import AuditProblem

PROBLEMS = {
    AuditProblem.ENTRY_CHANGED: "第 %(index)s 条记录的内容已被改动，与记录时的叶哈希不符（签名树头：大小 %(size)s）。",
    AuditProblem.ROOT_MISMATCH: "自第 %(index)s 条记录起的内容无法重现大小为 %(size)s 的签名树头：记录被改写。",
    AuditProblem.ENTRY_MISSING: "第 %(index)s 条记录缺失（签名树头：大小 %(size)s）。",
    AuditProblem.BAD_SIGNATURE: "大小为 %(size)s 的签名树头的签名无效。",
    AuditProblem.STORE_MISMATCH: "存储的子树哈希与记录重算的结果不符。",
}


class Command(BaseCommand):
    help = "Evidence log maintenance: `audit` recomputes the tree and checks every signed head."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        commands.add_parser("audit", help="recompute the log and report the first bad entry")

    def handle(self, *args, action: str, **options) -> None:
        report = log.audit()
        if report.ok:
            self.stdout.write(
                self.style.SUCCESS(
                    _("日志完好：%(entries)s 条记录，%(heads)s 个签名树头均可重现。")
                    % {"entries": report.entries, "heads": report.heads}
                )
            )
            return
        finding = report.finding
        assert finding is not None
        message = _(PROBLEMS[finding.problem]) % {
            "index": finding.index,
            "size": finding.tree_size if finding.tree_size is not None else "—",
        }
        self.stderr.write(self.style.ERROR(message))
        raise SystemExit(1)
