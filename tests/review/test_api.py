"""``POST /api/review/`` and the decision and statistics endpoints."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from fazhi.review.engine import FINDING_KEYS
from fazhi.review.models import ReviewDecision, ReviewRun
from tests.review.documents import DRAFT, docx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(users):
    def as_role(role: str) -> APIClient:
        client = APIClient()
        client.force_authenticate(users[role])
        return client

    return as_role


def test_review_pasted_text(api, laws_loaded):
    response = api("drafter").post(
        "/api/review/", {"text": DRAFT, "as_of": "2022-08-15"}, format="json"
    )
    assert response.status_code == 201
    body = response.json()
    assert body["as_of"] == "2022-08-15"
    findings = body["findings"]
    assert [f["rule"] for f in findings] == [
        "citation.article_out_of_range",
        "fc.free_flow.local_preference",
        "legality.penalty_creation",
    ]
    assert set(FINDING_KEYS) <= set(findings[0])
    assert findings[0]["status"] == "pending"


def test_review_an_uploaded_docx(api, laws_loaded, media):
    upload = SimpleUploadedFile("草案.docx", docx_bytes(DRAFT))
    response = api("drafter").post("/api/review/", {"file": upload}, format="multipart")
    assert response.status_code == 201
    assert response.json()["source_name"] == "草案.docx"
    assert any(f["rule"] == "legality.penalty_creation" for f in response.json()["findings"])


@pytest.mark.parametrize(
    ("payload", "code", "field"),
    [
        ({}, "text_required", "text"),
        ({"text": "   "}, "text_required", "text"),
        ({"file": ("x.docx", b"plain bytes")}, "unreadable_file", "file"),
        ({"file": ("x.txt", b"")}, "unreadable_file", "file"),
        ({"text": "正文", "file": ("x.txt", "正文".encode())}, "text_and_file", "text"),
        ({"text": "正文", "as_of": "2022-02-30"}, "invalid", "as_of"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(api, media, payload, code, field):
    data = {
        key: SimpleUploadedFile(*value) if key == "file" else value
        for key, value in payload.items()
    }
    response = api("drafter").post("/api/review/", data, format="multipart")
    assert response.status_code == 400
    assert (response.json()["code"], response.json()["field"]) == (code, field)
    assert not ReviewRun.objects.exists()


def test_public_users_cannot_review(api):
    response = api("public").post("/api/review/", {"text": DRAFT}, format="json")
    assert response.status_code == 403
    assert not ReviewRun.objects.exists()


def test_decisions_through_the_api(api, laws_loaded):
    run = api("drafter").post("/api/review/", {"text": DRAFT}, format="json").json()
    finding = run["findings"][1]
    url = f"/api/review/findings/{finding['id']}/decision/"
    refused = api("drafter").post(url, {"outcome": "accepted"}, format="json")
    assert refused.status_code == 403
    assert refused.json()["code"] == "forbidden_role"
    missing = api("department_legal_officer").post(url, {"outcome": "dismissed"}, format="json")
    assert (missing.status_code, missing.json()["field"]) == (400, "reason")
    assert not ReviewDecision.objects.exists()
    done = api("department_legal_officer").post(
        url, {"outcome": "dismissed", "reason": "上级文件已明确"}, format="json"
    )
    assert done.status_code == 201
    assert done.json()["status"] == "dismissed"
    assert done.json()["decisions"][0]["reason"] == "上级文件已明确"
    stats = api("justice_legal_officer").get("/api/review/rules/").json()
    row = next(r for r in stats if r["rule"] == finding["rule"])
    assert (row["dismissed"], row["acceptance_rate"]) == (1, 0.0)


def test_runs_of_another_unit_are_not_readable(api, laws_loaded):
    run = api("drafter").post("/api/review/", {"text": DRAFT}, format="json").json()
    assert api("enforcement_officer").get(f"/api/review/runs/{run['id']}/").status_code == 404
    assert api("enforcement_officer").get("/api/review/runs/").json()["count"] == 0
    assert api("justice_legal_officer").get(f"/api/review/runs/{run['id']}/").status_code == 200
