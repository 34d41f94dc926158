"""The law-base side of the legality basis check: resolve a text's citations and read the
cited articles, for ``engine.basis``.

Citations are found and checked by the law base's own resolver (``lawbase.domain``), as of the
draft's date. The article texts come from the same source as the resolver: the database when
laws are loaded, else the corpus files. ``article_text`` is the hook for dated texts: today it
returns the held (current) text whatever the date; when the law base keeps versions by date
(being built in ``lawbase``), pass a provider that returns the text in force on ``as_of``.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Mapping
from pathlib import Path

from fazhi.lawbase.domain import CitationResolver, find_citations, load_corpus
from fazhi.lawbase.domain import records_from_corpus as _records
from fazhi.review.engine.basis import BasisLookup, CitedArticle

# title -> article number -> [paragraph texts, each with its items appended]
LawTexts = Mapping[str, Mapping[int, tuple[str, ...]]]
# (law title, article or None for the whole law, paragraph or None, as_of) -> text
ArticleText = Callable[[str, int | None, int | None, dt.date | None], str]

_lock = threading.Lock()
_cache: dict[str, tuple[CitationResolver, LawTexts]] = {}


def held_text(texts: LawTexts) -> ArticleText:
    """An ``ArticleText`` over held texts (the current version, whatever ``as_of`` says)."""

    def article_text(
        title: str, article: int | None, paragraph: int | None, as_of: dt.date | None
    ) -> str:
        law = texts.get(title)
        if not law:
            return ""
        if article is None:
            return "\n".join("\n".join(p) for p in law.values())
        paragraphs = law.get(article, ())
        if paragraph is not None and 1 <= paragraph <= len(paragraphs):
            return paragraphs[paragraph - 1]
        return "\n".join(paragraphs)

    return article_text


def make_lookup(resolver: CitationResolver, article_text: ArticleText) -> BasisLookup:
    """A ``BasisLookup`` that resolves citations with ``resolver`` and reads their text."""

    def lookup(text: str, as_of: dt.date | None) -> list[CitedArticle]:
        cited = []
        for mention in find_citations(text):
            if not mention.looks_like_instrument:
                continue
            result = resolver.resolve(mention, as_of)
            law = result.law
            title = law.title if law is not None else (mention.expansions or (mention.title,))[0]
            label = f"《{title}》{mention.reference()}"
            body = (
                article_text(law.title, mention.article, mention.paragraph, as_of)
                if law is not None and result.ok
                else ""
            )
            cited.append(
                CitedArticle(
                    start=mention.start,
                    end=mention.end,
                    label=label,
                    known=law is not None,
                    resolves=result.ok,
                    message=result.message,
                    text=body,
                )
            )
        return cited

    return lookup


def _texts_from_corpus(directory: Path) -> dict[str, dict[int, tuple[str, ...]]]:
    texts: dict[str, dict[int, tuple[str, ...]]] = {}
    for entry, parsed in load_corpus(directory):
        texts[entry.title] = {
            article.number: tuple(
                "\n".join([p.text, *(f"{i.label}{i.text}" for i in p.items)])
                for p in article.paragraphs
            )
            for article in parsed
        }
    return texts


def corpus_basis_lookup(directory: Path | str) -> BasisLookup:
    """A lookup built from the corpus files alone (no database): for the benchmark and tests."""
    directory = Path(directory)
    key = f"corpus:{directory}"
    with _lock:
        cached = _cache.get(key)
    if cached is None:
        corpus = load_corpus(directory)
        resolver = CitationResolver(_records(corpus))
        cached = (resolver, _texts_from_corpus(directory))
        with _lock:
            _cache[key] = cached
    resolver, texts = cached
    return make_lookup(resolver, held_text(texts))


def _texts_from_database() -> dict[str, dict[int, tuple[str, ...]]]:
    from fazhi.lawbase.models import Article

    texts: dict[str, dict[int, tuple[str, ...]]] = {}
    rows = Article.objects.values_list("law__title", "number", "text", "paragraphs")
    for title, number, text, paragraphs in rows.iterator(chunk_size=2000):
        parts = tuple(
            "\n".join(
                [
                    p.get("text", ""),
                    *(f"{i.get('label', '')}{i.get('text', '')}" for i in p.get("items", [])),
                ]
            )
            for p in paragraphs
        ) or (text,)
        texts.setdefault(title, {})[number] = parts
    return texts


def basis_lookup() -> BasisLookup:
    """The lookup the app uses: the law base's best resolver (database, else files) and the
    texts from the same source, cached until the laws are reloaded."""
    from fazhi.lawbase import selectors

    if not selectors.laws_loaded():
        return corpus_basis_lookup(selectors.corpus_directory())
    resolver = selectors.citation_resolver()
    with _lock:
        cached = _cache.get("database")
    if cached is None or cached[0] is not resolver:
        cached = (resolver, _texts_from_database())
        with _lock:
            _cache["database"] = cached
    return make_lookup(resolver, held_text(cached[1]))
