"""The official-document renderer: GB/T 9704-2012 page, fonts and sizes; PDF from the same source."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from fazhi.core import documents
from fazhi.core.documents.templates import TemplateError

DOC = documents.OfficialDocument(
    title="海宁市2022年度法治政府建设情况报告",
    addressee="中共嘉兴市委、嘉兴市人民政府",
    blocks=[
        documents.Heading("一、推进法治政府建设的主要举措和成效"),
        documents.Heading("（一）以队伍建设为第一抓手", level=2),
        documents.Paragraph("全年全市人民调解组织共调处各类矛盾纠纷12297起，调处成功率99.35%。"),
        documents.Table([["指标", "数值"], ["调处纠纷", "12297"]]),
    ],
    issuer="海宁市人民政府",
    date=dt.date(2023, 2, 28),
)


def _mm(length) -> float:
    return round(length.mm, 1)  # DOCX stores twips: 210 mm is 11906 twips


def _east_asia(run) -> str:
    return run._element.rPr.rFonts.get(qn("w:eastAsia"))


def test_docx_page_fonts_and_sizes():
    document = Document(io.BytesIO(documents.render_docx(DOC)))
    section = document.sections[0]
    assert (_mm(section.page_width), _mm(section.page_height)) == (210, 297)
    assert _mm(section.top_margin) == 37
    assert _mm(section.bottom_margin) == 35
    assert _mm(section.left_margin) == 28
    assert _mm(section.right_margin) == 26
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"  # 22 lines in the 225 mm type area

    paragraphs = [p for p in document.paragraphs if p.text]
    title = paragraphs[0]
    assert title.text == DOC.title
    assert title.runs[0].font.size == Pt(22)
    assert _east_asia(title.runs[0]) == "方正小标宋简体"
    assert paragraphs[1].text == "中共嘉兴市委、嘉兴市人民政府："
    heading = paragraphs[2]
    assert _east_asia(heading.runs[0]) == "黑体"
    assert _east_asia(paragraphs[3].runs[0]) == "楷体_GB2312"
    body = paragraphs[4]
    assert body.runs[0].font.size == Pt(16)
    assert _east_asia(body.runs[0]) == "仿宋_GB2312"
    assert body.paragraph_format.line_spacing == Pt(28.95)
    assert body.paragraph_format.first_line_indent == Pt(32)
    # issuing body and date close the document, right-aligned
    assert [p.text for p in paragraphs[-2:]] == ["海宁市人民政府", "2023年2月28日"]
    assert document.tables[0].cell(1, 1).text == "12297"


def test_docx_page_numbers_outside_edges_with_dashes():
    document = Document(io.BytesIO(documents.render_docx(DOC)))
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    for footer in (odd, even):
        assert footer.text.startswith("— ") and footer.text.endswith(" —")
        assert all(run.font.size == Pt(14) for run in footer.runs)
        assert "PAGE" in footer._element.xml
    assert odd.alignment == 2 and even.alignment == 0  # right on odd pages, left on even


def test_fallback_fonts_are_free_when_official_absent():
    fonts = documents.fonts_installed()
    assert fonts.body  # a name either way; with fonts-noto-cjk a Noto family
    data = documents.render_docx(DOC, fonts)
    assert Document(io.BytesIO(data)).paragraphs


def test_template_as_data_fills_and_names_missing_values():
    template = documents.template_get("core.notice")
    doc = template.render(
        {
            "issuer": "海宁市司法局",
            "subject": "报送年度报告",
            "addressee": "各镇（街道）",
            "number": "海司〔2023〕1号",
            "opening": "请于3月1日前报送。",
        },
        date=dt.date(2023, 1, 5),
        slots={"body": [documents.Paragraph("特此通知。")]},
    )
    assert doc.title == "海宁市司法局关于报送年度报告的通知"
    assert [b.text for b in doc.blocks] == ["请于3月1日前报送。", "特此通知。"]
    with pytest.raises(TemplateError, match="subject"):
        template.render({"issuer": "x", "opening": "y"}, date=dt.date(2023, 1, 5))


@pytest.mark.skipif(not documents.pdf_available(), reason=documents.INSTALL_HINT)
def test_pdf_from_the_same_source_holds_the_text():
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(documents.render_pdf(DOC)))
    page = reader.pages[0]
    width_mm = float(page.mediabox.width) / 72 * 25.4
    assert round(width_mm) == 210
    text = "".join(p.extract_text() for p in reader.pages).replace(" ", "")
    assert "12297" in text
    assert "99.35%" in text
    assert "海宁市人民政府" in text
