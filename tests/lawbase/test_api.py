"""The law base API: laws, article search, citation resolution, and bad input."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from fazhi.lawbase.models import Law

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(users):
    client = APIClient()
    client.force_authenticate(users["drafter"])
    return client


def test_laws_list_search_and_detail(api, loaded):
    response = api.get("/api/lawbase/laws/", {"q": "备案审查"})
    assert response.status_code == 200
    assert [law["title"] for law in response.json()["results"]] == ["法规规章备案审查条例"]
    law = Law.objects.get(title="中华人民共和国行政处罚法")
    detail = api.get(f"/api/lawbase/laws/{law.pk}/").json()
    assert detail["status"] == "in_force"
    assert len(detail["articles"]) == 86
    assert detail["articles"][32]["label"] == "第三十三条"


def test_laws_filter_by_status(api, loaded):
    response = api.get("/api/lawbase/laws/", {"status": "repealed"})
    assert {law["title"] for law in response.json()["results"]} == {
        "法规规章备案条例",
        "法规、规章备案规定",
    }


def test_article_search_in_chinese(api, loaded):
    response = api.get("/api/lawbase/articles/", {"q": "听证 行政处罚"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] >= 2
    first = body["results"][0]
    assert first["law_title"] == "中华人民共和国行政处罚法"
    assert "听证" in first["text"]


def test_article_search_refuses_an_overlong_query(api, loaded):
    response = api.get("/api/lawbase/articles/", {"q": "行" * 101})
    assert response.status_code == 400
    assert response.json()["code"] == "query_too_long"
    assert response.json()["field"] == "q"


def test_citation_resolve_with_a_date(api, loaded):
    response = api.post(
        "/api/lawbase/citations/resolve/",
        {"text": "依据《法规规章备案条例》第三条和《行政处罚法》第九十条", "date": "2025-01-01"},
        format="json",
    )
    assert response.status_code == 200
    results = response.json()
    assert [(r["excerpt"], r["status"], r["ok"]) for r in results] == [
        ("《法规规章备案条例》第三条", "repealed", False),
        ("《行政处罚法》第九十条", "article_out_of_range", False),
    ]
    assert results[1]["law"] == "中华人民共和国行政处罚法"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "《行政处罚法》", "date": "2022-13-01"}, "date"),
        ({}, "text"),
    ],
)
def test_citation_resolve_bad_input(api, loaded, payload, field):
    response = api.post("/api/lawbase/citations/resolve/", payload, format="json")
    assert response.status_code == 400
    assert response.json()["field"] == field


def test_api_needs_a_login(loaded):
    assert APIClient().get("/api/lawbase/laws/").status_code in (401, 403)
