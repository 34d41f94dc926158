"""The 2022 litigation demo: cases against city agencies, their hearings and outcomes.

The seed report: 71 first-instance cases concluded, 39 of them by mediation or withdrawal; 40
hearings at which a head had to appear, all attended, 7 by the principal head. Eleven of the
suits follow reconsideration cases (reconsideration/demo.py); none of those was lost.
"""

from __future__ import annotations

import datetime as dt
import random

from fazhi.core.models import Organization
from fazhi.demo import haining
from fazhi.litigation import services
from fazhi.litigation.models import Appearance, LitigationCase, Outcome, TrialLevel
from fazhi.reconsideration.demo import sued_cases

YEAR = 2022
# Outcomes of the 71 first-instance cases concluded in the year.
CONCLUDED = [
    (Outcome.WITHDRAWN, 30),
    (Outcome.MEDIATED, 9),
    (Outcome.DISMISS_CLAIM, 25),
    (Outcome.DISMISSED_SUIT, 4),
    (Outcome.ANNUL, 2),
    (Outcome.CONFIRM_ILLEGAL, 1),
]
PENDING = 6
HEARINGS_HEAD_REQUIRED = 40
PRINCIPAL_APPEARANCES = 7
DEFENDANTS = ["HN-D22", "HN-D25", "HN-D06", "HN-D26", "HN-D10", "HN-D12", "HN-T06", "HN-T01"]
CAUSES = ["行政处罚", "行政强制", "行政登记", "工伤认定", "房屋征收", "政府信息公开"]
HEADS = {"principal": ("局长", "镇长"), "deputy": ("副局长", "副镇长")}


def _name(rng: random.Random) -> str:
    return rng.choice(haining.SURNAMES) + "".join(rng.sample(haining.GIVEN, rng.choice((1, 2))))


def build(*, admin, stdout=None) -> None:
    if LitigationCase.objects.exists():
        return
    rng = random.Random(71)
    court = Organization.objects.get(code="HN-COURT")
    defendants = Organization.objects.in_bulk(DEFENDANTS, field_name="code")
    from_reconsideration = sued_cases()
    outcomes = [outcome for outcome, count in CONCLUDED for _ in range(count)]
    rng.shuffle(outcomes)
    # Suits after reconsideration were never lost: give the first ones outcomes the agency won.
    safe = [i for i, o in enumerate(outcomes) if o in (Outcome.DISMISS_CLAIM, Outcome.WITHDRAWN)]
    linked = dict(zip(safe[:8], from_reconsideration[:8], strict=True))
    pending_linked = from_reconsideration[8:]
    plans = [(o, linked.get(i)) for i, o in enumerate(outcomes)]
    plans += [(None, r) for r in pending_linked]
    plans += [(None, None)] * (PENDING - len(pending_linked))
    required = set(rng.sample(range(len(outcomes)), HEARINGS_HEAD_REQUIRED))
    principal = set(rng.sample(sorted(required), PRINCIPAL_APPEARANCES))
    for number, (outcome, origin) in enumerate(plans, start=1):
        if origin is not None:
            defendant = origin.respondent
            filed_on = origin.served_on + dt.timedelta(days=rng.randrange(8, 20))
        else:
            defendant = defendants[rng.choice(DEFENDANTS)]
            filed_on = (
                dt.date(YEAR, 1, 5) + dt.timedelta(days=rng.randrange(0, 230))
                if outcome is not None
                else dt.date(YEAR, 11, 1) + dt.timedelta(days=rng.randrange(0, 50))
            )
        case = services.litigation_case_register(
            actor=admin,
            organization=defendant,
            court=court,
            court_case_no=f"（{YEAR}）浙0481行初{number}号",
            trial_level=TrialLevel.FIRST,
            plaintiff_name=_name(rng),
            cause=rng.choice(CAUSES),
            contested_act=origin.contested_act if origin else "被诉行政行为",
            filed_on=filed_on,
            complaint_received_on=filed_on + dt.timedelta(days=rng.randrange(2, 5)),
            origin_reconsideration=origin,
        )
        services.litigation_defence_file(
            actor=admin, case=case, on=case.complaint_received_on + dt.timedelta(days=10)
        )
        if outcome is None:
            continue
        held_on = filed_on + dt.timedelta(days=rng.randrange(30, 60))
        index = number - 1
        hearing = services.litigation_hearing_schedule(
            actor=admin,
            case=case,
            held_on=held_on,
            head_required=index in required,
            court_notice_received_on=held_on - dt.timedelta(days=7),
        )
        if index in required:
            rank = "principal" if index in principal else "deputy"
            services.litigation_hearing_record_appearance(
                actor=admin,
                hearing=hearing,
                appearance=Appearance.PRINCIPAL if rank == "principal" else Appearance.DEPUTY,
                head_name=_name(rng),
                head_post=HEADS[rank][defendant.kind == "town"],
            )
        concluded_on = held_on + dt.timedelta(days=rng.randrange(5, 40))
        case = services.litigation_conclude(
            actor=admin, case=case, on=concluded_on, outcome=outcome
        )
        case = services.litigation_serve(
            actor=admin, case=case, on=concluded_on + dt.timedelta(days=3)
        )
        if case.status == "appeal_period":
            services.litigation_finalize(
                actor=admin, case=case, on=case.served_on + dt.timedelta(days=30)
            )
    if stdout is not None:
        stdout.write(f"行政应诉：{len(plans)} 件")
