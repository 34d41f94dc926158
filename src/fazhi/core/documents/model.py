"""What an official document says, independent of how it is laid out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    """A structural heading. Level 1 is 一、 (黑体), 2 is （一） (楷体), 3 is 1. (仿宋 bold).

    The caller writes the numbering into ``text``; the renderer only lays it out.
    """

    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """Body text, first line indented two characters (``indent=False`` for lists)."""

    text: str
    indent: bool = True


@dataclass(frozen=True)
class Table:
    """A simple table (first row the header when ``header``), in the body font at 4号."""

    rows: Sequence[Sequence[str]]
    header: bool = True


Block = Heading | Paragraph | Table


@dataclass(frozen=True)
class OfficialDocument:
    title: str
    blocks: Sequence[Block]
    issuer: str
    date: dt.date
    addressee: str = ""  # 主送机关, left-aligned under the title, ending with "："
    number: str = ""  # 发文字号, centred above the title when given
    attachments: Sequence[str] = field(default_factory=tuple)  # 附件 names, listed after the body

    @property
    def date_text(self) -> str:
        """成文日期 in Arabic numerals without leading zeros (GB/T 9704-2012 §7.3.5.1)."""
        return f"{self.date.year}年{self.date.month}月{self.date.day}日"
