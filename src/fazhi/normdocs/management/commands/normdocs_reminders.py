"""``fazhi normdocs_reminders``: notify drafting units of documents due for pre-expiry
evaluation and of fair-competition exceptions nearing the end of their period of application
(idempotent; the worker's daily sweep runs both too)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from fazhi.normdocs.services import competition_sunset_reminders_raise, evaluation_reminders_raise


class Command(BaseCommand):
    help = "提醒起草单位对即将到期的规范性文件开展评估，以及适用公平竞争审查例外规定的实施期限即将届满。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None)

    def handle(self, *args, today: dt.date | None = None, **options) -> None:
        day = today or timezone.localdate()
        raised = evaluation_reminders_raise(today=day)
        raised += competition_sunset_reminders_raise(today=day)
        self.stdout.write(f"已发送提醒 {raised} 条")
