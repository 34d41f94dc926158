"""History pages read as Chinese: field labels, 是/否, choice labels, Beijing time, no raw keys.

Rendered for a penalty case (list fields of codes, booleans, choices), a reconsideration case
and a mediation case.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.urls import reverse

from fazhi.core.models import Person
from fazhi.disputes import services as dispute_services
from fazhi.disputes.models import Outcome
from fazhi.enforcement import services
from fazhi.enforcement.models import CaseOutcome
from tests.disputes.factories import committee, mediator
from tests.disputes.factories import register as dispute_register
from tests.enforcement.conftest import notified_case
from tests.reconsideration.factories import accepted

RAW = re.compile(r"\['|'\]|\bTrue\b|\bFalse\b|\bNone\b|UTC|\+00:00|UNCONFIRMED")


def _history(client, instance) -> str:
    key = f"{instance._meta.app_label}.{instance._meta.model_name}"
    response = client.get(reverse("core:history", args=[key, instance.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _assert_readable(page: str) -> None:
    body = page.split("<main", 1)[-1]
    found = RAW.findall(body)
    assert not found, f"raw values on the history page: {found}"


def test_penalty_case_history_shows_labels(client, enf, tree):
    Person.objects.create(name="执法员赵六", organization=tree.town, user=enf.town_officer)
    case = notified_case(enf, tree, fine=Decimal(6000))
    case = services.case_decide(
        actor=enf.town_officer,
        case=case,
        on=dt.date(2022, 3, 20),
        outcome=CaseOutcome.PENALTY,
        penalty_kinds=["fine"],
        fine_amount=Decimal(6000),
        circumstances=["first_violation", "corrected_promptly"],
    )
    client.force_login(enf.town_officer)
    page = _history(client, case)
    _assert_readable(page)
    assert "first_violation" not in page
    assert "及时改正、初次违法" in page  # stored sorted
    assert "裁量情节" in page  # the field's verbose name
    assert "给予行政处罚" in page  # a choice label
    assert "执法员赵六" in page  # a person's name, not the login


def test_reconsideration_and_mediation_history_read_as_chinese(client, tree, users):
    officer = users["reconsideration_officer"]
    case = accepted(officer, tree)
    client.force_login(officer)
    _assert_readable(_history(client, case))

    user = users["mediator"]
    town_committee = committee(tree.town)
    person = mediator(town_committee)
    mediation = dispute_register(user, town_committee)
    dispute_services.mediation_case_start(
        actor=user, case=mediation, on=dt.date(2022, 3, 2), mediator=person
    )
    mediation = dispute_services.mediation_case_conclude(
        actor=user,
        case=mediation,
        on=dt.date(2022, 3, 8),
        outcome=Outcome.AGREEMENT_ORAL,
        agreement_terms="甲方当场赔偿乙方五百元。",
    )
    client.force_login(user)
    page = _history(client, mediation)
    _assert_readable(page)
    assert "调解成功（口头协议）" in page
