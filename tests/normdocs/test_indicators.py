"""Indicators are computed from records, for a year and within an organisation's subtree."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core import indicators
from fazhi.normdocs import services

pytestmark = pytest.mark.django_db


def _value(key: str, year: int = 2022, scope=None):
    return indicators.evaluate(indicators.get(key), year, scope).value


def test_figures_follow_records_year_and_scope(setup):
    tree = setup.tree
    setup.issued(setup.create())
    setup.create(title="仍在起草")
    assert _value("normdocs.issued_by_city_government") == 1
    assert _value("normdocs.issued_by_city_government", 2023) == 0
    assert _value("normdocs.issued_by_city_government", scope=tree.market) == 1
    assert _value("normdocs.issued_by_city_government", scope=tree.enforcement) == 0
    assert str(_value("normdocs.public_comment_rate")) == "100.00"
    assert _value("normdocs.public_comment_rate", 2023) is None  # no documents: no rate
    assert _value("normdocs.joint_review_types") == 2
    assert _value("normdocs.joint_review_units") == 2
    assert _value("normdocs.joint_review_types", 2021) == 0
    inspection = services.inspection_open(
        actor=setup.users["supervisor"],
        organization=tree.justice,
        title="检查",
        kind="special",
        started_on=dt.date(2022, 6, 1),
    )
    services.inspection_select_documents(actor=setup.users["supervisor"], inspection=inspection)
    assert _value("normdocs.special_inspections") == 1
    assert _value("normdocs.inspection_findings") == 0
