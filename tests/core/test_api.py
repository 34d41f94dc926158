"""The REST API: the one error format, calendar, indicators, numbering, schema and health."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from fazhi.core import services
from fazhi.core.models import Organization, Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(users):
    def as_role(role: str) -> APIClient:
        client = APIClient()
        client.force_authenticate(users[role])
        return client

    return as_role


def test_deadline_endpoint_explains(api):
    response = api("drafter").get(
        "/api/calendar/deadline/", {"start": "2022-09-30", "working_days": 5}
    )
    assert response.status_code == 200
    data = response.json()
    assert data["due"] == "2022-10-12"
    assert "2022-10-08 调休工作日（国庆节），计第1日" in data["explanation"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"start": "2022-02-30", "working_days": 5}, "start"),
        ({"start": "2022-09-30"}, "working_days"),
        ({"start": "2022-09-30", "working_days": -1}, "working_days"),
        ({"start": "2022-09-30", "working_days": 5, "days": 3}, "working_days"),
    ],
)
def test_deadline_endpoint_names_the_bad_field(api, query, field):
    response = api("drafter").get("/api/calendar/deadline/", query)
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == field
    assert body["code"] and body["detail"]


def test_unknown_parent_organization_is_a_400_naming_the_field(api):
    response = api("administrator").post(
        "/api/organizations/",
        {"code": "N", "name": "x", "kind": "department", "parent": "NOWHERE"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["field"] == "parent"
    assert not Organization.objects.filter(code="N").exists()


def test_invalid_date_in_person_update_is_refused(api, tree):
    person = PersonFactory(organization=tree.market)
    response = api("administrator").patch(
        f"/api/people/{person.pk}/", {"certificate_valid_until": "2022-13-01"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["field"] == "certificate_valid_until"


def test_service_errors_keep_their_code_and_field(api, tree):
    response = api("administrator").post(
        "/api/people/",
        {"name": "王五", "organization": "MARKET", "id_number": "330481198001010011"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid_id_number",
        "field": "id_number",
        "detail": "身份证号码格式或校验位不正确。",
    }
    assert not Person.objects.exists()


def test_people_api_masks_id_numbers(api, tree):
    person = PersonFactory(organization=tree.market)
    rows = api("justice_legal_officer").get("/api/people/").json()["results"]
    assert rows[0]["id_number"] == person.masked_id_number
    assert person.id_number not in str(rows)


def test_organization_children_and_filters(api, tree):
    children = api("leader").get(f"/api/organizations/{tree.town.pk}/children/").json()["results"]
    assert [c["code"] for c in children] == ["VILLAGE"]
    towns = api("leader").get("/api/organizations/", {"kind": "town"}).json()
    assert {o["code"] for o in towns["results"]} == {"TOWN", "TOWN2"}
    assert towns["count"] == 2


def test_organization_move_cycle_is_refused(api, tree):
    response = api("administrator").patch(
        f"/api/organizations/{tree.town.pk}/", {"parent": "VILLAGE"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "organization_cycle"


def test_indicators_for_the_city_and_within_scope(api, tree):
    data = api("leader").get("/api/indicators/", {"year": 2022}).json()
    assert data["indicators"]["grassroots.towns"] == {"value": 2, "name": "镇(街道)", "unit": "个"}
    assert data["indicators"]["grassroots.villages"]["value"] == 1
    scoped = api("mediator").get("/api/indicators/", {"year": 2022, "scope": "TOWN"}).json()
    assert scoped["indicators"]["grassroots.villages"]["value"] == 1
    assert scoped["indicators"]["grassroots.towns"]["value"] == 1


def test_indicators_refuse_other_scopes_and_bad_years(api, tree):
    assert (
        api("mediator").get("/api/indicators/", {"year": 2022, "scope": "TOWN2"}).status_code == 403
    )
    assert api("mediator").get("/api/indicators/", {"year": 2022}).json()["field"] == "scope"
    assert api("leader").get("/api/indicators/", {"year": "20x2"}).json()["field"] == "year"
    assert api("leader").get("/api/indicators/", {"year": 2022, "scope": "NOPE"}).status_code == 404


def test_numbers_are_issued_to_justice_officers_only(api, tree):
    services.number_series_create(
        key="city", name="x", template="海政规〔{year}〕{seq}号", organization=tree.justice
    )
    assert (
        api("drafter")
        .post("/api/numbers/", {"series": "city", "year": 2022}, format="json")
        .status_code
        == 403
    )
    response = api("justice_legal_officer").post(
        "/api/numbers/", {"series": "city", "year": 2022}, format="json"
    )
    assert response.status_code == 201
    assert response.json() == {"number": "海政规〔2022〕1号", "sequence": 1}
    assert (
        api("justice_legal_officer")
        .post("/api/numbers/", {"series": "nope", "year": 2022}, format="json")
        .status_code
        == 404
    )


def test_history_api_hides_personal_ids(api, tree, users):
    person = services.person_create(
        actor=users["administrator"], organization=tree.market, name="甲", post="科员"
    )
    services.person_update(actor=users["administrator"], person=person, post="科长")
    changes = api("leader").get(f"/api/history/core.person/{person.pk}/").json()["changes"]
    assert changes[0]["type"] == "changed"
    assert changes[0]["fields"] == [
        {"field": "post", "label": "职务", "old": "科员", "new": "科长"}
    ]
    assert api("leader").get("/api/history/core.nothing/1/").status_code == 404


def test_notifications_mark_read(api, users):
    services.notification_raise(user=users["drafter"], title="t", dedupe_key="k")
    client = api("drafter")
    notification = client.get("/api/notifications/").json()["results"][0]
    assert notification["read_at"] is None
    assert client.post(f"/api/notifications/{notification['id']}/read/").status_code == 204
    assert client.get("/api/notifications/").json()["results"][0]["read_at"] is not None
    assert api("leader").post(f"/api/notifications/{notification['id']}/read/").status_code == 404


def test_due_clock_list_validates_within(api):
    assert api("leader").get("/api/deadlines/due/", {"within": "x"}).json()["field"] == "within"
    assert api("leader").get("/api/deadlines/due/").status_code == 200


def test_schema_and_docs_are_for_logged_in_users_and_served_locally(client, users):
    # Decision (docs/operations.md): the API description is not public.
    assert client.get("/api/schema/").status_code in (401, 403)
    client.force_login(users["leader"])
    response = client.get("/api/schema/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/api/people/" in body and "/api/calendar/deadline/" in body
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    page = docs.content.decode()
    # Swagger UI comes from this server (drf-spectacular-sidecar), never a CDN.
    assert "cdn" not in page.lower() and "/static/drf_spectacular_sidecar/" in page


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_token_authentication(users):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=users["leader"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get("/api/organizations/").status_code == 200


def test_people_api_query_count_does_not_grow_with_rows(api, tree, django_assert_max_num_queries):
    for _ in range(30):
        PersonFactory(organization=tree.market)
    with django_assert_max_num_queries(6):
        response = api("justice_legal_officer").get("/api/people/", {"page_size": 100})
    assert response.json()["count"] == 30


def test_accounts_roles_and_calendar_through_the_api(client, users, tree):
    from django.contrib.auth import get_user_model

    from fazhi.core.models import CalendarDay, RoleAssignment

    client.force_login(users["mediator"])
    assert client.get("/api/accounts/").status_code == 403
    client.force_login(users["administrator"])
    weak = client.post("/api/accounts/", {"username": "api1", "password": "123"})
    assert (weak.status_code, weak.json()["field"]) == (400, "password")
    created = client.post("/api/accounts/", {"username": "api1", "password": "Haining-2026!x"})
    assert created.status_code == 201
    pk = created.json()["id"]
    role = client.post(f"/api/accounts/{pk}/roles/", {"role": "mediator", "organization": "TOWN"})
    assert role.status_code == 201
    assert client.delete(f"/api/role-assignments/{role.json()['id']}/").status_code == 204
    assert not RoleAssignment.objects.filter(user_id=pk).exists()
    assert (
        client.post(f"/api/accounts/{pk}/active/", {"active": False}).json()["is_active"] is False
    )
    assert get_user_model().objects.get(pk=pk).is_active is False
    no_source = client.post("/api/calendar-days/", {"date": "2031-01-02", "is_workday": False})
    assert (no_source.status_code, no_source.json()["field"]) == (400, "source")
    day = client.post(
        "/api/calendar-days/", {"date": "2031-01-02", "is_workday": False, "source": "通知"}
    )
    assert day.status_code == 201
    assert client.delete(f"/api/calendar-days/{day.json()['id']}/").status_code == 204
    assert not CalendarDay.objects.exists()


def test_organizations_import_through_the_api(api, tree):
    from tests.core.test_views import _organization_sheet

    bad = _organization_sheet([["T09", "示例镇", "镇(街道)", "NOPE", "", "", "", "", ""]])
    response = api("administrator").post("/api/organizations/import/", {"file": bad})
    assert response.status_code == 400
    assert response.json()["rows"] == [
        {"row": 2, "field": "parent_code", "detail": "上级组织不存在。"}
    ]
    good = _organization_sheet([["T09", "示例镇", "镇(街道)", "CITY", "", "", "", "", ""]])
    response = api("administrator").post("/api/organizations/import/", {"file": good})
    assert response.status_code == 201
    assert [o["code"] for o in response.json()] == ["T09"]
    refused = api("department_legal_officer").post(
        "/api/organizations/import/", {"file": _organization_sheet([])}
    )
    assert refused.status_code == 403
    assert api("administrator").post("/api/organizations/import/", {}).json()["field"] == "file"
