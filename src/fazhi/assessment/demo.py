"""The demo's 2022 assessment: a scheme modelled on Zhejiang's law-based-government assessment
(法治浙江（法治政府）建设考核: duties of the principal leaders, normative documents, major
decisions, enforcement, dispute resolution, litigation, publicity), scoring the twelve towns and
three departments from the platform's figures where one exists and by hand elsewhere.

The weights and thresholds are the demo's own choice (the provincial detailed rules are not in
the spec); hand scores are synthetic and say so in their reasons.
"""

from __future__ import annotations

import random
from decimal import Decimal

from fazhi.assessment import services
from fazhi.assessment.models import Item, Method, Scheme
from fazhi.core import indicators
from fazhi.core.models import Organization
from fazhi.demo import haining

YEAR = 2022
DEPARTMENTS = [haining.JUSTICE_BUREAU, haining.ENFORCEMENT_BUREAU, haining.MARKET_REGULATION]


def computed(name, points, key, rule, params, guidance=""):
    return {
        "name": name,
        "points": points,
        "method": Method.COMPUTED,
        "indicator_key": key,
        "rule": rule,
        "params": params,
        "guidance": guidance,
    }


def manual(name, points, guidance):
    return {"name": name, "points": points, "method": Method.MANUAL, "guidance": guidance}


DIMENSIONS = [
    {
        "name": "党政主要负责人履行推进法治建设第一责任人职责",
        "items": [
            manual("履行第一责任人职责", 15, "专题研究法治建设、年终述法、年度报告按期报送公开"),
        ],
    },
    {
        "name": "行政规范性文件管理",
        "items": [
            computed(
                "规范性文件公开征求意见",
                5,
                "normdocs.public_comment_rate",
                "pass_fail",
                {"target": 100},
                "发布的文件均已完成公开征求意见得满分，否则不得分",
            ),
            manual("规范性文件备案审查", 5, "按时报备、备案审查纠错情况"),
        ],
    },
    {
        "name": "重大行政决策",
        "items": [
            computed(
                "重大行政决策法定程序履行",
                10,
                "decisions.procedure_compliance",
                "linear",
                {"low": 80, "high": 100},
                "五大程序履行率80%以下不得分，100%得满分，其间按比例",
            ),
        ],
    },
    {
        "name": "严格规范公正文明执法",
        "items": [
            computed(
                "重大执法决定法制审核",
                10,
                "enforcement.legal_review_coverage",
                "thresholds",
                {"bands": [[100, 1], [95, 0.8], [90, 0.5]]},
                "100%满分，95%以上八成，90%以上五成",
            ),
            computed(
                "行政处罚决定按期公示",
                10,
                "enforcement.publicity_timeliness",
                "linear",
                {"low": 90, "high": 100},
            ),
            computed(
                "案卷评查合格率",
                5,
                "supervision.case_file_pass_rate",
                "linear",
                {"low": 80, "high": 100},
            ),
        ],
    },
    {
        "name": "矛盾纠纷多元化解",
        "items": [
            computed(
                "人民调解成功率",
                10,
                "disputes.mediation_success_rate",
                "linear",
                {"low": 95, "high": 99},
            ),
            computed(
                "行政复议决定按期作出",
                5,
                "reconsideration.decision_on_time_rate",
                "pass_fail",
                {"target": 100},
            ),
        ],
    },
    {
        "name": "行政应诉",
        "items": [
            computed(
                "行政机关负责人出庭应诉",
                5,
                "litigation.head_appearance_rate",
                "pass_fail",
                {"target": 100},
            ),
            computed(
                "行政诉讼败诉率",
                5,
                "litigation.lost_rate",
                "thresholds",
                {"bands": [[0, 1], [5, 0.6], [10, 0.2]], "lower_is_better": True},
            ),
        ],
    },
    {
        "name": "法治宣传教育与基层法治",
        "items": [
            manual("普法责任制落实与基层法治建设", 15, "“八五”普法、法律明白人、民主法治村创建"),
        ],
    },
]


def _available(dimensions):
    """Items whose indicator is registered (a figure of an app still being built is left out)."""
    result = []
    for dimension in dimensions:
        items = [
            item
            for item in dimension["items"]
            if item["method"] == Method.MANUAL or indicators.get(item["indicator_key"]) is not None
        ]
        if items:
            result.append({**dimension, "items": items})
    return result


def build(*, admin, stdout=None) -> None:
    if Scheme.objects.filter(year=YEAR).exists():
        return
    scheme = services.scheme_create(
        actor=admin,
        year=YEAR,
        title="2022年度法治海宁（法治政府）建设考核",
        dimensions=_available(DIMENSIONS),
    )
    rng = random.Random(2022)
    units = list(Organization.objects.filter(kind="town").order_by("path")) + list(
        Organization.objects.filter(code__in=DEPARTMENTS).order_by("path")
    )
    manual_items = list(Item.objects.filter(dimension__scheme=scheme, method=Method.MANUAL))
    for unit in units:
        assessment = services.assessment_open(actor=admin, scheme=scheme, organization=unit)
        services.assessment_compute(actor=admin, assessment=assessment)
        for item in manual_items:
            earned = item.points - Decimal(rng.choice(["0", "0.5", "1", "1.5", "2"]))
            services.assessment_score(
                actor=admin,
                assessment=assessment,
                item=item,
                score=earned,
                evidence="单位自评报告及佐证材料（演示数据）",
                reason="演示数据：按评分标准逐项核查后评定。",
            )
        services.assessment_notify(actor=admin, assessment=assessment)
    if stdout is not None:
        stdout.write(f"法治建设考核：{scheme.title}，{len(units)} 个单位")
