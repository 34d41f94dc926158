"""Checks shared by the tests of generated 文书: the GB/T 9704-2012 page and the record's facts."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt


def open_docx(data: bytes):
    assert data[:2] == b"PK", "not a DOCX"
    return Document(io.BytesIO(data))


def docx_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


def assert_official_layout(document) -> None:
    """A4, GB/T 9704-2012 margins, 2号 小标宋 title and 3号 仿宋 body."""
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert tuple(round(m.mm) for m in margins) == (37, 35, 28, 26)
    texts = [p for p in document.paragraphs if p.text.strip()]
    title = next(p for p in texts if p.runs and p.runs[0].font.size == Pt(22))
    assert title.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    body = [p for p in texts if p.runs and p.runs[0].font.size == Pt(16)]
    assert body, "no 3号 body text"
    fonts = {p.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) for p in body}
    assert "仿宋_GB2312" in fonts


def assert_contains(text: str, *facts: str) -> None:
    missing = [fact for fact in facts if fact not in text]
    assert not missing, f"missing from the document: {missing}"
