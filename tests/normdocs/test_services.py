"""normdocs services: the whole life of a document, every gate, every refusal."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.consultations import selectors as consultation_selectors
from fazhi.consultations import services as consultation_services
from fazhi.consultations.error_codes import ConsultationErrorCode
from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import ApplicationError
from fazhi.core.models import Clock, DomainEvent
from fazhi.normdocs import services
from fazhi.normdocs.error_codes import NormdocsErrorCode as Code
from fazhi.normdocs.models import (
    DocumentStatus,
    FilingTarget,
    JointReview,
    LegalityReview,
    NormativeDocument,
)
from tests.normdocs.conftest import PAPER, docx_bytes

pytestmark = pytest.mark.django_db


def _refused(code, call, **kwargs):
    with pytest.raises(ApplicationError) as caught:
        call(**kwargs)
    assert caught.value.code == code, caught.value.message
    return caught.value


def _snapshot(document: NormativeDocument) -> tuple:
    document.refresh_from_db()
    return (document.status, document.review_round, document.document_number)


def test_full_life_writes_events_in_order(setup):
    document = setup.issued(setup.create())
    assert document.status == DocumentStatus.ISSUED
    assert document.document_number == "海政规〔2022〕1号"
    assert document.registration_number == "ZJHN00-2022-0001"
    assert document.valid_until == dt.date(2027, 4, 24)
    assert document.comment_completed_on == dt.date(2022, 4, 1)
    filings = {f.target: f for f in document.filings.all()}
    assert set(filings) == {FilingTarget.UPPER_GOVERNMENT, FilingTarget.PEOPLES_CONGRESS}
    assert filings[FilingTarget.UPPER_GOVERNMENT].due_on == dt.date(2022, 5, 10)
    assert filings[FilingTarget.PEOPLES_CONGRESS].due_on == dt.date(2022, 5, 25)
    services.filing_record(
        actor=setup.users["justice_legal_officer"],
        filing=filings[FilingTarget.UPPER_GOVERNMENT],
        filed_on=dt.date(2022, 5, 5),
    )
    events = list(
        DomainEvent.objects.filter(
            content_type__model="normativedocument", object_id=str(document.pk)
        ).values_list("event_type", flat=True)
    )
    assert events == [
        "normdocs.drafted",
        "normdocs.comment_opened",
        "normdocs.review_submitted",
        "normdocs.joint_review_recorded",
        "normdocs.joint_review_recorded",
        "normdocs.legality_concluded",
        "normdocs.deliberated",
        "normdocs.issued",
        "normdocs.filed",
    ]
    assert (
        Clock.objects.filter(clock_type="normdocs.legality_review", status="stopped").count() == 1
    )


def test_docx_upload_becomes_the_body(setup):
    document = setup.create(body="", upload=("意见.docx", docx_bytes("第一条 甲。", "第二条 乙。")))
    assert document.body == "第一条 甲。\n第二条 乙。"
    assert document.source_file_name == "意见.docx"
    assert len(document.source_sha256) == 64


@pytest.mark.parametrize(
    ("upload", "code"),
    [
        (("空.docx", b""), Code.EMPTY_FILE),
        (("假.docx", b"this is plain text, not a zip"), Code.NOT_DOCX),
        (("图.pdf", b"%PDF-1.4"), Code.NOT_DOCX),
        (("空白.docx", docx_bytes("", "  ")), Code.EMPTY_FILE),
    ],
)
def test_bad_uploads_are_refused(setup, upload, code):
    error = _refused(code, setup.create, body="", upload=upload)
    assert error.field == "upload"
    assert not NormativeDocument.objects.exists()


def test_oversized_upload_refused(setup, settings):
    settings.FAZHI_MAX_UPLOAD_BYTES = 100
    _refused(Code.FILE_TOO_LARGE, setup.create, body="", upload=("大.docx", b"x" * 101))
    assert not NormativeDocument.objects.exists()


def test_drafting_needs_role_and_own_unit(setup):
    users, tree = setup.users, setup.tree
    _refused(Code.REQUIRED, setup.create, body="  ")
    _refused(CoreErrorCode.FORBIDDEN_ROLE, setup.create, actor=users["enforcement_officer"])
    _refused(CoreErrorCode.FORBIDDEN_ROLE, setup.create, actor=users["public"])
    _refused(CoreErrorCode.OUT_OF_SCOPE, setup.create, organization=tree.town)
    assert not NormativeDocument.objects.exists()


def test_provisional_documents_get_two_years(setup):
    document = setup.issued(setup.create(title="海宁市小微企业扶持暂行办法"))
    assert document.is_provisional
    assert document.valid_until == dt.date(2024, 4, 24)


def test_comment_period_below_minimum_refused(setup):
    document = setup.create()
    _refused(
        ConsultationErrorCode.TOO_SHORT,
        services.comment_open,
        actor=setup.users["drafter"],
        document=document,
        starts_on=dt.date(2022, 3, 1),
        ends_on=dt.date(2022, 3, 20),
        backdate_reason=PAPER,
    )
    assert _snapshot(document)[0] == DocumentStatus.DRAFTING
    assert consultation_selectors.consultation_for(document) is None


def test_general_documents_need_seven_working_days(setup):
    document = setup.create(market_related=False)
    services.comment_open(
        actor=setup.users["drafter"],
        document=document,
        starts_on=dt.date(2022, 3, 1),
        ends_on=dt.date(2022, 3, 10),
        backdate_reason=PAPER,
    )
    consultation = consultation_selectors.consultation_for(document)
    assert (consultation.minimum_days, consultation.day_basis) == (7, "working")


def test_comment_after_close_refused(setup):
    document = setup.through_comment(setup.create())
    consultation = consultation_selectors.consultation_for(document)
    _refused(
        ConsultationErrorCode.PERIOD_ENDED,
        consultation_services.comment_submit,
        consultation=consultation,
        body="迟到",
    )
    assert consultation.comments.count() == 1


def test_out_of_order_moves_refused(setup):
    users = setup.users
    document = setup.create()
    before = _snapshot(document)
    _refused(
        Code.COMMENT_NOT_COMPLETED,
        services.review_submit,
        actor=users["drafter"],
        document=document,
        review_type_codes=["fair-competition"],
        on=dt.date(2022, 4, 6),
        backdate_reason=PAPER,
    )
    _refused(
        Code.INVALID_TRANSITION,
        services.legality_conclude,
        actor=users["justice_legal_officer"],
        document=document,
        outcome="lawful",
        opinion="合法",
        on=dt.date(2022, 4, 20),
        backdate_reason=PAPER,
    )
    _refused(
        Code.INVALID_TRANSITION,
        services.deliberation_record,
        actor=users["drafter"],
        document=document,
        meeting_kind="executive",
        meeting_date=dt.date(2022, 4, 20),
        approved=True,
        minutes="通过",
    )
    _refused(
        Code.INVALID_TRANSITION,
        services.document_issue,
        actor=users["justice_legal_officer"],
        document=document,
        series_key="city-normative",
        issued_on=dt.date(2022, 4, 25),
    )
    assert _snapshot(document) == before
    assert not LegalityReview.objects.exists()


def test_comment_must_be_summarised_before_review(setup):
    users = setup.users
    document = setup.create()
    services.comment_open(
        actor=users["drafter"],
        document=document,
        starts_on=dt.date(2022, 3, 1),
        ends_on=dt.date(2022, 3, 31),
        backdate_reason=PAPER,
    )
    _refused(
        Code.COMMENT_NOT_COMPLETED,
        services.review_submit,
        actor=users["drafter"],
        document=document,
        review_type_codes=["fair-competition"],
        on=dt.date(2022, 4, 6),
        backdate_reason=PAPER,
    )
    assert _snapshot(document)[0] == DocumentStatus.IN_COMMENT


def test_market_related_document_needs_fair_competition_review(setup):
    document = setup.through_comment(setup.create())
    _refused(
        Code.MISSING_REQUIRED_REVIEW,
        services.review_submit,
        actor=setup.users["drafter"],
        document=document,
        review_type_codes=["fiscal"],
        on=dt.date(2022, 4, 6),
        backdate_reason=PAPER,
    )
    _refused(
        Code.INVALID,
        services.review_submit,
        actor=setup.users["drafter"],
        document=document,
        review_type_codes=["fair-competition", "astrology"],
        on=dt.date(2022, 4, 6),
        backdate_reason=PAPER,
    )
    assert _snapshot(document)[:2] == (DocumentStatus.IN_COMMENT, 0)
    assert not JointReview.objects.exists()


def test_cannot_pass_on_while_joint_review_open(setup):
    users = setup.users
    document = setup.submitted(setup.create())
    review = document.joint_reviews.get(review_type__code="fair-competition")
    services.joint_review_record(
        actor=users["department_legal_officer"],
        review=review,
        outcome="passed",
        competition_conclusion="no_effect",
        on=dt.date(2022, 4, 8),
    )
    error = _refused(
        Code.REVIEW_OPEN,
        services.legality_conclude,
        actor=users["justice_legal_officer"],
        document=document,
        outcome="lawful",
        opinion="合法",
        on=dt.date(2022, 4, 20),
        backdate_reason=PAPER,
    )
    assert "财政政策审查" in str(error.message)
    assert _snapshot(document)[0] == DocumentStatus.IN_REVIEW


def test_review_by_wrong_role_or_unit_refused(setup):
    users = setup.users
    document = setup.submitted(setup.create())
    fiscal = document.joint_reviews.get(review_type__code="fiscal")
    # The market bureau's legal officer does not hold the fiscal review (a task of ENF).
    _refused(
        CoreErrorCode.FORBIDDEN_ROLE,
        services.joint_review_record,
        actor=users["department_legal_officer"],
        review=fiscal,
        outcome="passed",
        competition_conclusion="no_effect",
        on=dt.date(2022, 4, 8),
    )
    _refused(
        CoreErrorCode.FORBIDDEN_ROLE,
        services.joint_review_record,
        actor=users["drafter"],
        review=fiscal,
        outcome="passed",
        competition_conclusion="no_effect",
        on=dt.date(2022, 4, 8),
    )
    # Only the justice bureau gives the legality opinion.
    for user in (users["drafter"], users["department_legal_officer"], users["leader"]):
        _refused(
            CoreErrorCode.FORBIDDEN_ROLE,
            services.legality_conclude,
            actor=user,
            document=document,
            outcome="lawful",
            opinion="合法",
            on=dt.date(2022, 4, 20),
            backdate_reason=PAPER,
        )
    fiscal.refresh_from_db()
    assert fiscal.outcome == ""
    assert _snapshot(document)[0] == DocumentStatus.IN_REVIEW


def test_legality_review_minimum_time(setup):
    users = setup.users
    document = setup.submitted(setup.create())
    for review in document.joint_reviews.select_related("review_type"):
        actor = (
            users["department_legal_officer"]
            if review.review_type.code == "fair-competition"
            else setup.finance_legal
        )
        services.joint_review_record(
            actor=actor,
            review=review,
            outcome="passed",
            competition_conclusion="no_effect",
            on=dt.date(2022, 4, 7),
        )
    # Submitted Wednesday 6 April 2022; 5 working days end Wednesday 13 April.
    error = _refused(
        Code.REVIEW_TOO_FAST,
        services.legality_conclude,
        actor=users["justice_legal_officer"],
        document=document,
        outcome="lawful",
        opinion="合法",
        on=dt.date(2022, 4, 12),
        backdate_reason=PAPER,
    )
    assert "2022-04-13" in str(error.message)
    services.legality_conclude(
        actor=users["justice_legal_officer"],
        document=document,
        outcome="lawful",
        opinion="合法",
        on=dt.date(2022, 4, 13),
        backdate_reason=PAPER,
    )


def test_failed_joint_review_blocks_lawful_and_amend_returns_to_drafting(setup):
    users = setup.users
    document = setup.submitted(setup.create())
    reviews = {r.review_type.code: r for r in document.joint_reviews.all()}
    _refused(
        Code.REQUIRED,
        services.joint_review_record,
        actor=users["department_legal_officer"],
        review=reviews["fair-competition"],
        outcome="not_passed",
        competition_conclusion="restrictive",
        on=dt.date(2022, 4, 8),
    )
    services.joint_review_record(
        actor=users["department_legal_officer"],
        review=reviews["fair-competition"],
        outcome="not_passed",
        competition_conclusion="restrictive",
        opinion="第二条限定本地企业，排除外地经营者。",
        on=dt.date(2022, 4, 8),
    )
    services.joint_review_record(
        actor=setup.finance_legal,
        review=reviews["fiscal"],
        outcome="passed",
        competition_conclusion="no_effect",
        on=dt.date(2022, 4, 8),
    )
    _refused(
        Code.REVIEW_FAILED,
        services.legality_conclude,
        actor=users["justice_legal_officer"],
        document=document,
        outcome="lawful",
        opinion="合法",
        on=dt.date(2022, 4, 20),
        backdate_reason=PAPER,
    )
    services.legality_conclude(
        actor=users["justice_legal_officer"],
        document=document,
        outcome="amend",
        opinion="按公平竞争审查意见修改。",
        on=dt.date(2022, 4, 20),
        backdate_reason=PAPER,
    )
    assert _snapshot(document)[:2] == (DocumentStatus.DRAFTING, 1)
    # The second round goes straight to review: public comment is not repeated.
    services.review_submit(
        actor=users["drafter"],
        document=document,
        review_type_codes=["fair-competition"],
        on=dt.date(2022, 4, 25),
        backdate_reason=PAPER,
    )
    assert _snapshot(document)[:2] == (DocumentStatus.IN_REVIEW, 2)
    assert document.joint_reviews.filter(round=2).count() == 1


def test_issue_checks_series_and_validity(setup):
    users = setup.users
    document = setup.deliberated(setup.create())
    _refused(
        Code.NO_SERIES,
        services.document_issue,
        actor=users["justice_legal_officer"],
        document=document,
        series_key="missing",
        issued_on=dt.date(2022, 4, 25),
    )
    _refused(
        Code.INVALID_DATE,
        services.document_issue,
        actor=users["justice_legal_officer"],
        document=document,
        series_key="city-normative",
        issued_on=dt.date(2022, 4, 25),
        valid_until=dt.date(2028, 1, 1),
    )
    _refused(
        Code.INVALID_DATE,
        services.document_issue,
        actor=users["justice_legal_officer"],
        document=document,
        series_key="city-normative",
        issued_on=dt.date(2022, 4, 19),
    )
    _refused(
        CoreErrorCode.FORBIDDEN_ROLE,
        services.document_issue,
        actor=users["drafter"],
        document=document,
        series_key="city-normative",
        issued_on=dt.date(2022, 4, 25),
    )
    assert _snapshot(document) == (DocumentStatus.DELIBERATED, 1, "")


def test_filing_twice_refused(setup):
    document = setup.issued(setup.create())
    filing = document.filings.first()
    services.filing_record(
        actor=setup.users["drafter"], filing=filing, filed_on=dt.date(2022, 5, 1)
    )
    _refused(
        Code.DUPLICATE,
        services.filing_record,
        actor=setup.users["drafter"],
        filing=filing,
        filed_on=dt.date(2022, 5, 2),
    )


def test_evaluation_and_cleanup(setup):
    users = setup.users
    document = setup.issued(setup.create())
    services.evaluation_record(
        actor=users["drafter"],
        document=document,
        kind="third_party",
        evaluator="浙江某大学法学院",
        report="实施效果良好，建议继续施行。",
        conclusion="continue",
        evaluated_on=dt.date(2022, 10, 1),
        report_upload=("评估报告.pdf", b"%PDF-1.4 report"),
    )
    _refused(
        Code.REQUIRED,
        services.cleanup_decide,
        actor=users["drafter"],
        document=document,
        outcome="repeal",
        reason="",
        decided_on=dt.date(2022, 11, 1),
    )
    services.cleanup_decide(
        actor=users["justice_legal_officer"],
        document=document,
        outcome="repeal",
        reason="上位法修改。",
        decided_on=dt.date(2022, 11, 1),
    )
    document.refresh_from_db()
    assert (document.status, document.ended_on) == (DocumentStatus.REPEALED, dt.date(2022, 11, 1))
    _refused(
        Code.INVALID_TRANSITION,
        services.cleanup_decide,
        actor=users["justice_legal_officer"],
        document=document,
        outcome="retain",
        reason="x",
        decided_on=dt.date(2022, 11, 2),
    )


def test_evaluation_reminders_are_idempotent(setup):
    document = setup.issued(setup.create())
    today = dt.date(2027, 1, 1)  # within six months of expiry on 24 April 2027
    # The market bureau's drafter and its legal officer.
    assert services.evaluation_reminders_raise(today=today) == 2
    assert services.evaluation_reminders_raise(today=today) == 0
    assert setup.users["drafter"].notifications.get().url == f"/normdocs/{document.pk}/"


def test_inspection_lifecycle(setup):
    users, tree = setup.users, setup.tree
    documents = [setup.issued(setup.create(title=f"文件{index}")) for index in range(3)]
    inspection = services.inspection_open(
        actor=users["supervisor"],
        organization=tree.justice,
        title="2022年第一季度规范性文件检查",
        kind="quarterly",
        started_on=dt.date(2022, 6, 1),
    )
    _refused(
        CoreErrorCode.FORBIDDEN_ROLE,
        services.inspection_open,
        actor=users["drafter"],
        organization=tree.justice,
        title="x",
        kind="special",
        started_on=dt.date(2022, 6, 1),
    )
    assert (
        services.inspection_select_documents(
            actor=users["supervisor"], inspection=inspection, sample_size=2, seed=7
        )
        == 2
    )
    assert (
        services.inspection_select_documents(
            actor=users["supervisor"], inspection=inspection, unit=tree.market
        )
        == 1
    )
    _refused(
        Code.NOTHING_SELECTED,
        services.inspection_select_documents,
        actor=users["supervisor"],
        inspection=inspection,
        unit=tree.market,
    )
    finding = services.inspection_finding_record(
        actor=users["supervisor"],
        inspection=inspection,
        document=documents[0],
        category="form",
        description="未标注有效期。",
        recorded_on=dt.date(2022, 6, 2),
        rectification_due=dt.date(2022, 7, 2),
    )
    _refused(
        Code.FINDINGS_OPEN,
        services.inspection_close,
        actor=users["supervisor"],
        inspection=inspection,
        closed_on=dt.date(2022, 6, 30),
        summary="检查完毕。",
    )
    _refused(
        CoreErrorCode.FORBIDDEN_ROLE,
        services.inspection_finding_rectify,
        actor=users["enforcement_officer"],
        finding=finding,
        rectified_on=dt.date(2022, 6, 20),
        note="已改",
    )
    services.inspection_finding_rectify(
        actor=users["drafter"],
        finding=finding,
        rectified_on=dt.date(2022, 6, 20),
        note="已补充有效期。",
    )
    services.inspection_close(
        actor=users["supervisor"],
        inspection=inspection,
        closed_on=dt.date(2022, 6, 30),
        summary="检查完毕。",
    )
    _refused(
        Code.INVALID_TRANSITION,
        services.inspection_finding_record,
        actor=users["supervisor"],
        inspection=inspection,
        document=documents[0],
        category="form",
        description="x",
        recorded_on=dt.date(2022, 7, 2),
        rectification_due=dt.date(2022, 8, 2),
    )


def test_revised_draft_during_comment_is_a_new_version(setup):
    document = setup.create()
    services.comment_open(
        actor=setup.users["drafter"],
        document=document,
        starts_on=dt.date(2022, 3, 1),
        ends_on=dt.date(2022, 3, 31),
        backdate_reason=PAPER,
    )
    revised = document.body.replace("小微企业。", "小微企业和个体工商户。")
    services.comment_revise(
        actor=setup.users["drafter"], document=document, text=revised, note="扩大适用范围"
    )
    document.refresh_from_db()
    assert document.body == revised
    versions = consultation_selectors.consultation_for(document).versions.all()
    assert [v.number for v in versions] == [1, 2]
    assert "+第二条 本意见适用于本市行政区域内的小微企业和个体工商户。" in versions[1].diff
    _refused(
        CoreErrorCode.FORBIDDEN_ROLE,
        services.comment_revise,
        actor=setup.users["enforcement_officer"],
        document=document,
        text="第一条 另一稿",
    )


def test_reminder_command(setup):
    import io

    from django.core.management import call_command

    setup.issued(setup.create())
    out = io.StringIO()
    call_command("normdocs_reminders", "--today", "2027-01-01", stdout=out)
    assert out.getvalue().strip() == "已发送提醒 2 条"
