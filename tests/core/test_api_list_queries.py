"""The main API lists answer 1 and 20 rows with the same number of queries (issue 19).

Enforcement cases are covered in tests/enforcement/test_api_queries.py; here: mediation,
reconsideration, litigation and normative documents.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.disputes.factories import committee, mediator
from tests.disputes.factories import register as mediation_register
from tests.litigation.factories import court
from tests.litigation.factories import register as litigation_register
from tests.normdocs.conftest import setup  # noqa: F401  (fixture)
from tests.reconsideration.factories import receive

pytestmark = pytest.mark.django_db


def _queries(client, url: str, rows: int) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert response.json()["count"] == rows
    return len(captured.captured_queries)


def _at_1_and_20(client, url: str, add_rows: Callable[[int], None]) -> None:
    add_rows(1)
    one = _queries(client, url, 1)
    add_rows(19)
    assert _queries(client, url, 20) == one


def test_mediation_case_list(client, tree, users):
    town_committee = committee(tree.town)
    mediator(town_committee)
    counter = iter(range(1, 1000))

    def add(n: int) -> None:
        for _ in range(n):
            mediation_register(users["mediator"], town_committee, f"2022-{next(counter):03d}")

    client.force_login(users["justice_legal_officer"])
    _at_1_and_20(client, "/api/disputes/cases/", add)


def test_reconsideration_case_list(client, tree, users):
    def add(n: int) -> None:
        for _ in range(n):
            receive(users["reconsideration_officer"], tree)

    client.force_login(users["reconsideration_officer"])
    _at_1_and_20(client, "/api/reconsideration/cases/", add)


def test_litigation_case_list(client, tree, users):
    the_court = court()
    counter = iter(range(1, 1000))

    def add(n: int) -> None:
        for _ in range(n):
            litigation_register(users["department_legal_officer"], tree, the_court, next(counter))

    client.force_login(users["department_legal_officer"])
    _at_1_and_20(client, "/api/litigation/cases/", add)


def test_normative_document_list(client, users, setup):  # noqa: F811
    counter = iter(range(1, 1000))

    def add(n: int) -> None:
        for _ in range(n):
            setup.create(title=f"海宁市规范性文件{next(counter)}")

    client.force_login(users["drafter"])
    _at_1_and_20(client, "/api/normdocs/documents/", add)


# --- keyset (cursor) mode: no count, the same queries at 1 and 20 rows -------------------------


def _cursor_queries(client, url: str, rows: int) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    body = response.json()
    assert "count" not in body
    assert len(body["results"]) == rows
    return len(captured.captured_queries)


def _cursor_at_1_and_20(client, url: str, add_rows: Callable[[int], None]) -> None:
    add_rows(1)
    one = _cursor_queries(client, url, 1)
    add_rows(19)
    assert _cursor_queries(client, url, 20) == one


def test_mediation_case_list_cursor(client, tree, users):
    town_committee = committee(tree.town)
    mediator(town_committee)
    counter = iter(range(1, 1000))

    def add(n: int) -> None:
        for _ in range(n):
            mediation_register(users["mediator"], town_committee, f"2022-{next(counter):03d}")

    client.force_login(users["justice_legal_officer"])
    _cursor_at_1_and_20(client, "/api/disputes/cases/?cursor=", add)
