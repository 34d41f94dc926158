"""A small mediation record set under the town, and a city report drafted on it."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.models import Role
from fazhi.disputes import services as disputes
from fazhi.disputes.models import SUCCESS_OUTCOMES, NextChannel, Outcome
from fazhi.reports import services
from fazhi.reports.models import SectionCode
from tests.disputes import factories as mediation
from tests.factories import user_with_role


def conclude(actor, committee, person, case_no: str, outcome: str):
    case = mediation.register(actor, committee, case_no=case_no)
    case = disputes.mediation_case_start(
        actor=actor, case=case, on=dt.date(2022, 3, 2), mediator=person
    )
    return disputes.mediation_case_conclude(
        actor=actor,
        case=case,
        on=dt.date(2022, 3, 10),
        outcome=outcome,
        next_channel=NextChannel.LITIGATION if outcome == Outcome.FAILED else "",
        agreement_terms="双方按约定履行。" if outcome in SUCCESS_OUTCOMES else "",
        performance_method="当场履行" if outcome == Outcome.AGREEMENT_WRITTEN else "",
    )


@pytest.fixture
def mediation_cases(tree):
    committee = mediation.committee(tree.town)
    person = mediation.mediator(committee)
    actor = user_with_role(Role.MEDIATOR, tree.town, username="mediator-r")
    for index, outcome in enumerate(
        [Outcome.AGREEMENT_WRITTEN, Outcome.AGREEMENT_ORAL, Outcome.FAILED], start=1
    ):
        conclude(actor, committee, person, f"2022-{index:03d}", outcome)
    return {"committee": committee, "mediator": person, "actor": actor}


def fill(actor, report, text: str = "无。"):
    for section in report.sections.all():
        if not section.body.strip():
            services.section_update(actor=actor, section=section, body=text)


@pytest.fixture
def drafted(tree, users, mediation_cases):
    justice = users["justice_legal_officer"]
    report = services.report_create(
        actor=justice, organization=tree.city, year=2022, addressee="中共嘉兴市委、嘉兴市人民政府"
    )
    services.report_generate_draft(actor=justice, report=report)
    fill(justice, report)
    section = report.sections.get(code=SectionCode.C2)
    services.section_update(
        actor=justice, section=section, body="一是法制力量有待加强。二是制度建设有待加强。"
    )
    return report
