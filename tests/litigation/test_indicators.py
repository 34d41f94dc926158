"""The litigation figures are counted from cases and hearings and follow changes."""

from __future__ import annotations

import datetime as dt

from fazhi.core import indicators
from fazhi.litigation import services
from tests.litigation.factories import court, register


def _value(key, year=2022, scope=None):
    return indicators.evaluate(indicators.get(key), year, scope)


def test_figures(tree, users):
    admin = users["administrator"]
    the_court = court()
    outcomes = ["withdrawn", "mediated", "dismiss_claim", "annul"]
    for number, outcome in enumerate(outcomes, start=1):
        organization = tree.market if number < 4 else tree.town
        case = register(admin, tree, the_court, number=number, organization=organization)
        hearing = services.litigation_hearing_schedule(
            actor=admin, case=case, held_on=dt.date(2022, 4, number), head_required=number != 2
        )
        if number != 2:
            services.litigation_hearing_record_appearance(
                actor=admin,
                hearing=hearing,
                appearance="principal" if number == 1 else "deputy" if number == 3 else "none",
                head_name="" if number == 4 else "负责人",
                substitute_name="王科员" if number == 4 else "",
                excuse="irreplaceable_duty" if number == 4 else "",
            )
        services.litigation_conclude(
            actor=admin, case=case, on=dt.date(2022, 6, number), outcome=outcome
        )
    register(admin, tree, the_court, number=9)  # pending: not concluded

    assert _value("litigation.first_instance_concluded").value == 4
    rate = _value("litigation.mediated_or_withdrawn_rate")
    assert (rate.numerator, rate.denominator, str(rate.value)) == (2, 4, "50.00")
    assert _value("litigation.lost_rate").numerator == 1
    assert _value("litigation.head_appearance_required").value == 3
    assert _value("litigation.head_appearance_actual").value == 2
    assert _value("litigation.head_appearance_principal").value == 1
    assert str(_value("litigation.head_appearance_rate").value) == "66.67"
    assert _value("litigation.first_instance_concluded", scope=tree.market).value == 3
    assert _value("litigation.head_appearance_required", scope=tree.town).value == 1
    assert _value("litigation.first_instance_concluded", year=2021).value == 0
