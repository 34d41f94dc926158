"""The statutory numbers normdocs works with, as configurable data with their sources.

Several values are not confirmed against a Zhejiang text (rules-documents-decisions.md marks them
UNCONFIRMED); they are defaults an operator may override with the ``FAZHI_NORMDOCS_RULES``
setting (``{"filing_upper_government_days": 30, …}``) once the local rule is checked. Nothing
else in the app hard-codes these numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.conf import settings

from fazhi.core.domain.calendar import DayBasis


@dataclass(frozen=True)
class RuleValue:
    value: int
    unit: str  # "working" / "calendar" days, "years", "months"
    source: str
    confirmed: bool


DEFAULTS: dict[str, RuleValue] = {
    "comment_minimum_market_days": RuleValue(
        30, DayBasis.CALENDAR, "优化营商环境条例 第62条（与市场主体生产经营活动密切相关）", True
    ),
    "comment_minimum_general_days": RuleValue(
        7,
        DayBasis.WORKING,
        "法治政府建设示范创建指标第24项；浙江省规定未经核实（UNCONFIRMED）",
        False,
    ),
    "legality_review_minimum_days": RuleValue(
        5, DayBasis.WORKING, "国办发〔2018〕115号（转引，UNCONFIRMED）", False
    ),
    "legality_review_maximum_days": RuleValue(
        15, DayBasis.WORKING, "国办发〔2018〕115号（转引，UNCONFIRMED）", False
    ),
    "filing_upper_government_days": RuleValue(
        15, DayBasis.CALENDAR, "报上级政府备案期限，浙江省规定未经核实（UNCONFIRMED）", False
    ),
    "filing_peoples_congress_days": RuleValue(
        30,
        DayBasis.CALENDAR,
        "浙江省各级人民代表大会常务委员会监督条例第33条；规范性文件备案审查规定第4条",
        False,
    ),
    "filing_city_government_days": RuleValue(
        15, DayBasis.CALENDAR, "部门文件报本级政府备案期限（UNCONFIRMED）", False
    ),
    "validity_general_years": RuleValue(
        5, "years", "浙江实践：一般不超过5年（UNCONFIRMED）", False
    ),
    "validity_provisional_years": RuleValue(
        2, "years", "浙江实践：暂行、试行不超过2年（UNCONFIRMED）", False
    ),
    "evaluation_reminder_months": RuleValue(
        6, "months", "有效期届满前6个月开始评估（外省规定，UNCONFIRMED）", False
    ),
}


def rule(key: str) -> RuleValue:
    """The value in force: the default, or the operator's override of its number."""
    default = DEFAULTS[key]
    overrides = getattr(settings, "FAZHI_NORMDOCS_RULES", {}) or {}
    if key in overrides:
        return replace(default, value=int(overrides[key]), source=f"{default.source}（本地配置）")
    return default


# The series registration numbers (统一登记号) are taken from; the letters of Haining's unified
# number are not confirmed, so the series (and its template) is data, created by the operator.
REGISTRATION_SERIES = "normative-registration"
