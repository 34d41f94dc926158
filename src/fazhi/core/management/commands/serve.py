"""``fazhi serve``: a production-style server (gunicorn) with static files collected first."""

from __future__ import annotations

import os
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve fazhi with gunicorn (several workers), as in production."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("FAZHI_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("FAZHI_WEB_WORKERS", "3"))
        )

    def handle(self, *args, bind: str, workers: int, **options) -> None:
        call_command("collectstatic", interactive=False, verbosity=0)
        os.execvp(
            sys.executable,
            [
                sys.executable,
                "-m",
                "gunicorn",
                "fazhi.wsgi",
                "--bind",
                bind,
                "--workers",
                str(workers),
                "--access-logfile",
                "-",
            ],
        )
