"""The 2022 people's-mediation demo: committees, mediators and the year's ledger.

The seed report says 12 297 disputes were mediated in 2022 and 12 217 of them successfully.
The cases are synthetic but realistic (kinds, sources, dates, mediators); the two figures come
out of counting them. The ledger goes through ``mediation_cases_import`` (the service behind
the XLSX import), a few open cases through the one-case services.
"""

from __future__ import annotations

import datetime as dt
import random

from fazhi.core import services as core_services
from fazhi.core.models import Organization, OrganizationKind, Person
from fazhi.core.services import OrganizationRow, PersonRow
from fazhi.demo import haining
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

YEAR = 2022
CASES = 12297
SUCCESSES = 12217
# Cases a party refused at intake: registered and closed, but never mediated (not counted).
REFUSED = 23

# Professional and industry committees (行业性、专业性调委会) set up under the justice bureau.
PROFESSIONAL_COMMITTEES = [
    ("HN-MC-NR", "海宁市新居民纠纷人民调解委员会"),
    ("HN-MC-TR", "海宁市道路交通事故纠纷人民调解委员会"),
    ("HN-MC-MD", "海宁市医疗纠纷人民调解委员会"),
    ("HN-MC-LB", "海宁市劳动争议人民调解委员会"),
    ("HN-MC-IP", "海宁市知识产权纠纷人民调解委员会"),
    ("HN-MC-CM", "海宁市商事纠纷人民调解委员会"),
]
# What each professional committee mostly handles.
PROFESSIONAL_KINDS = {
    "HN-MC-NR": DisputeKind.LABOUR,
    "HN-MC-TR": DisputeKind.TRAFFIC,
    "HN-MC-MD": DisputeKind.MEDICAL,
    "HN-MC-LB": DisputeKind.LABOUR,
    "HN-MC-IP": DisputeKind.INTELLECTUAL_PROPERTY,
    "HN-MC-CM": DisputeKind.COMMERCIAL_ARBITRABLE,
}
KIND_WEIGHTS = {
    DisputeKind.NEIGHBOUR: 26,
    DisputeKind.MARRIAGE_FAMILY: 18,
    DisputeKind.HOUSING_LAND: 9,
    DisputeKind.CONTRACT: 10,
    DisputeKind.DAMAGES: 11,
    DisputeKind.LABOUR: 8,
    DisputeKind.PROPERTY_MANAGEMENT: 6,
    DisputeKind.LAND_ACQUISITION: 3,
    DisputeKind.OTHER: 9,
}
SOURCE_WEIGHTS = {
    CaseSource.APPLICATION: 55,
    CaseSource.OWN_INITIATIVE: 25,
    CaseSource.COURT_REFERRAL: 8,
    CaseSource.POLICE_REFERRAL: 9,
    CaseSource.PETITION_REFERRAL: 3,
}


def _committee_rows() -> list[OrganizationRow]:
    rows = [
        OrganizationRow(
            code=code,
            name=name,
            kind=OrganizationKind.MEDIATION_COMMITTEE,
            parent_code=haining.JUSTICE_BUREAU,
        )
        for code, name in PROFESSIONAL_COMMITTEES
    ]
    towns = Organization.objects.filter(code__in=[t[0] for t in haining.TOWNS])
    for town in towns:
        rows.append(
            OrganizationRow(
                code=f"{town.code}-MC",
                name=f"{town.name}人民调解委员会",
                kind=OrganizationKind.MEDIATION_COMMITTEE,
                parent_code=town.code,
            )
        )
    for village in Organization.objects.filter(kind=OrganizationKind.VILLAGE):
        rows.append(
            OrganizationRow(
                code=f"{village.code}-MC",
                name=f"{village.name}人民调解委员会",
                kind=OrganizationKind.MEDIATION_COMMITTEE,
                parent_code=village.code,
            )
        )
    return rows


def _name(rng: random.Random) -> str:
    return rng.choice(haining.SURNAMES) + "".join(rng.sample(haining.GIVEN, rng.choice((1, 2))))


def _weighted(rng: random.Random, weights: dict) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def build(*, admin, stdout=None) -> None:
    if MediationCase.objects.exists():
        return
    rng = random.Random(12297)
    existing = set(
        Organization.objects.filter(kind=OrganizationKind.MEDIATION_COMMITTEE).values_list(
            "code", flat=True
        )
    )
    rows = [row for row in _committee_rows() if row.code not in existing]
    if rows:
        core_services.organizations_import(actor=admin, rows=rows)
    committees = list(Organization.objects.filter(kind=OrganizationKind.MEDIATION_COMMITTEE))
    if not Person.objects.filter(organization__in=committees).exists():
        people = []
        for committee in committees:
            names: set[str] = set()
            while len(names) < (5 if committee.code.startswith("HN-MC") else 3):
                names.add(_name(rng))
            people += [
                PersonRow(name=n, organization_code=committee.code, post="人民调解员")
                for n in sorted(names)
            ]
        core_services.people_import(actor=admin, rows=people)
    mediators: dict[int, list[str]] = {}
    for organization_id, name in Person.objects.filter(organization__in=committees).values_list(
        "organization_id", "name"
    ):
        mediators.setdefault(organization_id, []).append(name)
    # Village committees take most disputes, town and professional committees the rest.
    weights = [
        40 if c.code.startswith("HN-MC") else 170 if c.code.count("-") == 2 else 55
        for c in committees
    ]
    outcomes = (
        [Outcome.AGREEMENT_WRITTEN] * 8600
        + [Outcome.AGREEMENT_ORAL] * (SUCCESSES - 8600)
        + [Outcome.FAILED] * (CASES - SUCCESSES)
        + [Outcome.PARTY_REFUSED] * REFUSED
    )
    rng.shuffle(outcomes)
    ledger: list[MediationCaseRow] = []
    sequence: dict[int, int] = {}
    for outcome in outcomes:
        committee = rng.choices(committees, weights=weights)[0]
        sequence[committee.pk] = sequence.get(committee.pk, 0) + 1
        kind = PROFESSIONAL_KINDS.get(committee.code) or _weighted(rng, KIND_WEIGHTS)
        registered = dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randrange(0, 340))
        concluded = registered + dt.timedelta(days=rng.choice((0, 1, 2, 3, 5, 7, 10, 15, 20)))
        ledger.append(
            MediationCaseRow(
                committee_code=committee.code,
                case_no=f"{committee.code}-{YEAR}-{sequence[committee.pk]:04d}",
                kind=kind,
                source=_weighted(rng, SOURCE_WEIGHTS),
                registered_on=registered,
                concluded_on=concluded,
                outcome=outcome,
                mediator_name=rng.choice(mediators[committee.pk]),
                parties=(
                    PartyInput(PartyRole.APPLICANT, _name(rng)),
                    PartyInput(PartyRole.RESPONDENT, _name(rng)),
                ),
                amount=rng.choice((None, None, 2000, 5000, 12000, 30000, 86000)),
                next_channel=(
                    rng.choice((NextChannel.LITIGATION, NextChannel.ARBITRATION))
                    if outcome == Outcome.FAILED
                    else ""
                ),
            )
        )
    services.mediation_cases_import(actor=admin, rows=ledger)
    _open_cases(admin=admin, rng=rng, committees=committees)
    if stdout is not None:
        stdout.write(f"人民调解：{len(committees)} 个调委会，{len(ledger)} 件台账案件")


def _open_cases(*, admin, rng: random.Random, committees: list[Organization]) -> None:
    """A few cases of the year's last weeks worked through the services, one step at a time."""
    town_committee = next(c for c in committees if c.code == "HN-T05-MC")
    mediator = Person.objects.filter(organization=town_committee).first()
    for number in range(1, 4):
        case = services.mediation_case_register(
            actor=admin,
            committee=town_committee,
            case_no=f"HN-T05-MC-{YEAR}-D{number:02d}",
            kind=DisputeKind.NEIGHBOUR,
            source=CaseSource.APPLICATION,
            registered_on=dt.date(YEAR, 12, 20 + number),
            parties=[
                PartyInput(PartyRole.APPLICANT, _name(rng)),
                PartyInput(PartyRole.RESPONDENT, _name(rng)),
            ],
            summary="相邻通行及排水纠纷",
        )
        services.mediation_case_start(
            actor=admin, case=case, on=dt.date(YEAR, 12, 22 + number), mediator=mediator
        )
