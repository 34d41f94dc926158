"""Clocks of the services: each department's part of a 一件事 application (one clock type per
promised time), verification answers, estate-inquiry answers and bad-rating rectification.

Promised times are the catalog's own (《浙江省保障“最多跑一次”改革规定》第十二条: a promised
period shorter than the statutory one binds); the catalog picks one of ``TIME_LIMITS``.
"""

from fazhi.core.deadlines import ClockType, register
from fazhi.core.domain.calendar import DayBasis
from fazhi.services.models import RESPONSE_DAYS, TIME_LIMITS

MOST_ONE_VISIT = "《浙江省保障“最多跑一次”改革规定》第十二条"

PART_CLOCKS = {
    days: register(
        ClockType(
            key=f"services.part_{days}d",
            name=f"一件事部门办件（承诺{days}个工作日）",
            length=days,
            basis=DayBasis.WORKING,
            start_event="一件事申请分送部门",
            legal_basis=MOST_ONE_VISIT,
        )
    )
    for days in TIME_LIMITS
}

VERIFICATION_CLOCKS = {
    days: register(
        ClockType(
            key=f"services.verification_{days}d",
            name=f"证明事项核验答复（{days}个工作日）",
            length=days,
            basis=DayBasis.WORKING,
            start_event="收到核验请求",
            legal_basis="证明事项目录载明的核验时限（平台设定，未经原文核实）",
            confirmed=False,
        )
    )
    for days in RESPONSE_DAYS
}

# No statute fixes how fast a unit answers a notary's inquiry (公证法第二十九条 only obliges it
# to assist); the platform asks for an answer within 10 working days.
INQUIRY_ANSWER = register(
    ClockType(
        key="services.inquiry_answer",
        name="遗产查询请求答复",
        length=10,
        basis=DayBasis.WORKING,
        start_event="发出查询请求",
        legal_basis="《中华人民共和国公证法》第二十九条（协助义务；答复期限为平台设定）",
        confirmed=False,
    )
)

# practice.md §8: a 差评 is called back within 1 day and rectified within 15 days.
RECTIFICATION = register(
    ClockType(
        key="services.rectification",
        name="差评整改反馈",
        length=15,
        basis=DayBasis.CALENDAR,
        start_event="收到差评",
        legal_basis="浙江省政务服务“好差评”制度（差评15日内整改反馈，practice.md §8）",
        confirmed=False,
    )
)
