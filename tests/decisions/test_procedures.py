"""Major decisions on the declared procedure: every step of the file through the API (the
same declaration the page offers), and the list endpoint's query count at 1 and 20 rows."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from fazhi.decisions.models import CatalogEntry, Decision
from tests.decisions import factories as f

pytestmark = pytest.mark.django_db


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _url(decision, step: str) -> str:
    return f"/api/decisions/decisions/{decision.pk}/{step}/"


def test_the_five_procedures_start_through_the_api(tree, users):
    decision = f.launched(tree, users)
    sponsor = _client(users["drafter"])
    response = sponsor.post(
        _url(decision, "participation-start"),
        {
            "starts_on": "2022-04-06",
            "ends_on": "2022-05-20",
            "channel": "政府网站",
            "draft_text": "第一条 正文。",
        },
        format="json",
    )
    assert (response.status_code, response.json()["field"]) == (400, "backdate_reason")
    response = sponsor.post(
        _url(decision, "participation-start"),
        {
            "starts_on": "2022-04-06",
            "ends_on": "2022-05-20",
            "channel": "政府网站",
            "draft_text": "第一条 正文。",
            "backdate_reason": "按纸质记录补录",
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    response = sponsor.post(
        _url(decision, "expert-start"),  # expert_argumentation_start
        {"started_on": "2022-04-10", "organizer": "研究会", "experts": "王教授"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    response = sponsor.post(
        _url(decision, "expert-complete"),
        {"completed_on": "2022-04-20", "opinions": "同意。"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    response = sponsor.post(
        _url(decision, "risk-start"),
        {"started_on": "2022-04-10", "assessor": "某评估公司"},
        format="json",
    )
    assert response.status_code == 200, response.json()  # risk_assessment_start
    response = sponsor.post(
        _url(decision, "risk-complete"),  # risk_assessment_complete
        {
            "completed_on": "2022-04-25",
            "risk_level": "low",
            "report": "低风险。",
            "mitigation": "加强宣传解释。",
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    # The justice bureau's step is not the sponsor's.
    response = sponsor.post(
        _url(decision, "conclude-legality-review"),
        {"concluded_on": "2022-05-31", "outcome": "lawful", "opinion": "合法"},
        format="json",
    )
    assert response.status_code == 403
    steps = {s.kind: s.status for s in decision.steps.all()}
    assert steps["public_participation"] == "open"
    assert steps["expert_argumentation"] == "completed"
    assert steps["risk_assessment"] == "completed"


def test_collective_publish_implementation_evaluation_change_through_the_api(tree, users):
    decision = f.launched(tree, users)
    f.ready_for_collective(decision, users)
    organ = _client(users["administrator"])
    response = organ.post(
        _url(decision, "collective-decision"),
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
    assert response.status_code == 200, response.json()  # collective_discussion_record
    assert response.json()["status"] == "decided"
    response = organ.post(
        _url(decision, "publish"),
        {
            "party_report_on": "2022-06-09",
            "published_on": "2022-06-10",
            "channel": "政府门户网站",
            "document_number": "海政发〔2022〕9号",
            "executing_unit": tree.market.pk,
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "published"
    response = _client(users["drafter"]).post(
        _url(decision, "implementation"),
        {"reported_on": "2022-12-01", "progress": "按计划推进。"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    response = organ.post(
        _url(decision, "evaluation-commission"),
        {"trigger": "many_opinions", "evaluator": "某大学", "commissioned_on": "2023-03-01"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    response = organ.post(
        _url(decision, "evaluation-complete"),
        {"completed_on": "2023-05-01", "findings": "效果良好。", "recommendation": "adjust"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    response = organ.post(
        _url(decision, "change"),
        {
            "kind": "adjust",
            "changed_on": "2023-05-10",
            "reason": "评估建议。",
            "content": "调整补助标准。",
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    response = organ.post(
        _url(decision, "attach"),
        {"title": "评估报告", "file": SimpleUploadedFile("评估报告.pdf", b"%PDF-1.4 test")},
        format="multipart",
    )
    assert response.status_code == 200, response.json()
    assert decision.attachments.count() == 1


def test_the_page_offers_the_declared_steps(client, tree, users):
    decision = f.launched(tree, users)
    client.force_login(users["drafter"])
    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert "participation-start" in page or 'data-action="participation_start"' in page


def test_list_endpoint_query_count_at_1_and_20_rows(tree, users):
    api = _client(users["justice_legal_officer"])
    api.get("/api/decisions/decisions/")  # the caller's scope is loaded once, then cached
    counts = []
    first = f.launched(tree, users)
    for rows in (1, 20):
        while Decision.objects.count() < rows:
            entry = CatalogEntry.objects.get(pk=first.entry_id)
            entry.pk = None
            entry.title = f"{entry.title}{Decision.objects.count()}"
            entry.sequence = 100 + Decision.objects.count()
            entry.save()
            clone = Decision.objects.get(pk=first.pk)
            clone.pk = None
            clone.entry = entry
            clone.title = f"{first.title}{Decision.objects.count()}"
            clone.save()
        with CaptureQueriesContext(connection) as queries:
            response = api.get("/api/decisions/decisions/", {"page_size": 50})
        assert response.status_code == 200
        assert response.json()["count"] == rows
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
