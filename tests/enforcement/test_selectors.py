"""Consistency (类案同罚) in SQL and the case figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core.errors import PermissionDenied
from fazhi.core.indicators import evaluate, get
from fazhi.enforcement import selectors, services
from fazhi.enforcement.models import CaseOutcome, ReviewOutcome
from tests.enforcement.conftest import notified_case

pytestmark = pytest.mark.django_db


def penalise(enf, tree, fine: int, *, reason: str = "", publish_after: int | None = 2, **changes):
    case = notified_case(enf, tree, fine=Decimal(fine), **changes)
    # The party waives its window in writing, so every decision here may be made on 16 March.
    services.case_rights_waive(
        actor=enf.town_officer, case=case, on=dt.date(2022, 3, 11), note="书面放弃"
    )
    if case.is_major:
        services.case_legal_review(
            actor=enf.reviewer,
            case=case,
            on=dt.date(2022, 3, 12),
            outcome=ReviewOutcome.APPROVED,
            opinion="同意",
        )
        services.case_collective_discussion(
            actor=enf.town_officer, case=case, on=dt.date(2022, 3, 13), minutes="纪要"
        )
    case = services.case_decide(
        actor=enf.town_officer,
        case=case,
        on=dt.date(2022, 3, 16),
        outcome=CaseOutcome.PENALTY,
        penalty_kinds=["fine"],
        fine_amount=Decimal(fine),
        deviation_reason=reason,
    )
    if publish_after is not None:
        services.case_publish(
            actor=enf.town_officer, case=case, on=dt.date(2022, 3, 16) + dt.timedelta(publish_after)
        )
    return case


def test_median_and_mad_flag_the_case_far_from_its_peers(enf, tree, users):
    amounts = [8000, 9000, 10000, 10000, 11000, 12000]
    for amount in amounts:
        penalise(enf, tree, amount)
    outlier = penalise(enf, tree, 19500)
    start, end = dt.date(2022, 1, 1), dt.date(2022, 12, 31)
    spread = selectors.consistency_spread(user=users["supervisor"], start=start, end=end)
    # 7 ordinary-grade cases: median 10000; deviations 2000,1000,0,0,1000,2000,9500 → MAD 1000.
    assert [(s.grade, s.cases, s.median, s.mad) for s in spread] == [
        ("ordinary", 7, Decimal("10000.00"), Decimal("1000.00"))
    ]
    flagged = selectors.consistency_flagged(user=users["supervisor"], start=start, end=end)
    assert [(f.case_id, f.score) for f in flagged] == [(outlier.pk, Decimal("6.41"))]
    # An officer of another town sees nothing of 长安镇's cases.
    with pytest.raises(PermissionDenied):
        selectors.consistency_flagged(user=users["mediator"], start=start, end=end)
    assert (
        selectors.consistency_flagged(
            user=users["enforcement_officer"], start=start, end=end, organization=tree.town
        )
        == flagged
    )
    with pytest.raises(PermissionDenied):
        selectors.consistency_flagged(
            user=enf.other_town_officer, start=start, end=end, organization=tree.town
        )


def test_fewer_than_five_peers_are_not_compared(enf, tree, users):
    for amount in (8000, 9000, 19000):
        penalise(enf, tree, amount)
    assert (
        selectors.consistency_flagged(
            user=users["justice_legal_officer"],
            start=dt.date(2022, 1, 1),
            end=dt.date(2022, 12, 31),
        )
        == []
    )


def test_publicity_timeliness_and_legal_review_coverage(enf, tree):
    penalise(enf, tree, 9000, publish_after=3)  # on time
    penalise(enf, tree, 9000, publish_after=30)  # late
    penalise(enf, tree, 9000, publish_after=None)  # not published
    penalise(enf, tree, 9000, is_major=True, major_reason="重大")
    timeliness = evaluate(get("enforcement.publicity_timeliness"), 2022)
    assert (timeliness.numerator, timeliness.denominator) == (2, 4)
    coverage = evaluate(get("enforcement.legal_review_coverage"), 2022)
    assert (coverage.numerator, coverage.denominator, coverage.value) == (1, 1, Decimal("100.00"))
    assert evaluate(get("enforcement.publicity_timeliness"), 2022, tree.other_town).denominator == 0


def test_exemption_figure_counts_items_in_force_on_31_december(enf, users):
    services.exemption_adjust(
        actor=users["administrator"],
        exemption=enf.exemption,
        on=dt.date(2022, 7, 1),
        reason="调整",
        conditions="新条件",
    )
    assert evaluate(get("enforcement.minor_violation_exemptions"), 2022).value == 1
    services.exemption_repeal(
        actor=users["administrator"],
        exemption=enf.exemption,
        on=dt.date(2022, 12, 31),
        reason="废止",
    )
    assert evaluate(get("enforcement.minor_violation_exemptions"), 2022).value == 0
    assert evaluate(get("enforcement.minor_violation_exemptions"), 2021).value == 0
