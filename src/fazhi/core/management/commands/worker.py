"""``fazhi worker``: the background-task worker, with the daily deadline sweep scheduled."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from fazhi.core.tasks import daily_schedule_ensure


class Command(BaseCommand):
    help = "Run a background-task worker (several may run on several machines)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="run what is due, then exit")

    def handle(self, *args, batch: bool, **options) -> None:
        daily_schedule_ensure()
        call_command("db_worker", queue_name="*", batch=batch, reload=False, interval=5)
