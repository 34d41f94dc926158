"""``fazhi laws load [--directory DIR]``: load the shared law texts into the law base.

Idempotent (unchanged laws are skipped) and all-or-nothing (a bad file changes nothing).
"""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.core.errors import ApplicationError
from fazhi.lawbase import services
from fazhi.lawbase.selectors import corpus_directory


class Command(BaseCommand):
    help = "Manage the law base (法律法规库). Subcommand: load."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="load")
        load = subcommands.add_parser(
            "load",
            help="load every law listed in index.json (default: FAZHI_SHARED_DIR/data/laws)",
        )
        load.add_argument("--directory", type=Path, help="folder holding index.json and the texts")

    def handle(self, *args, subcommand: str, **options) -> None:
        if subcommand == "load":
            self._load(options.get("directory") or corpus_directory())

    def _load(self, directory: Path) -> None:
        started = time.perf_counter()
        try:
            summary = services.laws_load(directory=directory)
        except ApplicationError as error:
            raise CommandError(str(error.message)) from error
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"法律法规库：新增 {summary.added} 部，更新 {summary.updated} 部，"
            f"未变 {summary.unchanged} 部；写入条文 {summary.articles_written} 条。"
            f"现有全文 {summary.laws_total} 部、条文 {summary.articles_total} 条；"
            f"写入历史文本 {summary.versions_written} 部（{elapsed:.1f} 秒）。"
        )
