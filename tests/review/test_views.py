"""Pre-review pages: paste or upload, inline highlights, decisions by legal officers only."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from fazhi.review import services
from fazhi.review.models import ReviewDecision, ReviewRun
from tests.review.documents import DRAFT, docx_bytes

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def run(users, laws_loaded):
    return services.review_run_record(actor=users["drafter"], text=DRAFT)


def test_drafter_pastes_text_and_sees_highlights(users, laws_loaded):
    drafter = client_for(users["drafter"])
    assert drafter.get("/review/").status_code == 200
    response = drafter.post("/review/", {"text": DRAFT, "as_of": "2022-08-15", "title": ""})
    run = ReviewRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/review/runs/{run.pk}/"
    page = drafter.get(response["Location"]).content.decode()
    marks = re.findall(r'<mark class="sev-(\w+)"[^>]*>([^<]*)</mark>', page)
    assert ("error", "处五百元以上一千元以下罚款") in marks
    assert ("error", "优先采购本地企业") in marks
    assert "《中华人民共和国行政处罚法》没有第九十条（共86条）。" in page
    assert 'name="outcome"' not in page  # drafters do not decide


def test_upload_of_a_docx_and_of_a_broken_one(users, laws_loaded, media):
    drafter = client_for(users["drafter"])
    response = drafter.post("/review/", {"file": SimpleUploadedFile("a.docx", docx_bytes(DRAFT))})
    assert response.status_code == 302
    broken = drafter.post("/review/", {"file": SimpleUploadedFile("b.docx", b"not a docx")})
    assert broken.status_code == 200
    assert "不是有效的 DOCX 文件" in broken.content.decode()
    assert ReviewRun.objects.count() == 1


def test_empty_form_is_refused_on_the_text_field(users):
    page = client_for(users["drafter"]).post("/review/", {"text": ""})
    assert page.status_code == 200
    assert "请粘贴要审查的文本或上传文件。" in page.content.decode()
    assert not ReviewRun.objects.exists()


def test_legal_officer_decides_inline_with_htmx(users, run):
    legal = client_for(users["department_legal_officer"])
    page = legal.get(f"/review/runs/{run.pk}/").content.decode()
    assert page.count('name="outcome" value="accepted"') == run.findings.count()
    finding = run.findings.get(rule="legality.penalty_creation")
    response = legal.post(
        f"/review/findings/{finding.pk}/decide/",
        {"outcome": "accepted", "reason": ""},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert f'id="review-run-{run.pk}"' in response.content.decode()
    finding.refresh_from_db()
    assert finding.status == "accepted"
    refused = legal.post(
        f"/review/findings/{finding.pk}/decide/", {"outcome": "dismissed"}, HTTP_HX_REQUEST="true"
    )
    assert refused.status_code == 400
    assert "不采纳时请说明理由。" in refused.content.decode()
    assert ReviewDecision.objects.count() == 1


def test_drafter_cannot_decide_through_the_page(users, run):
    finding = run.findings.first()
    response = client_for(users["drafter"]).post(
        f"/review/findings/{finding.pk}/decide/", {"outcome": "accepted"}
    )
    assert response.status_code == 403
    assert not ReviewDecision.objects.exists()


def test_other_units_cannot_open_a_run(users, run):
    assert (
        client_for(users["enforcement_officer"]).get(f"/review/runs/{run.pk}/").status_code == 404
    )
    assert client_for(users["public"]).get("/review/").status_code == 403


def test_run_list_and_rule_statistics(users, run, django_assert_max_num_queries):
    justice = client_for(users["justice_legal_officer"])
    with django_assert_max_num_queries(12):
        listing = justice.get("/review/runs/")
    assert "海宁市促进本地企业发展若干措施" in listing.content.decode()
    services.finding_decide(
        actor=users["justice_legal_officer"], finding=run.findings.first(), outcome="accepted"
    )
    stats = justice.get("/review/rules/").content.decode()
    assert "citation.article_out_of_range" in stats
    assert "100.00%" in stats
    export = justice.get("/review/rules/", {"export": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_include_renders_a_subjects_latest_run_in_few_queries(
    users, tree, laws_loaded, rf, django_assert_max_num_queries
):
    from django.template import Context, Template

    from fazhi.review import selectors
    from tests.factories import PersonFactory

    subject = PersonFactory(organization=tree.market)
    legal = users["department_legal_officer"]
    run = services.review_document_text(text=DRAFT, as_of=None, subject=subject, actor=legal)
    for finding in run.findings.all():
        services.finding_decide(actor=legal, finding=finding, outcome="accepted")
    request = rf.get("/normdocs/1/")
    request.user = legal
    template = Template("{% load review_tags %}{% review_run run %}")
    with django_assert_max_num_queries(8):
        latest = selectors.runs_for_subject(user=legal, subject=subject).first()
        html = template.render(Context({"run": latest, "request": request}))
    assert html.count("<mark ") >= 3
    assert html.count('finding-status">采纳</span>（legal）') == run.findings.count()
