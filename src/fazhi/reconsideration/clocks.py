"""Statutory periods of administrative reconsideration (spec §11, rows 13–14, 19–20, 25).

Whether a suspension (中止) stops the decision period is not settled in the texts read
(spec §12 item 6, UNCONFIRMED): the platform assumes it does, so those clock types are pausable
and marked unconfirmed.
"""

from fazhi.core.deadlines import ClockType, register
from fazhi.core.domain.calendar import DayBasis

ACCEPTANCE_REVIEW = register(
    ClockType(
        key="reconsideration.acceptance_review",
        name="复议申请受理审查",
        length=5,
        basis=DayBasis.WORKING,
        start_event="收到复议申请",
        legal_basis="《行政复议法》（2023）第三十条、第三十一条、第八十八条",
        # A correction notice (补正) stops the review until the materials arrive.
        pausable=True,
    )
)

CORRECTION_SUPPLY = register(
    ClockType(
        key="reconsideration.correction_supply",
        name="申请人补正材料",
        length=10,
        basis=DayBasis.WORKING,
        start_event="收到补正通知",
        legal_basis="《行政复议法》（2023）第三十一条",
        # "extendable for good reason" with no stated limit.
        extendable=True,
    )
)

DECISION_ORDINARY = register(
    ClockType(
        key="reconsideration.decision_ordinary",
        name="复议决定（普通程序）",
        length=60,
        basis=DayBasis.CALENDAR,
        start_event="受理复议申请",
        legal_basis="《行政复议法》（2023）第六十二条第一款",
        pausable=True,
        extendable=True,
        max_extension_days=30,
        confirmed=False,
    )
)

DECISION_SIMPLIFIED = register(
    ClockType(
        key="reconsideration.decision_simplified",
        name="复议决定（简易程序）",
        length=30,
        basis=DayBasis.CALENDAR,
        start_event="受理复议申请",
        legal_basis="《行政复议法》（2023）第六十二条第二款",
        pausable=True,
        confirmed=False,
    )
)

OPINION_REPLY = register(
    ClockType(
        key="reconsideration.opinion_reply",
        name="复议意见书整改情况回复",
        length=60,
        basis=DayBasis.CALENDAR,
        start_event="收到行政复议意见书",
        legal_basis="《行政复议法》（2023）第七十六条",
    )
)

DECISION_CLOCKS = (DECISION_ORDINARY.key, DECISION_SIMPLIFIED.key)
