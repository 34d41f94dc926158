"""One official-document renderer (公文, GB/T 9704-2012) for every app: DOCX, and PDF from it.

Build an ``OfficialDocument`` (title, addressee, blocks, issuer, date) — directly or from a
template kept as data (``DocumentTemplate``, JSON under ``<app>/document_templates/``) — then::

    from fazhi.core import documents

    doc = documents.OfficialDocument(
        title="海宁市2022年度法治政府建设情况报告",
        addressee="中共嘉兴市委、嘉兴市人民政府",
        blocks=[documents.Heading("一、主要举措和成效"), documents.Paragraph("全年……")],
        issuer="海宁市人民政府",
        date=datetime.date(2023, 2, 28),
    )
    data = documents.render_docx(doc)          # bytes of a .docx
    if documents.pdf_available():
        pdf = documents.render_pdf(doc)        # bytes of a .pdf (LibreOffice headless)

The layout (A4, margins, fonts, sizes, 22 lines × 28 characters, page numbers) is in
``layout.py``; ``docs/contributing.md`` shows the API.
"""

from fazhi.core.documents.layout import FONTS_OFFICIAL, FontSet, fonts_installed
from fazhi.core.documents.model import Heading, OfficialDocument, Paragraph, Table
from fazhi.core.documents.pdf import (
    INSTALL_HINT,
    PdfUnavailable,
    docx_to_pdf,
    pdf_available,
    render_pdf,
)
from fazhi.core.documents.templates import DocumentTemplate, template_get


def render_docx(doc: OfficialDocument, fonts: FontSet = FONTS_OFFICIAL) -> bytes:
    """The .docx of ``doc`` (python-docx is imported here, not when the package is)."""
    from fazhi.core.documents.word import render_docx as render

    return render(doc, fonts)


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"

__all__ = [
    "DOCX_TYPE",
    "FONTS_OFFICIAL",
    "INSTALL_HINT",
    "PDF_TYPE",
    "DocumentTemplate",
    "FontSet",
    "Heading",
    "OfficialDocument",
    "Paragraph",
    "PdfUnavailable",
    "Table",
    "docx_to_pdf",
    "fonts_installed",
    "pdf_available",
    "render_docx",
    "render_pdf",
    "template_get",
]
