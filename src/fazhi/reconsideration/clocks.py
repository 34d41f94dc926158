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

# --- the 2017 law and the 2007 regulation (applications received 2018-01-01 … 2023-12-31) --
# Only the law's "五日" and "七日" count working days (2017 art 40); every other period is in
# calendar days.

ACCEPTANCE_REVIEW_2017 = register(
    ClockType(
        key="reconsideration.acceptance_review_2017",
        name="复议申请受理审查（2017年法）",
        length=5,
        basis=DayBasis.WORKING,
        start_event="法制工作机构收到复议申请",
        legal_basis="《行政复议法》（2017）第十七条第一款、第四十条",
        pausable=True,
    )
)

CORRECTION_SUPPLY_2017 = register(
    ClockType(
        key="reconsideration.correction_supply_2017",
        name="申请人补正材料（实施条例）",
        # Reg 29: "a reasonable period" set by the office; 10 days is this platform's default.
        length=10,
        basis=DayBasis.CALENDAR,
        start_event="收到补正通知",
        legal_basis="《行政复议法实施条例》第二十九条",
        extendable=True,
        confirmed=False,
    )
)

DECISION_ORDINARY_2017 = register(
    ClockType(
        key="reconsideration.decision_ordinary_2017",
        name="复议决定（2017年法）",
        length=60,
        basis=DayBasis.CALENDAR,
        start_event="法制工作机构收到复议申请（即为受理）",
        legal_basis="《行政复议法》（2017）第三十一条第一款、第十七条第二款",
        pausable=True,
        extendable=True,
        max_extension_days=30,
        confirmed=False,
    )
)

COPY_2017 = register(
    ClockType(
        key="reconsideration.copy_2017",
        name="向被申请人发送申请书副本（2017年法）",
        length=7,
        basis=DayBasis.WORKING,
        start_event="受理复议申请",
        legal_basis="《行政复议法》（2017）第二十三条第一款、第四十条",
    )
)

ANSWER_2017 = register(
    ClockType(
        key="reconsideration.answer_2017",
        name="被申请人书面答复并提交证据（2017年法）",
        length=10,
        basis=DayBasis.CALENDAR,
        start_event="被申请人收到申请书副本",
        legal_basis="《行政复议法》（2017）第二十三条第一款",
    )
)

INCIDENTAL_SELF_2017 = register(
    ClockType(
        key="reconsideration.incidental_self_2017",
        name="规范性文件附带审查（有权处理，2017年法）",
        length=30,
        basis=DayBasis.CALENDAR,
        start_event="提出附带审查申请或发现依据不合法",
        legal_basis="《行政复议法》（2017）第二十六条、第二十七条",
    )
)

INCIDENTAL_FORWARD_2017 = register(
    ClockType(
        key="reconsideration.incidental_forward_2017",
        name="规范性文件附带审查转送（2017年法）",
        length=7,
        basis=DayBasis.WORKING,
        start_event="提出附带审查申请或发现依据不合法",
        legal_basis="《行政复议法》（2017）第二十六条、第二十七条、第四十条",
    )
)

# --- the 2023 law: the steps added with this change ----------------------------------------

COPY = register(
    ClockType(
        key="reconsideration.copy",
        name="向被申请人发送申请书副本",
        length=7,
        basis=DayBasis.WORKING,
        start_event="受理复议申请",
        legal_basis="《行政复议法》（2023）第四十八条、第八十八条",
    )
)

ANSWER = register(
    ClockType(
        key="reconsideration.answer",
        name="被申请人书面答复并提交证据",
        length=10,
        basis=DayBasis.WORKING,
        start_event="被申请人收到申请书副本",
        legal_basis="《行政复议法》（2023）第四十八条、第八十八条",
    )
)

COPY_SIMPLIFIED = register(
    ClockType(
        key="reconsideration.copy_simplified",
        name="向被申请人发送申请书副本（简易程序）",
        length=3,
        basis=DayBasis.WORKING,
        start_event="受理复议申请",
        legal_basis="《行政复议法》（2023）第五十四条、第八十八条",
    )
)

ANSWER_SIMPLIFIED = register(
    ClockType(
        key="reconsideration.answer_simplified",
        name="被申请人书面答复（简易程序）",
        length=5,
        basis=DayBasis.WORKING,
        start_event="被申请人收到申请书副本",
        legal_basis="《行政复议法》（2023）第五十四条、第八十八条",
    )
)

INCIDENTAL_SELF = register(
    ClockType(
        key="reconsideration.incidental_self",
        name="规范性文件附带审查（有权处理）",
        length=30,
        basis=DayBasis.CALENDAR,
        start_event="提出附带审查申请或发现依据不合法",
        legal_basis="《行政复议法》（2023）第五十六条、第五十七条",
    )
)

INCIDENTAL_FORWARD = register(
    ClockType(
        key="reconsideration.incidental_forward",
        name="规范性文件附带审查转送",
        length=7,
        basis=DayBasis.WORKING,
        start_event="提出附带审查申请或发现依据不合法",
        legal_basis="《行政复议法》（2023）第五十六条、第五十七条、第八十八条",
    )
)

# The competent body's reply after a forwarding, and the drafter's written answer (2023 art 58).

INCIDENTAL_RECEIVING_2017 = register(
    ClockType(
        key="reconsideration.incidental_receiving_2017",
        name="接受转送的行政机关处理规范性文件（2017年法）",
        length=60,
        basis=DayBasis.CALENDAR,
        start_event="有权处理的行政机关收到转送",
        legal_basis="《行政复议法》（2017）第二十六条",
    )
)

INCIDENTAL_RECEIVING = register(
    ClockType(
        key="reconsideration.incidental_receiving",
        name="接受转送的机关回复处理意见",
        length=60,
        basis=DayBasis.CALENDAR,
        start_event="接受转送的机关收到转送",
        legal_basis="《行政复议法》（2023）第六十条",
    )
)

INCIDENTAL_DRAFTER_NOTICE = register(
    ClockType(
        key="reconsideration.incidental_drafter_notice",
        name="书面通知制定机关提出书面答复",
        length=3,
        basis=DayBasis.WORKING,
        start_event="行政复议中止",
        legal_basis="《行政复议法》（2023）第五十八条第一款、第八十八条",
    )
)

INCIDENTAL_DRAFTER_ANSWER = register(
    ClockType(
        key="reconsideration.incidental_drafter_answer",
        name="制定机关提交书面答复",
        length=10,
        basis=DayBasis.WORKING,
        start_event="制定机关收到书面通知",
        legal_basis="《行政复议法》（2023）第五十八条第一款、第八十八条",
    )
)

DECISION_CLOCKS = (DECISION_ORDINARY.key, DECISION_SIMPLIFIED.key, DECISION_ORDINARY_2017.key)
ANSWER_CLOCKS = (ANSWER.key, ANSWER_SIMPLIFIED.key, ANSWER_2017.key)
