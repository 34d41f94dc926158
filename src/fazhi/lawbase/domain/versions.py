"""Dated versions of one instrument: which text was in force on a day, and what changed.

A law's current text is one version (in force from its ``effective`` date, open-ended); earlier
texts come from ``versions/index.json`` with ``effective_from``/``effective_to``. Pure: no
Django, no I/O except ``load_versions`` reading the shared folder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .texts import LawIndexEntry, LawParseError, ParsedLaw, load_corpus

VERSIONS_FOLDER = "versions"


@dataclass(frozen=True)
class VersionSpan:
    """One text of a law and the days it governs (``effective_to`` inclusive; None: open)."""

    version: str
    effective_from: date | None
    effective_to: date | None = None
    article_count: int | None = None
    paragraph_counts: dict[int, int] = field(default_factory=dict, hash=False, compare=False)
    item_counts: dict[tuple[int, int], int] = field(default_factory=dict, hash=False, compare=False)

    def covers(self, day: date) -> bool:
        if self.effective_from is not None and day < self.effective_from:
            return False
        return self.effective_to is None or day <= self.effective_to


def version_in_force(spans: list[VersionSpan] | tuple[VersionSpan, ...], day: date):
    """The span in force on ``day`` (the latest-starting one if spans overlap), or None."""
    matching = [span for span in spans if span.covers(day)]
    if not matching:
        return None
    return max(matching, key=lambda span: span.effective_from or date.min)


def span_from_parsed(
    version: str, effective_from: date | None, effective_to: date | None, parsed: ParsedLaw
) -> VersionSpan:
    complete = parsed.first_article == 1 and parsed.is_consecutive
    return VersionSpan(
        version=version,
        effective_from=effective_from,
        effective_to=effective_to,
        article_count=parsed.last_article if complete else None,
        paragraph_counts={a.number: len(a.paragraphs) for a in parsed.articles},
        item_counts={
            (a.number, p.number): len(p.items) for a in parsed.articles for p in a.paragraphs
        },
    )


def _iso(value: Any, key: str, source: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise LawParseError(f"{key}: not a YYYY-MM-DD date: {value!r}", source=source) from exc


@dataclass(frozen=True)
class HistoricVersion:
    entry: LawIndexEntry
    parsed: ParsedLaw
    version: str
    effective_from: date
    effective_to: date | None


def load_versions(directory: str | Path) -> list[HistoricVersion]:
    """Historic texts in ``directory/versions`` (empty when the folder is absent).

    Each index entry must carry ``version`` and ``effective_from``; ``effective_to`` may be
    null for a text not yet replaced.
    """
    folder = Path(directory) / VERSIONS_FOLDER
    if not (folder / "index.json").is_file():
        return []
    raw_entries = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    by_file = {raw["file"]: raw for raw in raw_entries}
    found = []
    for entry, parsed in load_corpus(folder):
        raw = by_file[entry.file]
        source = f"{VERSIONS_FOLDER}/index.json"
        if not raw.get("version") or not raw.get("effective_from"):
            raise LawParseError(
                f"entry {entry.title!r} lacks version or effective_from", source=source
            )
        start = _iso(raw["effective_from"], "effective_from", source)
        end = _iso(raw.get("effective_to"), "effective_to", source)
        if start is None or (end is not None and end < start):
            raise LawParseError(f"entry {entry.title!r}: effective_to before effective_from")
        found.append(HistoricVersion(entry, parsed, str(raw["version"]), start, end))
    return found


# --- differences between two versions --------------------------------------------------------


@dataclass(frozen=True)
class ArticleChange:
    """One article number compared across two versions: added, removed, changed or same."""

    number: int
    label: str
    change: str  # "added" | "removed" | "changed" | "same"
    old_text: str
    new_text: str


def _plain(text: str) -> str:
    # Punctuation variants (ASCII ':' for '：') are not changes of the law.
    return "".join(text.split()).replace(":", "：").replace(",", "，")


def diff_articles(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[ArticleChange]:
    """Compare two versions article by article (by article number, in number order).

    ``old``/``new`` are ``[{"number", "label", "text"}, ...]``. A revision that renumbers (the
    2023 行政复议法 has 90 articles where the 2017 text had 43) shows as changes at each number;
    the comparison does not guess which old article moved where.
    """
    before = {article["number"]: article for article in old}
    after = {article["number"]: article for article in new}
    changes = []
    for number in sorted(before.keys() | after.keys()):
        a, b = before.get(number), after.get(number)
        if a is None:
            change = "added"
        elif b is None:
            change = "removed"
        elif _plain(a["text"]) == _plain(b["text"]):
            change = "same"
        else:
            change = "changed"
        current = b if b is not None else a
        assert current is not None  # each number comes from one of the two versions
        label = current["label"]
        changes.append(
            ArticleChange(number, label, change, a["text"] if a else "", b["text"] if b else "")
        )
    return changes
