"""The learned component: exact pure-Python scoring of the scikit-learn model, folds grouped
by source document, the threshold chosen on out-of-fold predictions, and how it joins the rules."""

from __future__ import annotations

import numpy as np
import pytest

from fazhi.review.engine import review_text
from fazhi.review.engine.classifier import COMPLIANT, load_classifier
from fazhi.review.engine.training import (
    Example,
    choose_threshold,
    document_key,
    fit,
    grouped_folds,
    precision_recall,
    to_classifier,
)

SMALL = [
    Example("全县学校校服统一由县教育发展公司供货。", "market_entry", "d1"),
    Example("由某科技公司独家运营全市共享单车。", "market_entry", "d2"),
    Example("外地企业须在本地设立分公司方可参加投标。", "free_flow", "d3"),
    Example("优先采购本地企业生产的产品。", "free_flow", "d4"),
    Example("按企业缴纳税收的地方留成部分给予奖励。", "cost", "d5"),
    Example("对本地企业减免行政事业性收费。", "cost", "d5"),
    Example("行政机关应当依法公开政府信息。", COMPLIANT, "d6"),
    Example("申请人可以通过互联网提出申请。", COMPLIANT, "d7"),
    Example("本办法自公布之日起施行。", COMPLIANT, "d8"),
    Example("县级以上人民政府应当加强组织领导。", COMPLIANT, "d9"),
]


def test_pure_python_scores_equal_scikit_learns():
    vectorizer, model = fit(SMALL)
    classifier = to_classifier(vectorizer, model)
    for text in ("统一由县城投公司建设。", "政府信息公开。", "须在本地注册。", "。"):
        expected = model.predict_proba(vectorizer.transform([text]))[0]
        assert np.allclose(classifier.scores(text), expected, atol=1e-3), text


def test_folds_never_split_a_document():
    folds = grouped_folds(SMALL, folds=3)
    assert sorted(i for fold in folds for i in fold) == list(range(len(SMALL)))
    for fold in folds:
        documents = {SMALL[i].document for i in fold}
        others = {SMALL[i].document for f in folds if f is not fold for i in f}
        assert not documents & others


def test_document_key_is_the_problem_document_of_a_report_case():
    row = {
        "label": "violation",
        "note": "某区《推动数字经济高质量发展若干措施》。来源通报将该条款列为问题并要求整改",
        "source_title": "某省通报",
    }
    assert document_key(row) == "某区《推动数字经济高质量发展若干措施》"
    assert document_key({"label": "compliant", "note": "", "source_title": "某条例"}) == "某条例"


def test_threshold_keeps_the_precision_target():
    truth = [True, True, True, False, False, True]
    probabilities = [0.95, 0.8, 0.6, 0.7, 0.2, 0.4]
    rules = [False, False, False, False, False, True]
    threshold = choose_threshold(probabilities, rules, truth, target=0.99)
    flags = [r or p >= threshold for r, p in zip(rules, probabilities, strict=True)]
    precision, recall = precision_recall(flags, truth)
    assert precision >= 0.99
    assert threshold > 0.7 and recall == 0.75


def test_the_shipped_model_records_how_its_threshold_was_chosen():
    classifier = load_classifier()
    assert classifier is not None
    assert 0.3 <= classifier.threshold < 1
    assert classifier.cv["grouped_by"] == "source document"
    assert classifier.cv["model_precision"] >= 0.9


def test_the_model_carries_a_phrasing_no_rule_knows():
    # A published case (heldout-9, 昆明市 2022): no rule matches it, the model does.
    text = "要求政府集中采购所需产品（服务）时，在同质同价条件下原则上优先就近采购本地服务"
    assert not [f for f in review_text(text, use_model=False) if f.category == "fair_competition"]
    (finding,) = [f for f in review_text(text) if f.category == "fair_competition"]
    assert finding.detector == "model"
    assert finding.rule.startswith("model.")
    assert finding.confidence >= load_classifier().threshold
    assert finding.standard.startswith("《公平竞争审查条例》（2024）第")
    assert "模型置信度" in finding.reason


@pytest.mark.parametrize(
    "text",
    [
        "不得要求经营者在本地设立分支机构，不得将在本地缴纳税收作为投标条件。",
        "海宁市促进本地企业发展若干措施\n第一条 为了优化营商环境，制定本措施。",
    ],
)
def test_the_model_is_silent_on_restated_prohibitions_and_titles(text):
    assert not [f for f in review_text(text) if f.detector == "model"]
