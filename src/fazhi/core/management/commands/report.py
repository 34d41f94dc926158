"""``fazhi report --year 2022 --format json``: every registered indicator, computed from records."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.core import indicators
from fazhi.core.models import Organization


class Command(BaseCommand):
    help = "Compute every registered indicator for a year (optionally within one organisation)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=["json", "text"], default="text")
        parser.add_argument("--scope", default="", help="organisation code to limit the figures to")

    def handle(self, *args, year: int, format: str, scope: str, **options) -> None:
        if not 1900 <= year <= 2999:
            raise CommandError("--year: not a plausible year")
        organization = None
        if scope:
            organization = Organization.objects.filter(code=scope).first()
            if organization is None:
                raise CommandError(f"--scope: no organisation with code '{scope}'")
        data = indicators.report(year, organization)
        if format == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{year} 年度指标")
        for key, item in data["indicators"].items():
            value = "—" if item["value"] is None else item["value"]
            self.stdout.write(f"  {key:50} {item['name']}: {value} {item['unit']}")
