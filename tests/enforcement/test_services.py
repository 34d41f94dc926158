"""Case services: the walk from opening to closing, and every gate refusing with nothing changed."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

import pytest
from django.forms.models import model_to_dict

from fazhi.core.errors import ApplicationError, PermissionDenied
from fazhi.core.models import Clock, DomainEvent
from fazhi.core.selectors import domain_events_for
from fazhi.enforcement import services
from fazhi.enforcement.models import (
    CaseEvidence,
    CaseOutcome,
    CaseStatus,
    EvidenceKind,
    ExemptionItem,
    PenaltyCase,
    ReviewOutcome,
)
from tests.enforcement.conftest import notified_case, open_case

pytestmark = pytest.mark.django_db


def snapshot(case: PenaltyCase) -> tuple:
    case.refresh_from_db()
    return (
        model_to_dict(case),
        DomainEvent.objects.count(),
        Clock.objects.count(),
        CaseEvidence.objects.count(),
    )


def refused(code: str, call, case: PenaltyCase | None = None) -> ApplicationError:
    before = snapshot(case) if case else (PenaltyCase.objects.count(), DomainEvent.objects.count())
    with pytest.raises(ApplicationError) as caught:
        call()
    assert caught.value.code == code
    after = snapshot(case) if case else (PenaltyCase.objects.count(), DomainEvent.objects.count())
    assert after == before
    return caught.value


def events(case: PenaltyCase) -> list[str]:
    return list(domain_events_for(case).values_list("event_type", flat=True))


def test_minor_case_walks_to_no_penalty_under_an_exemption(enf, tree):
    case = notified_case(enf, tree)
    officer = enf.town_officer
    case = services.case_decide(
        actor=officer,
        case=case,
        on=dt.date(2022, 3, 15),
        outcome=CaseOutcome.NO_PENALTY_MINOR,
        circumstances=["first_violation", "corrected_promptly", "no_harm"],
        exemption=enf.exemption,
        education_given="当场批评教育",
    )
    assert case.status == CaseStatus.DECIDED
    assert case.proposed_grade == "no_penalty"
    assert case.followed_benchmark is True
    assert case.decision_number == "海长安镇罚决〔2022〕1号"
    services.case_serve(actor=officer, case=case, on=dt.date(2022, 3, 16), method="直接送达")
    case = services.case_close(actor=officer, case=case, on=dt.date(2022, 3, 17))
    assert case.status == CaseStatus.CLOSED
    assert events(case) == [
        "enforcement.case_opened",
        "enforcement.evidence_added",
        "enforcement.case_notified",
        "enforcement.case_decided",
        "enforcement.case_served",
        "enforcement.case_closed",
        "enforcement.case_anchored",
    ]
    # The closed file is anchored in the evidence log; its digest is recomputable and provable.
    from fazhi.enforcement.selectors import case_record_digest
    from fazhi.evidence.models import Anchor

    anchored = Anchor.objects.get(reference=f"enforcement.case:{case.pk}")
    anchored_event = domain_events_for(case).get(event_type="enforcement.case_anchored")
    assert anchored_event.details == {"log_index": anchored.entry.index, "digest": anchored.digest}
    anchored_event.delete()  # the digest covers the timeline up to the closing
    assert case_record_digest(case) == anchored.digest
    decision_clock = Clock.objects.get(clock_type="enforcement.decision", object_id=str(case.pk))
    assert decision_clock.due_date == dt.date(2022, 6, 1)  # 90 calendar days from 3 March
    assert decision_clock.stopped_on == dt.date(2022, 3, 15)
    assert not Clock.objects.filter(clock_type="enforcement.publicity").exists()


def test_major_penalty_case_with_hearing_review_discussion_and_publicity(enf, tree):
    case = notified_case(enf, tree, fine=Decimal(30000), is_major=True, major_reason="较大数额罚款")
    assert case.hearing_offered
    officer = enf.town_officer
    services.case_hearing_request(actor=officer, case=case, on=dt.date(2022, 3, 17))
    decide = {
        "actor": officer,
        "case": case,
        "on": dt.date(2022, 3, 31),
        "outcome": CaseOutcome.PENALTY,
        "penalty_kinds": ["fine"],
        "fine_amount": Decimal(30000),
        "circumstances": ["repeat"],
    }
    refused("hearing_pending", lambda: services.case_decide(**decide), case)
    # Art 64: no hearing without a notice at least 7 working days before it.
    refused(
        "hearing_not_notified",
        lambda: services.case_hearing_hold(actor=officer, case=case, on=dt.date(2022, 3, 24)),
        case,
    )
    refused(
        "hearing_notice_too_short",
        lambda: services.case_hearing_schedule(
            actor=officer, case=case, on=dt.date(2022, 3, 17), hearing_on=dt.date(2022, 3, 25)
        ),
        case,
    )
    services.case_hearing_schedule(
        actor=officer, case=case, on=dt.date(2022, 3, 17), hearing_on=dt.date(2022, 3, 28)
    )
    services.case_hearing_hold(actor=officer, case=case, on=dt.date(2022, 3, 28))
    refused("review_required", lambda: services.case_decide(**decide), case)
    case = services.case_legal_review(
        actor=enf.reviewer,
        case=case,
        on=dt.date(2022, 3, 29),
        outcome=ReviewOutcome.APPROVED,
        opinion="同意",
    )
    assert case.status == CaseStatus.REVIEWED
    refused("discussion_required", lambda: services.case_decide(**decide), case)
    services.case_collective_discussion(
        actor=officer, case=case, on=dt.date(2022, 3, 30), minutes="纪要1号"
    )
    case = services.case_decide(**decide)
    assert (case.proposed_grade, case.proposed_min, case.proposed_max) == (
        "heavier",
        Decimal(20000),
        Decimal(50000),
    )
    assert case.followed_benchmark is True
    publicity = Clock.objects.get(clock_type="enforcement.publicity", object_id=str(case.pk))
    # 7 working days from Thursday 31 March 2022: Saturday 2 April was a make-up workday and
    # the Qingming holiday (3–5 April) is skipped.
    assert publicity.due_date == dt.date(2022, 4, 12)
    services.case_publish(actor=officer, case=case, on=dt.date(2022, 4, 1))
    services.case_serve(actor=officer, case=case, on=dt.date(2022, 4, 1), method="直接送达")
    refused(
        "not_executed",
        lambda: services.case_close(actor=officer, case=case, on=dt.date(2022, 4, 2)),
        case,
    )
    services.case_execute(actor=officer, case=case, on=dt.date(2022, 4, 10), note="已缴纳")
    case = services.case_close(actor=officer, case=case, on=dt.date(2022, 4, 11))
    assert case.status == CaseStatus.CLOSED


def test_case_closed_before_service_is_refused(enf, tree):
    case = notified_case(enf, tree)
    case = services.case_decide(
        actor=enf.town_officer,
        case=case,
        on=dt.date(2022, 3, 15),
        outcome=CaseOutcome.NO_PENALTY_MINOR,
        circumstances=["corrected_promptly", "no_harm"],
        exemption=enf.exemption,
        education_given="批评教育",
    )
    refused(
        "not_served",
        lambda: services.case_close(actor=enf.town_officer, case=case, on=dt.date(2022, 3, 16)),
        case,
    )


def test_decision_above_the_benchmark_range_needs_a_reason(enf, tree):
    case = notified_case(enf, tree, fine=Decimal(30000))
    decide = {
        "actor": enf.town_officer,
        "case": case,
        "on": dt.date(2022, 3, 20),
        "outcome": CaseOutcome.PENALTY,
        "penalty_kinds": ["fine"],
        "fine_amount": Decimal(30000),
    }
    error = refused("deviation_reason_required", lambda: services.case_decide(**decide), case)
    assert error.field == "deviation_reason"
    case = services.case_decide(**decide, deviation_reason="违法持续时间长，经负责人批准")
    assert case.followed_benchmark is False
    assert case.deviation_reason == "违法持续时间长，经负责人批准"


def test_no_grade_may_exceed_the_maximum_even_with_a_reason(enf, tree):
    case = notified_case(enf, tree, fine=Decimal(9000))
    refused(
        "above_maximum",
        lambda: services.case_decide(
            actor=enf.town_officer,
            case=case,
            on=dt.date(2022, 3, 20),
            outcome=CaseOutcome.PENALTY,
            penalty_kinds=["fine"],
            fine_amount=Decimal(60000),
            deviation_reason="理由",
        ),
        case,
    )


def test_penalty_for_an_item_the_unit_does_not_hold_is_refused(enf, tree):
    # ITEM-2 is held by the bureau and not delegated to 长安镇.
    refused("item_not_held", lambda: open_case(enf, tree, item=enf.other_item))
    # ITEM-1 is delegated to 长安镇 only; 黄湾镇 does not hold it.
    refused(
        "item_not_held",
        lambda: open_case(enf, tree, actor=enf.other_town_officer, organization=tree.other_town),
    )


def test_delegation_withdrawn_before_the_decision_refuses_it(enf, tree, users):
    case = notified_case(enf, tree, fine=Decimal(6000))
    delegation = enf.item.delegations.get(organization=tree.town)
    services.delegation_withdraw(
        actor=users["administrator"],
        delegation=delegation,
        on=dt.date(2022, 3, 12),
        reason="评估调整",
    )
    refused(
        "item_not_held",
        lambda: services.case_decide(
            actor=enf.town_officer,
            case=case,
            on=dt.date(2022, 3, 20),
            outcome=CaseOutcome.PENALTY,
            penalty_kinds=["fine"],
            fine_amount=Decimal(6000),
        ),
        case,
    )


def test_exemption_not_on_the_list_at_the_decision_date_is_refused(enf, tree, users):
    case = notified_case(enf, tree)
    services.exemption_repeal(
        actor=users["administrator"],
        exemption=enf.exemption,
        on=dt.date(2022, 3, 12),
        reason="废止",
    )
    decide = {
        "actor": enf.town_officer,
        "case": case,
        "on": dt.date(2022, 3, 15),
        "outcome": CaseOutcome.NO_PENALTY_MINOR,
        "circumstances": ["corrected_promptly", "no_harm"],
        "exemption": enf.exemption,
        "education_given": "批评教育",
    }
    refused("exemption_not_in_force", lambda: services.case_decide(**decide), case)


def test_exemption_for_another_item_is_refused(enf, tree, users):
    case = notified_case(enf, tree)
    other = services.exemption_add(
        actor=users["administrator"],
        code="MZ-2",
        effective_from=dt.date(2022, 1, 1),
        list_name="清单",
        issuer="综合执法局",
        list_type="不予处罚",
        category="市容环卫",
        violation="其他",
        legal_basis="依据",
        conditions="条件",
        item=enf.other_item,
    )
    refused(
        "exemption_other_item",
        lambda: services.case_decide(
            actor=enf.town_officer,
            case=case,
            on=dt.date(2022, 3, 15),
            outcome=CaseOutcome.NO_PENALTY_MINOR,
            circumstances=["corrected_promptly", "no_harm"],
            exemption=other,
            education_given="批评教育",
        ),
        case,
    )


def test_no_penalty_needs_education(enf, tree):
    case = notified_case(enf, tree)
    error = refused(
        "required",
        lambda: services.case_decide(
            actor=enf.town_officer,
            case=case,
            on=dt.date(2022, 3, 15),
            outcome=CaseOutcome.NO_PENALTY_MINOR,
            circumstances=["corrected_promptly", "no_harm"],
            exemption=enf.exemption,
        ),
        case,
    )
    assert error.field == "education_given"


def test_opening_gates(enf, tree):
    refused("required", lambda: open_case(enf, tree, officers=["执法员甲"]))
    refused(
        "limitation_expired",
        lambda: open_case(
            enf,
            tree,
            violation_date=dt.date(2019, 1, 1),
            discovered_on=dt.date(2022, 3, 2),
        ),
    )
    refused("invalid_date", lambda: open_case(enf, tree, discovered_on=dt.date(2022, 2, 1)))
    refused("required", lambda: open_case(enf, tree, is_major=True))


def test_notice_needs_evidence_and_hearing_request_within_five_working_days(enf, tree):
    case = open_case(enf, tree)
    refused(
        "no_evidence",
        lambda: services.case_notify(
            actor=enf.town_officer, case=case, on=dt.date(2022, 3, 10), intended_kinds=[]
        ),
        case,
    )
    case.delete()
    case = notified_case(enf, tree, fine=Decimal(12000))
    # Notice Thursday 10 March 2022: five working days end Thursday 17 March.
    refused(
        "hearing_late",
        lambda: services.case_hearing_request(
            actor=enf.town_officer, case=case, on=dt.date(2022, 3, 18)
        ),
        case,
    )
    services.case_hearing_request(actor=enf.town_officer, case=case, on=dt.date(2022, 3, 17))


def test_review_needs_a_qualified_reviewer(enf, tree, users):
    case = notified_case(enf, tree, fine=Decimal(8000), is_major=True, major_reason="重大")
    legal = users["department_legal_officer"]
    with pytest.raises(PermissionDenied):
        services.case_legal_review(
            actor=legal, case=case, on=dt.date(2022, 3, 12), outcome="approved", opinion="同意"
        )
    from tests.factories import user_with_role

    town_legal = user_with_role("department_legal_officer", tree.town, username="townlegal")
    refused(
        "reviewer_not_qualified",
        lambda: services.case_legal_review(
            actor=town_legal, case=case, on=dt.date(2022, 3, 12), outcome="approved", opinion="同意"
        ),
        case,
    )


def test_other_town_officer_cannot_change_the_case(enf, tree):
    case = notified_case(enf, tree)
    before = snapshot(case)
    with pytest.raises(PermissionDenied) as caught:
        services.case_serve(
            actor=enf.other_town_officer, case=case, on=dt.date(2022, 3, 12), method="直接送达"
        )
    assert caught.value.code == "out_of_scope"
    assert snapshot(case) == before


def test_evidence_is_hashed_and_stored_once(enf, tree, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    case = open_case(enf, tree)
    evidence = services.case_evidence_add(
        actor=enf.town_officer,
        case=case,
        kind=EvidenceKind.AUDIO_VISUAL,
        description="执法记录仪视频",
        file_name="../../video.mp4",
        content=b"video-bytes",
        collected_on=dt.date(2022, 3, 3),
    )
    assert evidence.sha256 == hashlib.sha256(b"video-bytes").hexdigest()
    assert evidence.file_name == "video.mp4"
    assert (tmp_path / evidence.storage_name).read_bytes() == b"video-bytes"
    refused(
        "duplicate",
        lambda: services.case_evidence_add(
            actor=enf.town_officer,
            case=case,
            kind=EvidenceKind.AUDIO_VISUAL,
            description="同一文件",
            file_name="copy.mp4",
            content=b"video-bytes",
            collected_on=dt.date(2022, 3, 3),
        ),
        case,
    )
    settings.FAZHI_MAX_UPLOAD_BYTES = 4
    refused(
        "file_too_large",
        lambda: services.case_evidence_add(
            actor=enf.town_officer,
            case=case,
            kind=EvidenceKind.ELECTRONIC,
            description="大文件",
            file_name="big.bin",
            content=b"12345",
            collected_on=dt.date(2022, 3, 3),
        ),
        case,
    )


def test_decision_deadline_extension_is_capped(enf, tree):
    case = open_case(enf, tree)
    services.case_extend(
        actor=enf.town_officer, case=case, on=dt.date(2022, 5, 20), days=30, reason="案情复杂"
    )
    clock = Clock.objects.get(clock_type="enforcement.decision", object_id=str(case.pk))
    assert clock.due_date == dt.date(2022, 7, 1)
    refused(
        "extension_too_long",
        lambda: services.case_extend(
            actor=enf.town_officer, case=case, on=dt.date(2022, 6, 1), days=1, reason="再延长"
        ),
        case,
    )


def test_exemption_adjustment_keeps_history_and_as_of_view(enf, users):
    from fazhi.enforcement import selectors

    new = services.exemption_adjust(
        actor=users["administrator"],
        exemption=enf.exemption,
        on=dt.date(2022, 7, 1),
        reason="调整条件",
        conditions="初次违法、及时改正且一年内未受处罚",
    )
    assert new.version == 2
    assert list(selectors.exemption_versions("MZ-1").values_list("version", "effective_to")) == [
        (1, dt.date(2022, 7, 1)),
        (2, None),
    ]
    assert selectors.exemption_list(on=dt.date(2022, 6, 30)).get().version == 1
    assert selectors.exemption_list(on=dt.date(2022, 7, 1)).get().version == 2
    before = ExemptionItem.objects.count()
    with pytest.raises(ApplicationError) as caught:
        services.exemption_adjust(
            actor=users["administrator"], exemption=new, on=dt.date(2022, 7, 1), reason="x"
        )
    assert caught.value.code == "invalid_date"
    assert ExemptionItem.objects.count() == before


def test_only_catalog_roles_manage_the_catalog(enf, users):
    with pytest.raises(PermissionDenied):
        services.exemption_repeal(
            actor=users["enforcement_officer"],
            exemption=enf.exemption,
            on=dt.date(2022, 5, 1),
            reason="x",
        )
    assert ExemptionItem.objects.get().effective_to is None


def test_item_without_a_benchmark_records_no_proposal_to_follow(enf, tree, users):
    services.item_delegate(
        actor=users["administrator"],
        item=enf.other_item,
        organization=tree.town,
        decision_document="海政发〔2022〕9号",
        effective_from=dt.date(2022, 2, 1),
    )
    case = notified_case(enf, tree, fine=Decimal(3000), item=enf.other_item)
    case = services.case_decide(
        actor=enf.town_officer,
        case=case,
        on=dt.date(2022, 3, 20),
        outcome=CaseOutcome.PENALTY,
        penalty_kinds=["fine"],
        fine_amount=Decimal(3000),
    )
    assert (case.benchmark, case.followed_benchmark, case.proposed_min) == (None, None, None)
