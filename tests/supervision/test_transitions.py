"""Supervisors, campaigns and notices by page and API, through the declared procedures; the
supervised unit answers, the issuer closes, a leader reads and changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from fazhi.core.errors import PermissionDenied
from fazhi.supervision import services
from fazhi.supervision.models import (
    Campaign,
    CampaignKind,
    NoticeStatus,
    SpecialSupervisor,
    SupervisionNotice,
)

pytestmark = pytest.mark.django_db


def _post(client, url: str, data: dict):
    return client.post(url, data, content_type="application/json")


APPOINT = {
    "name": "王建国",
    "work_unit": "某律师事务所律师",
    "sector": "律师",
    "appointment_document": "海政办发〔2021〕58号",
    "term_start": "2021-07-01",
    "term_end": "2024-06-30",
}


def test_supervisor_appointed_by_page_and_api_and_dismissed(client, users, tree):
    client.force_login(users["supervisor"])
    response = client.post("/supervision/supervisors/new/", APPOINT | {"organization": "NOPE"})
    assert response.status_code == 400
    assert "单位编码不存在" in response.content.decode()
    response = client.post("/supervision/supervisors/new/", APPOINT | {"organization": "CITY"})
    assert response.status_code == 302
    response = _post(
        client, "/api/supervision/supervisors/", APPOINT | {"organization": "CITY", "name": "李丽"}
    )
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    page = client.get("/supervision/supervisors/?on=2022-01-01").content.decode()
    assert "李丽" in page and 'data-action="dismiss"' in page
    response = _post(
        client,
        f"/api/supervision/supervisors/{pk}/dismiss/",
        {"on": "2023-01-01", "reason": "本人申请"},
    )
    assert response.json()["dismissed_on"] == "2023-01-01"
    response = _post(
        client,
        f"/api/supervision/supervisors/{pk}/dismiss/",
        {"on": "2023-02-01", "reason": "重复"},
    )
    assert (response.status_code, response.json()["code"]) == (409, "invalid_transition")
    listed = client.get("/api/supervision/supervisors/?on=2023-06-01").json()["results"]
    assert [s["name"] for s in listed] == ["王建国"]


def test_leader_and_officer_cannot_appoint_or_dismiss(client, users, tree):
    supervisor = services.supervisor_appoint(
        actor=users["supervisor"],
        organization=tree.city,
        name="王建国",
        work_unit="律师",
        sector="律师",
        appointment_document="文件",
        term_start=dt.date(2021, 7, 1),
        term_end=dt.date(2024, 6, 30),
    )
    with pytest.raises(PermissionDenied):
        services.supervisor_dismiss(
            actor=users["leader"], supervisor=supervisor, on=dt.date(2022, 1, 1), reason="x"
        )
    client.force_login(users["leader"])
    assert client.get("/supervision/supervisors/new/").status_code == 403
    response = _post(
        client,
        f"/api/supervision/supervisors/{supervisor.pk}/dismiss/",
        {"on": "2022-01-01", "reason": "x"},
    )
    assert response.status_code == 403
    response = _post(client, "/api/supervision/supervisors/", APPOINT | {"organization": "CITY"})
    assert response.status_code == 403
    assert SpecialSupervisor.objects.count() == 1
    assert SpecialSupervisor.objects.get().dismissed_on is None


def test_campaign_created_by_page_and_api_run_and_closed(client, users, tree):
    client.force_login(users["supervisor"])
    data = {
        "organization": "JUSTICE",
        "title": "2022年行政执法案卷评查",
        "kind": CampaignKind.CASE_FILE_EVALUATION,
        "started_on": "2022-03-01",
    }
    response = client.post("/supervision/campaigns/new/", data)
    assert response.status_code == 302
    response = _post(client, "/api/supervision/campaigns/", data | {"title": "专项检查"})
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    page = client.get(f"/supervision/campaigns/{pk}/").content.decode()
    assert 'data-action="evaluate"' in page and 'data-action="close"' in page
    response = _post(
        client, f"/api/supervision/campaigns/{pk}/close/", {"on": "2022-02-01", "summary": "完"}
    )
    assert (response.status_code, response.json()["code"]) == (400, "invalid_date")
    response = _post(
        client, f"/api/supervision/campaigns/{pk}/close/", {"on": "2022-04-01", "summary": "完"}
    )
    assert response.json()["ended_on"] == "2022-04-01"
    page = client.get(f"/supervision/campaigns/{pk}/").content.decode()
    assert 'data-action="evaluate"' not in page  # a closed campaign records no more results
    client.force_login(users["leader"])
    response = _post(client, "/api/supervision/campaigns/", data)
    assert response.status_code == 403
    assert Campaign.objects.count() == 2


def test_notice_issued_answered_and_closed_through_the_api(client, users, tree):
    client.force_login(users["supervisor"])
    response = _post(
        client,
        "/api/supervision/notices/",
        {
            "organization": tree.town.code,
            "problems": "未按期公示",
            "issued_on": "2022-06-01",
            "rectify_by": "2022-07-01",
        },
    )
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert response.json()["issuer"] == "JUSTICE"
    response = _post(
        client, f"/api/supervision/notices/{pk}/close/", {"on": "2022-06-20", "opinion": "好"}
    )
    assert (response.status_code, response.json()["code"]) == (409, "invalid_transition")
    # The supervised unit answers; the supervisor may not answer in its place.
    response = _post(
        client, f"/api/supervision/notices/{pk}/respond/", {"on": "2022-06-10", "response": "改"}
    )
    assert response.status_code == 403
    client.force_login(users["enforcement_officer"])
    page = client.get(f"/supervision/notices/{pk}/").content.decode()
    assert 'data-action="respond"' in page
    response = _post(
        client, f"/api/supervision/notices/{pk}/respond/", {"on": "2022-06-10", "response": "改"}
    )
    assert response.json()["status"] == NoticeStatus.RESPONDED
    response = _post(
        client, f"/api/supervision/notices/{pk}/close/", {"on": "2022-06-20", "opinion": "好"}
    )
    assert response.status_code == 403
    client.force_login(users["supervisor"])
    page = client.post(
        reverse("core:transition", args=["supervision.notice", pk, "close"]),
        {"close-on": "2022-06-20", "close-opinion": "整改到位"},
    )
    assert page.status_code == 302
    notice = SupervisionNotice.objects.get(pk=pk)
    assert notice.status == NoticeStatus.CLOSED
    before = model_to_dict(notice)
    client.force_login(users["leader"])
    response = _post(
        client, f"/api/supervision/notices/{pk}/close/", {"on": "2022-06-21", "opinion": "x"}
    )
    assert response.status_code == 403
    assert model_to_dict(SupervisionNotice.objects.get(pk=pk)) == before


def test_campaign_close_service_refuses_a_second_close(users, tree):
    campaign = services.campaign_create(
        actor=users["supervisor"],
        organization=tree.justice,
        title="专项",
        kind=CampaignKind.SPECIAL_INSPECTION,
        started_on=dt.date(2022, 3, 1),
    )
    services.campaign_close(
        actor=users["supervisor"], campaign=campaign, on=dt.date(2022, 4, 1), summary="完"
    )
    with pytest.raises(Exception) as caught:
        services.campaign_close(
            actor=users["supervisor"], campaign=campaign, on=dt.date(2022, 4, 2), summary="再"
        )
    assert caught.value.code == "invalid_transition"


def test_campaign_samples_filed_commitments_reproducibly(client, enf, tree, users):
    from fazhi.enforcement import services as enforcement_services
    from fazhi.enforcement.models import PartyType

    filed = []
    for day in (1, 2, 3):
        commitment = enforcement_services.commitment_notify(
            actor=enf.town_officer,
            organization=tree.town,
            exemption=enf.exemption,
            party=enforcement_services.Party(PartyType.ORGANIZATION, f"商行{day}", f"9233{day}"),
            facts="摊点",
            violation_date=dt.date(2022, 4, day),
            notice_on=dt.date(2022, 4, day),
            correct_by=dt.date(2022, 4, 20),
        )
        enforcement_services.commitment_sign(
            actor=enf.town_officer, commitment=commitment, on=dt.date(2022, 4, day)
        )
        enforcement_services.commitment_verify(
            actor=enf.town_officer,
            commitment=commitment,
            on=dt.date(2022, 4, 10),
            result="corrected",
        )
        if day < 3:  # the third is verified but not filed: never drawn
            enforcement_services.commitment_file(
                actor=enf.town_officer, commitment=commitment, on=dt.date(2022, 4, 11)
            )
            filed.append(commitment.party_name)
    campaign = services.campaign_create(
        actor=users["supervisor"],
        organization=tree.justice,
        title="告知承诺抽查",
        kind=CampaignKind.SPECIAL_INSPECTION,
        started_on=dt.date(2022, 5, 1),
    )
    client.force_login(users["supervisor"])
    url = (
        f"/supervision/campaigns/{campaign.pk}/?commitment-unit={tree.town.code}&commitment-size=5"
    )
    page = client.get(url).content.decode()
    table = page.split('data-testid="commitment-sample"', 1)[1].split("</table>", 1)[0]
    assert sorted(name for name in filed if name in table) == sorted(filed)
    assert "商行3" not in table
    assert client.get(url).content.decode().count("商行1") == page.count("商行1")
    first = table.split('href="', 1)[1].split('"', 1)[0]
    assert client.get(first).status_code == 200  # the supervisor opens the sampled record
