"""Statutory periods of people's mediation and judicial confirmation (spec §11, rows 35–36)."""

from fazhi.core.deadlines import ClockType, register
from fazhi.core.domain.calendar import DayBasis

CONFIRMATION_APPLICATION = register(
    ClockType(
        key="disputes.confirmation_application",
        name="调解协议生效后申请司法确认",
        length=30,
        basis=DayBasis.CALENDAR,
        start_event="调解协议生效",
        legal_basis="《人民调解法》第三十三条；《民事诉讼法》（2023）第二百零五条",
    )
)

CONFIRMATION_DECISION = register(
    ClockType(
        key="disputes.confirmation_decision",
        name="法院对司法确认申请作出裁定",
        length=15,
        basis=DayBasis.CALENDAR,
        start_event="申请司法确认",
        legal_basis="《最高人民法院关于人民调解协议司法确认程序的若干规定》（2011）第五条",
        extendable=True,
        max_extension_days=10,
    )
)
