"""The 2022 reconsideration demo: 119 applications worked through the services.

The seed report: 119 received, 112 concluded, 65 of them by mediation or settlement, 11 of the
concluded cases later taken to court, none lost. Each case below is a synthetic application
with realistic dates; the figures come out of counting them.
"""

from __future__ import annotations

import datetime as dt
import random

from fazhi.core.models import Organization
from fazhi.demo import haining
from fazhi.reconsideration import rules, services, steps
from fazhi.reconsideration.models import (
    ActKind,
    Channel,
    Decision,
    Procedure,
    ReconsiderationCase,
    RejectionGround,
    SuspensionReason,
)

YEAR = 2022
# How each of the 119 applications ends: (plan, count). "pending" ones are still open at the
# end of the year; "rejected" are refused at intake and not counted as concluded.
PLANS = [
    ("mediated", 40),
    ("settled", 25),
    ("uphold", 27),
    ("annul", 4),
    ("confirm_illegal", 3),
    ("vary", 2),
    ("reject_claim", 2),
    ("withdrawn", 5),
    ("dismissed", 4),
    ("rejected", 2),
    ("pending", 5),
]
# Decided cases the applicant later took to court (litigation/demo.py files those suits).
SUED_CASES = 11
RESPONDENTS = ["HN-D22", "HN-D25", "HN-D06", "HN-D26", "HN-D10", "HN-D12", "HN-D13", "HN-T06"]
ACTS = {
    "HN-D22": "行政处罚决定（市场监管）",
    "HN-D25": "行政处罚决定（综合行政执法）",
    "HN-D06": "治安管理处罚决定",
    "HN-D26": "不动产登记行为",
    "HN-D10": "工伤认定决定",
    "HN-D12": "房屋征收补偿决定",
    "HN-D13": "道路运输行政处罚决定",
    "HN-T06": "限期拆除决定",
}
DECISIONS = {
    "uphold": Decision.UPHOLD,
    "annul": Decision.ANNUL,
    "confirm_illegal": Decision.CONFIRM_ILLEGAL,
    "vary": Decision.VARY,
    "reject_claim": Decision.REJECT_CLAIM,
}


def _name(rng: random.Random) -> str:
    return rng.choice(haining.SURNAMES) + "".join(rng.sample(haining.GIVEN, rng.choice((1, 2))))


def build(*, admin, stdout=None) -> None:
    if ReconsiderationCase.objects.exists():
        return
    rng = random.Random(119)
    respondents = Organization.objects.in_bulk(RESPONDENTS, field_name="code")
    plans = [plan for plan, count in PLANS for _ in range(count)]
    rng.shuffle(plans)
    # Open cases were received in December; the rest spread over the year.
    plans = [p for p in plans if p != "pending"] + [p for p in plans if p == "pending"]
    starts = sorted(
        dt.date(YEAR, 1, 4) + dt.timedelta(days=rng.randrange(0, 290)) for _ in range(114)
    ) + [dt.date(YEAR, 12, day) for day in (5, 9, 14, 19, 23)]
    for index, (plan, received_on) in enumerate(zip(plans, starts, strict=True)):
        _one_case(admin, rng, index, plan, received_on, respondents)
    if stdout is not None:
        stdout.write(f"行政复议：{len(plans)} 件")


def _one_case(admin, rng, index, plan, received_on, respondents) -> None:
    code = rng.choice(RESPONDENTS)
    case = services.reconsideration_receive(
        actor=admin,
        organization=Organization.objects.get(code=haining.JUSTICE_BUREAU),
        respondent=respondents[code],
        channel=rng.choice([Channel.IN_PERSON, Channel.POST, Channel.ONLINE, Channel.ONLINE]),
        received_on=received_on,
        applicant_name=_name(rng),
        act_kind=ActKind.NON_PERFORMANCE if plan == "reject_claim" else ActKind.ACTION,
        contested_act=ACTS[code] if plan != "reject_claim" else "未履行信息公开职责",
        act_known_on=received_on - dt.timedelta(days=rng.randrange(5, 50)),
        request="请求撤销该行政行为" if plan != "reject_claim" else "请求责令履行法定职责",
        reasons="认定事实不清，适用依据错误。",
        # Mediation and settlement under the 2017 rule set are open only for discretionary
        # acts and compensation disputes (Reg 40, 50): the cases that end that way are such.
        act_discretionary=plan in ("mediated", "settled"),
        compensation_dispute=code == "HN-D12",
    )
    day = received_on
    if index % 15 == 3 and plan != "pending":
        day += dt.timedelta(days=2)
        case = services.reconsideration_correction_request(
            actor=admin, case=case, on=day, items="补充提交行政行为决定书复印件"
        )
        day += dt.timedelta(days=6)
        case = services.reconsideration_correction_receive(actor=admin, case=case, on=day)
    if plan == "rejected":
        # Every demo application is filed in time (known 5–49 days before): refused on scope.
        services.reconsideration_reject(
            actor=admin,
            case=case,
            on=day + dt.timedelta(days=3),
            ground=RejectionGround.OUT_OF_SCOPE,
            reason="不属于行政复议范围",
        )
        return
    # The simplified procedure exists only under the 2023 law (art 53).
    simplified = (
        plan in ("settled", "uphold")
        and index % 3 == 0
        and rules.value(case.law_version, "procedure.simplified_allowed")
    )
    day += dt.timedelta(days=rng.choice((1, 2, 3)))
    case = services.reconsideration_accept(
        actor=admin,
        case=case,
        on=day,
        procedure=Procedure.SIMPLIFIED if simplified else Procedure.ORDINARY,
        simplified_ground="warning_or_small" if simplified else "",
    )
    # The copy goes out within 7 working days and the answer comes back in time.
    case = steps.reconsideration_copy_send(
        actor=admin,
        case=case,
        on=day + dt.timedelta(days=1),
        received_on=day + dt.timedelta(days=2),
    )
    if plan == "pending":
        return
    case = steps.reconsideration_answer_receive(
        actor=admin,
        case=case,
        on=day + dt.timedelta(days=8),
        evidence="行政行为决定书、调查笔录、证据材料及法律依据",
    )
    length = (
        rng.randrange(8, 24)
        if plan in ("settled", "uphold") and index % 3 == 0
        else (rng.randrange(20, 55))
    )
    if plan in ("mediated", "settled"):
        if rules.value(case.law_version, "mediation.requires_suspension"):
            services.reconsideration_suspend(
                actor=admin,
                case=case,
                on=day + dt.timedelta(days=5),
                reason=SuspensionReason.MEDIATION,
            )
            end = day + dt.timedelta(days=5 + length)
        else:
            # 2017 rule set: no suspension for mediation; it ends within the 60 days.
            end = min(day + dt.timedelta(days=5 + length), case.accepted_on + dt.timedelta(55))
        if plan == "mediated":
            services.reconsideration_mediate(
                actor=admin, case=case, on=end, summary="双方达成调解协议，制作行政复议调解书"
            )
        else:
            services.reconsideration_withdraw(
                actor=admin, case=case, on=end, settled=True, summary="双方和解，申请人撤回申请"
            )
    else:
        if index % 9 == 0 and not simplified:
            services.reconsideration_hearing_record(
                actor=admin, case=case, on=day + dt.timedelta(days=15)
            )
        if index % 11 == 0 and not simplified:
            services.reconsideration_extend(
                actor=admin,
                case=case,
                on=day + dt.timedelta(days=50),
                days=30,
                reason="案情复杂",
            )
            length += 25
        end = day + dt.timedelta(days=length)
        if plan == "withdrawn":
            services.reconsideration_withdraw(
                actor=admin, case=case, on=end, settled=False, summary="申请人主动撤回申请"
            )
        elif plan == "dismissed":
            services.reconsideration_dismiss(
                actor=admin, case=case, on=end, summary="受理后发现不符合受理条件"
            )
        else:
            services.reconsideration_decide(
                actor=admin,
                case=case,
                on=end,
                decision=DECISIONS[plan],
                summary="经审理作出决定",
            )
    services.reconsideration_serve(actor=admin, case=case, on=end + dt.timedelta(days=3))


def sued_cases() -> list[ReconsiderationCase]:
    """The decided cases whose applicants went to court (read by the litigation demo)."""
    return list(
        ReconsiderationCase.objects.filter(
            decision__in=[Decision.UPHOLD, Decision.REJECT_CLAIM],
            decided_on__lte=dt.date(YEAR, 9, 30),
        ).order_by("decided_on", "id")[:SUED_CASES]
    )
