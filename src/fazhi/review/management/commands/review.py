"""``fazhi review PATH [PATH ...] [--format json] [--as-of YYYY-MM-DD]``: pre-review files.

With ``--format json`` it prints one ``{"path", "findings": [...]}`` object per readable path,
one a line, in order. Findings never change the exit status; an unreadable input is reported on
stderr and makes the exit status 2 (after the other paths have been reviewed).
"""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from fazhi.lawbase.domain import LawParseError
from fazhi.lawbase.selectors import citation_checker
from fazhi.review.engine import Finding, UnreadableDocument, read_document, review_text
from fazhi.review.lawbasis import basis_lookup

UNREADABLE_EXIT = 2


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--as-of: '{value}' is not a date (use YYYY-MM-DD)") from None


class Command(BaseCommand):
    help = "Pre-review document files (DOCX or UTF-8 text) and print the findings."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="a .docx or .txt file")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--as-of", type=_date, help="the document's date, for validity checks (default: today)"
        )

    def handle(self, *args, paths: list[str], format: str, as_of: dt.date | None, **options):
        as_of = as_of or timezone.localdate()
        checker = self._checker()
        lookup = self._lookup() if checker is not None else None
        unreadable = 0
        for path in paths:
            try:
                text = read_document(path)
            except UnreadableDocument as error:
                unreadable += 1
                self.stderr.write(f"{path}: 无法读取：{error}")
                continue
            findings = review_text(text, as_of=as_of, citation_checker=checker, basis_lookup=lookup)
            if format == "json":
                record = {"path": path, "findings": [f.to_dict() for f in findings]}
                self.stdout.write(json.dumps(record, ensure_ascii=False))
            else:
                self._report(path, text, findings)
        if unreadable:
            raise CommandError(f"{unreadable} 个文件无法读取，未审查。", returncode=UNREADABLE_EXIT)

    def _checker(self):
        try:
            return citation_checker()
        except (OSError, LawParseError) as error:
            self.stderr.write(f"法律法规库不可用，不核对法律引用：{error}")
            return None

    def _lookup(self):
        try:
            return basis_lookup()
        except (OSError, LawParseError) as error:
            self.stderr.write(f"法律法规库不可用，不核对设定依据：{error}")
            return None

    def _report(self, path: str, text: str, findings: list[Finding]) -> None:
        self.stdout.write(f"== {path}：{len(findings)} 处发现")
        labels = {"error": "错误", "warning": "警告", "info": "提示"}
        for finding in findings:
            line = text.count("\n", 0, finding.start) + 1
            self.stdout.write(
                f"  [{labels.get(finding.severity, finding.severity)}] 第{line}行 "
                f"{finding.rule}（{finding.category}）：{finding.excerpt}"
            )
            self.stdout.write(f"      {finding.reason or finding.message}")
            self.stdout.write(f"      标准：{finding.standard or finding.basis}")
            if finding.confidence is not None:
                self.stdout.write(
                    f"      发现方式：{finding.detector}，模型置信度 {finding.confidence:.2f}"
                )
            self.stdout.write(f"      建议：{finding.suggestion}")
