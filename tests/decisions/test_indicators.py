"""Indicators: counted from records in SQL, scoped by organisation subtree."""

from __future__ import annotations

import pytest

from fazhi.core import indicators
from tests.decisions import factories as f

pytestmark = pytest.mark.django_db


def _value(key: str, scope=None):
    return indicators.evaluate(indicators.get(key), 2022, scope)


def test_figures_follow_records_and_scope(tree, users):
    decision = f.launched(tree, users)
    f.ready_for_collective(decision, users)
    assert _value("decisions.decisions_made").value == 0
    assert _value("decisions.procedure_compliance").value is None
    f.collective(decision, users)
    assert _value("decisions.catalog_entries").value == 1
    assert _value("decisions.catalog_entries", tree.town).value == 0
    compliance = _value("decisions.procedure_compliance")
    assert (compliance.numerator, compliance.denominator) == (1, 1)
    assert _value("decisions.procedure_compliance", tree.town).denominator == 0
    # 2022-04-06 to 2022-05-06: 30 days; two comments, one adopted, one not.
    assert _value("decisions.average_consultation_days").value == 30
    assert _value("decisions.comments_received").value == 2
    rate = _value("decisions.comment_adoption_rate")
    assert (rate.numerator, rate.denominator) == (1, 2)
    assert _value("decisions.comments_received", tree.town).value == 0
