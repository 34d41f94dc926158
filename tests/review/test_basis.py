"""The legality basis check: a measure with a cited basis is checked against the cited article's
text in the law base (as of the draft's date); no basis, or one that does not provide it, is a
finding; a valid basis clears it and is shown."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fazhi.review.engine import review_text
from fazhi.review.lawbasis import corpus_basis_lookup
from tests.lawbase.corpus import LAWS_DIR


@pytest.fixture(scope="module")
def lookup():
    return corpus_basis_lookup(Path(LAWS_DIR))


def legality(text, lookup, as_of=None):
    return [
        (f.rule, f.severity, f.detector)
        for f in review_text(text, basis_lookup=lookup, as_of=as_of)
        if f.category == "legality"
    ]


def test_a_fine_without_any_basis_is_a_finding(lookup):
    text = "企业未参加年度培训的，处五百元以上一千元以下罚款。"
    (finding,) = [f for f in review_text(text, basis_lookup=lookup) if f.category == "legality"]
    assert (finding.rule, finding.severity) == ("legality.penalty_creation", "error")
    assert finding.reason.endswith("条款未引用设定该措施的法律、法规依据。")
    assert "不得设定行政处罚" in finding.standard


def test_a_cited_article_that_provides_the_fine_clears_it_and_is_shown(lookup):
    text = "违反本办法规定的，由应急管理部门依照《中华人民共和国安全生产法》第九十九条处以罚款。"
    found = [f for f in review_text(text, basis_lookup=lookup) if f.category == "legality"]
    assert [(f.rule, f.severity) for f in found] == [("legality.basis_found.penalty", "info")]
    assert "《中华人民共和国安全生产法》第九十九条" in found[0].basis
    assert found[0].detector == "lawbase"


def test_a_cited_article_that_does_not_provide_the_fine_is_a_finding(lookup):
    text = "违反本办法规定的，依照《中华人民共和国行政处罚法》第一条处以二千元罚款。"
    (finding,) = [f for f in review_text(text, basis_lookup=lookup) if f.category == "legality"]
    assert (finding.rule, finding.severity) == ("legality.basis_missing.penalty", "error")
    assert "未规定行政处罚" in finding.reason
    assert finding.standard.endswith("《中华人民共和国行政处罚法》第十六条")


def test_a_citation_that_does_not_resolve_is_no_basis(lookup):
    text = "从事经营的，须经批准后方可经营，依据《中华人民共和国行政许可法》第九十九条。"
    (finding,) = [f for f in review_text(text, basis_lookup=lookup) if f.category == "legality"]
    assert finding.rule == "legality.basis_missing.licence"
    assert "没有第九十九条" in finding.message


def test_the_basis_is_checked_as_of_the_drafts_date(lookup):
    text = "违反本办法规定的，依照《中华人民共和国安全生产法》第九十九条处以罚款。"
    assert legality(text, lookup, as_of=dt.date(2024, 1, 1)) == [
        ("legality.basis_found.penalty", "info", "lawbase")
    ]
    before = legality(text, lookup, as_of=dt.date(1990, 1, 1))  # before the law was made
    assert before == [("legality.basis_missing.penalty", "error", "lawbase")]


def test_a_law_the_base_does_not_hold_asks_for_a_manual_check(lookup):
    text = "销售烟花爆竹的，须经审批后方可经营，依据《烟花爆竹安全管理条例》第三条。"
    assert legality(text, lookup) == [("legality.basis_unverified.licence", "info", "lawbase")]


def test_a_title_is_not_read_as_a_measure(lookup):
    text = "根据《中华人民共和国行政处罚法》，结合本市实际，制定本办法。"
    assert legality(text, lookup) == []
