"""The DOCX of an official document (python-docx), laid out as ``layout.py`` says."""

from __future__ import annotations

import io

from docx import Document as new_document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Pt

from fazhi.core.documents import layout
from fazhi.core.documents.layout import FONTS_OFFICIAL, FontSet
from fazhi.core.documents.model import Heading, OfficialDocument, Paragraph, Table


def _font(run, name: str, size, *, latin: str | None = None, bold: bool = False) -> None:
    run.font.size = size
    run.font.bold = bold
    run.font.name = latin or name
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:ascii"), latin or name)
    fonts.set(qn("w:hAnsi"), latin or name)


LINE_PITCH = Length(layout.LINE_PITCH)  # a Length, so python-docx sets an exact spacing


def _spacing(paragraph, *, exact=LINE_PITCH) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = exact
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)


def _page_setup(document, fonts: FontSet) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width = layout.PAGE_WIDTH
    section.page_height = layout.PAGE_HEIGHT
    section.top_margin = layout.MARGIN_TOP
    section.bottom_margin = layout.MARGIN_BOTTOM
    section.left_margin = layout.MARGIN_LEFT
    section.right_margin = layout.MARGIN_RIGHT
    section.footer_distance = layout.FOOTER_DISTANCE
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(layout.GRID_LINE_PITCH))
    grid.set(qn("w:charSpace"), str(layout.GRID_CHAR_SPACE))
    # The default style is the body: 仿宋 3号, so anything unstyled still looks official.
    normal = document.styles["Normal"]
    normal.font.size = layout.BODY_SIZE
    normal.font.name = fonts.latin
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), fonts.body)
    # Odd pages number on the right, even pages on the left (GB/T 9704-2012 §7.5).
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], fonts, odd=True)
    _page_number(section.even_page_footer.paragraphs[0], fonts, odd=False)


def _field(paragraph, instruction: str):
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._element.append(element)
    placeholder = paragraph.add_run("1")
    end = paragraph.add_run()
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), "end")
    end._element.append(element)
    return [run, placeholder, end]


def _page_number(paragraph, fonts: FontSet, *, odd: bool) -> None:
    """ "— N —" in 4号 半角 numerals, one character in from the outside edge."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    if odd:
        paragraph.paragraph_format.right_indent = layout.PAGE_NUMBER_SIZE
    else:
        paragraph.paragraph_format.left_indent = layout.PAGE_NUMBER_SIZE
    runs = [paragraph.add_run("— "), *_field(paragraph, "PAGE"), paragraph.add_run(" —")]
    for run in runs:
        _font(run, fonts.page_number, layout.PAGE_NUMBER_SIZE, latin=fonts.page_number)


def _text(document, text: str, fonts: FontSet, *, font: str, size, bold=False, align=None):
    paragraph = document.add_paragraph()
    _spacing(paragraph)
    if align is not None:
        paragraph.alignment = align
    _font(paragraph.add_run(text), font, size, latin=fonts.latin, bold=bold)
    return paragraph


def _block(document, block, fonts: FontSet) -> None:
    if isinstance(block, Heading):
        font = {1: fonts.heading1, 2: fonts.heading2}.get(block.level, fonts.body)
        paragraph = _text(
            document, block.text, fonts, font=font, size=layout.BODY_SIZE, bold=block.level >= 3
        )
        paragraph.paragraph_format.first_line_indent = layout.BODY_SIZE * 2
        paragraph.paragraph_format.keep_with_next = True
    elif isinstance(block, Paragraph):
        paragraph = _text(
            document,
            block.text,
            fonts,
            font=fonts.body,
            size=layout.BODY_SIZE,
            align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        )
        if block.indent:
            paragraph.paragraph_format.first_line_indent = layout.BODY_SIZE * 2
    elif isinstance(block, Table):
        _table(document, block, fonts)
    else:  # pragma: no cover - the model's union is closed
        raise TypeError(f"unknown block {block!r}")


def _table(document, block: Table, fonts: FontSet) -> None:
    rows = [list(row) for row in block.rows]
    if not rows:
        return
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            paragraph = table.cell(r, c).paragraphs[0]
            _spacing(paragraph, exact=Pt(22))
            font = fonts.heading1 if block.header and r == 0 else fonts.body
            _font(paragraph.add_run(str(value)), font, layout.TABLE_SIZE, latin=fonts.latin)


def build(doc: OfficialDocument, fonts: FontSet = FONTS_OFFICIAL):
    """The python-docx ``Document`` (for callers that add to it before saving)."""
    document = new_document()
    _page_setup(document, fonts)
    first = document.paragraphs[0] if document.paragraphs else None
    if first is not None:  # the default template's empty paragraph
        first._element.getparent().remove(first._element)
    if doc.number:
        _text(
            document,
            doc.number,
            fonts,
            font=fonts.body,
            size=layout.BODY_SIZE,
            align=WD_ALIGN_PARAGRAPH.CENTER,
        )
    title = _text(
        document,
        doc.title,
        fonts,
        font=fonts.title,
        size=layout.TITLE_SIZE,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    _spacing(title, exact=Pt(35))
    _text(document, "", fonts, font=fonts.body, size=layout.BODY_SIZE)  # one blank line
    if doc.addressee:
        _text(document, f"{doc.addressee}：", fonts, font=fonts.body, size=layout.BODY_SIZE)
    for block in doc.blocks:
        _block(document, block, fonts)
    if doc.attachments:
        _text(document, "", fonts, font=fonts.body, size=layout.BODY_SIZE)
        for index, name in enumerate(doc.attachments, start=1):
            prefix = "附件：" if index == 1 else "　　　"
            paragraph = _text(
                document, f"{prefix}{index}．{name}", fonts, font=fonts.body, size=layout.BODY_SIZE
            )
            paragraph.paragraph_format.first_line_indent = layout.BODY_SIZE * 2
    # 发文机关署名 and 成文日期 at the end, right-aligned (署名右空二字, 日期右空四字).
    _text(document, "", fonts, font=fonts.body, size=layout.BODY_SIZE)
    issuer = _text(
        document,
        doc.issuer,
        fonts,
        font=fonts.body,
        size=layout.BODY_SIZE,
        align=WD_ALIGN_PARAGRAPH.RIGHT,
    )
    issuer.paragraph_format.right_indent = layout.BODY_SIZE * 2
    date = _text(
        document,
        doc.date_text,
        fonts,
        font=fonts.body,
        size=layout.BODY_SIZE,
        align=WD_ALIGN_PARAGRAPH.RIGHT,
    )
    date.paragraph_format.right_indent = layout.BODY_SIZE * 4
    core = document.core_properties
    core.title = doc.title
    core.author = doc.issuer
    return document


def render_docx(doc: OfficialDocument, fonts: FontSet = FONTS_OFFICIAL) -> bytes:
    """The document as DOCX bytes, naming ``fonts`` (the official ones by default)."""
    buffer = io.BytesIO()
    build(doc, fonts).save(buffer)
    return buffer.getvalue()
