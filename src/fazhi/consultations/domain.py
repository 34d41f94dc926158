"""Pure rules of a consultation: paragraph anchors, version diffs, receipt codes. No Django.

A draft is split into paragraphs with stable anchors (``art-3`` for 第三条, ``art-3-2`` for its
second paragraph, ``ch-2`` for 第二章, ``p-4`` for text before the first article), so a comment
names the article it is about and keeps that place when a revised draft becomes a new version.
"""

from __future__ import annotations

import difflib
import re
import secrets
from dataclasses import dataclass

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_DIGITS |= {"七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_HEADING = re.compile(r"^\s*第([零〇一二两三四五六七八九十百千\d]+)([条章])")

# Receipt codes avoid letters people misread (0/O, 1/I/L).
_RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
RECEIPT_LENGTH = 10


def chinese_number(text: str) -> int:
    """``三十五`` → 35, ``一百零二`` → 102, ``12`` → 12."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for char in text:
        if char in _DIGITS:
            current = _DIGITS[char]
        elif char in _UNITS:
            total += (current or 1) * _UNITS[char]
            current = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + current


@dataclass(frozen=True)
class Paragraph:
    anchor: str
    label: str
    text: str


def split_paragraphs(text: str) -> list[Paragraph]:
    """Every non-empty line as a paragraph with an anchor that survives revisions."""
    paragraphs: list[Paragraph] = []
    article: int | None = None
    article_label = ""
    within_article = 0
    loose = 0
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        match = _HEADING.match(line)
        if match:
            number = chinese_number(match.group(1))
            if match.group(2) == "章":
                paragraphs.append(Paragraph(f"ch-{number}", f"第{match.group(1)}章", line))
                continue
            article, article_label, within_article = number, f"第{match.group(1)}条", 1
            paragraphs.append(Paragraph(f"art-{number}", article_label, line))
            continue
        if article is None:
            loose += 1
            paragraphs.append(Paragraph(f"p-{loose}", f"第{loose}段", line))
        else:
            within_article += 1
            paragraphs.append(
                Paragraph(
                    f"art-{article}-{within_article}",
                    f"{article_label}第{within_article}款",
                    line,
                )
            )
    return _unique(paragraphs)


def _unique(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """A draft that repeats an article number still gets distinct anchors."""
    seen: dict[str, int] = {}
    out = []
    for paragraph in paragraphs:
        count = seen.get(paragraph.anchor, 0)
        seen[paragraph.anchor] = count + 1
        if count:
            paragraph = Paragraph(f"{paragraph.anchor}~{count}", paragraph.label, paragraph.text)
        out.append(paragraph)
    return out


def text_diff(old: str, new: str, *, old_label: str, new_label: str) -> str:
    """A unified diff of two drafts, line by line (difflib)."""
    return "\n".join(
        difflib.unified_diff(
            old.splitlines(), new.splitlines(), fromfile=old_label, tofile=new_label, lineterm=""
        )
    )


def new_receipt_code() -> str:
    return "".join(secrets.choice(_RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))


def normalise_receipt_code(text: str) -> str:
    return re.sub(r"[\s-]", "", text).upper()
