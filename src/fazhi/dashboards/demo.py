"""A modest 2021 for the dashboard's year-on-year columns: 2021 mediation cases, entered as a
ledger through the disputes app's own import service.

Every 2021 case is registered and concluded in 2021, so no 2022 figure moves. The numbers are
synthetic (about a tenth of 2022's volume: a sample of the 2021 ledger, not Haining's 2021
totals, which the seed does not give).
"""

from __future__ import annotations

import datetime as dt
import random

from fazhi.core.models import Organization, Person
from fazhi.disputes import services
from fazhi.disputes.models import (
    CaseSource,
    DisputeKind,
    MediationCase,
    NextChannel,
    Outcome,
    PartyRole,
)
from fazhi.disputes.services import MediationCaseRow, PartyInput

YEAR = 2021
CASES = 1180
FAILED = 9
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "建国秀英伟芳敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英"


def build(*, admin, stdout=None) -> None:
    if MediationCase.objects.filter(concluded_on__year=YEAR).exists():
        return
    committees = list(Organization.objects.filter(kind="mediation_committee").order_by("path")[:60])
    if not committees:
        return
    mediators: dict[int, str] = dict(
        Person.objects.filter(organization__in=committees)
        .order_by("organization_id", "pk")
        .values_list("organization_id", "name")
    )
    rng = random.Random(2021)
    kinds = [k for k, _label in DisputeKind.choices]
    rows = []
    sequence: dict[int, int] = {}
    for index in range(CASES):
        committee = rng.choice(committees)
        sequence[committee.pk] = sequence.get(committee.pk, 0) + 1
        registered = dt.date(YEAR, 1, 4) + dt.timedelta(days=rng.randrange(0, 330))
        failed = index < FAILED
        rows.append(
            MediationCaseRow(
                committee_code=committee.code,
                case_no=f"{committee.code}-{YEAR}-{sequence[committee.pk]:04d}",
                kind=rng.choice(kinds),
                source=CaseSource.APPLICATION,
                registered_on=registered,
                concluded_on=registered + dt.timedelta(days=rng.choice((0, 2, 5, 10, 20))),
                outcome=Outcome.FAILED if failed else Outcome.AGREEMENT_WRITTEN,
                mediator_name=mediators.get(committee.pk, ""),
                parties=(
                    PartyInput(PartyRole.APPLICANT, _name(rng)),
                    PartyInput(PartyRole.RESPONDENT, _name(rng)),
                ),
                next_channel=NextChannel.LITIGATION if failed else "",
            )
        )
    services.mediation_cases_import(actor=admin, rows=rows)
    if stdout is not None:
        stdout.write(f"驾驶舱：2021年人民调解台账 {len(rows)} 件（同比数据）")


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(2))
