"""Parsing of the law text files (Markdown from LawRefBook/Laws) and of their ``index.json``.

The file format is described in ``shared/data/laws/README.md``: ``# title`` lines and history lines
up to ``<!-- INFO END -->``, then ``##``/``###`` chapter and section headings and articles that start
with ``第X条``. Within an article, each line is a paragraph (款) unless it starts with an item label
such as （一）, in which case it is an item (项) of the paragraph before it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, Literal

from .numerals import parse_chinese_numeral

INFO_END = "<!-- INFO END -->"

_NUMERAL = r"[零〇一二三四五六七八九十百千两]+"
_ARTICLE_HEADING = re.compile(rf"^(第({_NUMERAL})条)[ \u3000]+(.*)$")
_ITEM = re.compile(rf"^([（(](?:({_NUMERAL})|([0-9]+))[）)])\s*(.*)$")
_HEADING = re.compile(r"^(#{2,6})\s+(.*)$")
_DIVISION = re.compile(rf"^第({_NUMERAL})(编|分编|章|节)\s*(.*)$")
_CN_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
# One header line of 浙江省地方立法条例 runs several events together: "...通过根据2004年1月16日...".
_EVENT_SPLIT = re.compile(r"(?=根据\d{4}年\d{1,2}月\d{1,2}日)")
_HISTORY_LINE = re.compile(r"^(?:根据)?(\d{4})年(\d{1,2})月(\d{1,2})日\s*(.*)$")
# Characters that make a line look non-empty but carry nothing (a stray U+200B sits in one file).
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_STRIP = " \t\u3000\u2002\u2003\u00a0" + _INVISIBLE


class LawParseError(ValueError):
    """A law text or the index is malformed; ``source`` and ``line`` say where."""

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None):
        self.source = source
        self.line = line
        where = source or "<text>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One line of the header block: when (if a date is given) and what happened."""

    date: date | None
    event: str
    line: int


@dataclass(frozen=True, slots=True)
class Heading:
    """A ``##``/``###`` heading: a part (编), chapter (章) or section (节)."""

    level: int
    kind: Literal["part", "subpart", "chapter", "section", "other"]
    number: int | None
    name: str  # heading text after 第X章, with the typographic spaces removed: 总 则 -> 总则
    text: str  # the heading line as written, without the leading #s
    line: int


@dataclass(frozen=True, slots=True)
class Item:
    """A 项, e.g. （二）罚款、没收违法所得、没收非法财物；"""

    number: int
    label: str  # （二） as written
    text: str  # the text after the label
    line: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A 款: one line of an article's text plus the 项 listed under it."""

    number: int
    text: str
    items: tuple[Item, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Article:
    """A 条 with its 款 and 项; ``chapter``/``section`` name the headings it sits under."""

    number: int
    label: str  # 第三十三条
    text: str  # every line of the article after the label, joined with newlines
    paragraphs: tuple[Paragraph, ...]
    line: int
    chapter: str | None = None
    section: str | None = None

    def paragraph(self, number: int) -> Paragraph | None:
        if 1 <= number <= len(self.paragraphs):
            return self.paragraphs[number - 1]
        return None


@dataclass(frozen=True)
class ParsedLaw:
    """A whole law or regulation as parsed from its Markdown file."""

    title: str  # the first "# " line
    subtitle: str | None  # a second "# " line: 继承编 in the Civil Code file
    history: tuple[HistoryEntry, ...]
    headings: tuple[Heading, ...]
    articles: tuple[Article, ...]
    source: str | None = None
    _by_number: Mapping[int, Article] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        index = MappingProxyType({article.number: article for article in self.articles})
        object.__setattr__(self, "_by_number", index)

    @property
    def full_title(self) -> str:
        """The title as index.json gives it: 中华人民共和国民法典（继承编）."""
        if self.subtitle:
            return f"{self.title}（{self.subtitle}）"
        return self.title

    @property
    def first_article(self) -> int | None:
        return self.articles[0].number if self.articles else None

    @property
    def last_article(self) -> int | None:
        return self.articles[-1].number if self.articles else None

    @property
    def is_consecutive(self) -> bool:
        """True if the articles run without gaps from the first to the last."""
        return all(b.number == a.number + 1 for a, b in pairwise(self.articles))

    def article(self, number: int) -> Article | None:
        return self._by_number.get(number)

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)


def _clean(line: str) -> str:
    return line.strip(_STRIP)


def _parse_history_line(text: str, line_number: int, source: str | None) -> list[HistoryEntry]:
    entries = []
    for chunk in _EVENT_SPLIT.split(text):
        chunk = _clean(chunk)
        if not chunk:
            continue
        match = _HISTORY_LINE.match(chunk)
        when = None
        event = chunk
        if match:
            year, month, day, event = match.groups()
            try:
                when = date(int(year), int(month), int(day))
            except ValueError as exc:
                raise LawParseError(
                    f"bad date in {chunk!r}", source=source, line=line_number
                ) from exc
        entries.append(HistoryEntry(when, _drop_unbalanced_close(_clean(event)), line_number))
    return entries


def _drop_unbalanced_close(text: str) -> str:
    # Some source lines end with a "）" left over from a parenthesised original, e.g. "…修正）".
    opened = text.count("（") + text.count("(")
    closed = text.count("）") + text.count(")")
    if text.endswith(("）", ")")) and closed > opened:
        return text[:-1].rstrip()
    return text


def _numeral(text: str, source: str | None, line_number: int) -> int:
    try:
        return parse_chinese_numeral(text)
    except ValueError as exc:
        raise LawParseError(str(exc), source=source, line=line_number) from exc


def _parse_heading(level: int, text: str, line_number: int, source: str | None) -> Heading:
    match = _DIVISION.match(text)
    if not match:
        return Heading(level, "other", None, re.sub(r"\s+", "", text), text, line_number)
    numeral, unit, name = match.groups()
    kinds: dict[str, Literal["part", "subpart", "chapter", "section"]] = {
        "编": "part",
        "分编": "subpart",
        "章": "chapter",
        "节": "section",
    }
    kind = kinds[unit]
    return Heading(
        level,
        kind,
        _numeral(numeral, source, line_number),
        re.sub(r"\s+", "", name),
        text,
        line_number,
    )


class _ArticleBuilder:
    """Collects the lines of one article; paragraphs and items are built when it closes."""

    __slots__ = ("chapter", "label", "line", "lines", "number", "paragraphs", "section")

    def __init__(
        self, number: int, label: str, line: int, chapter: str | None, section: str | None
    ):
        self.number = number
        self.label = label
        self.line = line
        self.chapter = chapter
        self.section = section
        self.lines: list[str] = []
        self.paragraphs: list[tuple[str, int, list[Item]]] = []

    def add_text(self, text: str, line: int) -> None:
        self.lines.append(text)
        self.paragraphs.append((text, line, []))

    def add_item(self, item: Item, raw: str) -> None:
        self.lines.append(raw)
        if not self.paragraphs:
            # An article that opens straight with an item still has a first paragraph.
            self.paragraphs.append(("", self.line, []))
        self.paragraphs[-1][2].append(item)

    def build(self) -> Article:
        paragraphs = tuple(
            Paragraph(number, text, tuple(items), line)
            for number, (text, line, items) in enumerate(self.paragraphs, start=1)
        )
        return Article(
            number=self.number,
            label=self.label,
            text="\n".join(self.lines),
            paragraphs=paragraphs,
            line=self.line,
            chapter=self.chapter,
            section=self.section,
        )


def parse_law_markdown(text: str, source: str | None = None) -> ParsedLaw:
    """Parse one law file; ``source`` (e.g. the file name) is only used in error messages.

    Raises LawParseError when there is no title, or when article numbers do not strictly
    increase (a repeated or out-of-order 第X条 means the file is damaged).
    """
    lines = text.split("\n")
    has_info_end = any(_clean(line) == INFO_END for line in lines)
    titles: list[str] = []
    history: list[HistoryEntry] = []
    headings: list[Heading] = []
    articles: list[Article] = []
    current: _ArticleBuilder | None = None
    chapter: str | None = None
    section: str | None = None
    in_header = True

    for line_number, raw in enumerate(lines, start=1):
        line = _clean(raw)
        if in_header:
            if line == INFO_END:
                in_header = False
                continue
            if line.startswith("# "):
                titles.append(_clean(line[2:]))
                continue
            if has_info_end:
                if line:
                    history.extend(_parse_history_line(line, line_number, source))
                continue
            # Without the marker the header ends at the first heading or article.
            if not line:
                continue
            if not (line.startswith("##") or _ARTICLE_HEADING.match(line)):
                history.extend(_parse_history_line(line, line_number, source))
                continue
            in_header = False
        if not line:
            continue

        heading = _HEADING.match(line)
        if heading:
            if current:
                articles.append(current.build())
                current = None
            parsed = _parse_heading(
                len(heading.group(1)), _clean(heading.group(2)), line_number, source
            )
            headings.append(parsed)
            if parsed.kind == "section":
                section = parsed.text
            elif parsed.kind != "other":
                # A new part or chapter closes the chapter and section before it.
                chapter = parsed.text if parsed.kind == "chapter" else None
                section = None
            continue

        article = _ARTICLE_HEADING.match(line)
        if article:
            label, numeral, rest = article.groups()
            number = _numeral(numeral, source, line_number)
            previous = current.number if current else (articles[-1].number if articles else None)
            if previous is not None and number <= previous:
                raise LawParseError(
                    f"article {label} ({number}) does not follow article {previous}",
                    source=source,
                    line=line_number,
                )
            if current:
                articles.append(current.build())
            current = _ArticleBuilder(number, label, line_number, chapter, section)
            rest = _clean(rest)
            if rest:
                current.add_text(rest, line_number)
            continue

        if current is None:
            # Text between the header and the first article (a preamble); none of the corpus
            # files has one, and it belongs to no article, so it is not kept.
            continue
        item = _ITEM.match(line)
        if item:
            label, numeral, digits, rest = item.groups()
            current.add_item(
                Item(
                    _numeral(numeral or digits, source, line_number),
                    label,
                    _clean(rest),
                    line_number,
                ),
                line,
            )
        else:
            current.add_text(line, line_number)

    if current:
        articles.append(current.build())
    if not titles:
        raise LawParseError("no '# ' title line", source=source, line=1)
    return ParsedLaw(
        title=titles[0],
        subtitle=titles[1] if len(titles) > 1 else None,
        history=tuple(history),
        headings=tuple(headings),
        articles=tuple(articles),
        source=source,
    )


# --- index.json ------------------------------------------------------------------------------

_KNOWN_INDEX_KEYS = frozenset(
    {
        "title",
        "file",
        "issuer",
        "promulgated",
        "effective",
        "revised",
        "in_force",
        "articles",
        "first_article",
        "last_article",
        "articles_consecutive",
        "first_effective",
        "final_article_effective",
        "level",
        "source_path",
        "bytes",
        "note",
    }
)
ON_PUBLICATION: Final = "on publication"


@dataclass(frozen=True)
class LawIndexEntry:
    """One object of ``index.json``; dates are ``date`` objects, unknown keys land in ``extra``."""

    title: str
    file: str
    issuer: str
    promulgated: date | None
    effective: date | None
    revised: date | None
    in_force: bool
    articles: int
    first_article: int | None = None
    last_article: int | None = None
    articles_consecutive: bool | None = None
    first_effective: date | None = None
    # A date, or "on publication" when the final article says 自公布之日起施行.
    final_article_effective: date | Literal["on publication"] | None = None
    level: str | None = None
    source_path: str | None = None
    size_bytes: int | None = None  # the "bytes" key
    note: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)


def _iso_date(value: Any, key: str, source: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise LawParseError(f"{key}: not a YYYY-MM-DD date: {value!r}", source=source) from exc


def _index_entry(raw: Mapping[str, Any], source: str) -> LawIndexEntry:
    missing = {"title", "file", "issuer", "promulgated", "in_force", "articles"} - raw.keys()
    if missing:
        raise LawParseError(f"entry {raw.get('title')!r} lacks {sorted(missing)}", source=source)
    final = raw.get("final_article_effective")
    return LawIndexEntry(
        title=raw["title"],
        file=raw["file"],
        issuer=raw["issuer"],
        promulgated=_iso_date(raw["promulgated"], "promulgated", source),
        effective=_iso_date(raw.get("effective"), "effective", source),
        revised=_iso_date(raw.get("revised"), "revised", source),
        in_force=bool(raw["in_force"]),
        articles=int(raw["articles"]),
        first_article=raw.get("first_article"),
        last_article=raw.get("last_article"),
        articles_consecutive=raw.get("articles_consecutive"),
        first_effective=_iso_date(raw.get("first_effective"), "first_effective", source),
        final_article_effective=(
            ON_PUBLICATION
            if final == ON_PUBLICATION
            else _iso_date(final, "final_article_effective", source)
        ),
        level=raw.get("level"),
        source_path=raw.get("source_path"),
        size_bytes=raw.get("bytes"),
        note=raw.get("note"),
        extra=MappingProxyType({k: v for k, v in raw.items() if k not in _KNOWN_INDEX_KEYS}),
    )


def load_index(path: str | Path) -> list[LawIndexEntry]:
    """Read ``index.json`` (the file, or the folder that holds it)."""
    path = Path(path)
    if path.is_dir():
        path = path / "index.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise LawParseError("index.json must hold a JSON list", source=str(path))
    return [_index_entry(raw, str(path)) for raw in data]


def load_corpus(directory: str | Path) -> list[tuple[LawIndexEntry, ParsedLaw]]:
    """Parse every file listed in ``directory/index.json``, in index order.

    Each file is checked against its index entry (title and article count), because a mismatch
    means either the file or the index was edited by hand and can no longer be trusted.
    """
    directory = Path(directory)
    corpus = []
    for entry in load_index(directory / "index.json"):
        path = directory / entry.file
        parsed = parse_law_markdown(path.read_text(encoding="utf-8"), source=entry.file)
        if parsed.full_title != entry.title:
            raise LawParseError(
                f"title {parsed.full_title!r} differs from index.json {entry.title!r}",
                source=entry.file,
                line=1,
            )
        if len(parsed.articles) != entry.articles:
            raise LawParseError(
                f"{len(parsed.articles)} articles parsed, index.json says {entry.articles}",
                source=entry.file,
            )
        corpus.append((entry, parsed))
    return corpus
