"""The statutory numbers normdocs works with, as configurable data with their sources.

Several values are not confirmed against a Zhejiang text (rules-documents-decisions.md marks them
UNCONFIRMED); they are defaults an operator may override with the ``FAZHI_NORMDOCS_RULES``
setting (``{"filing_upper_government_days": 30, …}``) once the local rule is checked. Nothing
else in the app hard-codes these numbers.
"""

from __future__ import annotations

import datetime as dt
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
    # 公平竞争审查条例第十二条 requires a reasonable period (实施期限) for a measure relying on
    # an exception, but sets no reminder: how early the drafter is told is this platform's choice.
    "competition_sunset_reminder_days": RuleValue(
        90,
        DayBasis.CALENDAR,
        "适用例外规定的实施期限届满前提醒（平台默认，无法定期限，UNCONFIRMED）",
        False,
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


# --- collective deliberation: which meeting fits which issuing body ------------------------------


@dataclass(frozen=True)
class MeetingRule:
    kinds: tuple[str, ...]  # MeetingKind values
    source: str
    confirmed: bool


# By the issuing body's kind (core OrganizationKind). 国办发〔2018〕37号 §2(7) is cited through
# secondary texts only (rules-documents-decisions.md §1.3 step 7, [M]); what a town government
# deliberates at is not stated there (UNCONFIRMED: its own executive, plenary or office meeting).
MEETINGS: dict[str, MeetingRule] = {
    "city_government": MeetingRule(
        ("executive", "plenary"),
        "国办发〔2018〕37号第二部分第（七）项：政府文件经政府常务会议或者全体会议审议（转引，UNCONFIRMED）",
        False,
    ),
    "department": MeetingRule(
        ("office",),
        "国办发〔2018〕37号第二部分第（七）项：部门文件经部门办公会议审议（转引，UNCONFIRMED）",
        False,
    ),
    "town": MeetingRule(
        ("executive", "plenary", "office"),
        "乡镇（街道）文件的审议会议未见明文（UNCONFIRMED）",
        False,
    ),
}


def meeting_rule(issuer_kind: str) -> MeetingRule | None:
    """The meetings that may deliberate a document of this kind of issuing body (None: any).

    UNCONFIRMED, so an operator may set them per kind once the local rule is checked:
    ``FAZHI_NORMDOCS_MEETINGS = {"town": ["office"]}``."""
    default = MEETINGS.get(issuer_kind)
    overrides = getattr(settings, "FAZHI_NORMDOCS_MEETINGS", {}) or {}
    if issuer_kind in overrides:
        source = default.source if default else "会议类型"
        return MeetingRule(tuple(overrides[issuer_kind]), f"{source}（本地配置）", False)
    return default


# --- fair-competition review ---------------------------------------------------------------------

# The joint-review type that is the fair-competition review (its conclusion has its own fields).
FAIR_COMPETITION_CODE = "fair-competition"


@dataclass(frozen=True)
class CompetitionException:
    """One exception (例外情形) under which a measure with competition effects may still issue,
    with the article it rests on in the instrument in force on the day of the conclusion.

    ``article`` is a citation that resolves in the law base; ``resolved=False`` means the
    instrument is not in the law base and the reference is recorded as unresolved."""

    key: str
    label: str
    article: str
    effective_from: dt.date
    effective_to: dt.date | None
    resolved: bool


REGULATION_2024 = "《公平竞争审查条例》"
RULES_2021 = "国发〔2016〕34号及《公平竞争审查制度实施细则》（国市监反垄规〔2021〕2号）"
REGULATION_FROM = dt.date(2024, 8, 1)

COMPETITION_EXCEPTIONS: tuple[CompetitionException, ...] = (
    # 公平竞争审查条例 (State Council Decree 783), in force 2024-08-01: art 12 items 1-4.
    CompetitionException(
        "art12_1",
        "维护国家安全和发展利益",
        f"{REGULATION_2024}第十二条第一款第（一）项",
        REGULATION_FROM,
        None,
        True,
    ),
    CompetitionException(
        "art12_2",
        "促进科学技术进步、增强国家自主创新能力",
        f"{REGULATION_2024}第十二条第一款第（二）项",
        REGULATION_FROM,
        None,
        True,
    ),
    CompetitionException(
        "art12_3",
        "实现节约能源、保护环境、救灾救助等社会公共利益",
        f"{REGULATION_2024}第十二条第一款第（三）项",
        REGULATION_FROM,
        None,
        True,
    ),
    CompetitionException(
        "art12_4",
        "法律、行政法规规定的其他情形",
        f"{REGULATION_2024}第十二条第一款第（四）项",
        REGULATION_FROM,
        None,
        True,
    ),
    # Before 2024-08-01 国发〔2016〕34号 and its 细则 (2021 edition in 2022) applied; they are
    # not in the law base, so their exception clauses are recorded by name (wording from
    # background knowledge, UNCONFIRMED) and marked unresolved (spec §2.1).
    *(
        CompetitionException(
            key,
            label,
            f"{RULES_2021}例外规定（法律库未收录，条文未核实：UNRESOLVED）",
            dt.date(2016, 6, 1),
            REGULATION_FROM - dt.timedelta(days=1),
            False,
        )
        for key, label in (
            ("rules2021_1", "维护国家经济安全、文化安全、科技安全或者涉及国防建设"),
            ("rules2021_2", "为实现扶贫开发、救灾救助等社会保障目的"),
            ("rules2021_3", "为实现节约能源资源、保护生态环境、维护公共卫生健康安全等"),
            ("rules2021_4", "法律、行政法规规定的其他情形"),
        )
    ),
)


def competition_exceptions(on: dt.date) -> list[CompetitionException]:
    """The exceptions of the instrument in force on ``on`` (the day of the conclusion)."""
    return [
        e
        for e in COMPETITION_EXCEPTIONS
        if e.effective_from <= on and (e.effective_to is None or on <= e.effective_to)
    ]


def competition_exception(key: str, on: dt.date) -> CompetitionException | None:
    return next((e for e in competition_exceptions(on) if e.key == key), None)
