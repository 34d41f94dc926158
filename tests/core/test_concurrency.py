"""Numbers stay unique and gap-free when many requests take them at once (PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from fazhi.core import services
from fazhi.core.models import IssuedNumber, Organization

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WORKERS = 8
EACH = 5


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_concurrent_issue_is_unique_and_gap_free():
    organization = Organization.objects.create(
        code="CITY", name="市政府", kind="city_government", path="00000001/"
    )
    services.number_series_create(
        key="city", name="x", template="海政规〔{year}〕{seq}号", organization=organization
    )
    barrier = threading.Barrier(WORKERS)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            barrier.wait()
            for _ in range(EACH):
                services.number_issue(series_key="city", year=2022)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    sequences = sorted(IssuedNumber.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, WORKERS * EACH + 1))
    assert IssuedNumber.objects.values("number").distinct().count() == WORKERS * EACH
