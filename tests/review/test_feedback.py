"""Reviewers' decisions become labelled data: exports for the next training run, the page of
rules and model confidence ranges reviewers overrule most, and a dismissal without a reason
shown on screen (not a silent 400)."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from rest_framework.test import APIClient

from fazhi.review import services
from fazhi.review.engine.training import example_from_row
from fazhi.review.models import ReviewDecision
from tests.review.documents import DRAFT

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def decided(users, laws_loaded):
    legal = users["department_legal_officer"]
    run = services.review_run_record(actor=users["drafter"], text=DRAFT)
    penalty = run.findings.get(rule="legality.penalty_creation")
    local = run.findings.get(rule="fc.free_flow.local_preference")
    services.finding_decide(actor=legal, finding=penalty, outcome="accepted")
    services.finding_decide(
        actor=legal, finding=local, outcome="dismissed", reason="该条款已删除，仅为历史文本"
    )
    return run


def test_findings_are_stored_with_standard_reason_confidence_and_clause(decided):
    local = decided.findings.get(rule="fc.free_flow.local_preference")
    assert local.standard.startswith("《公平竞争审查条例》（2024）第八条")
    assert "优先采购本地企业" in local.reason
    assert local.detector in {"rule", "rule+model"}
    assert local.confidence is not None
    assert local.clause == "第二条 政府采购项目同等条件下优先采购本地企业的产品和服务。"


def test_jsonl_export_is_training_data_with_the_reviewers_reason(users, decided):
    response = client_for(users["justice_legal_officer"]).get(
        "/review/feedback/export/", {"format": "jsonl"}
    )
    assert response.status_code == 200
    rows = [json.loads(line) for line in response.content.decode().splitlines()]
    by_rule = {row["rule"]: row for row in rows}
    assert by_rule["legality.penalty_creation"]["label"] == "violation"
    dismissed = by_rule["fc.free_flow.local_preference"]
    assert dismissed["label"] == "compliant"
    assert dismissed["note"] == "该条款已删除，仅为历史文本"
    assert dismissed["text"].startswith("第二条")
    example = example_from_row(dismissed)  # what ``training --feedback`` reads
    assert example.label == "compliant" and example.document.startswith("预审 #")


def test_xlsx_export_and_other_units_see_nothing(users, decided):
    justice = client_for(users["justice_legal_officer"])
    export = justice.get("/review/feedback/export/", {"format": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert (
        "处理样本" in export["Content-Disposition"] or "filename" in export["Content-Disposition"]
    )


def test_the_rules_page_shows_what_reviewers_overrule_most(users, decided):
    page = client_for(users["justice_legal_officer"]).get("/review/rules/").content.decode()
    assert 'data-testid="most-overruled"' in page
    most = page.split('data-testid="most-overruled"')[1].split("</table>")[0]
    assert "fc.free_flow.local_preference" in most
    assert "100.00%" in most
    assert 'data-testid="overrule-ranges"' in page
    assert "规则和模型" in page or "规则" in page


def test_api_feedback_lists_the_same_examples(users, decided, django_assert_max_num_queries):
    client = APIClient()
    client.force_authenticate(users["justice_legal_officer"])
    with django_assert_max_num_queries(6):
        response = client.get("/api/review/feedback/")
    assert response.status_code == 200
    assert {row["label"] for row in response.json()} == {"violation", "compliant"}


def test_feedback_endpoint_query_count_does_not_grow(
    users, laws_loaded, django_assert_max_num_queries
):
    legal = users["department_legal_officer"]
    for _ in range(7):  # about 20 decided findings
        run = services.review_run_record(actor=users["drafter"], text=DRAFT)
        for finding in run.findings.all():
            services.finding_decide(actor=legal, finding=finding, outcome="accepted")
    client = APIClient()
    client.force_authenticate(users["justice_legal_officer"])
    with django_assert_max_num_queries(6):
        response = client.get("/api/review/feedback/")
    assert len(response.json()) >= 20


def test_a_dismissal_without_reason_is_shown_on_screen(users, decided):
    legal = client_for(users["department_legal_officer"])
    finding = decided.findings.get(rule="legality.penalty_creation")
    page = legal.get(f"/review/runs/{decided.pk}/").content.decode()
    # htmx swaps no 4xx response by default: every staff page opts in for 400 (base.html)
    assert '{"code":"400","swap":true}' in page
    response = legal.post(
        f"/review/findings/{finding.pk}/decide/", {"outcome": "dismissed"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'role="alert">不采纳时请说明理由。' in body
    assert ReviewDecision.objects.filter(finding=finding).count() == 1


@pytest.mark.parametrize(
    "role", ["drafter", "department_legal_officer", "enforcement_officer", "leader", "public"]
)
def test_only_justice_legal_officers_and_administrators_export_feedback(users, decided, role):
    client = client_for(users[role])
    assert client.get("/review/feedback/export/", {"format": "jsonl"}).status_code == 403
    api = APIClient()
    api.force_authenticate(users[role])
    assert api.get("/api/review/feedback/").status_code == 403
    admin = client_for(users["administrator"])
    assert admin.get("/review/feedback/export/", {"format": "jsonl"}).status_code == 200


@pytest.mark.parametrize("role", ["drafter", "enforcement_officer", "public"])
def test_the_rule_adoption_page_is_for_reviewers_and_leaders(users, decided, role):
    assert client_for(users[role]).get("/review/rules/").status_code == 403
    api = APIClient()
    api.force_authenticate(users[role])
    assert api.get("/api/review/rules/").status_code == 403


def test_a_department_legal_officer_sees_adoption_but_no_export_button(users, decided):
    page = client_for(users["department_legal_officer"]).get("/review/rules/")
    assert page.status_code == 200
    assert "fc.free_flow.local_preference" in page.content.decode()
    assert "/review/feedback/export/" not in page.content.decode()
    justice = client_for(users["justice_legal_officer"]).get("/review/rules/").content.decode()
    assert "/review/feedback/export/" in justice


def test_a_legal_officer_of_another_unit_sees_none_of_these_overrules(users, decided, tree):
    from fazhi.core.models import Role
    from tests.conftest import user_with_role

    other = user_with_role(Role.DEPARTMENT_LEGAL_OFFICER, tree.town, username="townlegal")
    page = client_for(other).get("/review/rules/").content.decode()
    assert "fc.free_flow.local_preference" not in page


def test_records_name_the_document_the_detector_and_the_confidence(users, decided):
    api = APIClient()
    api.force_authenticate(users["justice_legal_officer"])
    rows = {row["rule"]: row for row in api.get("/api/review/feedback/").json()}
    dismissed = rows["fc.free_flow.local_preference"]
    assert dismissed["document"] == (decided.title or decided.source_name)
    assert dismissed["detector"] in {"rule", "rule+model"}
    assert dismissed["confidence"] is not None
    assert dismissed["decided_by"] == "legal"
    assert dismissed["decided_at"]


def test_the_command_exports_the_same_jsonl_as_the_page(users, decided, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("review_feedback", user="justice", stdout=out)
    page = client_for(users["justice_legal_officer"]).get(
        "/review/feedback/export/", {"format": "jsonl"}
    )
    assert out.getvalue() == page.content.decode()
    target = tmp_path / "feedback.xlsx"
    call_command("review_feedback", user="admin", format="xlsx", out=target, stderr=StringIO())
    assert target.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"user": "drafter"}, "--user"),
        ({"user": "nobody"}, "--user"),
        ({"user": "justice", "format": "xlsx"}, "--out"),
    ],
)
def test_the_command_refuses_naming_the_option(users, decided, options, field):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=field):
        call_command("review_feedback", **options)
