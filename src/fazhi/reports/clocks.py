"""The report's two statutory dates (督察工作规定, spec §7.1): reported before 1 March and
published before 1 April of the following year.

A clock counts calendar days from 31 December of the report year: 60 days end on 1 March and
91 days on 1 April in common years; in leap years one day earlier (29 February, 31 March) —
stricter, never later, than the rule.
"""

from fazhi.core.deadlines import ClockType, register
from fazhi.core.domain.calendar import DayBasis

SUBMISSION = register(
    ClockType(
        key="reports.submission",
        name="年度报告报送",
        length=60,
        basis=DayBasis.CALENDAR,
        start_event="报告年度结束",
        legal_basis="《法治政府建设与责任落实督察工作规定》：每年3月1日前报送",
        confirmed=False,
    )
)

PUBLICATION = register(
    ClockType(
        key="reports.publication",
        name="年度报告向社会公开",
        length=91,
        basis=DayBasis.CALENDAR,
        start_event="报告年度结束",
        legal_basis="《法治政府建设与责任落实督察工作规定》第二十四条：每年4月1日前公开",
    )
)
