"""Findings are grounded: every standard a finding names exists in the law base, every finding
carries its standard, reason, detector and (when scored) the model's confidence."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from fazhi.lawbase.domain import find_citations, load_corpus
from fazhi.review.engine import load_rules, review_text
from fazhi.review.engine.basis import MEASURES
from fazhi.review.engine.review import _FAMILY_STANDARDS
from tests.lawbase.corpus import LAWS_DIR

TIAOLI = "公平竞争审查条例"
_ARTICLE = re.compile(
    r"第([一二三四五六七八九十百]+)条(?:第([一二三四五六七八九十]+)款)?((?:第（[一二三四五六七八九十]+）项、?)*)"
)


def _number(chinese: str) -> int:
    from fazhi.lawbase.domain import parse_chinese_numeral

    return parse_chinese_numeral(chinese)


@cache
def corpus() -> dict[str, object]:
    return {entry.title: parsed for entry, parsed in load_corpus(Path(LAWS_DIR))}


def _assert_exists(title: str, article: int, paragraph: int | None, items: list[int]) -> None:
    parsed = corpus()[title]
    cited = parsed.article(article)
    assert cited is not None, f"{title} 第{article}条"
    if paragraph is not None:
        assert paragraph <= len(cited.paragraphs), f"{title} 第{article}条第{paragraph}款"
    for item in items:
        held = [i.number for p in cited.paragraphs for i in p.items]
        assert item in held, f"{title} 第{article}条第（{item}）项"


def _tiaoli_citations(text: str) -> list[tuple[int, int | None, list[int]]]:
    """The 条例 articles named in a standard: every 第…条 up to the next instrument."""
    cited = []
    for part in re.split(r"；", text):
        if TIAOLI not in part or "实施办法" in part.split(TIAOLI, 1)[1][:6]:
            continue
        for match in _ARTICLE.finditer(part):
            items = [
                _number(x) for x in re.findall(r"（([一二三四五六七八九十]+)）", match.group(3))
            ]
            paragraph = _number(match.group(2)) if match.group(2) else None
            cited.append((_number(match.group(1)), paragraph, items))
    return cited


def test_every_fair_competition_rule_names_an_existing_article_and_item_of_the_2024_tiaoli():
    rules = [r for r in load_rules() if r.category == "fair_competition"]
    assert rules
    for category, standard in _FAMILY_STANDARDS.values():  # what a model finding names
        if category == "fair_competition":
            for article, paragraph, items in _tiaoli_citations(standard):
                _assert_exists(TIAOLI, article, paragraph, items)
    for rule in rules:
        assert rule.standard.startswith("《公平竞争审查条例》（2024）"), rule.id
        assert "《公平竞争审查条例实施办法》（2025）" in rule.standard or "细则" in rule.standard
        cited = _tiaoli_citations(rule.standard)
        assert cited, rule.id
        for article, paragraph, items in cited:
            assert 8 <= article <= 11, rule.id  # the review standards
            _assert_exists(TIAOLI, article, paragraph, items)


def test_legality_standards_name_the_limit_and_an_article_the_law_base_holds():
    texts = [r.standard for r in load_rules() if r.category == "legality"]
    texts += [m.standard for m in MEASURES]
    texts += [standard for _, standard in _FAMILY_STANDARDS.values()]
    checked = 0
    for text in texts:
        assert "不得" in text or "依据" in text, text  # the limit, in words
        for mention in find_citations(text):
            if mention.article is None:  # 《公平竞争审查条例》（2024）第八条: checked above
                continue
            if mention.title.replace("中华人民共和国", "") not in {
                t.replace("中华人民共和国", "") for t in corpus()
            }:
                continue
            title = next(
                t for t in corpus() if t.endswith(mention.title.replace("中华人民共和国", ""))
            )
            _assert_exists(title, mention.article, mention.paragraph, [])
            checked += 1
    assert checked >= len(MEASURES)


@pytest.mark.parametrize(
    "text",
    [
        "全县中小学校服统一由县教育发展公司组织供货。",
        "企业未参加年度培训的，处五百元以上一千元以下罚款。",
    ],
)
def test_rule_findings_carry_standard_reason_and_confidence(text):
    findings = [f for f in review_text(text) if f.category in {"fair_competition", "legality"}]
    assert findings
    for finding in findings:
        assert finding.standard and finding.reason
        assert finding.excerpt in finding.reason  # the reason quotes the clause
        assert finding.detector in {"rule", "rule+model"}
        assert finding.confidence is not None and 0 <= finding.confidence <= 1
        assert set(finding.to_dict()) >= {"standard", "reason", "confidence", "category"}
