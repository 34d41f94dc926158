"""The decision procedure's gates, through the services; refused actions change nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.consultations import selectors as consultation_selectors
from fazhi.consultations import services as consultation_services
from fazhi.core.errors import ApplicationError
from fazhi.core.models import Clock, DomainEvent
from fazhi.decisions import services
from fazhi.decisions.models import (
    CatalogEntry,
    Category,
    Decision,
    DecisionCheck,
    ProcedureStep,
)
from tests.decisions import factories as f

D = dt.date
pytestmark = pytest.mark.django_db


def _refused(call, code: str) -> ApplicationError:
    with pytest.raises(ApplicationError) as caught:
        call()
    assert caught.value.code == code
    return caught.value


def _snapshot(decision: Decision):
    return (
        list(ProcedureStep.objects.filter(decision=decision).values()),
        list(DecisionCheck.objects.filter(decision=decision).values()),
        Decision.objects.filter(pk=decision.pk).values().get(),
        DomainEvent.objects.count(),
    )


def test_catalog_lifecycle_and_adjustment(tree, users):
    catalog = f.published_catalog(tree, users, titles=("甲", "乙"))
    assert catalog.status == "published"
    assert list(catalog.entries.values_list("status", flat=True)) == ["listed", "listed"]
    entry = catalog.entries.get(title="乙")
    _refused(
        lambda: services.catalog_adjust(
            actor=users["administrator"],
            catalog=catalog,
            kind="withdraw",
            reason=" ",
            adjusted_on=D(2022, 7, 1),
            entry=entry,
        ),
        "required",
    )
    assert CatalogEntry.objects.get(pk=entry.pk).status == "listed"
    services.catalog_adjust(
        actor=users["administrator"],
        catalog=catalog,
        kind="withdraw",
        reason="上级政策调整，暂缓决策",
        adjusted_on=D(2022, 7, 1),
        entry=entry,
    )
    services.catalog_adjust(
        actor=users["administrator"],
        catalog=catalog,
        kind="add",
        reason="年中新增",
        adjusted_on=D(2022, 7, 2),
        title="丙",
        category=Category.PUBLIC_POLICY,
        organization=tree.market,
        basis="依据",
        planned_completion=D(2022, 12, 31),
    )
    assert list(catalog.entries.order_by("sequence").values_list("title", "status")) == [
        ("甲", "listed"),
        ("乙", "withdrawn"),
        ("丙", "listed"),
    ]
    assert list(catalog.adjustments.values_list("kind", flat=True)) == ["withdraw", "add"]


def test_proposal_after_approval_is_refused(tree, users):
    catalog = f.published_catalog(tree, users)
    _refused(
        lambda: services.entry_propose(
            actor=users["drafter"],
            catalog=catalog,
            title="新事项",
            category="other",
            organization=tree.market,
            basis="依据",
            planned_completion=D(2022, 12, 1),
        ),
        "catalog_not_open",
    )
    assert catalog.entries.count() == 1


def test_sponsor_cannot_propose_for_another_unit_nor_approve(tree, users):
    catalog = services.catalog_create(
        actor=users["administrator"], organization=tree.city, year=2023, title="2023目录"
    )
    _refused(
        lambda: services.entry_propose(
            actor=users["drafter"],
            catalog=catalog,
            title="他单位事项",
            category="other",
            organization=tree.town,
            basis="依据",
            planned_completion=D(2023, 12, 1),
        ),
        "out_of_scope",
    )
    _refused(
        lambda: services.catalog_approve(
            actor=users["drafter"],
            catalog=catalog,
            approved_on=D(2023, 3, 1),
            approval_meeting="会议",
            party_consent_on=D(2023, 2, 1),
        ),
        "forbidden_role",
    )
    assert catalog.entries.count() == 0


def test_full_procedure_reaches_decision_with_event_sequence(tree, users):
    decision = f.launched(tree, users)
    f.ready_for_collective(decision, users)
    f.collective(decision, users)
    decision.refresh_from_db()
    assert decision.status == "decided"
    assert decision.decided_on == D(2022, 6, 8)
    assert list(decision.steps.values_list("status", flat=True)) == [
        "completed",
        "completed",
        "skipped",
        "completed",
        "completed",
    ]
    events = list(
        DomainEvent.objects.filter(object_id=str(decision.pk), event_type__startswith="decisions.")
        .filter(content_type__model="decision")
        .values_list("event_type", flat=True)
    )
    assert events == [
        "decisions.launched",
        "decisions.step_started",
        "decisions.step_completed",
        "decisions.step_started",
        "decisions.step_completed",
        "decisions.step_skipped",
        "decisions.step_started",
        "decisions.step_completed",
        "decisions.check_recorded",
        "decisions.check_recorded",
        "decisions.check_recorded",
        "decisions.step_completed",
        "decisions.collective_discussed",
    ]
    clock = Clock.objects.get(clock_type="decisions.legality_review")
    assert clock.status == "stopped"
    assert clock.due_date == D(2022, 6, 1)


def test_collective_discussion_refused_while_steps_open(tree, users):
    decision = f.launched(tree, users)
    before = _snapshot(decision)
    error = _refused(lambda: f.collective(decision, users), "steps_open")
    assert "公众参与" in str(error.message)
    assert _snapshot(decision) == before


def test_collective_discussion_refused_without_three_checks(tree, users):
    decision = f.launched(tree, users)
    f.ready_for_legality(decision, users)
    services.legality_review_submit(
        actor=users["drafter"],
        decision=decision,
        submitted_on=D(2022, 5, 23),
        review_due_on=D(2022, 6, 1),
    )
    services.legality_review_conclude(
        actor=users["justice_legal_officer"],
        decision=decision,
        concluded_on=D(2022, 5, 31),
        outcome="lawful",
        opinion="合法",
    )
    before = _snapshot(decision)
    _refused(lambda: f.collective(decision, users), "checks_missing")
    assert _snapshot(decision) == before


def test_unlawful_draft_cannot_be_discussed(tree, users):
    decision = f.launched(tree, users)
    f.ready_for_legality(decision, users)
    services.legality_review_submit(
        actor=users["drafter"],
        decision=decision,
        submitted_on=D(2022, 5, 23),
        review_due_on=D(2022, 6, 1),
    )
    services.legality_review_conclude(
        actor=users["justice_legal_officer"],
        decision=decision,
        concluded_on=D(2022, 5, 31),
        outcome="unlawful",
        opinion="超越职权",
    )
    for kind, actor in (
        ("self_check", "drafter"),
        ("legal_agency_check", "justice_legal_officer"),
        ("legal_adviser_check", "justice_legal_officer"),
    ):
        services.check_record(
            actor=users[actor],
            decision=decision,
            kind=kind,
            checker="某",
            checked_on=D(2022, 6, 2),
            outcome="passed",
        )
    _refused(lambda: f.collective(decision, users), "legality_not_passed")
    assert Decision.objects.get(pk=decision.pk).status == "drafting"


def test_head_must_speak_last(tree, users):
    decision = f.launched(tree, users)
    f.ready_for_collective(decision, users)
    before = _snapshot(decision)
    _refused(lambda: f.collective(decision, users, head_spoke_last=False), "head_not_last")
    assert _snapshot(decision) == before


def test_mandatory_steps_cannot_be_skipped_and_skip_needs_reason(tree, users):
    decision = f.launched(tree, users)
    before = _snapshot(decision)
    for kind in ("legality_review", "collective_discussion"):
        _refused(
            lambda kind=kind: services.step_skip(
                actor=users["drafter"],
                decision=decision,
                kind=kind,
                reason="无",
                basis="无",
                skipped_on=D(2022, 4, 2),
            ),
            "step_not_skippable",
        )
    _refused(
        lambda: services.step_skip(
            actor=users["drafter"],
            decision=decision,
            kind="risk_assessment",
            reason="  ",
            basis="第二十二条",
            skipped_on=D(2022, 4, 2),
        ),
        "required",
    )
    assert _snapshot(decision) == before


def test_step_cannot_be_recorded_twice(tree, users):
    decision = f.launched(tree, users)
    f.ready_for_legality(decision, users)
    before = _snapshot(decision)
    _refused(
        lambda: services.step_skip(
            actor=users["drafter"],
            decision=decision,
            kind="risk_assessment",
            reason="再次",
            basis="第二十二条",
            skipped_on=D(2022, 5, 21),
        ),
        "step_already_recorded",
    )
    _refused(
        lambda: services.expert_argumentation_complete(
            actor=users["drafter"],
            decision=decision,
            completed_on=D(2022, 5, 21),
            opinions="再次",
        ),
        "step_already_recorded",
    )
    _refused(
        lambda: services.check_record(
            actor=users["drafter"],
            decision=decision,
            kind="legal_agency_check",
            checker="x",
            checked_on=D(2022, 5, 21),
            outcome="passed",
        ),
        "forbidden_role",
    )
    assert _snapshot(decision) == before


def test_check_recorded_twice_and_out_of_order(tree, users):
    decision = f.launched(tree, users)
    _refused(
        lambda: services.check_record(
            actor=users["justice_legal_officer"],
            decision=decision,
            kind="legal_agency_check",
            checker="司法局",
            checked_on=D(2022, 5, 1),
            outcome="passed",
        ),
        "checks_missing",
    )
    services.check_record(
        actor=users["drafter"],
        decision=decision,
        kind="self_check",
        checker="法制科",
        checked_on=D(2022, 5, 1),
        outcome="passed",
    )
    _refused(
        lambda: services.check_record(
            actor=users["drafter"],
            decision=decision,
            kind="self_check",
            checker="法制科",
            checked_on=D(2022, 5, 2),
            outcome="passed",
        ),
        "check_already_recorded",
    )
    assert decision.checks.count() == 1


def test_legality_review_needs_prior_steps_and_minimum_time(tree, users):
    decision = f.launched(tree, users)
    _refused(
        lambda: services.legality_review_submit(
            actor=users["drafter"],
            decision=decision,
            submitted_on=D(2022, 5, 23),
            review_due_on=D(2022, 6, 10),
        ),
        "steps_open",
    )
    f.ready_for_legality(decision, users)
    before = _snapshot(decision)
    # 2022-05-23 (Mon) + 7 working days is 2022-06-01; the 31st gives six.
    error = _refused(
        lambda: services.legality_review_submit(
            actor=users["drafter"],
            decision=decision,
            submitted_on=D(2022, 5, 23),
            review_due_on=D(2022, 5, 31),
        ),
        "review_time_too_short",
    )
    assert error.field == "review_due_on"
    assert "2022-06-01" in str(error.message)
    assert _snapshot(decision) == before
    assert not Clock.objects.exists()


def test_only_justice_concludes_legality_review(tree, users):
    decision = f.launched(tree, users)
    f.ready_for_legality(decision, users)
    services.legality_review_submit(
        actor=users["drafter"],
        decision=decision,
        submitted_on=D(2022, 5, 23),
        review_due_on=D(2022, 6, 1),
    )
    _refused(
        lambda: services.legality_review_conclude(
            actor=users["department_legal_officer"],
            decision=decision,
            concluded_on=D(2022, 5, 31),
            outcome="lawful",
            opinion="合法",
        ),
        "forbidden_role",
    )
    assert decision.steps.get(kind="legality_review").status == "open"


def test_consultation_shorter_than_minimum_is_refused(tree, users):
    decision = f.launched(tree, users)
    before = _snapshot(decision)
    error = _refused(
        lambda: services.public_participation_start(
            actor=users["drafter"],
            decision=decision,
            starts_on=D(2022, 4, 6),
            ends_on=D(2022, 4, 26),
            channel="政府网站",
            draft_text="第一条 正文。",
            backdate_reason="按纸质记录补录",
        ),
        "consultation_too_short",
    )
    assert error.field == "ends_on"
    assert _snapshot(decision) == before
    assert consultation_selectors.consultation_for(decision) is None


def test_shortened_consultation_with_stated_reason(tree, users):
    decision = f.launched(tree, users)
    step = services.public_participation_start(
        actor=users["drafter"],
        decision=decision,
        starts_on=D(2022, 4, 6),
        ends_on=D(2022, 4, 16),
        channel="政府网站",
        draft_text="第一条 正文。",
        shortened_reason="疫情防控形势紧急",
        backdate_reason="按纸质记录补录",
    )
    assert step.shortened_reason == "疫情防控形势紧急"
    consultation = consultation_selectors.consultation_for(decision)
    assert (consultation.starts_on, consultation.ends_on) == (D(2022, 4, 6), D(2022, 4, 16))


def test_comment_on_closed_consultation_is_refused(tree, users):
    decision = f.launched(tree, users)
    f.participation_done(decision, users, comments=1)
    consultation = consultation_selectors.consultation_for(decision)
    with pytest.raises(ApplicationError) as caught:
        consultation_services.comment_submit(consultation=consultation, body="晚到的意见")
    assert caught.value.code == "comment_period_ended"
    assert consultation.comments.count() == 1


def test_participation_cannot_complete_before_summary(tree, users):
    decision = f.launched(tree, users)
    services.public_participation_start(
        actor=users["drafter"],
        decision=decision,
        starts_on=D(2022, 4, 6),
        ends_on=D(2022, 5, 6),
        channel="政府网站",
        draft_text="第一条 正文。",
        backdate_reason="按纸质记录补录",
    )
    _refused(
        lambda: services.public_participation_complete(
            actor=users["drafter"],
            decision=decision,
            completed_on=D(2022, 5, 10),
            report="报告",
        ),
        "consultation_not_ended",
    )
    assert decision.steps.get(kind="public_participation").status == "open"


def test_after_the_decision(tree, users):
    decision = f.launched(tree, users)
    f.ready_for_collective(decision, users)
    f.collective(decision, users)
    admin = users["administrator"]
    services.decision_publish(
        actor=admin,
        decision=decision,
        published_on=D(2022, 6, 20),
        channel="政府网站",
        document_number="海政发〔2022〕9号",
        party_report_on=D(2022, 6, 15),
        executing_unit=tree.market,
    )
    services.implementation_report(
        actor=users["drafter"], decision=decision, reported_on=D(2022, 9, 1), progress="推进中"
    )
    _refused(
        lambda: services.evaluation_commission(
            actor=admin,
            decision=decision,
            trigger="organ_discretion",
            evaluator="浙江省能源研究会",
            is_third_party=True,
            commissioned_on=D(2022, 10, 1),
        ),
        "evaluator_not_independent",
    )
    services.evaluation_commission(
        actor=admin,
        decision=decision,
        trigger="organ_discretion",
        evaluator="嘉兴学院",
        is_third_party=True,
        commissioned_on=D(2022, 10, 1),
    )
    clock = Clock.objects.get(clock_type="decisions.post_evaluation")
    assert clock.due_date == D(2022, 12, 30)
    services.evaluation_complete(
        actor=admin,
        decision=decision,
        completed_on=D(2022, 12, 1),
        findings="效果良好",
        recommendation="adjust",
    )
    _refused(
        lambda: services.decision_change(
            actor=admin, decision=decision, kind="suspend", changed_on=D(2022, 12, 5), reason=""
        ),
        "required",
    )
    services.decision_change(
        actor=admin, decision=decision, kind="suspend", changed_on=D(2022, 12, 5), reason="情况紧急"
    )
    _refused(
        lambda: services.decision_change(
            actor=admin,
            decision=decision,
            kind="adjust",
            changed_on=D(2022, 12, 6),
            reason="x",
            content="y",
        ),
        "invalid_transition",
    )
    services.decision_change(
        actor=admin,
        decision=decision,
        kind="terminate",
        changed_on=D(2022, 12, 20),
        reason="后评估建议停止",
    )
    decision.refresh_from_db()
    assert decision.status == "terminated"
    assert list(decision.changes.values_list("kind", flat=True)) == ["suspend", "terminate"]


def test_attachment_checks_type_and_size(tree, users, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    settings.FAZHI_MAX_UPLOAD_BYTES = 10
    decision = f.launched(tree, users)
    _refused(
        lambda: services.attachment_add(
            actor=users["drafter"], decision=decision, title="x", file_name="a.exe", content=b"1"
        ),
        "file_type",
    )
    _refused(
        lambda: services.attachment_add(
            actor=users["drafter"],
            decision=decision,
            title="x",
            file_name="a.pdf",
            content=b"1" * 11,
        ),
        "file_too_large",
    )
    attachment = services.attachment_add(
        actor=users["drafter"],
        decision=decision,
        title="草案",
        file_name="a.pdf",
        content=b"%PDF-1",
    )
    assert attachment.size == 6
    assert decision.attachments.count() == 1


def test_reschedule_records_previous_date_and_needs_a_new_one(tree, users):
    catalog = f.published_catalog(tree, users)
    entry = catalog.entries.get()
    _refused(
        lambda: services.catalog_adjust(
            actor=users["administrator"],
            catalog=catalog,
            kind="reschedule",
            reason="顺延",
            adjusted_on=D(2022, 8, 1),
            entry=entry,
            planned_completion=entry.planned_completion,
        ),
        "invalid_date",
    )
    adjustment = services.catalog_adjust(
        actor=users["administrator"],
        catalog=catalog,
        kind="reschedule",
        reason="顺延",
        adjusted_on=D(2022, 8, 1),
        entry=entry,
        planned_completion=D(2023, 3, 31),
    )
    assert adjustment.previous_completion == D(2022, 10, 31)
    assert CatalogEntry.objects.get(pk=entry.pk).planned_completion == D(2023, 3, 31)


def test_launch_needs_a_listed_entry_and_happens_once(tree, users):
    catalog = services.catalog_create(
        actor=users["administrator"], organization=tree.city, year=2022, title="目录"
    )
    entry = services.entry_propose(
        actor=users["drafter"],
        catalog=catalog,
        title="事项",
        category="other",
        organization=tree.market,
        basis="依据",
        planned_completion=D(2022, 12, 1),
    )
    launch = lambda: services.decision_launch(  # noqa: E731
        actor=users["drafter"], entry=entry, launched_on=D(2022, 4, 1), draft_summary="说明"
    )
    _refused(launch, "entry_not_listed")
    services.catalog_approve(
        actor=users["leader"],
        catalog=catalog,
        approved_on=D(2022, 3, 1),
        approval_meeting="常务会议",
        party_consent_on=D(2022, 2, 28),
    )
    launch()
    _refused(launch, "already_launched")
    assert Decision.objects.count() == 1
    assert ProcedureStep.objects.count() == 5
