"""The report as an official document (DOCX/PDF through ``core.documents``), Markdown and JSON."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from fazhi.core import documents
from fazhi.reports import figures as fig
from fazhi.reports.models import AnnualReport, SectionCode
from fazhi.reports.selectors import report_figures

NUMERALS = "一二三四五六七八九十"


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def numbered_sections(report: AnnualReport, figures: dict[str, fig.Figure]):
    """(heading "一、…", [rendered paragraphs]) per section; an empty C5 is left out."""
    result: list[tuple[str, list[str]]] = []
    for section in report.sections.all():
        body = paragraphs(fig.render(section.body, figures))
        if section.code == SectionCode.C5 and (not body or body == ["无"] or body == ["无。"]):
            continue
        result.append((f"{NUMERALS[len(result)]}、{section.title}", body))
    return result


def official_document(report: AnnualReport) -> documents.OfficialDocument:
    figures = report_figures(report)
    blocks: list[Any] = [
        documents.Paragraph(p) for p in paragraphs(fig.render(report.opening, figures))
    ]
    for heading, body in numbered_sections(report, figures):
        blocks.append(documents.Heading(heading))
        blocks.extend(documents.Paragraph(p) for p in body)
    return documents.template_get("reports.annual_report").render(
        {"title": report.title, "addressee": report.addressee, "issuer": report.issuer},
        date=report.report_date or timezone.localdate(),
        slots={"body": blocks},
    )


def docx(report: AnnualReport) -> bytes:
    return documents.render_docx(official_document(report))


def pdf(report: AnnualReport) -> bytes:
    return documents.render_pdf(official_document(report))


def markdown(report: AnnualReport) -> str:
    figures = report_figures(report)
    lines = [f"# {report.title}", ""]
    if report.addressee:
        lines += [f"{report.addressee}：", ""]
    lines += [*(p + "\n" for p in paragraphs(fig.render(report.opening, figures)))]
    for heading, body in numbered_sections(report, figures):
        lines += [f"## {heading}", ""]
        lines += [p + "\n" for p in body]
    date = report.report_date or timezone.localdate()
    lines += ["", report.issuer, "", f"{date.year}年{date.month}月{date.day}日", ""]
    if figures:
        lines += ["## 指标口径", ""]
        lines += [f"- {f.name}（`{k}`）：{f.text}。{f.definition}" for k, f in figures.items()]
    return "\n".join(lines) + "\n"


def as_json(report: AnnualReport) -> dict[str, Any]:
    figures = report_figures(report)
    return {
        "title": report.title,
        "organization": report.organization.code,
        "year": report.year,
        "status": report.status,
        "approved_at": report.approved_at.isoformat() if report.approved_at else None,
        "sections": {s.code: fig.render(s.body, figures) for s in report.sections.all()},
        "figures": {
            k: {
                "value": float(f.value) if f.unit == "%" and f.value is not None else f.value,
                "unit": f.unit,
                "numerator": f.numerator,
                "denominator": f.denominator,
            }
            for k, f in figures.items()
        },
    }


def filename(report: AnnualReport, extension: str) -> str:
    return f"{report.title}_{dt.date.today():%Y%m%d}.{extension}"  # noqa: DTZ011


class _Sections(list):
    def all(self):
        return self


def transient(organization, year: int):
    """An unsaved report drafted from the indicators, for ``fazhi report`` without a saved one."""
    from types import SimpleNamespace

    from fazhi.reports import drafting
    from fazhi.reports.models import SECTION_ORDER
    from fazhi.reports.services import default_title, section_title

    drafted = drafting.draft_sections(year, organization)
    sections = _Sections(
        SimpleNamespace(code=code, title=section_title(code, year), body=drafted.get(code, ""))
        for code in SECTION_ORDER
    )
    return SimpleNamespace(
        organization=organization,
        year=year,
        title=default_title(organization, year),
        addressee="",
        issuer=organization.name,
        opening="",
        report_date=None,
        is_frozen=False,
        status="draft",
        approved_at=None,
        sections=sections,
    )


def html(report) -> str:
    from django.template.loader import render_to_string

    figures = report_figures(report)
    return render_to_string(
        "reports/report_standalone.html",
        {
            "report": report,
            "opening": paragraphs(fig.render(report.opening, figures)),
            "sections": numbered_sections(report, figures),
            "figures": figures,
            "date": report.report_date or timezone.localdate(),
        },
    )
