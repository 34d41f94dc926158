"""Statutory clocks of a penalty case (spec rules-enforcement-disputes §11)."""

from fazhi.core.deadlines import ClockType, register
from fazhi.core.domain.calendar import DayBasis

DECISION = register(
    ClockType(
        key="enforcement.decision",
        name="行政处罚决定期限",
        length=90,
        basis=DayBasis.CALENDAR,
        start_event="立案",
        legal_basis="行政处罚法第六十条",
        extendable=True,
        # Sector extensions (market supervision: +30 with head approval) are UNCONFIRMED.
        max_extension_days=30,
        confirmed=False,
    )
)
HEARING_REQUEST = register(
    ClockType(
        key="enforcement.hearing_request",
        name="听证申请期限",
        length=5,
        basis=DayBasis.WORKING,
        start_event="告知听证权利",
        legal_basis="行政处罚法第六十四条、第八十五条",
    )
)
PUBLICITY = register(
    ClockType(
        key="enforcement.publicity",
        name="行政处罚决定公示期限",
        length=7,
        basis=DayBasis.WORKING,
        start_event="作出处罚决定",
        legal_basis="国办发〔2018〕118号（7个工作日，未经原文核实）；行政处罚法第四十八条",
        confirmed=False,
    )
)

STATEMENT = register(
    ClockType(
        key="enforcement.statement",
        name="陈述申辩期限",
        length=3,
        basis=DayBasis.WORKING,
        start_event="告知",
        legal_basis="行政处罚法第四十四条、第四十五条（天数为部门规章通行做法，未经原文核实）",
        confirmed=False,
    )
)
SERVICE = register(
    ClockType(
        key="enforcement.service",
        name="处罚决定书送达期限",
        length=7,
        basis=DayBasis.WORKING,
        start_event="作出处罚决定",
        legal_basis="行政处罚法第六十一条、第八十五条",
    )
)
PAYMENT = register(
    ClockType(
        key="enforcement.payment",
        name="缴纳罚款期限",
        length=15,
        basis=DayBasis.CALENDAR,
        start_event="收到处罚决定书",
        legal_basis="行政处罚法第六十七条（逾期每日加处3%，第七十二条）",
    )
)
WITHDRAWAL = register(
    ClockType(
        key="enforcement.withdrawal",
        name="撤回公示期限",
        length=3,
        basis=DayBasis.WORKING,
        start_event="处罚决定被变更、撤销或确认违法、无效",
        legal_basis="行政处罚法第四十八条、第八十五条",
    )
)

SUMMARY_FILING = register(
    ClockType(
        key="enforcement.summary_filing",
        name="当场处罚决定备案期限",
        length=2,
        basis=DayBasis.WORKING,
        start_event="当场作出处罚决定",
        legal_basis="行政处罚法第五十二条（期限为通行做法，未经原文核实）",
        confirmed=False,
    )
)
PRESERVATION = register(
    ClockType(
        key="enforcement.preservation",
        name="先行登记保存处理期限",
        length=7,
        basis=DayBasis.WORKING,
        start_event="先行登记保存证据",
        legal_basis="行政处罚法第五十六条、第八十五条",
    )
)

# The limitation period (art 36) is not a running clock: it asks whether the violation was
# discovered within 2 (or 5) years of its end, once, when the case is opened. It is computed in
# whole calendar years by ``domain.limitation_ends`` (730 days would be wrong across 29 Feb).
