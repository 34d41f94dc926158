"""The GB/T 9704-2012 page: every measure of the layout, in one place.

- A4 (210 × 297 mm); margins top 37, bottom 35, left 28, right 26 mm: a type area of
  156 × 225 mm.
- 22 lines of 28 characters: with 3号 (16 pt) body text the line pitch is 225 mm / 22 =
  28.95 pt (固定值), and the character grid squeezes 28 characters into 156 mm.
- Title 2号 (22 pt) 小标宋; body 3号 仿宋_GB2312; first-level headings 黑体, second-level
  楷体_GB2312; page numbers 4号 (14 pt) 半角 Arabic numerals between one-character dashes,
  "— 1 —", odd pages right (one character in), even pages left.

The official fonts are not free and are usually absent on servers. The DOCX names them (the
recipients' Word has them); a PDF is rendered with the first installed font of each role's
fallback list (``fonts_installed``), e.g. Noto Serif/Sans CJK SC from Debian's fonts-noto-cjk.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from functools import cache


# Lengths in EMU (python-docx's unit: 36,000 per mm, 12,700 per point), as plain integers so the
# layout is read without importing python-docx (and lxml); word.py wraps them where it must.
def Mm(millimetres: float) -> int:
    return int(millimetres * 36000)


def Pt(points: float) -> int:
    return int(points * 12700)


PAGE_WIDTH = Mm(210)
PAGE_HEIGHT = Mm(297)
MARGIN_TOP = Mm(37)
MARGIN_BOTTOM = Mm(35)
MARGIN_LEFT = Mm(28)
MARGIN_RIGHT = Mm(26)
# The page number sits about 7 mm under the type area.
FOOTER_DISTANCE = Mm(23)

TITLE_SIZE = Pt(22)  # 2号
BODY_SIZE = Pt(16)  # 3号
PAGE_NUMBER_SIZE = Pt(14)  # 4号
TABLE_SIZE = Pt(14)
LINE_PITCH = Pt(28.95)  # 225 mm / 22 lines
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
# docGrid: linePitch in twips (28.95 pt × 20); charSpace as Word writes it for 28 characters of
# 3号 in a 156 mm line.
GRID_LINE_PITCH = 579
GRID_CHAR_SPACE = -842


@dataclass(frozen=True)
class FontSet:
    title: str
    body: str
    heading1: str
    heading2: str
    page_number: str
    latin: str  # Arabic numerals and Latin letters in the body


FONTS_OFFICIAL = FontSet(
    title="方正小标宋简体",
    body="仿宋_GB2312",
    heading1="黑体",
    heading2="楷体_GB2312",
    page_number="宋体",
    latin="Times New Roman",
)

# Free fonts tried in order when an official one is absent (fontconfig family names).
FALLBACKS = {
    "title": ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "AR PL UMing CN"),
    "body": ("仿宋_GB2312", "仿宋", "FangSong", "Noto Serif CJK SC", "AR PL UMing CN"),
    "heading1": ("黑体", "SimHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei"),
    "heading2": ("楷体_GB2312", "楷体", "KaiTi", "AR PL UKai CN", "Noto Serif CJK SC"),
    "page_number": ("宋体", "SimSun", "Noto Serif CJK SC", "AR PL UMing CN"),
    "latin": ("Times New Roman", "Liberation Serif", "DejaVu Serif"),
}


@cache
def _installed_families() -> frozenset[str]:
    if shutil.which("fc-list") is None:
        return frozenset()
    try:
        listing = subprocess.run(
            ["fc-list", ":", "family"], capture_output=True, text=True, timeout=20, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    families: set[str] = set()
    for line in listing.splitlines():
        families.update(name.strip() for name in line.split(",") if name.strip())
    return frozenset(families)


def fonts_installed() -> FontSet:
    """Each role's first installed font (the official name when nothing is installed)."""
    installed = _installed_families()
    chosen = {}
    for role, candidates in FALLBACKS.items():
        chosen[role] = next((name for name in candidates if name in installed), candidates[0])
    return FontSet(**chosen)
