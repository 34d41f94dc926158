"""The report's API: the declared steps, the section edit, refusals in the error shape, and
bounded queries on the list."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.reports import services
from fazhi.reports.models import AnnualReport, FrozenFigure, Status
from tests.factories import OrganizationFactory


def test_steps_through_the_api(client, drafted, users):
    base = "reports-api:report-"
    client.force_login(users["justice_legal_officer"])
    assert client.post(reverse(base + "review", args=[drafted.pk])).status_code == 200
    response = client.post(
        reverse(base + "comment", args=[drafted.pk]), {"body": "复议数据需核对。"}
    )
    assert response.status_code == 200
    response = client.post(reverse(base + "return-draft", args=[drafted.pk]), {"reason": "补充"})
    assert response.json()["status"] == Status.DRAFT
    # services.report_return through the API: back in draft, editing works again
    response = client.post(
        reverse(base + "section", args=[drafted.pk, "C5"]),
        {"body": "共{{disputes.mediation_cases}}起。"},
    )
    assert response.status_code == 200
    response = client.post(
        reverse(base + "section", args=[drafted.pk, "C5"]), {"body": "{{nope.key}}"}
    )
    assert response.status_code == 400
    assert response.json()["code"] == "unknown_indicator"
    assert response.json()["field"] == "body"
    client.post(reverse(base + "review", args=[drafted.pk]))
    # not the leader: refused, nothing frozen
    response = client.post(reverse(base + "approve", args=[drafted.pk]))
    assert response.status_code == 403
    assert not FrozenFigure.objects.exists()
    client.force_login(users["leader"])
    response = client.post(reverse(base + "approve", args=[drafted.pk]))
    assert response.json()["status"] == Status.APPROVED
    assert FrozenFigure.objects.filter(report=drafted, key="disputes.mediation_cases").exists()
    response = client.post(reverse(base + "approve", args=[drafted.pk]))
    assert response.status_code == 409


def test_report_return_service_keeps_the_reason_as_a_comment(drafted, users):
    services.report_review_start(actor=users["justice_legal_officer"], report=drafted)
    services.report_return(actor=users["leader"], report=drafted, reason="请补充C3。")
    drafted.refresh_from_db()
    assert drafted.status == Status.DRAFT
    assert drafted.comments.filter(body="请补充C3。").exists()


def test_create_through_the_api_and_refuse_an_unknown_unit(client, tree, users):
    client.force_login(users["justice_legal_officer"])
    url = reverse("reports-api:report-list")
    response = client.post(url, {"organization": "TOWN", "year": 2022})
    assert response.status_code == 201
    assert len(response.json()["sections"]) == 5
    response = client.post(url, {"organization": "NOPE", "year": 2022})
    assert response.status_code == 404 and response.json()["field"] == "organization"


@pytest.mark.parametrize("rows", [1, 20])
def test_list_queries_do_not_grow_with_rows(client, tree, users, rows):
    justice = users["justice_legal_officer"]
    for index in range(rows):
        unit = OrganizationFactory(code=f"U{index}", parent=tree.city)
        services.report_create(actor=justice, organization=unit, year=2022)
    assert AnnualReport.objects.count() == rows
    client.force_login(justice)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("reports-api:report-list"))
    assert response.status_code == 200
    assert len(queries) <= 8
    with CaptureQueriesContext(connection) as page_queries:
        assert client.get(reverse("reports:list")).status_code == 200
    assert len(page_queries) <= 12
