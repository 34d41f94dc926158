"""API: scope, the gates' error format, and nothing changed on refusal."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from fazhi.decisions.models import Decision
from tests.decisions import factories as f
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_anonymous_refused(tree, users):
    assert APIClient().get("/api/decisions/decisions/").status_code in (401, 403)


def test_list_is_scoped_to_unit(tree, users):
    decision = f.launched(tree, users)
    own = _client(users["drafter"]).get("/api/decisions/decisions/").json()
    assert [row["id"] for row in own["results"]] == [decision.pk]
    assert [s["kind"] for s in own["results"][0]["steps"]] == [
        "public_participation",
        "expert_argumentation",
        "risk_assessment",
        "legality_review",
        "collective_discussion",
    ]
    outsider = user_with_role("drafter", tree.town, username="town-drafter")
    assert _client(outsider).get("/api/decisions/decisions/").json()["results"] == []
    assert _client(outsider).get(f"/api/decisions/decisions/{decision.pk}/").status_code == 404
    response = _client(outsider).post(
        f"/api/decisions/decisions/{decision.pk}/skip/",
        {"kind": "risk_assessment", "reason": "x", "basis": "y", "skipped_on": "2022-04-02"},
        format="json",
    )
    assert response.status_code == 404
    assert decision.steps.get(kind="risk_assessment").status == "pending"


def test_justice_reads_all_and_leader_reads_catalogs(tree, users):
    f.launched(tree, users)
    assert (
        _client(users["justice_legal_officer"]).get("/api/decisions/decisions/").json()["count"]
        == 1
    )
    catalogs = _client(users["leader"]).get("/api/decisions/catalogs/").json()
    assert catalogs["results"][0]["entries"][0]["title"] == "海宁市储能产业发展规划"
    assert _client(users["public"]).get("/api/decisions/catalogs/").status_code == 403


def test_gates_answer_with_code_and_field(tree, users):
    decision = f.launched(tree, users)
    client = _client(users["drafter"])
    response = client.post(
        f"/api/decisions/decisions/{decision.pk}/skip/",
        {"kind": "legality_review", "reason": "x", "basis": "y", "skipped_on": "2022-04-02"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "step_not_skippable"
    response = _client(users["administrator"]).post(
        f"/api/decisions/decisions/{decision.pk}/collective-discussion/",
        {
            "meeting_type": "executive",
            "meeting_name": "会议",
            "held_on": "2022-06-08",
            "result": "adopted",
            "head_spoke_last": True,
            "minutes": "通过",
        },
        format="json",
    )
    assert response.status_code == 409
    assert response.json()["code"] == "steps_open"
    assert Decision.objects.get(pk=decision.pk).status == "drafting"


def test_collective_through_api_after_all_gates(tree, users):
    decision = f.launched(tree, users)
    f.ready_for_collective(decision, users)
    response = _client(users["administrator"]).post(
        f"/api/decisions/decisions/{decision.pk}/collective-discussion/",
        {
            "meeting_type": "executive",
            "meeting_name": "市政府第12次常务会议",
            "held_on": "2022-06-08",
            "result": "adopted",
            "head_spoke_last": True,
            "minutes": "通过",
        },
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "decided"


def test_sponsor_cannot_record_collective_discussion(tree, users):
    decision = f.launched(tree, users)
    f.ready_for_collective(decision, users)
    response = _client(users["drafter"]).post(
        f"/api/decisions/decisions/{decision.pk}/collective-discussion/",
        {
            "meeting_type": "executive",
            "meeting_name": "会议",
            "held_on": "2022-06-08",
            "result": "adopted",
            "head_spoke_last": True,
            "minutes": "通过",
        },
        format="json",
    )
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden_role"
    assert decision.steps.get(kind="collective_discussion").status == "pending"


def test_legality_review_time_refused_through_api(tree, users):
    decision = f.launched(tree, users)
    f.ready_for_legality(decision, users)
    response = _client(users["drafter"]).post(
        f"/api/decisions/decisions/{decision.pk}/legality-review/submit/",
        {"submitted_on": "2022-05-23", "review_due_on": "2022-05-25"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "review_time_too_short"
    assert response.json()["field"] == "review_due_on"
    assert decision.steps.get(kind="legality_review").status == "pending"
