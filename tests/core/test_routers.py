"""The replica router: report and dashboard reads go to the replica alias when one is
configured; writes, accounts, transactions and every other request stay on the primary."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import RequestFactory

from fazhi.core import routers
from fazhi.core.models import Organization
from fazhi.core.routers import ReplicaReadsMiddleware, ReportReplicaRouter, replica_reads
from fazhi.disputes.models import MediationCase
from fazhi.reports.models import AnnualReport as Report

router = ReportReplicaRouter()


def _read_db_during(method: str, path: str, model) -> str | None:
    seen: list[str | None] = []

    def view(request):
        seen.append(router.db_for_read(model))
        return None

    ReplicaReadsMiddleware(view)(getattr(RequestFactory(), method)(path))
    return seen[0]


def test_off_by_default():
    from django.conf import settings

    assert "replica" not in settings.DATABASES
    assert "fazhi.core.routers.ReportReplicaRouter" in settings.DATABASE_ROUTERS
    assert _read_db_during("get", "/dashboards/", MediationCase) is None
    with replica_reads():
        assert router.db_for_read(Report) is None


@pytest.fixture
def configured(monkeypatch):
    monkeypatch.setattr(routers, "replica_configured", lambda: True)


@pytest.mark.django_db(transaction=True)  # outside any test transaction, as a request is
def test_report_and_dashboard_reads_go_to_the_replica(configured):
    for path in ("/dashboards/", "/reports/", "/api/reports/reports/", "/api/indicators/"):
        assert _read_db_during("get", path, Report) == "replica", path
        assert _read_db_during("get", path, MediationCase) == "replica", path
        assert _read_db_during("get", path, Organization) == "replica", path


@pytest.mark.django_db(transaction=True)
def test_everything_else_stays_on_the_primary(configured):
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.models import Session

    assert _read_db_during("post", "/reports/", Report) is None  # a write request
    assert _read_db_during("get", "/disputes/", MediationCase) is None  # not a report path
    with replica_reads():
        assert router.db_for_read(get_user_model()) is None  # accounts see the newest write
        assert router.db_for_read(Session) is None
        assert router.db_for_write(Report) == "default"
    assert router.allow_migrate("replica", "reports") is False
    assert router.allow_migrate("default", "reports") is None


@pytest.mark.django_db(transaction=True)  # no test transaction around it: the block below is
def test_reads_inside_a_transaction_stay_on_the_primary(configured):  # the only one
    with replica_reads():
        assert router.db_for_read(Report) == "replica"
        with transaction.atomic():
            assert router.db_for_read(Report) is None
