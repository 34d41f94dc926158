"""The pure rules: the discretion calculator, limitation and the outlier score."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.enforcement.domain import (
    Circumstance,
    Peer,
    limitation_ends,
    modified_z,
    needs_hearing,
    parse_circumstances,
    propose_grade,
)


def test_minor_corrected_harmless_proposes_no_penalty():
    proposal = propose_grade(
        {Circumstance.FIRST_VIOLATION, Circumstance.CORRECTED_PROMPTLY, Circumstance.NO_HARM}
    )
    assert proposal.grade == "no_penalty"
    assert "第三十三条" in proposal.reasons[0]


@pytest.mark.parametrize(
    ("circumstances", "grade"),
    [
        (set(), "ordinary"),
        ({Circumstance.REDUCED_HARM}, "lighter"),
        ({Circumstance.REDUCED_HARM, Circumstance.COERCED}, "mitigated"),
        ({Circumstance.REPEAT}, "heavier"),
        # Aggravating circumstances exclude leniency.
        ({Circumstance.REPEAT, Circumstance.REDUCED_HARM}, "heavier"),
        ({Circumstance.CORRECTED_PROMPTLY, Circumstance.NO_HARM, Circumstance.REPEAT}, "heavier"),
    ],
)
def test_grades(circumstances, grade):
    assert propose_grade(circumstances).grade == grade


def test_unknown_circumstance_is_named():
    with pytest.raises(ValueError, match="bribery"):
        parse_circumstances(["no_harm", "bribery"])


def test_limitation_counts_whole_years_and_29_february():
    assert limitation_ends(dt.date(2020, 3, 1), years=2) == dt.date(2022, 3, 1)
    assert limitation_ends(dt.date(2020, 2, 29), years=2) == dt.date(2022, 2, 28)


def test_hearing_for_large_fines_and_heavy_kinds():
    threshold = Decimal(10000)
    assert needs_hearing(fine=Decimal(10000), kinds=["fine"], threshold=threshold)
    assert not needs_hearing(fine=Decimal(9999), kinds=["fine"], threshold=threshold)
    assert needs_hearing(fine=None, kinds=["revoke_permit"], threshold=threshold)
    assert not needs_hearing(fine=Decimal(99999), kinds=["fine"], threshold=None)


def test_modified_z_score():
    peer = Peer(median=Decimal(10000), mad=Decimal(1000))
    assert modified_z(Decimal(16000), peer) == Decimal("4.05")
    assert modified_z(Decimal(16000), Peer(Decimal(1), Decimal(0))) is None
