"""API list endpoints of enforcement: the number of queries does not grow with the rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.enforcement import services
from fazhi.enforcement.models import PartyType, PenaltyCase
from tests.enforcement.conftest import _row, open_case

pytestmark = pytest.mark.django_db


def _queries(client, url: str, rows: int) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert response.json()["count"] == rows
    return len(captured.captured_queries)


def _at_1_and_20(client, url: str, add_rows) -> None:
    add_rows(1)
    one = _queries(client, url, 1)
    add_rows(19)
    assert _queries(client, url, 20) == one


def test_case_list_queries_do_not_grow(client, enf, tree):
    def add(n):
        for _ in range(n):
            case = open_case(enf, tree)
            # The exemption is serialised by code: it must be joined, not read per case.
            PenaltyCase.objects.filter(pk=case.pk).update(exemption=enf.exemption)

    client.force_login(enf.town_officer)
    _at_1_and_20(client, "/api/enforcement/cases/", add)


def test_case_list_cursor_queries_do_not_grow(client, enf, tree):
    """Keyset pages (issue 19): no count, the same queries at 1 and 20 rows."""
    sizes = []

    def add(n):
        for _ in range(n):
            case = open_case(enf, tree)
            PenaltyCase.objects.filter(pk=case.pk).update(exemption=enf.exemption)

    client.force_login(enf.town_officer)
    for n in (1, 19):
        add(n)
        with CaptureQueriesContext(connection) as captured:
            body = client.get("/api/enforcement/cases/?cursor=").json()
        assert "count" not in body and body["next"] is None
        sizes.append((len(body["results"]), len(captured.captured_queries)))
    assert [rows for rows, _q in sizes] == [1, 20]
    assert sizes[0][1] == sizes[1][1]


def test_commitment_list_queries_do_not_grow(client, enf, tree):
    def add(n):
        for _ in range(n):
            services.commitment_notify(
                actor=enf.town_officer,
                organization=tree.town,
                exemption=enf.exemption,
                party=services.Party(PartyType.CITIZEN, "张三", "330481198001010016"),
                facts="摊点",
                violation_date=dt.date(2022, 3, 30),
                notice_on=dt.date(2022, 4, 1),
                correct_by=dt.date(2022, 4, 11),
            )

    client.force_login(enf.town_officer)
    _at_1_and_20(client, "/api/enforcement/commitments/", add)


def test_item_list_queries_do_not_grow(client, users, tree):
    counter = iter(range(1000))

    def add(n):
        services.items_import(
            actor=users["administrator"],
            rows=[
                _row(f"Q-{next(counter)}", tree.enforcement, delegated_to=[tree.town.code])
                for _ in range(n)
            ],
        )

    client.force_login(users["leader"])
    _at_1_and_20(client, "/api/enforcement/items/", add)


def test_exemption_list_queries_do_not_grow(client, users, enf):
    counter = iter(range(1000))

    def add(n):
        for _ in range(n):
            services.exemption_add(
                actor=users["administrator"],
                code=f"Q-{next(counter)}",
                effective_from=dt.date(2022, 1, 1),
                list_name="清单",
                issuer="某局",
                list_type="不予处罚",
                category="市容",
                violation="行为",
                legal_basis="依据",
                conditions="条件",
                item=enf.item,
            )

    client.force_login(users["leader"])
    _at_1_and_20(client, "/api/enforcement/exemptions/?on=2022-06-01&search=Q-", add)
