"""Clock explanations cite the article of the rule version that applied (issue 15): the same
step (copy, answer) under the 2017 law for applications received up to 2023-12-31 and under
the 2023 law from 2024-01-01, across the National Day 调休 days."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from fazhi.core import deadlines
from fazhi.reconsideration import steps
from fazhi.reconsideration.services import case_clock
from tests.reconsideration.factories import accepted

pytestmark = pytest.mark.django_db


def _explained(client, clock) -> str:
    response = client.get(reverse("core:clock_explain", args=[clock.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_2017_answer_explanation_cites_2017_art_23_in_calendar_days(client, tree, users):
    officer = users["reconsideration_officer"]
    case = accepted(officer, tree, received_on=dt.date(2022, 9, 26))
    copy = case_clock(case, "reconsideration.copy_2017")
    case = steps.reconsideration_copy_send(
        actor=officer, case=case, on=dt.date(2022, 9, 28), received_on=dt.date(2022, 9, 29)
    )
    client.force_login(officer)
    page = _explained(client, copy)
    assert "《行政复议法》（2017）第二十三条第一款、第四十条" in page and "7个工作日" in page
    page = _explained(client, case_clock(case, "reconsideration.answer_2017"))
    assert "《行政复议法》（2017）第二十三条第一款" in page and "10日" in page
    assert "2023" not in page
    # A user outside the body's scope cannot read the explanation.
    client.force_login(users["drafter"])
    response = client.get(reverse("core:clock_explain", args=[copy.pk]))
    assert response.status_code in (403, 404)


def test_2023_answer_explanation_cites_2023_art_48_and_88_in_working_days(client, tree, users):
    officer = users["reconsideration_officer"]
    case = accepted(officer, tree, received_on=dt.date(2024, 9, 25))
    case = steps.reconsideration_copy_send(
        actor=officer, case=case, on=dt.date(2024, 9, 26), received_on=dt.date(2024, 9, 27)
    )
    client.force_login(officer)
    page = _explained(client, case_clock(case, "reconsideration.answer"))
    assert "《行政复议法》（2023）第四十八条、第八十八条" in page and "10个工作日" in page
    # The 调休 Sunday 29 Sep 2024 counts as the first working day.
    assert "2024-09-29" in page


def test_every_registered_clock_type_states_its_basis():
    from fazhi.core.procedures import load_all

    load_all()
    for clock_type in deadlines.all_types():
        assert clock_type.legal_basis.strip(), clock_type.key


def test_deadline_command_prints_the_article_of_the_clock_type():
    out = StringIO()
    call_command(
        "deadline", "2023-12-28", "--clock-type", "reconsideration.answer_2017", stdout=out
    )
    lines = out.getvalue().splitlines()
    # 10 calendar days from Thu 28 Dec 2023 end on Sun 7 Jan 2024: a rest day, rolled forward.
    assert lines[0] == "2024-01-08"
    assert "《行政复议法》（2017）第二十三条第一款" in lines[1]
    out = StringIO()
    call_command("deadline", "2024-01-02", "--clock-type", "reconsideration.answer", stdout=out)
    assert "（2023）第四十八条" in out.getvalue()
