"""Big ledgers' lists (issue 19): keyset pagination through the API and counts."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.listing import LedgerPaginator, _encode, ledger_count
from fazhi.disputes.models import MediationCase
from tests.disputes.factories import committee, mediator
from tests.disputes.factories import register as mediation_register

pytestmark = pytest.mark.django_db

URL = "/api/disputes/cases/"


@pytest.fixture
def cases(tree, users):
    town_committee = committee(tree.town)
    mediator(town_committee)
    for n in range(1, 8):
        mediation_register(
            users["mediator"], town_committee, f"2022-{n:03d}", registered_on=dt.date(2022, 3, n)
        )
    # Several cases on one date: the id breaks the ties, so no page repeats or skips a row.
    MediationCase.objects.filter(case_no__in=["2022-002", "2022-003", "2022-004"]).update(
        registered_on=dt.date(2022, 3, 1)
    )
    return list(
        MediationCase.objects.order_by("-registered_on", "-id").values_list("pk", flat=True)
    )


def _walk(client, url: str) -> list[int]:
    seen: list[int] = []
    while url:
        body = client.get(url).json()
        assert "count" not in body
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    return seen


def test_cursor_pages_follow_the_default_order_without_repeats(client, users, cases):
    client.force_login(users["justice_legal_officer"])
    assert _walk(client, f"{URL}?cursor=&page_size=2") == cases
    assert _walk(client, f"{URL}?cursor=&page_size=50") == cases


def test_cursor_keeps_the_filters(client, users, cases):
    client.force_login(users["justice_legal_officer"])
    MediationCase.objects.filter(pk=cases[0]).update(kind="contract")
    rows = _walk(client, f"{URL}?cursor=&page_size=1&kind=contract")
    assert rows == list(
        MediationCase.objects.filter(kind="contract")
        .order_by("-registered_on", "-id")
        .values_list("pk", flat=True)
    )


def test_cursor_answers_only_the_callers_scope(client, users, cases):
    client.force_login(users["drafter"])  # no mediation scope over the town's committee
    body = client.get(f"{URL}?cursor=").json()
    visible = set(
        MediationCase.objects.filter(pk__in=[row["id"] for row in body["results"]]).values_list(
            "pk", flat=True
        )
    )
    assert visible <= set(cases)
    assert len(body["results"]) <= len(cases)


@pytest.mark.parametrize("cursor", ["not-base64!", _encode(["2022-01-01"]), _encode(["x", "1"])])
def test_a_bad_cursor_is_refused(client, users, cases, cursor):
    client.force_login(users["justice_legal_officer"])
    response = client.get(f"{URL}?cursor={cursor}")
    assert response.status_code == 400
    assert response.json()["field"] == "cursor"


def test_cursor_with_an_ordering_is_refused(client, users, cases):
    client.force_login(users["justice_legal_officer"])
    response = client.get(f"{URL}?cursor=&ordering=case_no")
    assert response.status_code == 400
    assert response.json()["field"] == "ordering"


def test_page_mode_stays_the_default_with_an_exact_count_on_sqlite(client, users, cases):
    client.force_login(users["justice_legal_officer"])
    body = client.get(f"{URL}?page_size=2").json()
    assert body["count"] == len(cases)
    assert body["count_exact"] is True
    assert body["previous"] is None and "page=2" in body["next"]


def test_ledger_count_is_exact_off_postgresql(cases):
    counted = ledger_count(MediationCase.objects.all())
    assert (counted.value, counted.exact) == (len(cases), True)
    assert LedgerPaginator(MediationCase.objects.all(), 2).estimated is False


def test_the_case_list_page_shows_the_exact_total(client, users, cases):
    client.force_login(users["justice_legal_officer"])
    page = client.get("/disputes/cases/").content.decode()
    assert f"共 {len(cases)} 条" in page
    assert "精确计数" not in page


def test_a_list_in_memory_is_counted_by_its_length():
    assert ledger_count([1, 2, 3]) == ledger_count([3, 2, 1])
    assert ledger_count([1, 2, 3]).value == 3


def test_a_filter_that_matches_nothing_counts_zero_on_every_backend():
    """A scope with no units gives ``pk__in=[]``: the planner is never asked (Django refuses
    to compile such SQL), and the answer is 0, not a server error."""
    for empty in (MediationCase.objects.none(), MediationCase.objects.filter(pk__in=[])):
        assert ledger_count(empty).value == 0
        assert LedgerPaginator(empty, 20).count == 0
