"""API list endpoints of supervision: the number of queries does not grow with the rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.supervision import services
from fazhi.supervision.models import CampaignKind

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


@pytest.mark.parametrize("endpoint", ["supervisors", "campaigns", "notices", "accountability"])
def test_list_queries_do_not_grow(client, users, tree, endpoint):
    supervisor = users["supervisor"]

    def add(n):
        for _ in range(n):
            if endpoint == "supervisors":
                services.supervisor_appoint(
                    actor=supervisor,
                    organization=tree.city,
                    name="王建国",
                    work_unit="律师",
                    sector="律师",
                    appointment_document="文件",
                    term_start=dt.date(2021, 7, 1),
                    term_end=dt.date(2030, 6, 30),
                )
            elif endpoint == "campaigns":
                campaign = services.campaign_create(
                    actor=supervisor,
                    organization=tree.justice,
                    title="专项",
                    kind=CampaignKind.SPECIAL_INSPECTION,
                    started_on=dt.date(2022, 3, 1),
                )
                _notice(supervisor, tree, campaign)
            elif endpoint == "notices":
                _notice(supervisor, tree)
            else:
                services.accountability_record(
                    actor=supervisor,
                    organization=tree.town,
                    person_name="某队员",
                    fault="逾期公示",
                    measure="批评教育",
                    decided_on=dt.date(2022, 7, 20),
                    notice=_notice(supervisor, tree),
                )

    client.force_login(supervisor)
    _at_1_and_20(client, f"/api/supervision/{endpoint}/", add)


def _notice(supervisor, tree, campaign=None):
    return services.notice_issue(
        actor=supervisor,
        issuer=tree.justice,
        organization=tree.town,
        campaign=campaign,
        problems="问题",
        issued_on=dt.date(2022, 6, 1),
        rectify_by=dt.date(2022, 7, 1),
    )
