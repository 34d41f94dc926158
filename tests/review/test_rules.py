"""Every rule's own examples: each positive must fire the rule, each negative must not."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest

from fazhi.review.engine import CATEGORIES, SEVERITIES, load_form_limits, load_rules, review_text
from fazhi.review.engine.rules import RuleDataError, _rule
from fazhi.review.engine.rules.vocabulary import expand

AS_OF = date(2024, 6, 1)
RULES = load_rules()


def _cases(kind: str) -> list[tuple[str, str]]:
    return [
        (rule.id, example)
        for rule in RULES
        for example in (rule.positive if kind == "positive" else rule.negative)
    ]


@pytest.mark.parametrize(("rule_id", "text"), _cases("positive"))
def test_positive_example_fires(rule_id: str, text: str) -> None:
    fired = {finding.rule for finding in review_text(text, as_of=AS_OF)}
    assert rule_id in fired, f"{rule_id} did not fire on {text!r}; fired: {sorted(fired)}"


@pytest.mark.parametrize(("rule_id", "text"), _cases("negative"))
def test_negative_example_does_not_fire(rule_id: str, text: str) -> None:
    hits = [f.excerpt for f in review_text(text, as_of=AS_OF) if f.rule == rule_id]
    assert not hits, f"{rule_id} fired on negative example {text!r}: {hits}"


def test_rule_ids_are_unique_and_well_formed() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        assert re.fullmatch(r"(fc|legality|form|citation)\.[a-z_]+(\.[a-z_]+)*", rule.id)
        assert rule.category in CATEGORIES
        assert rule.severity in SEVERITIES
        assert rule.basis and rule.message and rule.suggestion
        assert rule.positive and rule.negative
        assert rule.id.startswith("fc.") == (rule.category == "fair_competition")


def test_every_category_with_rules_is_covered() -> None:
    counts = Counter(rule.category for rule in RULES)
    assert counts["fair_competition"] >= 20
    assert counts["legality"] >= 8
    assert counts["form"] >= 5


@pytest.mark.parametrize(
    ("article", "rule_ids"),
    [
        # 公平竞争审查条例 第八条（市场准入和退出）
        ("第八条（一）审批程序", {"fc.market_entry.unlawful_approval"}),
        ("第八条（二）特许经营权", {"fc.market_entry.exclusive_right"}),
        (
            "第八条（三）限定交易",
            {
                "fc.market_entry.designated_operator",
                "fc.market_entry.designated_brand",
                "fc.market_entry.exclusive_list",
            },
        ),
        (
            "第八条（四）准入退出条件",
            {"fc.market_entry.unreasonable_condition", "fc.market_entry.exit_barrier"},
        ),
        # 第九条（商品、要素自由流动）
        (
            "第九条（一）外地商品进入",
            {"fc.free_flow.outside_goods_barrier", "fc.free_flow.local_preference"},
        ),
        (
            "第九条（二）本地投资、分支机构",
            {"fc.free_flow.local_establishment", "fc.free_flow.relocation_incentive"},
        ),
        (
            "第九条（三）招标投标、政府采购",
            {"fc.free_flow.bidding_local_criteria", "fc.free_flow.local_registration"},
        ),
        ("第九条（四）（五）歧视性收费补贴、资质标准", {"fc.free_flow.discriminatory_treatment"}),
        # 第十条（生产经营成本）
        ("第十条（一）税收优惠", {"fc.cost.tax_preference", "fc.cost.tax_linked_reward"}),
        ("第十条（二）财政奖补", {"fc.cost.selective_subsidy"}),
        (
            "第十条（三）要素、收费、基金、社保费",
            {"fc.cost.fee_reduction", "fc.cost.factor_preference"},
        ),
        ("第十条（四）保证金", {"fc.cost.deposit"}),
        # 第十一条（生产经营行为）
        (
            "第十一条（一）垄断行为、敏感信息",
            {"fc.behaviour.monopoly_conduct", "fc.behaviour.sensitive_information"},
        ),
        ("第十一条（二）（三）定价、价格干预", {"fc.behaviour.price_intervention"}),
    ],
)
def test_each_review_standard_has_rules(article: str, rule_ids: set[str]) -> None:
    known = {rule.id for rule in RULES}
    assert rule_ids <= known, f"{article}: missing {rule_ids - known}"


def test_seven_must_nots_have_rules() -> None:
    known = {rule.id for rule in RULES}
    assert {
        "legality.internal_issuer",  # NF-0
        "legality.power_expansion",  # NF-1
        "legality.licence_creation",  # NF-2
        "legality.penalty_creation",  # NF-2
        "legality.coercion_creation",  # NF-2
        "legality.fee_creation",  # NF-2 (征收、收费)
        "legality.licence_condition",  # NF-3
        "legality.certificate_demand",  # NF-4
        "legality.added_obligation",  # NF-5
        "legality.rights_restriction",  # NF-5
    } <= known


def test_form_limits_are_data_with_a_source() -> None:
    limits = load_form_limits()
    assert limits.general_max_years == 5
    assert limits.provisional_max_years == 2
    assert set(limits.provisional_markers) == {"暂行", "试行"}
    assert "UNCONFIRMED" in limits.source


def test_bad_rule_data_is_refused() -> None:
    good = {
        "id": "fc.test.rule",
        "category": "fair_competition",
        "severity": "warning",
        "basis": "公平竞争审查条例 第八条",
        "message": "m",
        "suggestion": "s",
        "patterns": [{"match": "指定"}],
        "examples": {"positive": ["指定"], "negative": ["无"]},
    }
    assert _rule(good).id == "fc.test.rule"
    with pytest.raises(RuleDataError):
        _rule({**good, "severity": "fatal"})
    with pytest.raises(RuleDataError):
        _rule({**good, "examples": {"positive": ["x"], "negative": []}})
    with pytest.raises(RuleDataError):
        _rule({**good, "patterns": [{"match": "("}]})
    with pytest.raises(RuleDataError):
        _rule({**good, "patterns": [{"match": "{NOPE}"}]})
    with pytest.raises(RuleDataError):
        _rule({**good, "patterns": [{"match": "x", "scope": "page"}]})


def test_fragments_expand_to_valid_regexes() -> None:
    for name in ("LOCAL", "PLACE", "NONLOCAL", "TAX", "NAMED", "LAWREF", "META"):
        re.compile(expand("{" + name + "}"))
