"""Statutory periods of administrative litigation that the defendant agency must watch
(spec §11, rows 30 and 33)."""

from fazhi.core.deadlines import ClockType, register
from fazhi.core.domain.calendar import DayBasis

DEFENCE = register(
    ClockType(
        key="litigation.defence",
        name="提交答辩状及证据",
        length=15,
        basis=DayBasis.CALENDAR,
        start_event="收到起诉状副本",
        legal_basis="《行政诉讼法》第六十七条",
    )
)

APPEAL_JUDGMENT = register(
    ClockType(
        key="litigation.appeal_judgment",
        name="不服判决的上诉期",
        length=15,
        basis=DayBasis.CALENDAR,
        start_event="判决书送达",
        legal_basis="《行政诉讼法》第八十五条",
    )
)

APPEAL_RULING = register(
    ClockType(
        key="litigation.appeal_ruling",
        name="不服裁定的上诉期",
        length=10,
        basis=DayBasis.CALENDAR,
        start_event="裁定书送达",
        legal_basis="《行政诉讼法》第八十五条",
    )
)
