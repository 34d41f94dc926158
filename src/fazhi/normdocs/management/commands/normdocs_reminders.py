"""``fazhi normdocs_reminders``: notify drafting units of documents due for pre-expiry
evaluation (idempotent; the worker's daily sweep runs it too)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from fazhi.normdocs.services import evaluation_reminders_raise


class Command(BaseCommand):
    help = "提醒起草单位对即将到期的规范性文件开展评估。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None)

    def handle(self, *args, today: dt.date | None = None, **options) -> None:
        raised = evaluation_reminders_raise(today=today or timezone.localdate())
        self.stdout.write(f"已发送提醒 {raised} 条")
