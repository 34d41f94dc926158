"""Reads of the law base: lists, Chinese full-text search, and the citation resolver.

Laws are public, so nothing here is scoped. Search matches every *leaf* token of the query
(``domain.tokens.query_terms``) as a whole token of the jieba-tokenised ``search_text`` column,
and ranks by how many query tokens (long words included) occur: plain ``LIKE`` conditions and a
``CASE`` sum, the same SQL on SQLite and PostgreSQL.

The resolver is built once per process from the database and rebuilt when the laws change
(detected by a one-row aggregate of the law table); without laws in the database it is built
from the corpus files, so the review command works on a fresh clone.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Case, Count, Max, Q, QuerySet, Value, When
from django.utils.translation import gettext as _

from fazhi.core.errors import ValidationFailed
from fazhi.lawbase.domain import (
    ArticleChange,
    CitationResolver,
    CitationResult,
    CitationStatus,
    LawRecord,
    VersionSpan,
    diff_articles,
    find_citations,
    load_corpus,
    load_versions,
    records_from_corpus,
    version_in_force,
)
from fazhi.lawbase.domain.citations import current_label
from fazhi.lawbase.domain.tokens import query_terms
from fazhi.lawbase.error_codes import LawbaseErrorCode
from fazhi.lawbase.models import Article, Law, LawVersion
from fazhi.review.engine import Finding

MAX_QUERY_LENGTH = 100
MAX_TEXT_LENGTH = 500_000


def corpus_directory() -> Path:
    return Path(settings.FAZHI_SHARED_DIR) / "data" / "laws"


# --- lists and search -------------------------------------------------------------------------


def _check_query(query: str) -> str:
    query = query.strip()
    if len(query) > MAX_QUERY_LENGTH:
        raise ValidationFailed(
            LawbaseErrorCode.QUERY_TOO_LONG,
            _("检索词不能超过%(limit)s个字。") % {"limit": MAX_QUERY_LENGTH},
            field="q",
        )
    return query


def _token_q(field: str, token: str) -> Q:
    # Single characters are rarely tokens of their own (处罚 holds 罚): match them anywhere.
    if len(token) == 1:
        return Q(**{f"{field}__icontains": token})
    return Q(**{f"{field}__icontains": f" {token} "})


def _search(queryset: QuerySet, query: str, field: str = "search_text") -> QuerySet:
    """Rows holding every leaf token of ``query``, annotated with ``rank``, best first."""
    required, ranking = query_terms(query)
    if not required:
        return queryset.none().annotate(rank=Value(0))
    for token in required:
        queryset = queryset.filter(_token_q(field, token))
    rank = sum(
        (Case(When(_token_q(field, token), then=Value(1)), default=Value(0)) for token in ranking),
        start=Value(0),
    )
    return queryset.annotate(rank=rank).order_by("-rank", *queryset.model._meta.ordering)


def law_list(*, query: str = "", kind: str = "", status: str = "") -> QuerySet[Law]:
    """Laws, optionally filtered by kind and status and searched by title and issuer."""
    queryset = Law.objects.annotate(articles_loaded=Count("articles"))
    if kind:
        queryset = queryset.filter(kind=kind)
    if status:
        queryset = queryset.filter(status=status)
    query = _check_query(query)
    if query:
        return _search(queryset, query)
    return queryset.order_by("kind", "title")


def article_search(*, query: str, law: Law | None = None) -> QuerySet[Article]:
    """Articles holding every word of ``query`` (jieba tokens), best matches first."""
    query = _check_query(query)
    queryset = Article.objects.select_related("law")
    if law is not None:
        queryset = queryset.filter(law=law)
    if not query:
        return queryset.none()
    return _search(queryset, query).order_by("-rank", "law__title", "number")


def law_articles(law: Law) -> QuerySet[Article]:
    return law.articles.order_by("number")


def law_chapters(law: Law) -> list[tuple[str, int]]:
    """The law's chapters in order, each with the number of its first article (for a contents)."""
    seen: dict[str, int] = {}
    for chapter, number in law.articles.order_by("number").values_list("chapter", "number"):
        if chapter and chapter not in seen:
            seen[chapter] = number
    return list(seen.items())


# --- dated versions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LawText:
    """One text of a law as a page shows it: its name, days in force and articles."""

    version: str
    effective_from: dt.date | None
    effective_to: dt.date | None
    current: bool
    articles: list[dict]


def law_texts(law: Law) -> list[LawText]:
    """Every text the law base holds for ``law``, oldest first; the current one last."""
    texts = [
        LawText(v.version, v.effective_from, v.effective_to, False, _with_anchor(v.articles))
        for v in law.versions.order_by("effective_from")
    ]
    current_articles = [
        {
            "number": a.number,
            "label": a.label,
            "chapter": a.chapter,
            "section": a.section,
            "text": a.text,
            "paragraphs": a.paragraphs,
        }
        for a in law.articles.order_by("number")
    ]
    texts.append(
        LawText(
            current_label(law.amended_on, law.effective_on),
            law.effective_on,
            None,
            True,
            _with_anchor(current_articles),
        )
    )
    return texts


def _with_anchor(articles: list[dict]) -> list[dict]:
    return [{**article, "anchor": f"article-{article['number']}"} for article in articles]


def law_text_on(law: Law, day: dt.date) -> LawText:
    """The text of ``law`` in force on ``day`` (refused when the base holds none for that day)."""
    texts = law_texts(law)
    spans = [VersionSpan(t.version, t.effective_from, t.effective_to) for t in texts]
    span = version_in_force(spans, day)
    if span is None:
        raise ValidationFailed(
            LawbaseErrorCode.NO_VERSION_ON_DATE,
            _("法律法规库中没有%(day)s施行的《%(title)s》文本。")
            % {"day": day.isoformat(), "title": law.title},
            field="as_of",
        )
    return next(t for t in texts if t.version == span.version)


def law_text_named(law: Law, version: str) -> LawText:
    for text in law_texts(law):
        if text.version == version:
            return text
    raise ValidationFailed(
        LawbaseErrorCode.VERSION_UNKNOWN,
        _("《%(title)s》没有“%(version)s”文本。") % {"title": law.title, "version": version},
        field="version",
    )


def law_text_diff(law: Law, *, old: str, new: str) -> list[ArticleChange]:
    """Article-by-article differences between two texts of ``law`` (unchanged ones left out)."""
    changes = diff_articles(law_text_named(law, old).articles, law_text_named(law, new).articles)
    return [change for change in changes if change.change != "same"]


# --- the citation resolver --------------------------------------------------------------------

_lock = threading.Lock()
_cache: dict[str, tuple[object, CitationResolver]] = {}


def _records_from_database() -> list[LawRecord]:
    laws = list(Law.objects.all())
    paragraph_counts: dict[int, dict[int, int]] = {}
    item_counts: dict[int, dict[tuple[int, int], int]] = {}
    for law_id, number, paragraphs in Article.objects.values_list(
        "law_id", "number", "paragraphs"
    ).iterator(chunk_size=2000):
        paragraph_counts.setdefault(law_id, {})[number] = len(paragraphs)
        items = item_counts.setdefault(law_id, {})
        for paragraph in paragraphs:
            items[(number, paragraph["number"])] = len(paragraph["items"])
    historic: dict[int, list[VersionSpan]] = {}
    for version in LawVersion.objects.order_by("effective_from"):
        historic.setdefault(version.law_id, []).append(_span(version))
    records = []
    for law in laws:
        complete = law.text_held and law.first_article == 1 and law.articles_consecutive
        spans: tuple[VersionSpan, ...] = ()
        if law.pk in historic:
            current = VersionSpan(
                version=current_label(law.amended_on, law.effective_on),
                effective_from=law.effective_on,
                article_count=law.last_article if complete else None,
                paragraph_counts=paragraph_counts.get(law.pk, {}),
                item_counts=item_counts.get(law.pk, {}),
            )
            spans = (*historic[law.pk], current)
        records.append(
            LawRecord(
                title=law.title,
                article_count=law.last_article if complete else None,
                effective_from=law.first_effective_on or law.effective_on or law.adopted_on,
                repealed_on=law.repealed_on,
                superseded_on=law.superseded_on,
                paragraph_counts=paragraph_counts.get(law.pk, {}),
                item_counts=item_counts.get(law.pk, {}),
                versions=spans,
            )
        )
    return records


def _span(version: LawVersion) -> VersionSpan:
    numbers = [article["number"] for article in version.articles]
    complete = bool(numbers) and numbers == list(range(1, len(numbers) + 1))
    return VersionSpan(
        version=version.version,
        effective_from=version.effective_from,
        effective_to=version.effective_to,
        article_count=len(numbers) if complete else None,
        paragraph_counts={a["number"]: len(a["paragraphs"]) for a in version.articles},
        item_counts={
            (a["number"], p["number"]): len(p["items"])
            for a in version.articles
            for p in a["paragraphs"]
        },
    )


def _database_version() -> tuple[int, str | None]:
    """Changes whenever a load adds, changes or removes a law (every load sets loaded_at)."""
    summary = Law.objects.aggregate(count=Count("id"), latest=Max("loaded_at"))
    latest = summary["latest"]
    return summary["count"], latest.isoformat() if latest else None


def citation_resolver() -> CitationResolver:
    """A resolver over the laws in the database, cached until the laws are reloaded."""
    version = _database_version()
    with _lock:
        cached = _cache.get("database")
        if cached is not None and cached[0] == version:
            return cached[1]
    resolver = CitationResolver(_records_from_database())
    with _lock:
        _cache["database"] = (version, resolver)
    return resolver


def corpus_citation_resolver(directory: Path | None = None) -> CitationResolver:
    """A resolver built straight from the corpus files (no database needed)."""
    directory = Path(directory or corpus_directory())
    key = f"corpus:{directory}"
    with _lock:
        cached = _cache.get(key)
        if cached is not None:
            return cached[1]
    resolver = CitationResolver(
        records_from_corpus(load_corpus(directory), load_versions(directory))
    )
    with _lock:
        _cache[key] = (None, resolver)
    return resolver


def laws_loaded() -> bool:
    try:
        return Law.objects.filter(text_held=True).exists()
    except DatabaseError:  # not migrated yet (a fresh clone): use the files
        return False


def best_resolver() -> CitationResolver:
    """The database resolver when laws are loaded, else one from the corpus files."""
    return citation_resolver() if laws_loaded() else corpus_citation_resolver()


def citations_resolve(*, text: str, as_of: dt.date | None = None) -> list[CitationResult]:
    """Every citation of a law in ``text`` with its verdict, checked as of ``as_of``."""
    if not text.strip():
        raise ValidationFailed(
            LawbaseErrorCode.TEXT_REQUIRED, _("请填写要核对的文本。"), field="text"
        )
    if len(text) > MAX_TEXT_LENGTH:
        raise ValidationFailed(
            LawbaseErrorCode.TEXT_TOO_LONG,
            _("文本不能超过%(limit)s字。") % {"limit": MAX_TEXT_LENGTH},
            field="text",
        )
    resolver = best_resolver()
    return [
        resolver.resolve(mention, as_of)
        for mention in find_citations(text)
        if mention.looks_like_instrument
    ]


# --- citation findings for the pre-review engine ----------------------------------------------


@dataclass(frozen=True)
class _Verdict:
    severity: str
    suggestion: str


_VERDICTS: dict[CitationStatus, _Verdict] = {
    CitationStatus.UNKNOWN_LAW: _Verdict(
        "info", "核对法律法规名称是否准确、完整；如引用的是库外文件，请人工核对其效力。"
    ),
    CitationStatus.ARTICLE_OUT_OF_RANGE: _Verdict(
        "error", "核对条文序号，引用现行文本中存在的条款。"
    ),
    CitationStatus.PARAGRAPH_OUT_OF_RANGE: _Verdict("error", "核对款的序号。"),
    CitationStatus.ITEM_OUT_OF_RANGE: _Verdict("error", "核对项的序号。"),
    CitationStatus.REPEALED: _Verdict("error", "删除该引用，改为引用现行有效的法律法规。"),
    CitationStatus.NOT_YET_IN_FORCE: _Verdict(
        "error", "文件日期早于该法律法规施行日期，核对文件日期或改引当时有效的依据。"
    ),
    CitationStatus.AMBIGUOUS_ABBREVIATION: _Verdict(
        "warning", "首次引用时写明全称，并注明“以下简称”。"
    ),
}
_OUTDATED = _Verdict("info", "对照现行文本核对条文序号和内容。")


def _basis(result: CitationResult) -> str:
    if result.law is None:
        return _("法律法规库（未收录该文件）")
    return f"《{result.law.title}》{result.mention.reference()}"


def citation_findings(
    text: str, as_of: dt.date | None, resolver: CitationResolver
) -> list[Finding]:
    """Findings for the citations in ``text`` that do not resolve cleanly."""
    findings = []
    for mention in find_citations(text):
        if not mention.looks_like_instrument:
            continue  # 《人民日报》 and the like
        result = resolver.resolve(mention, as_of)
        if result.ok and not result.text_outdated:
            continue
        verdict = _OUTDATED if result.ok else _VERDICTS[result.status]
        code = "outdated_text" if result.ok else result.code
        findings.append(
            Finding(
                rule=f"citation.{code}",
                category="citation",
                severity=verdict.severity,
                start=mention.start,
                end=mention.end,
                excerpt=text[mention.start : mention.end],
                basis=_basis(result),
                message=result.message,
                suggestion=verdict.suggestion,
            )
        )
    return findings


def citation_checker() -> Callable[[str, dt.date | None], list[Finding]]:
    """A ``citation_checker`` for ``review_text``: the database resolver, or the files'."""
    resolver = best_resolver()

    def check(text: str, as_of: dt.date | None) -> list[Finding]:
        return citation_findings(text, as_of, resolver)

    return check


# --- citations as links, for any page that shows a legal basis -------------------------------


@dataclass(frozen=True)
class CitationLink:
    """One citation in a text: what it says, whether it resolves, and where the article is."""

    excerpt: str
    ok: bool
    message: str
    url: str  # the law page (at the article) in the law base; "" when it does not resolve


def citation_links(*, text: str, as_of: dt.date | None = None) -> list[CitationLink]:
    """Resolve the citations in a legal-basis text to law-base pages (two queries at most)."""
    from django.urls import reverse

    resolver = best_resolver()
    found = [
        (mention, resolver.resolve(mention, as_of))
        for mention in find_citations(text)
        if mention.looks_like_instrument
    ]
    titles = {result.law.title for _, result in found if result.law is not None}
    law_ids = (
        dict(Law.objects.filter(title__in=titles).values_list("title", "pk")) if titles else {}
    )
    links = []
    for mention, result in found:
        url = ""
        if result.law is not None and result.law.title in law_ids:
            url = reverse("lawbase:law_detail", args=[law_ids[result.law.title]])
            if mention.article:
                url += f"#article-{mention.article}"
        links.append(
            CitationLink(
                excerpt=text[mention.start : mention.end],
                ok=result.ok,
                message=result.message,
                url=url,
            )
        )
    return links
