"""Selectors: figures in SQL, public reads that never expose private fields, scoping."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.consultations import selectors, services
from fazhi.core.errors import NotFound, PermissionDenied
from fazhi.core.models import Organization

pytestmark = pytest.mark.django_db


def test_figures_over_consultations_of_a_model(consultation, tree, users, today):
    drafter = users["drafter"]
    services.consultation_open(
        subject=tree.town,
        organization=tree.market,
        title="第二个",
        text="第一条 内容",
        starts_on=today,
        ends_on=today + dt.timedelta(days=20),
        minimum_days=7,
        actor=drafter,
    )
    for body, outcome in [("甲", "adopted"), ("乙", "partly"), ("丙", "not_adopted")]:
        comment = services.comment_submit(consultation=consultation, body=body)
        services.comment_moderate(comment=comment, approve=True, actor=drafter)
        services.comment_respond(comment=comment, outcome=outcome, reason="理由", actor=drafter)
    spam = services.comment_submit(consultation=consultation, body="垃圾")
    services.comment_moderate(comment=spam, approve=False, actor=drafter)
    figures = selectors.consultation_figures(
        selectors.consultations_of(model=Organization, year=consultation.starts_on.year, scope=None)
    )
    assert figures.consultations == 2
    assert figures.comments_received == 3
    assert (figures.adoption_rate.numerator, figures.adoption_rate.denominator) == (2, 3)
    assert figures.average_length_days == 30.0
    out_of_scope = selectors.consultations_of(
        model=Organization, year=consultation.starts_on.year, scope=tree.enforcement
    )
    assert selectors.consultation_figures(out_of_scope).consultations == 0


def test_staff_list_is_scoped(consultation, users):
    assert list(selectors.consultation_list(user=users["drafter"])) == [consultation]
    assert list(selectors.consultation_list(user=users["justice_legal_officer"])) == [consultation]
    assert not selectors.consultation_list(user=users["enforcement_officer"]).exists()
    with pytest.raises(PermissionDenied):
        selectors.consultation_get(user=users["enforcement_officer"], pk=consultation.pk)


def test_public_reads(consultation, users, today):
    comment = services.comment_submit(
        consultation=consultation, body="公开意见", name="李某", contact="139"
    )
    assert list(selectors.public_open_list(today=today)) == [consultation]
    assert not selectors.public_comments(consultation=consultation).exists()
    services.comment_moderate(comment=comment, approve=True, actor=users["drafter"])
    assert [c.body for c in selectors.public_comments(consultation=consultation)] == ["公开意见"]
    found = selectors.comment_by_receipt(code=comment.receipt_code.lower())
    assert found == comment
    with pytest.raises(NotFound):
        selectors.comment_by_receipt(code="NOPE")
