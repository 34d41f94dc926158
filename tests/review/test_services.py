"""Stored pre-reviews and decisions: services, permissions, nothing changed on refusal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from fazhi.core.errors import Conflict, PermissionDenied, ValidationFailed
from fazhi.core.models import DomainEvent, Role
from fazhi.core.selectors import domain_events_for
from fazhi.review import indicators, selectors, services
from fazhi.review.models import ReviewDecision, ReviewFinding, ReviewRun
from tests.factories import PersonFactory, user_with_role
from tests.review.documents import DRAFT, docx_bytes

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2022, 8, 15)


@pytest.fixture
def run(users, laws_loaded):
    return services.review_run_record(actor=users["drafter"], text=DRAFT, as_of=AS_OF)


def test_a_run_keeps_the_text_and_every_finding_in_order(run, tree):
    assert run.organization == tree.market
    assert run.title == "海宁市促进本地企业发展若干措施"
    rules = list(run.findings.values_list("rule", flat=True))
    assert rules == [
        "citation.article_out_of_range",
        "fc.free_flow.local_preference",
        "legality.penalty_creation",
    ]
    for finding in run.findings.all():
        assert run.text[finding.start : finding.end] == finding.excerpt
        assert finding.status == "pending"
    assert list(run.findings.values_list("position", flat=True)) == [1, 2, 3]
    event = DomainEvent.objects.get(event_type="review_run")
    assert event.details == {"findings": 3, "as_of": "2022-08-15"}


def test_review_document_text_attaches_the_run_to_its_subject(users, tree, laws_loaded):
    subject = PersonFactory(organization=tree.market)  # any record with an organisation
    run = services.review_document_text(
        text=DRAFT, as_of=AS_OF, subject=subject, actor=users["department_legal_officer"]
    )
    assert run.subject == subject
    assert run.organization == tree.market
    assert list(selectors.runs_for_subject(user=users["drafter"], subject=subject)) == [run]


def test_a_docx_upload_is_read_and_stored_by_its_hash(users, laws_loaded, media):
    upload = SimpleUploadedFile("draft.docx", docx_bytes(DRAFT))
    run = services.review_run_record(actor=users["drafter"], upload=upload, as_of=AS_OF)
    assert run.source_name == "draft.docx"
    assert len(run.source_sha256) == 64
    assert (media / "review" / f"{run.source_sha256}.docx").is_file()
    assert run.findings.filter(rule="legality.penalty_creation").exists()


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("draft.docx", b"this is not a zip", "unreadable_file"),
        ("draft.txt", b"", "unreadable_file"),
        ("draft.txt", "文本".encode("gbk"), "unreadable_file"),
        ("draft.doc", b"\xd0\xcf\x11\xe0old word", "unreadable_file"),
    ],
)
def test_unreadable_uploads_are_refused_and_nothing_is_kept(users, media, name, content, code):
    with pytest.raises(ValidationFailed) as error:
        services.review_run_record(
            actor=users["drafter"], upload=SimpleUploadedFile(name, content), as_of=AS_OF
        )
    assert (error.value.code, error.value.field) == (code, "file")
    assert not ReviewRun.objects.exists()
    assert not (media / "review").exists()


def test_an_oversized_upload_is_refused(users, settings, media):
    settings.FAZHI_MAX_UPLOAD_BYTES = 10
    with pytest.raises(ValidationFailed) as error:
        services.review_run_record(
            actor=users["drafter"], upload=SimpleUploadedFile("a.txt", "一二三四五六".encode())
        )
    assert (error.value.code, error.value.field) == ("file_too_large", "file")
    assert not ReviewRun.objects.exists()


def test_empty_text_and_text_with_a_file_are_refused(users):
    with pytest.raises(ValidationFailed) as error:
        services.review_run_record(actor=users["drafter"], text="  \n")
    assert (error.value.code, error.value.field) == ("text_required", "text")
    with pytest.raises(ValidationFailed) as error:
        services.review_run_record(
            actor=users["drafter"], text="正文", upload=SimpleUploadedFile("a.txt", b"abc")
        )
    assert error.value.code == "text_and_file"
    assert not ReviewRun.objects.exists()


@pytest.mark.parametrize("role", ["public", "enforcement_officer", "mediator"])
def test_roles_without_review_duties_cannot_run_reviews(users, role):
    with pytest.raises(PermissionDenied):
        services.review_run_record(actor=users[role], text=DRAFT)
    assert not ReviewRun.objects.exists()


def test_legal_officers_decide_and_the_latest_decision_counts(run, users):
    finding = run.findings.get(rule="fc.free_flow.local_preference")
    services.finding_decide(
        actor=users["department_legal_officer"], finding=finding, outcome="accepted"
    )
    finding.refresh_from_db()
    assert finding.status == "accepted"
    services.finding_decide(
        actor=users["justice_legal_officer"],
        finding=finding,
        outcome="dismissed",
        reason="同等条件下优先采购系上级文件规定。",
    )
    finding.refresh_from_db()
    assert finding.status == "dismissed"
    assert list(finding.decisions.values_list("outcome", flat=True)) == ["accepted", "dismissed"]
    assert [e.event_type for e in domain_events_for(run)] == [
        "review_run",
        "finding_accepted",
        "finding_dismissed",
    ]


@pytest.mark.parametrize("role", ["drafter", "enforcement_officer", "leader", "public"])
def test_only_legal_officers_decide(run, users, role):
    finding = run.findings.first()
    with pytest.raises(PermissionDenied) as error:
        services.finding_decide(actor=users[role], finding=finding, outcome="accepted")
    assert error.value.code == "forbidden_role"
    finding.refresh_from_db()
    assert finding.status == "pending"
    assert not ReviewDecision.objects.exists()


def test_a_department_legal_officer_decides_only_within_their_unit(run, tree):
    other = user_with_role(Role.DEPARTMENT_LEGAL_OFFICER, tree.town, username="town_legal")
    finding = run.findings.first()
    with pytest.raises(PermissionDenied) as error:
        services.finding_decide(actor=other, finding=finding, outcome="accepted")
    assert error.value.code == "out_of_scope"
    assert not ReviewDecision.objects.exists()


def test_dismissal_needs_a_reason_and_repeating_a_decision_is_refused(run, users):
    finding = run.findings.first()
    legal = users["department_legal_officer"]
    with pytest.raises(ValidationFailed) as error:
        services.finding_decide(actor=legal, finding=finding, outcome="dismissed", reason=" ")
    assert (error.value.code, error.value.field) == ("reason_required", "reason")
    with pytest.raises(ValidationFailed) as error:
        services.finding_decide(actor=legal, finding=finding, outcome="maybe")
    assert (error.value.code, error.value.field) == ("invalid_decision", "outcome")
    services.finding_decide(actor=legal, finding=finding, outcome="accepted")
    with pytest.raises(Conflict) as error:
        services.finding_decide(actor=legal, finding=finding, outcome="accepted")
    assert error.value.code == "same_decision"
    assert ReviewDecision.objects.count() == 1


def test_runs_are_read_within_the_organisation_subtree(run, users, tree):
    assert list(selectors.run_list(user=users["drafter"])) == [run]
    assert list(selectors.run_list(user=users["justice_legal_officer"])) == [run]
    assert not selectors.run_list(user=users["enforcement_officer"]).exists()
    assert not selectors.run_list(user=users["public"]).exists()
    with pytest.raises(Http404):
        selectors.run_get(user=users["enforcement_officer"], pk=run.pk)


def test_rule_statistics_and_indicators_count_decisions(run, users, tree):
    legal = users["department_legal_officer"]
    findings = {f.rule: f for f in ReviewFinding.objects.filter(run=run)}
    services.finding_decide(
        actor=legal, finding=findings["legality.penalty_creation"], outcome="accepted"
    )
    services.finding_decide(
        actor=legal,
        finding=findings["fc.free_flow.local_preference"],
        outcome="dismissed",
        reason="误报",
    )
    rows = {row["rule"]: row for row in selectors.rule_statistics(user=legal, year=2022)}
    assert rows["legality.penalty_creation"] | {} == {
        "rule": "legality.penalty_creation",
        "category": "legality",
        "total": 1,
        "accepted": 1,
        "dismissed": 0,
        "pending": 0,
    }
    assert rows["fc.free_flow.local_preference"]["dismissed"] == 1
    assert not list(selectors.rule_statistics(user=legal, year=2023))
    assert indicators.runs(2022, None) == 1
    assert indicators.runs(2022, tree.town) == 0
    rate = indicators.finding_acceptance_rate(2022, tree.market)
    assert (rate.numerator, rate.denominator) == (1, 2)


def test_a_refused_upload_stores_no_file(users, media):
    upload = SimpleUploadedFile("draft.docx", docx_bytes(DRAFT))
    with pytest.raises(PermissionDenied):
        services.review_run_record(actor=users["public"], upload=upload)
    assert not (media / "review").exists()
    assert not ReviewRun.objects.exists()
