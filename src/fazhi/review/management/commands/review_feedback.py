"""``fazhi review_feedback --user NAME [--format jsonl|xlsx] [--year YYYY] [--out FILE]``.

Writes reviewers' accept/dismiss decisions as labelled examples, the same records as the
rule-adoption page's export and ``GET /api/review/feedback/``, seen as the named user sees
them (their role and organisation scope apply). JSONL goes to stdout unless ``--out`` is given
and is what ``fazhi review_train --feedback FILE`` reads.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.core.errors import ApplicationError
from fazhi.review import feedback


class Command(BaseCommand):
    help = "Export reviewers' decisions on pre-review findings as labelled examples."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="whose scope and role apply")
        parser.add_argument("--format", choices=feedback.FORMATS, default="jsonl")
        parser.add_argument("--year", type=int, help="only runs with this review date's year")
        parser.add_argument("--out", type=Path, help="file to write (default: stdout, JSONL)")

    def handle(self, *args, user: str, format: str, year: int | None, out: Path | None, **options):
        account = get_user_model().objects.filter(username=user, is_active=True).first()
        if account is None:
            raise CommandError(f"--user: 用户“{user}”不存在或已停用")
        try:
            records = feedback.feedback_records(user=account, year=year)
        except ApplicationError as error:
            raise CommandError(f"--user: {error.message}") from None
        if format == "xlsx":
            if out is None:
                raise CommandError("--out: 导出 Excel 时请指定文件")
            out.write_bytes(feedback.feedback_xlsx(records))
        elif out is None:
            self.stdout.write(feedback.feedback_jsonl(records), ending="")
        else:
            out.write_text(feedback.feedback_jsonl(records), encoding="utf-8")
        if out is not None:
            self.stderr.write(f"{len(records)} 条处理样本 → {out}")
