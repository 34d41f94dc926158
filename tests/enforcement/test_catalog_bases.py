"""The demo catalog's legal bases (issue 15): every resolved basis cites a real article of the law
base, resolved by its citation resolver, whose text provides a penalty for the act; the rest are
marked unresolved rather than invented; names are distinct within a department with no numbering
suffix (行政处罚法 art 4: a penalty needs a basis in law)."""

from __future__ import annotations

import re
from collections import Counter
from types import SimpleNamespace

import pytest

from fazhi.enforcement import demo
from fazhi.lawbase.domain import find_citations
from fazhi.lawbase.domain.texts import load_corpus
from fazhi.lawbase.selectors import corpus_citation_resolver, corpus_directory

PENALTY_WORDS = ("罚款", "处罚", "警告")


@pytest.fixture(scope="module")
def rows():
    return demo.catalog_rows(SimpleNamespace(code="HN-D36"))


@pytest.fixture(scope="module")
def articles():
    return {
        parsed.full_title: {a.number: a.text for a in parsed.articles}
        for _entry, parsed in load_corpus(corpus_directory())
    }


def _resolved_article(text: str, articles) -> str:
    mention = next(m for m in find_citations(text) if m.looks_like_instrument)
    result = corpus_citation_resolver().resolve(mention, None)
    assert result.ok and result.law is not None, (text, result.message)
    assert mention.article is not None, text
    return articles[result.law.title][mention.article]


def test_every_resolved_penalty_basis_is_an_article_that_punishes_the_act(rows, articles):
    resolved = [row for row in rows if demo.UNRESOLVED not in row.penalty_basis]
    assert len(resolved) > 50  # fire, safety and food items resolve
    for row in resolved:
        field_bases = demo.BASES[row.category]
        basis = next(b for obj, b in field_bases.items() if obj in row.name)
        text = _resolved_article(row.penalty_basis, articles)
        assert any(word in text for word in PENALTY_WORDS), row.penalty_basis
        assert basis.keyword in text, (row.name, row.penalty_basis)
        assert basis.cited_for in row.penalty_basis
        # The article the act breaks is real too.
        _resolved_article(row.legal_basis, articles)


def test_acts_no_held_article_punishes_stay_unresolved(rows):
    by_name = {row.name: row for row in rows}
    # 电动自行车 charging: no article of 消防法 punishes it; 无照 trading: the regulation is not
    # held; a person is not punished under a provision for units (消防法 art 60 (vi)).
    for name in (
        "对违规为电动自行车充电的行政处罚",
        "对无照从事食品经营的行政处罚",
        "对个人违规设置影响逃生的障碍物的行政处罚",
    ):
        assert demo.UNRESOLVED in by_name[name].penalty_basis, name
    assert "第六十条" in by_name["对违规占用疏散通道的行政处罚"].penalty_basis
    assert "第一百二十二条" in by_name["对无证从事食品经营的行政处罚"].penalty_basis
    # No invented article numbers: every unresolved basis names no article.
    for row in rows:
        if demo.UNRESOLVED in row.penalty_basis:
            assert not re.search(r"第[一二三四五六七八九十百零\d]+条", row.penalty_basis)


def test_names_are_distinct_within_a_department_without_a_numbering_suffix(rows):
    assert len(rows) == demo.CATALOG_SIZE == 1831
    assert not [row.name for row in rows if "（第" in row.name]
    counts = Counter((row.original_department_code, row.name) for row in rows)
    assert max(counts.values()) == 1
    assert len({row.code for row in rows}) == len(rows)
