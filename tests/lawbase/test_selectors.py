"""Chinese full-text search, and the citation resolver and checker built from the database."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.errors import ValidationFailed
from fazhi.lawbase import selectors, services
from fazhi.lawbase.domain.tokens import query_terms, search_text
from fazhi.lawbase.models import Law
from fazhi.review.engine import Finding, review_text

pytestmark = pytest.mark.django_db


def test_search_text_keeps_words_apart():
    assert search_text("执行政策，行政处罚决定") == " 执行 政策 行政 处罚 行政处罚 决定 "
    assert query_terms("行政处罚") == (("行政", "处罚"), ("行政", "处罚", "行政处罚"))


def test_article_search_finds_chinese_words_ranked_by_matches(loaded):
    results = list(selectors.article_search(query="行政处罚 听证"))
    assert results, "听证 articles of the penalty law"
    assert {article.law.title for article in results} == {"中华人民共和国行政处罚法"}
    assert all("听证" in article.text for article in results)
    assert [a.rank for a in results] == sorted((a.rank for a in results), reverse=True)
    numbers = {article.number for article in results}
    assert {63, 64} <= numbers  # 第六十三条/第六十四条: the hearing articles


def test_search_does_not_match_across_word_boundaries(loaded):
    # 备案审查 occurs in the filing regulations; 案审 is no word of theirs.
    assert selectors.article_search(query="备案审查").exists()
    assert not selectors.article_search(query="案审").exists()


def test_search_within_one_law_and_of_law_titles(loaded):
    law = Law.objects.get(title="法规规章备案审查条例")
    within = selectors.article_search(query="备案", law=law)
    assert within.exists()
    assert set(within.values_list("law_id", flat=True)) == {law.pk}
    titles = [item.title for item in selectors.law_list(query="备案")]
    assert titles[:2] == ["法规规章备案条例", "法规规章备案审查条例"] or set(titles[:2]) == {
        "法规规章备案条例",
        "法规规章备案审查条例",
    }


def test_empty_or_punctuation_query_finds_nothing_and_long_query_is_refused(loaded):
    assert not selectors.article_search(query="").exists()
    assert not selectors.article_search(query="，。").exists()
    with pytest.raises(ValidationFailed) as error:
        selectors.article_search(query="行" * 101)
    assert (error.value.code, error.value.field) == ("query_too_long", "q")


CITING = (
    "根据《中华人民共和国行政处罚法》第三十三条、《行政处罚法》第九十条、"
    "《法规规章备案条例》第三条和《某某管理条例》第五条，参照《人民日报》报道。"
)


def test_resolver_from_database_reports_why_a_citation_fails(loaded):
    results = selectors.citations_resolve(text=CITING, as_of=dt.date(2025, 1, 1))
    assert [r.code for r in results] == ["ok", "article_out_of_range", "repealed", "unknown_law"]
    assert results[1].message == "《中华人民共和国行政处罚法》没有第九十条（共86条）。"
    early = selectors.citations_resolve(text=CITING, as_of=dt.date(1995, 1, 1))
    assert early[0].code == "not_yet_in_force"


def test_resolver_is_cached_until_laws_are_reloaded(small_corpus, loaded):
    first = selectors.citation_resolver()
    assert selectors.citation_resolver() is first
    path = small_corpus / "法规规章备案条例.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    services.laws_load(directory=small_corpus)
    assert selectors.citation_resolver() is not first


def test_citation_checker_turns_failures_into_findings(loaded):
    findings = selectors.citation_checker()(CITING, dt.date(2025, 1, 1))
    assert all(isinstance(f, Finding) and f.category == "citation" for f in findings)
    assert [(f.rule, f.severity) for f in findings] == [
        ("citation.article_out_of_range", "error"),
        ("citation.repealed", "error"),
        ("citation.unknown_law", "info"),
    ]
    repealed = findings[1]
    assert CITING[repealed.start : repealed.end] == repealed.excerpt == "《法规规章备案条例》第三条"
    assert repealed.basis == "《法规规章备案条例》第三条"
    assert "2024年11月1日废止" in repealed.message
    merged = review_text(
        CITING, as_of=dt.date(2025, 1, 1), citation_checker=selectors.citation_checker()
    )
    assert {"citation.repealed", "citation.article_out_of_range"} <= {f.rule for f in merged}


def test_without_laws_in_the_database_the_corpus_files_are_used(settings, small_corpus):
    settings.FAZHI_SHARED_DIR = small_corpus.parent.parent
    (small_corpus.parent.parent / "data").mkdir()
    small_corpus.rename(small_corpus.parent.parent / "data" / "laws")
    assert not selectors.laws_loaded()
    findings = selectors.citation_checker()("《行政处罚法》第九十条", None)
    assert [f.rule for f in findings] == ["citation.article_out_of_range"]


def test_citation_text_is_required(db):
    with pytest.raises(ValidationFailed) as error:
        selectors.citations_resolve(text="  ")
    assert (error.value.code, error.value.field) == ("text_required", "text")
