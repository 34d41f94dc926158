"""Reading documents (DOCX or UTF-8 text) and the offset-preserving text helpers of the engine."""

from __future__ import annotations

import io
import re
import zipfile
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

ZIP_MAGIC = b"PK\x03\x04"

# Full-width ASCII (U+FF01..U+FF5E) and the ideographic space map one-to-one onto their
# half-width forms, so offsets in the normalised text are offsets in the original text.
_FULL_TO_HALF = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULL_TO_HALF[0x3000] = 0x20
# Brackets and quotes drafters use interchangeably, folded onto one form each.
_FULL_TO_HALF.update({ord("【"): ord("["), ord("】"): ord("]")})

PARAGRAPH_BREAK = re.compile(r"\n")
SENTENCE_BREAK = re.compile(r"[。;!?\n]")
CLAUSE_BREAK = re.compile(r"[。;!?\n,:]")


class UnreadableDocument(ValueError):
    """The input is not a readable document: empty, not a valid DOCX, or not UTF-8 text."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


def normalise(text: str) -> str:
    """Fold full-width ASCII to half-width, one character for one, keeping every offset."""
    return text.translate(_FULL_TO_HALF)


@dataclass(frozen=True, slots=True)
class Segments:
    """Paragraph, sentence and clause bounds of a text, for finding the scope around an offset."""

    paragraph_starts: tuple[int, ...]
    paragraph_ends: tuple[int, ...]
    sentence_starts: tuple[int, ...]
    sentence_ends: tuple[int, ...]
    clause_starts: tuple[int, ...]
    clause_ends: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Segments:
        p_starts, p_ends = _split(text, PARAGRAPH_BREAK)
        s_starts, s_ends = _split(text, SENTENCE_BREAK)
        c_starts, c_ends = _split(text, CLAUSE_BREAK)
        return cls(p_starts, p_ends, s_starts, s_ends, c_starts, c_ends)

    def paragraph(self, offset: int) -> tuple[int, int]:
        """Bounds of the line holding ``offset``."""
        index = max(bisect_right(self.paragraph_starts, offset) - 1, 0)
        return self.paragraph_starts[index], self.paragraph_ends[index]

    def sentence(self, offset: int) -> tuple[int, int]:
        """Bounds of the sentence holding ``offset`` (delimiters 。；！？ and line breaks)."""
        index = max(bisect_right(self.sentence_starts, offset) - 1, 0)
        return self.sentence_starts[index], self.sentence_ends[index]

    def clause(self, offset: int) -> tuple[int, int]:
        """Bounds of the clause holding ``offset`` (a sentence cut further at commas/colons)."""
        index = max(bisect_right(self.clause_starts, offset) - 1, 0)
        return self.clause_starts[index], self.clause_ends[index]


def _split(text: str, breaks: re.Pattern[str]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    starts = [0]
    ends = []
    for match in breaks.finditer(text):
        ends.append(match.end())
        starts.append(match.end())
    ends.append(len(text))
    return tuple(starts), tuple(ends)


MAX_EXPANDED = 50 * 1024 * 1024
MAX_MEMBERS = 2000


def read_docx(data: bytes) -> str:
    """The text of a DOCX file: paragraphs and table cells in document order, one a line."""
    if not data:
        raise UnreadableDocument("文件为空，无法读取。", reason="empty")
    if not data.startswith(ZIP_MAGIC) or not zipfile.is_zipfile(io.BytesIO(data)):
        raise UnreadableDocument(
            "不是有效的 DOCX 文件：内容不是 ZIP 压缩包，请另存为 Word 2007 及以上格式（.docx）。",
            reason="not_zip",
        )
    from fazhi.core.exports import archive_too_large  # the caps every upload shares

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            # A small DOCX can expand to gigabytes of XML: cap before python-docx parses it.
            if (
                len(members) > MAX_MEMBERS
                or sum(m.file_size for m in members) > MAX_EXPANDED
                or archive_too_large(data)
            ):
                raise UnreadableDocument(
                    "DOCX 文件解压后过大或包含过多部件，无法审查。", reason="too_large"
                )
            if "word/document.xml" not in archive.namelist():
                raise UnreadableDocument(
                    "不是有效的 DOCX 文件：压缩包中没有 word/document.xml。",
                    reason="not_docx",
                )
        import docx  # python-docx; imported lazily so plain-text review needs no lxml

        document = docx.Document(io.BytesIO(data))
    except UnreadableDocument:
        raise
    except Exception as exc:  # python-docx raises several unrelated types on bad packages
        raise UnreadableDocument(
            f"DOCX 文件已损坏或格式不受支持：{exc.__class__.__name__}", reason="corrupt_docx"
        ) from exc
    lines = list(_docx_lines(document))
    text = "\n".join(lines)
    if not text.strip():
        raise UnreadableDocument("DOCX 文件中没有文字内容。", reason="empty")
    return text


def _docx_lines(document: object) -> list[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    body = document.element.body  # type: ignore[attr-defined]
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)  # type: ignore[arg-type]
        elif tag == "tbl":
            table = Table(child, document)  # type: ignore[arg-type]
            for row in table.rows:
                cells: list[str] = []
                for cell in row.cells:
                    if not cells or cells[-1] != cell.text:  # merged cells repeat
                        cells.append(cell.text)
                lines.append("\t".join(cells))
    return lines


def decode_text(data: bytes) -> str:
    """UTF-8 text (a BOM is allowed); anything else is refused with a clear message."""
    if not data:
        raise UnreadableDocument("文件为空，无法读取。", reason="empty")
    if b"\x00" in data:
        raise UnreadableDocument(
            "不是文本文件：内容含有二进制数据。请上传 .docx 或 UTF-8 编码的文本。",
            reason="binary",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableDocument(
            f"文本不是 UTF-8 编码（第 {exc.start} 字节处无法解码），请转换为 UTF-8 后重试。",
            reason="not_utf8",
        ) from exc
    if not text.strip():
        raise UnreadableDocument("文件为空，无法读取。", reason="empty")
    return text


def read_document(source: str | Path | bytes) -> str:
    """The text of a document given as a path or as bytes.

    A ``.docx`` path, or bytes starting with the ZIP signature, is read as DOCX; anything else
    as UTF-8 text. Raises :class:`UnreadableDocument` for an empty input, a ``.docx`` that is not
    a valid DOCX package, or text that is not UTF-8.
    """
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        if data.startswith(ZIP_MAGIC):
            return read_docx(data)
        return decode_text(data)
    path = Path(source)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(f"无法打开文件 {path.name}：{exc.strerror}", reason="io") from exc
    if path.suffix.lower() == ".docx":
        return read_docx(data)
    if path.suffix.lower() == ".doc":
        raise UnreadableDocument(
            "不支持旧版 Word（.doc）文件，请另存为 .docx 后重试。", reason="legacy_doc"
        )
    if data.startswith(ZIP_MAGIC):
        return read_docx(data)
    return decode_text(data)
