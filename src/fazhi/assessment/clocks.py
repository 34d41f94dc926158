"""The assessed unit's objection period after the scores are notified (set by the scheme; the
demo's is five working days, as provincial schemes commonly give)."""

from fazhi.core.deadlines import ClockType, register
from fazhi.core.domain.calendar import DayBasis

OBJECTION = register(
    ClockType(
        key="assessment.objection",
        name="考核结果异议期",
        length=5,
        basis=DayBasis.WORKING,
        start_event="反馈考核结果",
        legal_basis="年度考核方案（考核评价细则）规定的异议期",
        confirmed=False,
    )
)
