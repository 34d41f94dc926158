"""``fazhi review_train [--data FILE ...] [--feedback FILE ...]``: retrain the pre-review model.

Fits the character n-gram classifier on the labelled clauses (default: the benchmark's
``benchmarks/review/clauses.jsonl``) plus reviewers' decisions exported as JSONL from the
rule-adoption page, chooses its threshold by cross-validation grouped by source document, and
writes ``review/engine/classifier.json.gz`` (commit it: the app loads it offline).
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.review.engine.training import DEFAULT_DATA, train


class Command(BaseCommand):
    help = "Retrain the pre-review classifier (needs scikit-learn) and write the shipped model."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data", type=Path, action="append", help="labelled clauses (JSONL)")
        parser.add_argument("--feedback", type=Path, action="append", default=[])
        parser.add_argument("--out", type=Path, help="where to write the model")

    def handle(self, *args, data, feedback, out, **options) -> None:
        paths = data or [DEFAULT_DATA]
        for path in [*paths, *feedback]:
            if not Path(path).is_file():
                raise CommandError(f"{path}: 文件不存在")
        train(paths, feedback, out=out, log=self.stdout.write)
