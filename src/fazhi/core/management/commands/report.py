"""``fazhi report --year 2022 --format json|md|html|docx|pdf [--scope CODE] [--output PATH]``.

``json`` (and ``text``) list every registered indicator, computed from records — the shape is
stable. The document formats render the organisation's annual report (``reports`` app): the saved
report for that year if there is one (frozen figures once approved), else a draft generated from
the indicators. Without ``--scope`` the document is the city government's.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.core import indicators
from fazhi.core.models import Organization

DOCUMENT_FORMATS = ("md", "html", "docx", "pdf")


class Command(BaseCommand):
    help = "Compute every registered indicator for a year, or render the year's annual report."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=["json", "text", *DOCUMENT_FORMATS], default="text")
        parser.add_argument("--scope", default="", help="organisation code to limit the figures to")
        parser.add_argument("--output", default="", help="write to this file instead of stdout")

    def handle(
        self, *args, year: int, format: str, scope: str, output: str = "", **options
    ) -> None:
        if not 1900 <= year <= 2999:
            raise CommandError("--year: not a plausible year")
        organization = None
        if scope:
            organization = Organization.objects.filter(code=scope).first()
            if organization is None:
                raise CommandError(f"--scope: no organisation with code '{scope}'")
        if format in DOCUMENT_FORMATS:
            self._document(year, organization, format, output)
            return
        data = indicators.report(year, organization)
        if format == "json":
            self._emit(json.dumps(data, ensure_ascii=False, indent=2), output)
            return
        lines = [f"{year} 年度指标"]
        for key, item in data["indicators"].items():
            value = "—" if item["value"] is None else item["value"]
            lines.append(f"  {key:50} {item['name']}: {value} {item['unit']}")
        self._emit("\n".join(lines), output)

    def _emit(self, text: str, output: str) -> None:
        if output:
            Path(output).write_text(text + "\n", encoding="utf-8")
        else:
            self.stdout.write(text)

    def _document(self, year: int, organization, fmt: str, output: str) -> None:
        from django.apps import apps

        if not apps.is_installed("fazhi.reports"):
            raise CommandError("--format: the reports app is not installed")
        from fazhi.core import documents
        from fazhi.reports import rendering
        from fazhi.reports.models import AnnualReport

        if organization is None:
            organization = (
                Organization.objects.filter(kind="city_government").order_by("path").first()
            )
            if organization is None:
                raise CommandError("--scope: no city government in the organisation tree")
        report = AnnualReport.objects.filter(organization=organization, year=year).first()
        report = report or rendering.transient(organization, year)
        if fmt in ("docx", "pdf") and not output:
            raise CommandError(f"--output: a {fmt} file needs a path")
        if fmt == "md":
            self._emit(rendering.markdown(report), output)
        elif fmt == "html":
            self._emit(rendering.html(report), output)
        elif fmt == "docx":
            Path(output).write_bytes(rendering.docx(report))
        else:
            try:
                Path(output).write_bytes(rendering.pdf(report))
            except documents.PdfUnavailable as error:
                raise CommandError(str(error)) from error
        if output:
            self.stdout.write(f"{output}")
