"""Role × organisation × action, for pages and the API alike.

Person A works at the market-regulation bureau, person B in a town. Each role's user sits where
the fixture ``users`` puts it; the expected sets below are the whole rule.
"""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from fazhi.core.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

ROLES = [
    "administrator",
    "justice_legal_officer",
    "department_legal_officer",
    "drafter",
    "enforcement_officer",
    "supervisor",
    "mediator",
    "reconsideration_officer",
    "leader",
    "public",
]
READ = {
    "market": {
        "administrator",
        "justice_legal_officer",
        "leader",
        "department_legal_officer",
        "drafter",
    },
    "town": {"administrator", "justice_legal_officer", "leader", "enforcement_officer", "mediator"},
}
CHANGE = {"market": {"administrator", "department_legal_officer"}, "town": {"administrator"}}


@pytest.fixture
def people(tree):
    return {
        "market": PersonFactory(organization=tree.market, post="原职务"),
        "town": PersonFactory(organization=tree.town, post="原职务"),
    }


@pytest.mark.parametrize("where", ["market", "town"])
@pytest.mark.parametrize("role", ROLES)
def test_person_page_read(client, users, people, role, where):
    client.force_login(users[role])
    response = client.get(f"/people/{people[where].pk}/")
    assert response.status_code == (200 if role in READ[where] else 403)
    if response.status_code == 200:
        assert people[where].id_number not in response.content.decode()


@pytest.mark.parametrize("where", ["market", "town"])
@pytest.mark.parametrize("role", ROLES)
def test_person_page_change(client, users, people, role, where, tree):
    client.force_login(users[role])
    person = people[where]
    response = client.post(
        f"/people/{person.pk}/edit/",
        {
            "name": person.name,
            "organization_code": person.organization.code,
            "post": "新职务",
            "leader_level": "none",
            "is_active": "on",
        },
    )
    person.refresh_from_db()
    if role in CHANGE[where]:
        assert response.status_code == 302
        assert person.post == "新职务"
    else:
        assert response.status_code == 403
        assert person.post == "原职务"


@pytest.mark.parametrize("where", ["market", "town"])
@pytest.mark.parametrize("role", ROLES)
def test_person_api_read(users, people, role, where):
    api = APIClient()
    api.force_authenticate(users[role])
    response = api.get(f"/api/people/{people[where].pk}/")
    assert response.status_code == (200 if role in READ[where] else 404)
    listed = {row["id"] for row in api.get("/api/people/?page_size=500").json()["results"]}
    assert (people[where].pk in listed) == (role in READ[where])


@pytest.mark.parametrize("where", ["market", "town"])
@pytest.mark.parametrize("role", ROLES)
def test_person_api_change(users, people, role, where):
    api = APIClient()
    api.force_authenticate(users[role])
    response = api.patch(f"/api/people/{people[where].pk}/", {"post": "新职务"}, format="json")
    expected = 200 if role in CHANGE[where] else (403 if role in READ[where] else 404)
    assert response.status_code == expected, response.content
    assert Person.objects.get(pk=people[where].pk).post == (
        "新职务" if expected == 200 else "原职务"
    )
    if expected == 403:
        assert response.json()["code"] in {"forbidden_role", "out_of_scope"}


@pytest.mark.parametrize("role", ROLES)
def test_organization_create_is_for_administrators(users, tree, role):
    api = APIClient()
    api.force_authenticate(users[role])
    response = api.post(
        "/api/organizations/",
        {"code": "NEW", "name": "新单位", "kind": "department", "parent": "CITY"},
        format="json",
    )
    assert response.status_code == (201 if role == "administrator" else 403)


@pytest.mark.parametrize("role", ROLES)
def test_history_page_follows_read_scope(client, users, people, role):
    client.force_login(users[role])
    response = client.get(f"/history/core.person/{people['town'].pk}/")
    assert response.status_code == (200 if role in READ["town"] else 403)


def test_anonymous_is_sent_to_login_and_refused_by_the_api(people):
    from django.test import Client

    assert Client().get("/people/").status_code == 302
    response = APIClient().get("/api/people/")
    assert response.status_code in (401, 403)
    assert set(response.json()) >= {"code", "field", "detail"}
