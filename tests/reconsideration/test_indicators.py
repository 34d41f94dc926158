"""The reconsideration figures, counted in SQL, per year and scope, following changes."""

from __future__ import annotations

import datetime as dt

from fazhi.core import indicators
from fazhi.litigation import services as litigation_services
from fazhi.reconsideration import services
from tests.factories import OrganizationFactory
from tests.reconsideration.factories import accepted, receive


def _value(key, year=2022, scope=None):
    return indicators.evaluate(indicators.get(key), year, scope)


def test_figures_follow_the_cases(tree, users):
    officer = users["reconsideration_officer"]
    admin = users["administrator"]
    # 2017 rule set: mediation of a discretionary act, without a suspension (Reg 50).
    mediated = accepted(officer, tree, act_discretionary=True)
    services.reconsideration_mediate(
        actor=officer, case=mediated, on=dt.date(2022, 3, 20), summary="调解"
    )
    upheld = accepted(officer, tree, respondent=tree.town)
    upheld = services.reconsideration_decide(
        actor=officer, case=upheld, on=dt.date(2022, 4, 29), decision="uphold", summary="维持"
    )
    # Accepted as of receipt on 4 Jan (2017 art 17): due Mon 7 Mar (5 Mar is a Saturday).
    late = accepted(officer, tree, received_on=dt.date(2022, 1, 4))
    services.reconsideration_decide(
        actor=officer, case=late, on=dt.date(2022, 3, 10), decision="uphold", summary="维持"
    )
    receive(officer, tree)  # still under review
    rejected = receive(officer, tree)
    services.reconsideration_reject(
        actor=officer, case=rejected, on=dt.date(2022, 3, 2), reason="不属于行政复议范围"
    )

    assert _value("reconsideration.received").value == 5
    assert _value("reconsideration.concluded").value == 3
    assert _value("reconsideration.mediation_rate").numerator == 1
    on_time = _value("reconsideration.decision_on_time_rate")
    assert (on_time.numerator, on_time.denominator) == (2, 3)
    assert _value("reconsideration.concluded", scope=tree.town).value == 1
    assert _value("reconsideration.received", year=2021).value == 0

    court = OrganizationFactory(code="COURT", kind="court")
    suit = litigation_services.litigation_case_register(
        actor=admin,
        organization=tree.town,
        court=court,
        court_case_no="（2022）浙0481行初1号",
        trial_level="first",
        plaintiff_name="张三",
        cause="行政处罚",
        contested_act="行政处罚决定",
        filed_on=dt.date(2022, 7, 10),
        origin_reconsideration=upheld,
    )
    rate = _value("reconsideration.litigated_after_rate")
    assert (rate.numerator, rate.denominator, str(rate.value)) == (1, 3, "33.33")
    assert _value("reconsideration.lost_in_court").value == 0
    litigation_services.litigation_conclude(
        actor=admin, case=suit, on=dt.date(2022, 11, 1), outcome="annul"
    )
    assert _value("reconsideration.lost_in_court").value == 1
    assert _value("reconsideration.lost_in_court", year=2023).value == 0
