"""normdocs API: scoping, roles and errors in {code, field, detail}."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from fazhi.normdocs import prereview
from fazhi.normdocs.models import NormativeDocument

pytestmark = pytest.mark.django_db

URL = "/api/normdocs/documents/"


@pytest.fixture
def api():
    return APIClient()


def test_anonymous_refused_but_public_database_open(api, setup):
    setup.issued(setup.create())
    assert api.get(URL).status_code in (401, 403)
    public = api.get("/api/normdocs/public/", {"year": "2022"})
    assert public.status_code == 200
    assert public.json()["results"][0]["document_number"] == "海政规〔2022〕1号"
    assert public.json()["results"][0]["validity"] == "in_force"


def test_scoped_list_and_detail(api, setup, tree):
    document = setup.create()
    api.force_authenticate(setup.users["drafter"])
    assert [d["id"] for d in api.get(URL).json()["results"]] == [document.pk]
    api.force_authenticate(setup.users["enforcement_officer"])
    assert api.get(URL).json()["results"] == []
    assert api.get(f"{URL}{document.pk}/").status_code == 404


def test_create_and_refusals(api, setup):
    payload = {
        "organization": "MARKET",
        "issuing_body": "CITY",
        "title": "API 文件",
        "body": "第一条 甲。",
    }
    api.force_authenticate(setup.users["enforcement_officer"])
    response = api.post(URL, payload, format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden_role"
    api.force_authenticate(setup.users["drafter"])
    response = api.post(URL, {**payload, "body": ""}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "code": "required",
        "field": "body",
        "detail": response.json()["detail"],
    }
    assert not NormativeDocument.objects.exists()
    response = api.post(URL, payload, format="json")
    assert response.status_code == 201
    document_id = response.json()["id"]
    response = api.post(
        f"{URL}{document_id}/submit-for-review/",
        {"review_types": [], "on": "2022-04-06"},
        format="json",
    )
    assert response.status_code == 409
    assert response.json()["code"] == "comment_not_completed"


@pytest.mark.skipif(not prereview.available(), reason="the review app is not installed")
def test_prereview_through_the_api_as_on_the_page(api, setup):
    from fazhi.review.models import ReviewRun

    document = setup.create(body="第一条 本办法自发布之日起施行。\n第二条 违者罚款一百万元。")
    api.force_authenticate(setup.users["enforcement_officer"])
    assert api.post(f"{URL}{document.pk}/prereview/").status_code == 404
    api.force_authenticate(setup.users["drafter"])
    response = api.post(f"{URL}{document.pk}/prereview/")
    assert response.status_code == 201, response.json()
    run = ReviewRun.objects.get(pk=response.json()["run"])
    assert run.text == document.body
    assert response.json()["findings"] == run.findings.count()
