"""Statutory clocks of a normative document: legality review and filing (values from rules.py)."""

from fazhi.core.deadlines import ClockType, register
from fazhi.core.domain.calendar import DayBasis
from fazhi.normdocs.rules import rule

LEGALITY_REVIEW = "normdocs.legality_review"
FILING_UPPER_GOVERNMENT = "normdocs.filing_upper_government"
FILING_PEOPLES_CONGRESS = "normdocs.filing_peoples_congress"
FILING_CITY_GOVERNMENT = "normdocs.filing_city_government"


def _register(key: str, name: str, rule_key: str, start_event: str) -> None:
    value = rule(rule_key)
    register(
        ClockType(
            key=key,
            name=name,
            length=value.value,
            basis=DayBasis(value.unit),
            start_event=start_event,
            legal_basis=value.source,
            confirmed=value.confirmed,
        )
    )


_register(LEGALITY_REVIEW, "规范性文件合法性审核", "legality_review_maximum_days", "送审")
_register(
    FILING_UPPER_GOVERNMENT, "规范性文件报上级政府备案", "filing_upper_government_days", "发布"
)
_register(
    FILING_PEOPLES_CONGRESS, "规范性文件报人大常委会备案", "filing_peoples_congress_days", "发布"
)
_register(
    FILING_CITY_GOVERNMENT, "部门规范性文件报本级政府备案", "filing_city_government_days", "发布"
)

FILING_CLOCKS = {
    "upper_government": FILING_UPPER_GOVERNMENT,
    "peoples_congress": FILING_PEOPLES_CONGRESS,
    "city_government": FILING_CITY_GOVERNMENT,
}
