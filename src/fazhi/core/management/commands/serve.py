"""``fazhi serve``: a production-style server (gunicorn) with static files collected first.

Worker count, threads, timeouts and recycling come from settings (``FAZHI_WEB_*``, read from
the environment, defaults in ``fazhi/settings.py``); the options here override them for one run.
"""

from __future__ import annotations

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


def gunicorn_arguments(*, bind: str, workers: int, threads: int, timeout: int) -> list[str]:
    arguments = [
        "fazhi.wsgi",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--timeout",
        str(timeout),
        "--graceful-timeout",
        str(settings.FAZHI_WEB_GRACEFUL_TIMEOUT),
        "--keep-alive",
        str(settings.FAZHI_WEB_KEEPALIVE),
    ]
    if settings.FAZHI_WEB_MAX_REQUESTS:
        # Recycle workers now and then (jittered so they do not all restart together).
        arguments += [
            "--max-requests",
            str(settings.FAZHI_WEB_MAX_REQUESTS),
            "--max-requests-jitter",
            str(max(1, settings.FAZHI_WEB_MAX_REQUESTS // 10)),
        ]
    if settings.FAZHI_WEB_ACCESS_LOG:
        arguments += ["--access-logfile", "-"]
    return arguments


class Command(BaseCommand):
    help = "Serve fazhi with gunicorn (several workers), as in production."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("FAZHI_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=None)
        parser.add_argument("--threads", type=int, default=None)
        parser.add_argument("--timeout", type=int, default=None)
        parser.add_argument("--dry-run", action="store_true", help="print the command only")

    def handle(self, *args, bind: str, workers, threads, timeout, dry_run: bool, **options):
        arguments = gunicorn_arguments(
            bind=bind,
            workers=workers or settings.FAZHI_WEB_WORKERS,
            threads=threads or settings.FAZHI_WEB_THREADS,
            timeout=timeout or settings.FAZHI_WEB_TIMEOUT,
        )
        if dry_run:
            self.stdout.write(" ".join(["gunicorn", *arguments]))
            return
        call_command("collectstatic", interactive=False, verbosity=0)
        os.execvp(sys.executable, [sys.executable, "-m", "gunicorn", *arguments])
