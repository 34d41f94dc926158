"""Fault-accountability records (page, checks, scope) and the read-only supervision API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from fazhi.core.models import DomainEvent
from fazhi.supervision import services
from fazhi.supervision.models import AccountabilityRecord, CampaignKind
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(users, tree):
    return services.notice_issue(
        actor=users["supervisor"],
        issuer=tree.justice,
        organization=tree.town,
        problems="案卷证据不足",
        issued_on=dt.date(2022, 6, 1),
        rectify_by=dt.date(2022, 7, 1),
    )


@pytest.fixture
def record(users, tree, notice):
    return services.accountability_record(
        actor=users["supervisor"],
        organization=tree.town,
        person_name="李四",
        fault="未经法制审核作出重大执法决定",
        measure="批评教育",
        decided_on=dt.date(2022, 8, 1),
        notice=notice,
    )


def _records() -> list[dict]:
    return list(AccountabilityRecord.objects.order_by("pk").values())


def test_supervisor_records_by_page(client, users, tree, notice):
    client.force_login(users["supervisor"])
    response = client.post(
        "/supervision/accountability/new/",
        {
            "organization": tree.town.code,
            "person_name": "王五",
            "fault": "超期作出处罚决定",
            "measure": "诫勉谈话",
            "decided_on": "2022-08-10",
            "notice": notice.number,
        },
    )
    assert response.status_code == 302
    saved = AccountabilityRecord.objects.get()
    assert (saved.person_name, saved.notice) == ("王五", notice)
    assert DomainEvent.objects.filter(event_type="supervision.accountability_recorded").exists()
    page = client.get("/supervision/accountability/?q=超期").content.decode()
    assert "王五" in page and notice.number in page


def test_page_refuses_a_notice_of_another_unit_on_its_field(client, users, tree, notice):
    client.force_login(users["supervisor"])
    response = client.post(
        "/supervision/accountability/new/",
        {
            "organization": tree.other_town.code,
            "person_name": "王五",
            "fault": "超期作出处罚决定",
            "measure": "诫勉谈话",
            "decided_on": "2022-08-10",
            "notice": notice.number,
        },
    )
    assert response.status_code == 400
    assert 'id="id_notice-errors"' in response.content.decode()
    assert "被监督单位与责任单位不一致" in response.content.decode()
    assert _records() == []


def test_decision_before_the_notice_is_refused(users, tree, notice):
    from fazhi.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as caught:
        services.accountability_record(
            actor=users["supervisor"],
            organization=tree.town,
            person_name="李四",
            fault="过错",
            measure="批评教育",
            decided_on=dt.date(2022, 5, 1),
            notice=notice,
        )
    assert (caught.value.code, caught.value.field) == ("invalid_date", "decided_on")
    assert _records() == []


def test_officer_cannot_record(client, users, tree):
    client.force_login(users["enforcement_officer"])
    assert client.get("/supervision/accountability/new/").status_code == 403
    response = client.post(
        "/supervision/accountability/new/",
        {
            "organization": tree.town.code,
            "person_name": "王五",
            "fault": "过错",
            "measure": "诫勉谈话",
            "decided_on": "2022-08-10",
        },
    )
    assert response.status_code == 403
    assert _records() == []


def test_accountability_list_is_scoped_and_exports(client, users, tree, record):
    client.force_login(users["enforcement_officer"])  # 长安镇: its own record
    assert "李四" in client.get("/supervision/accountability/").content.decode()
    client.force_login(user_with_role("enforcement_officer", tree.other_town, username="huangwan"))
    assert "李四" not in client.get("/supervision/accountability/").content.decode()
    client.force_login(users["supervisor"])
    response = client.get("/supervision/accountability/?export=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.parametrize(
    ("username", "notices", "accountability", "supervisors"),
    [
        ("supervisor", 1, 1, 200),
        ("justice", 1, 1, 200),
        ("leader", 1, 1, 200),
        ("officer", 1, 1, 403),  # 长安镇, the supervised unit
        ("huangwan", 0, 0, 403),  # another town
        ("citizen", 0, 0, 403),
    ],
)
def test_api_scope_matrix(
    client, users, tree, record, username, notices, accountability, supervisors
):
    user_with_role("enforcement_officer", tree.other_town, username="huangwan")
    client.force_login(get_user_model().objects.get(username=username))
    assert client.get("/api/supervision/notices/").json()["count"] == notices
    assert client.get("/api/supervision/accountability/").json()["count"] == accountability
    detail = client.get(f"/api/supervision/accountability/{record.pk}/")
    assert detail.status_code == (200 if accountability else 404)
    assert client.get("/api/supervision/supervisors/").status_code == supervisors
    assert client.get("/api/supervision/campaigns/").status_code == supervisors


def test_api_lists_supervisors_in_office_and_campaigns(client, users, tree, record):
    services.supervisor_appoint(
        actor=users["supervisor"],
        organization=tree.city,
        name="赵六",
        work_unit="律师事务所律师",
        sector="律师",
        appointment_document="海政办发〔2021〕58号",
        term_start=dt.date(2021, 1, 1),
        term_end=dt.date(2023, 12, 31),
    )
    services.campaign_create(
        actor=users["supervisor"],
        organization=tree.justice,
        title="2022年行政执法案卷评查",
        kind=CampaignKind.CASE_FILE_EVALUATION,
        started_on=dt.date(2022, 9, 1),
    )
    client.force_login(users["supervisor"])
    on = client.get("/api/supervision/supervisors/?on=2022-06-01").json()["results"]
    assert [s["name"] for s in on] == ["赵六"]
    assert client.get("/api/supervision/supervisors/?on=2024-01-01").json()["results"] == []
    campaigns = client.get("/api/supervision/campaigns/").json()["results"]
    assert [c["title"] for c in campaigns] == ["2022年行政执法案卷评查"]
    records = client.get("/api/supervision/accountability/").json()["results"]
    assert records[0]["notice"] == record.notice.number
    # Read-only: no writes through the API.
    response = client.post(
        "/api/supervision/accountability/", {"person_name": "x"}, content_type="application/json"
    )
    assert response.status_code == 405
    assert AccountabilityRecord.objects.count() == 1
