"""Incidental review of a normative document: the clocks beyond the first 30 days / 7 working
days, on both sides of 2024-01-01 and across the 2024 National Day 调休 (Sun 29 Sep and Sat 12
Oct worked). 2017 art 26: the receiving body has 60 days; the 2017 texts do not ask the drafter.
2023 art 58 (with art 88): the drafter is notified within 3 working days of the suspension and
answers within 10 working days; art 60: the receiving body replies within 60 days."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from fazhi.core.errors import ApplicationError
from fazhi.reconsideration import steps
from fazhi.reconsideration.services import case_clock, decision_clock
from tests.reconsideration.factories import accepted

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(users):
    return users["reconsideration_officer"]


def _start(officer, case, on, *, self_: bool):
    return steps.reconsideration_incidental_start(
        actor=officer,
        case=case,
        on=on,
        raised_by_applicant=True,
        handled_by_self=self_,
        forwarded_to="" if self_ else "嘉兴市人民政府",
    )


def test_2023_drafter_notified_in_3_and_answers_in_10_working_days(tree, officer, users):
    """2023 art 58 para 1, art 88."""
    case = accepted(
        officer, tree, received_on=dt.date(2024, 9, 25), normative_document_text="海政发〔2024〕3号"
    )
    case = _start(officer, case, dt.date(2024, 9, 27), self_=True)
    notice = case_clock(case, "reconsideration.incidental_drafter_notice")
    # Sun 29 Sep (1), Mon 30 Sep (2), holiday 1–7 Oct, Tue 8 Oct (3).
    assert notice.due_date == dt.date(2024, 10, 8)
    api = APIClient()
    api.force_authenticate(officer)
    url = f"/api/reconsideration/cases/{case.pk}/"
    response = api.post(
        f"{url}incidental-drafter-notify/", {"on": "2024-09-30", "received_on": "2024-09-29"}
    )
    assert response.status_code == 400  # received before it was sent: nothing changed
    case.refresh_from_db()
    assert case.incidental_drafter_notified_on is None
    response = api.post(f"{url}incidental-drafter-notify/", {"on": "2024-09-30"})
    assert response.status_code == 200, response.json()
    notice.refresh_from_db()
    assert notice.status == "stopped"
    answer = case_clock(case, "reconsideration.incidental_drafter_answer")
    # 8–11 Oct (1–4), Sat 12 Oct 调休 (5), 14–18 Oct (6–10).
    assert answer.due_date == dt.date(2024, 10, 18)
    # Another unit's staff cannot take the step.
    api.force_authenticate(users["drafter"])
    assert api.post(
        f"{url}incidental-drafter-answer/", {"on": "2024-10-15", "answer": "合法"}
    ).status_code in (
        403,
        404,
    )
    case.refresh_from_db()
    case = steps.reconsideration_incidental_drafter_answer(
        actor=officer, case=case, on=dt.date(2024, 10, 15), answer="第三条有上位法依据。"
    )
    answer.refresh_from_db()
    assert answer.status == "stopped"
    case = steps.reconsideration_incidental_conclude(
        actor=officer, case=case, on=dt.date(2024, 10, 21), result="相关条款合法，在决定书中告知。"
    )
    assert decision_clock(case).status == "running"


def test_2017_has_no_drafter_step(tree, officer):
    """2017 arts 26–27 (spec 2017 §7): no procedure for hearing the drafter."""
    case = accepted(
        officer, tree, received_on=dt.date(2022, 3, 1), normative_document_text="海政发〔2021〕1号"
    )
    case = _start(officer, case, dt.date(2022, 3, 10), self_=True)
    assert case_clock(case, "reconsideration.incidental_drafter_notice") is None
    with pytest.raises(ApplicationError) as caught:
        steps.reconsideration_incidental_drafter_notify(
            actor=officer, case=case, on=dt.date(2022, 3, 11)
        )
    assert caught.value.code == "invalid_transition"
    # Concluding stops every incidental clock the case has, whatever its rule set.
    case = steps.reconsideration_incidental_conclude(
        actor=officer, case=case, on=dt.date(2022, 3, 30), result="已处理"
    )
    assert case_clock(case, "reconsideration.incidental_self_2017").status == "stopped"


def test_2017_receiving_body_has_60_days_cited_on_the_explanation(client, tree, officer):
    """2017 art 26: 60 days from receipt; 16 Mar 2022 + 60 = Sun 15 May → Mon 16 May."""
    case = accepted(
        officer, tree, received_on=dt.date(2022, 3, 1), normative_document_text="嘉政发〔2021〕5号"
    )
    case = _start(officer, case, dt.date(2022, 3, 10), self_=False)
    case = steps.reconsideration_incidental_forward(
        actor=officer, case=case, on=dt.date(2022, 3, 15), received_on=dt.date(2022, 3, 16)
    )
    clock = case_clock(case, "reconsideration.incidental_receiving_2017")
    assert clock.due_date == dt.date(2022, 5, 16)
    client.force_login(officer)
    page = client.get(reverse("core:clock_explain", args=[clock.pk])).content.decode()
    assert "《行政复议法》（2017）第二十六条" in page
    case = steps.reconsideration_incidental_conclude(
        actor=officer, case=case, on=dt.date(2022, 5, 10), result="已回复：予以修改"
    )
    clock.refresh_from_db()
    assert clock.status == "stopped"


def test_2023_receiving_body_replies_in_60_days_art_60(client, tree, officer):
    case = accepted(
        officer, tree, received_on=dt.date(2024, 9, 25), normative_document_text="嘉政发〔2023〕2号"
    )
    case = _start(officer, case, dt.date(2024, 9, 27), self_=False)
    case = steps.reconsideration_incidental_forward(
        actor=officer, case=case, on=dt.date(2024, 10, 8)
    )
    clock = case_clock(case, "reconsideration.incidental_receiving")
    # 8 Oct + 60 = Sat 7 Dec → Mon 9 Dec.
    assert clock.due_date == dt.date(2024, 12, 9)
    client.force_login(officer)
    page = client.get(reverse("core:clock_explain", args=[clock.pk])).content.decode()
    assert "《行政复议法》（2023）第六十条" in page
