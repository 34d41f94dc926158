"""Fixtures of learning: a justice-bureau organiser, certified officers (one who logs in), a
city-managed leader, and a small question bank."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.forms.models import model_to_dict

from fazhi.core.errors import ApplicationError
from fazhi.core.models import DomainEvent, LeaderLevel, Person
from fazhi.learning.models import QuestionKind, SessionKind
from fazhi.learning.services import exams, training
from tests.factories import CertifiedOfficerFactory, PersonFactory


@dataclass
class Learning:
    tree: object
    users: dict
    justice: object
    officer: Person
    other: Person
    leader: Person


@pytest.fixture
def lrn(tree, users) -> Learning:
    officer = CertifiedOfficerFactory(
        organization=tree.town, name="执法员甲", user=users["enforcement_officer"]
    )
    other = CertifiedOfficerFactory(organization=tree.market, name="执法员乙")
    leader = PersonFactory(
        organization=tree.market, name="局长甲", leader_level=LeaderLevel.CITY_MANAGED
    )
    justice = users["justice_legal_officer"]
    for number in range(6):
        exams.question_create(
            actor=justice,
            organization=tree.justice,
            kind=QuestionKind.SINGLE,
            stem=f"第{number}题：除法律另有规定外，执法人员不得少于几人？",
            options=["一人", "两人", "三人"],
            answer=["B"],
        )
    exams.question_create(
        actor=justice,
        organization=tree.justice,
        kind=QuestionKind.MULTIPLE,
        stem="下列属于行政处罚种类的有：",
        options=["警告", "罚款", "行政拘留", "赔礼道歉"],
        answer=["A", "B", "C"],
    )
    return Learning(tree, users, justice, officer, other, leader)


def held_session(lrn: Learning, held_on: dt.date | None = None, hours: str = "6"):
    return training.session_create(
        actor=lrn.justice,
        organization=lrn.tree.justice,
        kind=SessionKind.OFFICER_OFFLINE,
        title="行政执法人员学法培训",
        held_on=held_on or dt.date(2022, 3, 1),
        hours=Decimal(hours),
    )


def refused(code: str, call, *records, field: str | None = None) -> ApplicationError:
    """The call is refused with ``code`` (and ``field``), and nothing changed."""

    def state():
        return [model_to_dict(r.__class__.objects.get(pk=r.pk)) for r in records] + [
            DomainEvent.objects.count()
        ]

    before = state()
    with pytest.raises(ApplicationError) as caught:
        call()
    assert caught.value.code == code
    if field is not None:
        assert caught.value.field == field
    assert state() == before
    return caught.value
