"""Finding citations of laws in free text, and checking them against the law base.

``find_citations`` reads text only: it finds 《title》 mentions with their 第X条第X款第（X）项 chains,
follows abbreviations (（以下简称《条例》） and short forms of a title mentioned earlier) and returns
spans. ``CitationResolver`` knows the laws (as ``LawRecord``) and says whether each mention points
at something that exists and was in force on a given date. Both are pure and fast: compiled
regular expressions and dictionary lookups, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Literal

from .numerals import MAX_CHINESE_NUMERAL, format_chinese_numeral, parse_chinese_numeral
from .texts import LawIndexEntry, ParsedLaw
from .versions import VersionSpan, span_from_parsed, version_in_force

PRC_PREFIX = "中华人民共和国"

_NUM = r"(?:[零〇一二两三四五六七八九十百千]+|[0-9０-９]+)"
_ITEM_NUM = rf"(?:[（(]\s*{_NUM}\s*[）)]|{_NUM})"
_TITLE = re.compile(r"《([^《》\n]{1,120})》")
# An edition note between title and article: 《中华人民共和国行政处罚法》（2021年修订）第三十三条.
_EDITION = re.compile(r"\s*[（(]\s*\d{4}\s*年(?:修订|修正|修改)?(?:版|本|文本)?\s*[）)]")
# （以下简称《条例》）, （以下简称“条例”）, (以下简称行政复议法), （简称《条例》）.
_ABBREVIATION = re.compile(
    r"\s*[（(]\s*(?:以下)?简?称\s*(?:《([^《》）)\n]{1,40})》|[“\"「]([^”\"」）)\n]{1,40})[”\"」]"
    r"|([^《》“”\"（）()，。；\n]{1,40}))\s*[）)]"
)
_ELEMENT = re.compile(
    rf"第(?P<article>{_NUM})条(?:第(?P<paragraph>{_NUM})款)?(?:第(?P<item>{_ITEM_NUM})项)?"
    rf"|第(?P<paragraph_only>{_NUM})款(?:第(?P<item_after_paragraph>{_ITEM_NUM})项)?"
    rf"|第(?P<item_only>{_ITEM_NUM})项"
)
_SPACES = re.compile(r"[ \t\u3000]*")
_CONNECTOR = re.compile(r"、以及|以及|、|及|和|与|或者|或|至|到")
_RANGE_CONNECTORS = frozenset({"至", "到"})
# Title endings of legal instruments; used to tell 《行政处罚法》 from 《人民日报》.
_INSTRUMENT_SUFFIXES = (
    "法",
    "法典",
    "条例",
    "规定",
    "办法",
    "细则",
    "规则",
    "决定",
    "解释",
    "规程",
    "通则",
    "意见",
    "通知",
    "纲要",
    "准则",
    "章程",
)


_KEY_TABLE = str.maketrans(
    {
        "(": "（",
        ")": "）",
        "<": "〈",
        ">": "〉",
        "《": "〈",
        "》": "〉",
        "“": '"',
        "”": '"',
        "＂": '"',
        "‘": "'",
        "’": "'",
    }
)


def _title_key(title: str) -> str:
    """Normalise a title for lookups: no whitespace, full-width brackets, 〈〉 for inner titles."""
    key = "".join(title.split())
    return key.translate(_KEY_TABLE)


def _short_key(title: str) -> str:
    key = _title_key(title)
    return key.removeprefix(PRC_PREFIX) or key


def _parse_item(text: str) -> int:
    return parse_chinese_numeral(text.strip("（）() "))


@dataclass(frozen=True, slots=True)
class CitationMention:
    """One reference to a law found in text.

    ``start``/``end`` delimit the characters it covers: for the first reference after a title,
    from 《 to the end of its 条/款/项; for later members of a list or range (第十条、第十一条,
    第二十条至第二十二条, 第二款和第三款), only that member (第十一条, 第二十二条, 第三款).
    Paragraph and item numbers carried over from the member before are filled in.
    """

    start: int
    end: int
    title: str  # the title as written between 《》, e.g. 条例 for an abbreviation
    article: int | None = None
    paragraph: int | None = None
    item: int | None = None
    # The word joining this member to the one before (、 和 至 …); 至/到 mark the end of a range.
    connector: str | None = None
    # For abbreviations: the full titles (as written earlier in the text) this may stand for.
    expansions: tuple[str, ...] = ()
    abbreviation: Literal["explicit", "implicit"] | None = None

    @property
    def is_range_end(self) -> bool:
        return self.connector in _RANGE_CONNECTORS

    @property
    def looks_like_instrument(self) -> bool:
        """Whether the title reads like a law or regulation (and not, say, a newspaper)."""
        if self.article is not None or self.expansions:
            return True
        return _title_key(self.title).endswith(_INSTRUMENT_SUFFIXES)

    def reference(self) -> str:
        """The 条款项 part in canonical form: 第三十三条第一款第（二）项."""
        return _reference(self.article, self.paragraph, self.item)


def _cn(number: int) -> str:
    # Arabic digits may cite numbers no Chinese numeral here can spell (第12345条): echo them.
    if 0 <= number <= MAX_CHINESE_NUMERAL:
        return format_chinese_numeral(number)
    return str(number)


def _reference(article: int | None, paragraph: int | None, item: int | None) -> str:
    parts = []
    if article is not None:
        parts.append(f"第{_cn(article)}条")
    if paragraph is not None:
        parts.append(f"第{_cn(paragraph)}款")
    if item is not None:
        parts.append(f"第（{_cn(item)}）项")
    return "".join(parts)


def _number(text: str | None) -> int | None:
    if text is None:
        return None
    return parse_chinese_numeral(text)


def _read_chain(
    text: str, pos: int, title_start: int, title: str, context: _Context
) -> list[CitationMention]:
    """Read the 第X条… members that start at ``pos`` (after optional spaces)."""
    mentions: list[CitationMention] = []
    article = paragraph = None
    connector: str | None = None
    spaces = _SPACES.match(text, pos)  # matches always (it may match nothing)
    pos = spaces.end() if spaces else pos
    while True:
        match = _ELEMENT.match(text, pos)
        if not match:
            break
        groups = match.groupdict()
        try:
            if groups["article"] is not None:
                article = parse_chinese_numeral(groups["article"])
                paragraph = _number(groups["paragraph"])
                item = _parse_item(groups["item"]) if groups["item"] else None
            elif groups["paragraph_only"] is not None:
                if article is None:
                    break
                paragraph = parse_chinese_numeral(groups["paragraph_only"])
                raw_item = groups["item_after_paragraph"]
                item = _parse_item(raw_item) if raw_item else None
            else:
                if article is None:
                    break
                item = _parse_item(groups["item_only"])
        except ValueError:
            # A malformed numeral (第十十条) ends the chain; what came before still counts.
            break
        start = title_start if not mentions else match.start()
        mentions.append(
            CitationMention(
                start,
                match.end(),
                title,
                article,
                paragraph,
                item,
                connector,
                context.expansions,
                context.abbreviation,
            )
        )
        pos = match.end()
        joiner = _CONNECTOR.match(text, pos)
        if not joiner or not text.startswith("第", joiner.end()):
            break
        connector = joiner.group()
        pos = joiner.end()
    return mentions


@dataclass(frozen=True, slots=True)
class _Context:
    expansions: tuple[str, ...] = ()
    abbreviation: Literal["explicit", "implicit"] | None = None


_PLAIN = _Context()


def find_citations(text: str) -> list[CitationMention]:
    """Find every 《title》 mention in ``text``, with the articles, paragraphs and items cited.

    A bare 《title》 gives one mention with ``article=None``; a list or range gives one mention
    per member written. The 《X》 inside a （以下简称《X》） definition is not itself a mention.
    An abbreviation is followed in two ways: one defined by 以下简称 stands for the title before
    it from there on; otherwise a title that ends a longer title written earlier in the text
    (《条例》 after 《重大行政决策程序暂行条例》) may stand for it, and every such earlier title is
    listed in ``expansions``. References such as 本法第十条 or 前款 are not looked for.
    """
    mentions: list[CitationMention] = []
    defined: dict[str, str] = {}  # abbreviation key -> the full title 以下简称 bound it to
    earlier: dict[str, str] = {}  # short key -> the first full title written that way
    pos = 0
    while (match := _TITLE.search(text, pos)) is not None:
        title = match.group(1)
        pos = match.end()
        context = _PLAIN
        full = defined.get(_title_key(title))
        if full is not None:
            context = _Context((full,), "explicit")
        else:
            short = _short_key(title)
            candidates = tuple(
                written
                for other, written in earlier.items()
                if len(other) > len(short) and other.endswith(short)
            )
            if candidates:
                context = _Context(candidates, "implicit")
            else:
                earlier.setdefault(short, title)

        if edition := _EDITION.match(text, pos):
            pos = edition.end()
        if definition := _ABBREVIATION.match(text, pos):
            alias = next(group for group in definition.groups() if group)
            # An abbreviation defined on top of an abbreviation still means the full title.
            defined[_title_key(alias)] = full if full is not None else title
            pos = definition.end()
            if edition := _EDITION.match(text, pos):
                pos = edition.end()

        chain = _read_chain(text, pos, match.start(), title, context)
        if chain:
            mentions.extend(chain)
            pos = chain[-1].end
        else:
            mentions.append(
                CitationMention(
                    match.start(),
                    match.end(),
                    title,
                    expansions=context.expansions,
                    abbreviation=context.abbreviation,
                )
            )
    return mentions


# --- resolution ------------------------------------------------------------------------------


class CitationStatus(StrEnum):
    """Outcome of checking one citation; the value is the stable English code."""

    OK = "ok"
    UNKNOWN_LAW = "unknown_law"
    ARTICLE_OUT_OF_RANGE = "article_out_of_range"
    PARAGRAPH_OUT_OF_RANGE = "paragraph_out_of_range"
    ITEM_OUT_OF_RANGE = "item_out_of_range"
    REPEALED = "repealed"
    NOT_YET_IN_FORCE = "not_yet_in_force"
    AMBIGUOUS_ABBREVIATION = "ambiguous_abbreviation"


@dataclass(frozen=True)
class LawRecord:
    """What the resolver needs to know about one law or regulation.

    Give ``article_count`` (articles run 1…N) or ``article_numbers`` (the exact set); with
    neither, article numbers are not checked (e.g. a law of which only one book is held).
    ``paragraph_counts`` maps an article to its number of 款 and ``item_counts`` maps
    (article, paragraph) to its number of 项; articles missing from them are not checked.
    ``superseded_on`` is the date a newer text (not held) replaced the one the counts come
    from; from then on the counts say nothing about what is cited, so they are not checked.
    """

    title: str
    aliases: tuple[str, ...] = ()
    article_count: int | None = None
    article_numbers: frozenset[int] | None = None
    effective_from: date | None = None
    repealed_on: date | None = None
    superseded_on: date | None = None
    paragraph_counts: Mapping[int, int] = field(default_factory=dict, hash=False, compare=False)
    item_counts: Mapping[tuple[int, int], int] = field(
        default_factory=dict, hash=False, compare=False
    )
    # Dated texts (current one included) when the law base holds more than one: a citation
    # is checked against the text in force on the citing date.
    versions: tuple[VersionSpan, ...] = field(default=(), hash=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "paragraph_counts", MappingProxyType(dict(self.paragraph_counts)))
        object.__setattr__(self, "item_counts", MappingProxyType(dict(self.item_counts)))
        if self.article_numbers is not None:
            object.__setattr__(self, "article_numbers", frozenset(self.article_numbers))

    @property
    def last_article(self) -> int | None:
        if self.article_numbers:
            return max(self.article_numbers)
        return self.article_count

    def has_article(self, number: int) -> bool | None:
        """True/False when the article numbers are known, None when they are not."""
        if self.article_numbers is not None:
            return number in self.article_numbers
        if self.article_count is not None:
            return 1 <= number <= self.article_count
        return None

    def derived_aliases(self) -> tuple[str, ...]:
        """Names this law is cited by: its title, without 中华人民共和国, without （继承编）."""
        names = [self.title, *self.aliases]
        for name in (self.title, *self.aliases):
            base = re.sub(r"[（(][^（）()]*[）)]$", "", name)
            names.append(base)
        names.extend([name.removeprefix(PRC_PREFIX) for name in names])
        seen: dict[str, None] = {}
        for name in names:
            if name:
                seen.setdefault(name, None)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class CitationResult:
    """The verdict on one mention; ``law`` is the record it resolved to, if any."""

    mention: CitationMention
    status: CitationStatus
    message: str  # Chinese, for the user
    law: LawRecord | None = None
    candidates: tuple[str, ...] = ()  # the laws an ambiguous abbreviation may stand for
    text_outdated: bool = False  # the law's held text was superseded by as_of: not checked
    version: str = ""  # the dated text checked against, when the law has several

    @property
    def code(self) -> str:
        return self.status.value

    @property
    def ok(self) -> bool:
        return self.status is CitationStatus.OK


def _cn_date(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


class CitationResolver:
    """Checks mentions against a set of laws.

    Lookups go by exact title first, then by derived and given aliases; an alias shared by
    several laws is ambiguous unless the text named one of them in full.
    """

    def __init__(self, laws: Iterable[LawRecord]):
        self._by_title: dict[str, LawRecord] = {}
        self._by_alias: dict[str, list[LawRecord]] = {}
        self.laws: tuple[LawRecord, ...] = tuple(laws)
        for law in self.laws:
            key = _title_key(law.title)
            if key in self._by_title:
                raise ValueError(f"two laws titled {law.title!r}")
            self._by_title[key] = law
        for law in self.laws:
            for alias in law.derived_aliases():
                key = _title_key(alias)
                bucket = self._by_alias.setdefault(key, [])
                if law not in bucket:
                    bucket.append(law)

    def lookup(self, title: str) -> list[LawRecord]:
        """Every law ``title`` may name (an exact title wins over aliases)."""
        key = _title_key(title)
        exact = self._by_title.get(key)
        if exact is not None:
            return [exact]
        return list(self._by_alias.get(key, ()))

    def resolve(self, mention: CitationMention, as_of: date | None = None) -> CitationResult:
        """Check one mention; ``as_of`` is the citing document's date (None: dates unchecked,
        except that a repeal already recorded still counts)."""
        found = self._find_law(mention)
        if isinstance(found, CitationResult):
            return found
        return self._check(mention, found, as_of)

    def resolve_all(
        self, mentions: Iterable[CitationMention], as_of: date | None = None
    ) -> list[CitationResult]:
        return [self.resolve(mention, as_of) for mention in mentions]

    def resolve_text(self, text: str, as_of: date | None = None) -> list[CitationResult]:
        """Find and check every citation in ``text``."""
        return self.resolve_all(find_citations(text), as_of)

    # -- internals ---------------------------------------------------------------------------

    def _find_law(self, mention: CitationMention) -> LawRecord | CitationResult:
        if mention.abbreviation == "explicit":
            laws = self.lookup(mention.expansions[0])
            if len(laws) == 1:
                return laws[0]
            if not laws:
                return self._unknown(mention, mention.expansions[0])
            return self._ambiguous(mention, [law.title for law in laws])

        laws = self.lookup(mention.title)
        if len(laws) == 1:
            return laws[0]
        if len(laws) > 1:
            # A short form shared by several laws: the text's own full mentions may settle it.
            named = {law.title for full in mention.expansions for law in self.lookup(full)}
            narrowed = [law for law in laws if law.title in named]
            if len(narrowed) == 1:
                return narrowed[0]
            return self._ambiguous(mention, [law.title for law in laws])

        if not mention.expansions:
            return self._unknown(mention, mention.title)
        # An implicit abbreviation: several earlier titles may still be one law
        # (《中华人民共和国行政处罚法》 and 《行政处罚法》 both end in 《处罚法》).
        targets: dict[str, LawRecord | None] = {}
        for full in mention.expansions:
            found = self.lookup(full)
            if len(found) == 1:
                targets.setdefault(found[0].title, found[0])
            else:
                targets.setdefault(full, None)
        if len(targets) > 1:
            return self._ambiguous(mention, list(targets))
        ((name, law),) = targets.items()
        return law if law is not None else self._unknown(mention, name)

    def _unknown(self, mention: CitationMention, title: str) -> CitationResult:
        return CitationResult(mention, CitationStatus.UNKNOWN_LAW, f"法律法规库中没有《{title}》。")

    def _ambiguous(self, mention: CitationMention, titles: list[str]) -> CitationResult:
        listed = "、".join(f"《{t}》" for t in titles)
        return CitationResult(
            mention,
            CitationStatus.AMBIGUOUS_ABBREVIATION,
            f"简称《{mention.title}》可能指{listed}，无法确定所指，请写明全称。",
            candidates=tuple(titles),
        )

    def _check(
        self, mention: CitationMention, law: LawRecord, as_of: date | None
    ) -> CitationResult:
        span = version_in_force(law.versions, as_of) if as_of and law.versions else None
        if span is None:
            return self._check_text(mention, law, as_of)
        # The text in force on the day decides which articles exist.
        dated = replace(
            law,
            article_count=span.article_count,
            article_numbers=None,
            superseded_on=None,
            paragraph_counts=span.paragraph_counts,
            item_counts=span.item_counts,
            versions=(),
        )
        result = self._check_text(mention, dated, as_of, f"（{span.version}年文本）")
        return replace(result, law=law, version=span.version)

    def _check_text(
        self, mention: CitationMention, law: LawRecord, as_of: date | None, edition: str = ""
    ) -> CitationResult:
        cited = f"《{law.title}》{edition}{mention.reference()}"
        if as_of is not None and law.effective_from is not None and as_of < law.effective_from:
            return CitationResult(
                mention,
                CitationStatus.NOT_YET_IN_FORCE,
                f"{cited}自{_cn_date(law.effective_from)}起施行，{_cn_date(as_of)}尚未施行。",
                law,
            )
        if law.repealed_on is not None and (as_of is None or as_of >= law.repealed_on):
            return CitationResult(
                mention,
                CitationStatus.REPEALED,
                f"《{law.title}》已于{_cn_date(law.repealed_on)}废止，不应再引用。",
                law,
            )
        if law.superseded_on is not None and (as_of is None or as_of >= law.superseded_on):
            return CitationResult(
                mention,
                CitationStatus.OK,
                f"{cited}：库中文本已于{_cn_date(law.superseded_on)}被新文本取代，"
                "条款未核对，请对照现行文本。",
                law,
                text_outdated=True,
            )
        article, paragraph, item = mention.article, mention.paragraph, mention.item
        if article is not None:
            exists = law.has_article(article)
            if exists is False:
                if law.article_numbers is None:
                    extent = f"（共{law.article_count}条）"
                else:
                    extent = f"（最后一条为第{_cn(max(law.article_numbers, default=0))}条）"
                return CitationResult(
                    mention,
                    CitationStatus.ARTICLE_OUT_OF_RANGE,
                    f"《{law.title}》{edition}没有第{_cn(article)}条{extent}。",
                    law,
                )
            paragraphs = law.paragraph_counts.get(article)
            if (
                paragraph is not None
                and paragraphs is not None
                and not 1 <= paragraph <= paragraphs
            ):
                return CitationResult(
                    mention,
                    CitationStatus.PARAGRAPH_OUT_OF_RANGE,
                    f"《{law.title}》第{_cn(article)}条只有{paragraphs}款，"
                    f"没有第{_cn(paragraph)}款。",
                    law,
                )
            if item is not None and paragraphs is not None:
                failure = self._check_item(mention, law, article, paragraph, item, paragraphs)
                if failure is not None:
                    return failure
        return CitationResult(mention, CitationStatus.OK, f"{cited}引用有效。", law)

    def _check_item(
        self,
        mention: CitationMention,
        law: LawRecord,
        article: int,
        paragraph: int | None,
        item: int,
        paragraphs: int,
    ) -> CitationResult | None:
        if paragraph is not None:
            counts = [law.item_counts.get((article, paragraph))]
        else:
            # 第九条第（一）项 leaves the paragraph implicit: any paragraph with enough items will do.
            counts = [law.item_counts.get((article, p)) for p in range(1, paragraphs + 1)]
        known = [count for count in counts if count is not None]
        if not known or len(known) < len(counts) or 1 <= item <= max(known):
            return None
        where = _reference(article, paragraph, None)
        have = f"只有{max(known)}项" if max(known) else "没有分项"
        return CitationResult(
            mention,
            CitationStatus.ITEM_OUT_OF_RANGE,
            f"《{law.title}》{where}{have}，没有第（{_cn(item)}）项。",
            law,
        )


# --- building records from the corpus ---------------------------------------------------------

_REPEAL_CLAUSE = re.compile(r"((?:《[^《》]+》[、和及]?)+)(?:同时)?(?:予以)?废止")
_COMMENCEMENT = re.compile(r"自(?:(\d{4})年(\d{1,2})月(\d{1,2})日|(?:公布|发布)之日)起施行")
_OUTDATED_NOTE = re.compile(r"OUTDATED TEXT\b.*?\beffective (\d{4}-\d{2}-\d{2})", re.S)


def repeal_clauses(entry: LawIndexEntry, parsed: ParsedLaw) -> list[tuple[str, date | None]]:
    """Instruments this law repeals in its commencement article (…《X》同时废止), with the date.

    The date is the law's own commencement date, or its publication date when it takes effect
    自公布之日起.
    """
    found: list[tuple[str, date | None]] = []
    for article in parsed.articles:
        commencement = _COMMENCEMENT.search(article.text)
        if not commencement:
            continue
        for clause in _REPEAL_CLAUSE.finditer(article.text, commencement.end()):
            if commencement.group(1):
                year, month, day = (int(g) for g in commencement.groups()[:3])
                when: date | None = date(year, month, day)
            else:
                when = entry.promulgated
            found.extend((title, when) for title in _TITLE.findall(clause.group(1)))
    return found


def law_record_from_corpus(
    entry: LawIndexEntry,
    parsed: ParsedLaw,
    *,
    aliases: Iterable[str] = (),
    repealed_on: date | None = None,
    superseded_on: date | None = None,
) -> LawRecord:
    """A resolver record from one parsed file and its index entry.

    A text that does not start at article 1 (the Civil Code book) is a part of a larger
    instrument, so its article numbers are not used to bound citations; its 款/项 still are.
    """
    complete = parsed.first_article == 1 and parsed.is_consecutive
    return LawRecord(
        title=entry.title,
        aliases=tuple(aliases),
        article_count=parsed.last_article if complete else None,
        effective_from=entry.first_effective or entry.effective or entry.promulgated,
        repealed_on=repealed_on,
        superseded_on=superseded_on,
        paragraph_counts={a.number: len(a.paragraphs) for a in parsed.articles},
        item_counts={
            (a.number, p.number): len(p.items) for a in parsed.articles for p in a.paragraphs
        },
    )


def current_label(entry_revised: date | None, effective: date | None) -> str:
    """How the current text is named beside historic ones: the year of its last revision."""
    when = entry_revised or effective
    return str(when.year) if when else "现行"


def with_versions(
    records: list[LawRecord], current: Mapping[str, VersionSpan], historic: Iterable
) -> list[LawRecord]:
    """Give each law that has historic texts its dated spans (the current one included)."""
    spans: dict[str, list[VersionSpan]] = {}
    for version in historic:
        spans.setdefault(_title_key(version.entry.title), []).append(
            span_from_parsed(
                version.version, version.effective_from, version.effective_to, version.parsed
            )
        )
    out = []
    for record in records:
        key = _title_key(record.title)
        if key in spans and record.title in current:
            record = replace(record, versions=(*spans[key], current[record.title]))
        out.append(record)
    return out


def records_from_corpus(
    corpus: Iterable[tuple[LawIndexEntry, ParsedLaw]], historic: Iterable = ()
) -> list[LawRecord]:
    """Records for every law of the corpus, plus the instruments they repeal.

    Repeal dates come from the laws' own texts (…《法规规章备案条例》同时废止); an instrument
    repealed that way but not held gets a record without articles, so that citing it yields
    ``repealed`` rather than ``unknown_law``. Texts marked ``OUTDATED TEXT … effective
    YYYY-MM-DD`` in their index note get that date as ``superseded_on``.
    """
    corpus = list(corpus)
    repealed: dict[str, tuple[str, date | None]] = {}
    for entry, parsed in corpus:
        for title, when in repeal_clauses(entry, parsed):
            repealed.setdefault(_title_key(title), (title, when))
    records = []
    held = set()
    for entry, parsed in corpus:
        key = _title_key(entry.title)
        held.add(key)
        note = _OUTDATED_NOTE.search(entry.note or "")
        records.append(
            law_record_from_corpus(
                entry,
                parsed,
                repealed_on=repealed.get(key, ("", None))[1],
                superseded_on=date.fromisoformat(note.group(1)) if note else None,
            )
        )
    for key, (title, when) in repealed.items():
        if key not in held and when is not None:
            records.append(LawRecord(title=title, repealed_on=when))
    current = {
        entry.title: span_from_parsed(
            current_label(entry.revised, entry.effective), entry.effective, None, parsed
        )
        for entry, parsed in corpus
    }
    return with_versions(records, current, historic)
