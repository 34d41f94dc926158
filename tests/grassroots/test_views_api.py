"""Pages and API of grassroots rule of law: ledgers render and export, scope holds, the roster
import refuses a bad sheet with its rows, steps go through the declared API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.models import Role
from fazhi.grassroots import services
from fazhi.grassroots.models import Pool, Registration, RegistryKind, VillageLevel
from tests.factories import OrganizationFactory, PersonFactory, user_with_role
from tests.grassroots.test_services import roster

pytestmark = pytest.mark.django_db


@pytest.fixture
def town_officer(tree):
    return user_with_role(Role.DEPARTMENT_LEGAL_OFFICER, tree.town, username="town_legal")


@pytest.fixture
def group(tree):
    return OrganizationFactory(code="G1", name="一组", kind="village_group", parent=tree.village)


def _register(actor, group, n=1):
    for _ in range(n):
        person = PersonFactory(organization=group)
        services.registration_create(
            actor=actor,
            kind=RegistryKind.LEGAL_LITERATE,
            person_ref=person.id_number,
            pool=Pool.PARTY_MEMBER,
            selected_on=dt.date(2022, 3, 1),
        )


def test_pages_render_export_and_stay_in_scope(client, tree, town_officer, group):
    _register(town_officer, group)
    committee = services.committee_create(
        actor=town_officer, town=tree.town, name="委员会", established_on=dt.date(2022, 3, 1)
    )
    team = services.team_create(
        actor=town_officer, town=tree.town, established_on=dt.date(2022, 3, 1)
    )
    village = services.village_recognise(
        actor=town_officer,
        village=tree.village,
        level=VillageLevel.COUNTY,
        recognised_on=dt.date(2021, 1, 1),
    )
    registration = Registration.objects.get()
    client.force_login(town_officer)
    for url in [
        "/grassroots/registrations/",
        "/grassroots/committees/",
        "/grassroots/teams/",
        "/grassroots/villages/",
        "/grassroots/coverage/",
    ]:
        assert client.get(url).status_code == 200, url
        assert client.get(url + "?export=xlsx")["Content-Type"].startswith(
            "application/vnd.openxmlformats"
        ), url
    for url in [
        f"/grassroots/registrations/{registration.pk}/",
        f"/grassroots/committees/{committee.pk}/",
        f"/grassroots/teams/{team.pk}/",
        f"/grassroots/villages/{village.pk}/",
        "/grassroots/registrations/new/",
        "/grassroots/registrations/import/",
        "/grassroots/registrations/import/?template=xlsx",
        "/grassroots/committees/new/",
        "/grassroots/teams/new/",
        "/grassroots/villages/new/",
        f"/history/grassroots.registration/{registration.pk}/",
    ]:
        assert client.get(url).status_code == 200, url
    other = user_with_role(Role.DEPARTMENT_LEGAL_OFFICER, tree.other_town, username="other")
    client.force_login(other)
    assert client.get(f"/grassroots/registrations/{registration.pk}/").status_code == 404
    assert client.get(f"/grassroots/committees/{committee.pk}/").status_code == 404
    response = client.post(
        f"/do/grassroots.registration/{registration.pk}/withdraw/",
        {"withdraw-on": "2022-06-01", "withdraw-reason": "迁出"},
    )
    assert response.status_code in (403, 404)
    assert Registration.objects.get().status == "active"


def test_second_registration_page_names_the_person(client, tree, town_officer, group):
    person = PersonFactory(organization=group)
    client.force_login(town_officer)
    data = {
        "kind": "legal_literate",
        "person_ref": person.id_number,
        "pool": "party_member",
        "selected_on": "2022-03-01",
    }
    assert client.post("/grassroots/registrations/new/", data).status_code == 302
    response = client.post("/grassroots/registrations/new/", data)
    assert response.status_code == 400
    assert "同一人每类只登记一次" in response.content.decode()
    assert Registration.objects.count() == 1


def test_roster_import_page_and_api(client, tree, town_officer, group):
    person = PersonFactory(organization=group, name="村民甲")
    client.force_login(town_officer)
    bad = roster(
        [("法律明白人", person.id_number, "村民甲", "党员", "2022-03-01"), ("无", "X", "", "", "")]
    )
    from fazhi.jobs.services import job_execute
    from tests.factories import run_queued_job

    response = client.post(
        "/grassroots/registrations/import/", {"file": SimpleUploadedFile("r.xlsx", bad)}
    )
    assert run_queued_job(response).status == "failed"  # the worker imports the roster
    response = client.post(
        "/api/grassroots/registrations/import/", {"file": SimpleUploadedFile("r.xlsx", bad)}
    )
    assert response.status_code == 202
    job = job_execute(response.json()["job"])
    status = client.get(response.json()["url"]).json()
    assert status["status"] == "failed" and job.status == "failed"
    assert {r["field"] for r in status["row_errors"]} == {"kind", "person_ref", "selected_on"}
    assert not Registration.objects.exists()
    good = roster([("法律明白人", person.id_number, "村民甲", "党员", "2022-03-01")])
    response = client.post(
        "/api/grassroots/registrations/import/", {"file": SimpleUploadedFile("r.xlsx", good)}
    )
    assert response.status_code == 202
    assert job_execute(response.json()["job"]).status == "done"
    registration = Registration.objects.get()
    response = client.post(
        f"/api/grassroots/registrations/{registration.pk}/activity/",
        {"disputes": 2, "sessions": 1},
        content_type="application/json",
    )
    assert response.json()["disputes_helped"] == 2
    committee = client.post(
        "/api/grassroots/committees/",
        {"town": tree.town.pk, "name": "委员会", "established_on": "2022-03-01"},
        content_type="application/json",
    ).json()
    response = client.post(
        f"/api/grassroots/committees/{committee['id']}/meeting/",
        {"held_on": "2022-04-01", "topics": "议题", "attendees": 5},
        content_type="application/json",
    )
    assert response.json()["meetings"][0]["attendees"] == 5
    assert client.get("/api/grassroots/coverage/").json()[0]["groups_covered"] == 1


@pytest.mark.parametrize("rows", [1, 20])
def test_list_endpoints_have_bounded_queries(
    client, tree, town_officer, group, rows, django_assert_max_num_queries
):
    _register(town_officer, group, rows)
    client.force_login(town_officer)
    for url in ["/api/grassroots/registrations/", "/api/grassroots/committees/"]:
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200
