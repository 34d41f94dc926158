"""The mediation figures are counted from the cases, per year and scope, and follow changes."""

from __future__ import annotations

import datetime as dt

from fazhi.core import indicators
from fazhi.disputes.models import Outcome, PartyRole
from fazhi.disputes.selectors import statistics_by_kind, statistics_by_town
from fazhi.disputes.services import MediationCaseRow, PartyInput, mediation_cases_import
from tests.disputes.factories import committee


def _row(code, number, outcome, concluded=dt.date(2022, 6, 1), kind="neighbour"):
    return MediationCaseRow(
        committee_code=code,
        case_no=f"{code}-{number}",
        kind=kind,
        source="application",
        registered_on=concluded - dt.timedelta(days=3),
        concluded_on=concluded,
        outcome=outcome,
        parties=(PartyInput(PartyRole.APPLICANT, "甲"), PartyInput(PartyRole.RESPONDENT, "乙")),
        next_channel="litigation" if outcome == Outcome.FAILED else "",
    )


def _value(key, year=2022, scope=None):
    return indicators.evaluate(indicators.get(key), year, scope)


def test_counts_rates_scope_and_changes(tree, users):
    town = committee(tree.town, "T1-MC")
    other = committee(tree.other_town, "T2-MC")
    rows = [_row("T1-MC", n, Outcome.AGREEMENT_WRITTEN) for n in range(3)]
    rows += [
        _row("T1-MC", 10, Outcome.FAILED, kind="contract"),
        _row("T1-MC", 11, Outcome.PARTY_REFUSED),  # never mediated: not counted
        _row("T2-MC", 1, Outcome.AGREEMENT_ORAL),
        _row("T2-MC", 2, Outcome.AGREEMENT_ORAL, concluded=dt.date(2021, 12, 20)),
    ]
    mediation_cases_import(actor=users["administrator"], rows=rows)
    assert _value("disputes.mediation_cases").value == 5
    assert _value("disputes.mediation_successes").value == 4
    rate = _value("disputes.mediation_success_rate")
    assert (rate.numerator, rate.denominator, str(rate.value)) == (4, 5, "80.00")
    assert _value("disputes.mediation_cases", scope=tree.town).value == 4
    assert _value("disputes.mediation_cases", year=2021).value == 1
    by_kind = {
        r["kind"]: (r["cases"], r["successes"]) for r in statistics_by_kind(year=2022, scope=None)
    }
    assert by_kind == {"neighbour": (4, 4), "contract": (1, 0)}
    by_town = {r["name"]: r["cases"] for r in statistics_by_town(year=2022, scope=None)}
    assert by_town == {tree.town.name: 4, tree.other_town.name: 1}

    # A case moved to another year changes the figures.
    case = other.mediation_cases.get(case_no="T2-MC-1")
    case.concluded_on = dt.date(2021, 12, 30)
    case.registered_on = dt.date(2021, 12, 28)
    case.save()
    assert _value("disputes.mediation_cases").value == 4
    assert _value("disputes.mediation_success_rate").numerator == 3
    assert town.mediation_cases.count() == 5


def test_counting_refusals_is_a_setting(tree, users, settings):
    committee(tree.town, "T1-MC")
    rows = [_row("T1-MC", 1, Outcome.AGREEMENT_ORAL), _row("T1-MC", 2, Outcome.PARTY_REFUSED)]
    mediation_cases_import(actor=users["administrator"], rows=rows)
    assert _value("disputes.mediation_cases").value == 1
    settings.FAZHI_MEDIATION_COUNT_REFUSALS = True
    assert _value("disputes.mediation_cases").value == 2
