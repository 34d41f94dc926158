"""Writes of a penalty case before its decision: opening, evidence, notice, rights, review."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.errors import Conflict, ValidationFailed
from fazhi.core.models import (
    Organization,
    Person,
)
from fazhi.core.scoping import require_change
from fazhi.enforcement import clocks, domain
from fazhi.enforcement.certificates import (
    officers_from_numbers,
    people_by_certificate,
    valid_certificate,
)
from fazhi.enforcement.error_codes import EnforcementErrorCode as Code
from fazhi.enforcement.models import (
    CaseEvidence,
    CaseOfficer,
    CaseStatus,
    EnforcementCertificate,
    EnforcementItem,
    EvidenceKind,
    LegalReviewer,
    PartyType,
    PenaltyCase,
    PenaltyKind,
    ReviewOutcome,
)
from fazhi.enforcement.permissions import CASE_ROLES
from fazhi.enforcement.procedures import CASE
from fazhi.enforcement.rules import rules_on
from fazhi.enforcement.selectors import (
    hearing_threshold,
    holds_item,
)
from fazhi.enforcement.services._base import (
    Party,
    _case_series,
    _clock,
    _locked_case,
    _not_before,
    _start,
    _stop,
    add_working_days,
)


def _officer_names(assigned: Sequence[tuple[Person, EnforcementCertificate]]) -> str:
    return "、".join(f"{person.name}（{certificate.number}）" for person, certificate in assigned)


def _certified_officer(
    person: Person, organization: Organization, on: dt.date, field: str
) -> EnforcementCertificate:
    """The certificate by which ``person`` may act for ``organization`` on ``on`` (art 42, 55)."""
    if not person.organization.path.startswith(organization.path):
        raise ValidationFailed(
            Code.INVALID,
            _("%(name)s不是本单位的执法人员。") % {"name": person.name},
            field=field,
        )
    certificate = valid_certificate(person, on)
    if certificate is None:
        raise ValidationFailed(
            Code.OFFICER_NOT_CERTIFIED,
            _("%(name)s在%(date)s未持有有效的行政执法证（行政处罚法第四十二条）。")
            % {"name": person.name, "date": on},
            field=field,
        )
    return certificate


def _certified_officers(
    officers: Sequence[Person | str], organization: Organization, on: dt.date
) -> list[tuple[Person, EnforcementCertificate]]:
    """Officers given as people or by their certificate numbers (pages and API)."""
    named = officers_from_numbers([o for o in officers if isinstance(o, str)])
    given = [o for o in officers if isinstance(o, Person)] + named
    people = list({person.pk: person for person in given}.values())
    if len(people) < 2:
        raise ValidationFailed(
            Code.REQUIRED, _("执法人员不得少于两人（行政处罚法第四十二条）。"), field="officers"
        )
    return [(p, _certified_officer(p, organization, on, "officers")) for p in people]


def case_open(
    *,
    actor,
    organization: Organization,
    item: EnforcementItem,
    party: Party,
    facts: str,
    violation_date: dt.date,
    discovered_on: dt.date,
    opened_on: dt.date,
    officers: Sequence[Person | str],
    limitation_years: int = 2,
    is_major: bool = False,
    major_reason: str = "",
) -> PenaltyCase:
    """立案: checks the unit holds the item and the limitation period, starts the decision clock."""
    require_change(actor, organization, roles=CASE_ROLES)
    if party.type not in PartyType.values:
        raise ValidationFailed(Code.INVALID, _("当事人类型无效。"), field="party_type")
    if not party.name.strip() or not party.id_number.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写当事人名称和证件号码。"), field="party_name")
    if not party.address.strip():
        raise ValidationFailed(
            Code.REQUIRED,
            _("请填写当事人地址（行政处罚决定书应当载明，行政处罚法第五十九条）。"),
            field="party_address",
        )
    if not facts.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写违法事实。"), field="facts")
    if not violation_date <= discovered_on <= opened_on:
        raise ValidationFailed(
            Code.INVALID_DATE,
            _("日期顺序应为：违法行为日 ≤ 发现日 ≤ 立案日。"),
            field="discovered_on",
        )
    if limitation_years not in (2, 5):
        raise ValidationFailed(
            Code.INVALID, _("追责时效只能为二年或五年。"), field="limitation_years"
        )
    if discovered_on > domain.limitation_ends(violation_date, years=limitation_years):
        raise ValidationFailed(
            Code.LIMITATION_EXPIRED,
            _("违法行为在%(years)s年内未被发现，不再给予行政处罚（行政处罚法第三十六条）。")
            % {"years": limitation_years},
            field="discovered_on",
        )
    if is_major and not major_reason.strip():
        raise ValidationFailed(
            Code.REQUIRED, _("重大执法决定须写明法制审核理由。"), field="major_reason"
        )
    if not holds_item(organization, item, opened_on):
        raise ValidationFailed(
            Code.ITEM_NOT_HELD,
            _("本单位在立案日不享有该事项的处罚权（未列入本单位事项或赋权清单）。"),
            field="item",
        )
    assigned = _certified_officers(officers, organization, opened_on)
    case = PenaltyCase(
        organization=organization,
        item=item,
        party_type=party.type,
        party_name=party.name,
        party_id_number=party.id_number,
        party_address=party.address.strip()[:200],
        facts=facts,
        violation_date=violation_date,
        discovered_on=discovered_on,
        opened_on=opened_on,
        limitation_years=limitation_years,
        officers=_officer_names(assigned),
        is_major=is_major,
        major_reason=major_reason,
    )
    case.case_number = core_services.number_issue(
        series_key=_case_series(organization), year=opened_on.year, actor=actor
    ).number
    case.save()
    CaseOfficer.objects.bulk_create(
        CaseOfficer(case=case, person=person, certificate=certificate, assigned_on=opened_on)
        for person, certificate in assigned
    )
    core_services.clock_start(
        clock_type=clocks.DECISION.key,
        subject=case,
        organization=organization,
        start_date=opened_on,
        label=_("%(number)s 处罚决定") % {"number": case.case_number},
        url=f"/enforcement/cases/{case.pk}/",
        actor=actor,
    )
    core_services.event_record(
        subject=case,
        event_type="enforcement.case_opened",
        actor=actor,
        organization=organization,
        details={"item": item.code, "opened_on": str(opened_on)},
    )
    return case


@transaction.atomic
def case_evidence_add(
    *,
    actor,
    case: PenaltyCase,
    kind: str,
    description: str,
    file_name: str,
    content: bytes,
    collected_on: dt.date,
) -> CaseEvidence:
    """Attach evidence, stored content-addressed under its SHA-256."""
    case = _locked_case(case)
    CASE.require(actor, case, "evidence")
    if kind not in EvidenceKind.values:
        raise ValidationFailed(Code.INVALID, _("证据种类无效。"), field="kind")
    if not description.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写证据说明。"), field="description")
    if not content:
        raise ValidationFailed(Code.REQUIRED, _("请上传证据文件。"), field="file")
    if len(content) > settings.FAZHI_MAX_UPLOAD_BYTES:
        raise ValidationFailed(Code.FILE_TOO_LARGE, _("文件过大。"), field="file")
    _not_before(collected_on, case.violation_date, "collected_on")
    digest = hashlib.sha256(content).hexdigest()
    if case.evidence.filter(sha256=digest).exists():
        raise Conflict(Code.DUPLICATE, _("该文件已在案卷中。"), field="file")
    storage_name = f"evidence/{digest[:2]}/{digest}"
    if not default_storage.exists(storage_name):
        storage_name = default_storage.save(storage_name, ContentFile(content))
    evidence = CaseEvidence.objects.create(
        case=case,
        kind=kind,
        description=description,
        file_name=Path(file_name).name[:200] or digest,
        size=len(content),
        sha256=digest,
        storage_name=storage_name,
        collected_on=collected_on,
        added_by=actor,
    )
    core_services.event_record(
        subject=case,
        event_type="enforcement.evidence_added",
        actor=actor,
        organization=case.organization,
        details={"sha256": digest, "kind": kind, "file_name": evidence.file_name},
    )
    return evidence


@transaction.atomic
def case_notify(
    *,
    actor,
    case: PenaltyCase,
    on: dt.date,
    intended_kinds: Sequence[str],
    intended_fine: Decimal | None = None,
) -> PenaltyCase:
    """告知 (art 44): the intended decision and the rights; a hearing is offered where required."""
    case = _locked_case(case)
    CASE.require(actor, case, "notify")
    _not_before(on, case.opened_on, "on")
    if not case.evidence.exists():
        raise ValidationFailed(
            Code.NO_EVIDENCE, _("案卷尚无证据材料，不能告知。"), field="evidence"
        )
    unknown = [k for k in intended_kinds if k not in PenaltyKind.values]
    if unknown:
        raise ValidationFailed(Code.INVALID, _("处罚种类无效。"), field="intended_kinds")
    if intended_fine is not None and intended_fine < 0:
        raise ValidationFailed(Code.INVALID, _("拟罚款金额不能为负数。"), field="intended_fine")
    renotice = case.notice_on is not None
    if renotice:
        # A fresh notice (art 45) reopens the party's window: the earlier clocks stop here.
        _not_before(on, case.notice_on, "on")
        for key in (clocks.STATEMENT.key, clocks.HEARING_REQUEST.key):
            _stop(case, key, on, actor)
    case.notice_on = on
    case.intended_fine = intended_fine
    case.intended_kinds = sorted(set(intended_kinds))
    case.hearing_offered = domain.needs_hearing(
        fine=intended_fine, kinds=list(intended_kinds), threshold=hearing_threshold(case.party_type)
    )
    case.rights_waived_on = None
    case.waiver_note = ""
    case.status = CaseStatus.NOTIFIED
    case.save(
        update_fields=[
            "notice_on",
            "intended_fine",
            "intended_kinds",
            "hearing_offered",
            "rights_waived_on",
            "waiver_note",
            "status",
        ]
    )
    # The clocks show the first notice's windows; a fresh notice's window is counted by
    # ``selectors.rights_window_ends`` (a clock runs once per record).
    number = case.case_number
    if _clock(case, clocks.STATEMENT.key) is None:
        label = _("%(number)s 陈述申辩") % {"number": number}
        _start(case, clocks.STATEMENT.key, on, label, actor)
    if (
        case.hearing_offered
        and case.hearing_requested_on is None
        and _clock(case, clocks.HEARING_REQUEST.key) is None
    ):
        label = _("%(number)s 听证申请") % {"number": number}
        _start(case, clocks.HEARING_REQUEST.key, on, label, actor)
    core_services.event_record(
        subject=case,
        event_type="enforcement.case_notified",
        actor=actor,
        organization=case.organization,
        details={"on": str(on), "hearing_offered": case.hearing_offered, "renotice": renotice},
    )
    return case


@transaction.atomic
def case_rights_waive(*, actor, case: PenaltyCase, on: dt.date, note: str) -> PenaltyCase:
    """The party waives, in writing, its statement and hearing window (art 44, 62)."""
    case = _locked_case(case)
    CASE.require(actor, case, "waive")
    _not_before(on, case.notice_on, "on")
    if not note.strip():
        raise ValidationFailed(Code.REQUIRED, _("请登记书面放弃声明。"), field="note")
    case.rights_waived_on = on
    case.waiver_note = note
    case.save(update_fields=["rights_waived_on", "waiver_note"])
    for key in (clocks.STATEMENT.key, clocks.HEARING_REQUEST.key):
        _stop(case, key, on, actor)
    core_services.event_record(
        subject=case,
        event_type="enforcement.rights_waived",
        actor=actor,
        organization=case.organization,
        details={"on": on, "note": note},
    )
    return case


@transaction.atomic
def case_hearing_schedule(
    *, actor, case: PenaltyCase, on: dt.date, hearing_on: dt.date
) -> PenaltyCase:
    """听证通知: the party is told the time and place at least 7 working days before (art 64)."""
    case = _locked_case(case)
    CASE.require(actor, case, "hearing_schedule")
    _not_before(on, case.hearing_requested_on, "on")
    rules = rules_on(on)
    earliest = add_working_days(on, rules.hearing_notice_days)
    if hearing_on < earliest:
        raise ValidationFailed(
            Code.HEARING_NOTICE_TOO_SHORT,
            _(
                "应当在举行听证的%(days)s个工作日前通知当事人（行政处罚法第六十四条），最早%(date)s。"
            )
            % {"days": rules.hearing_notice_days, "date": earliest},
            field="hearing_on",
        )
    case.hearing_notice_on = on
    case.hearing_scheduled_for = hearing_on
    case.save(update_fields=["hearing_notice_on", "hearing_scheduled_for"])
    core_services.event_record(
        subject=case,
        event_type="enforcement.hearing_scheduled",
        actor=actor,
        organization=case.organization,
        details={"on": on, "hearing_on": hearing_on},
    )
    return case


@transaction.atomic
def case_statement_record(*, actor, case: PenaltyCase, statement: str) -> PenaltyCase:
    case = _locked_case(case)
    CASE.require(actor, case, "statement")
    if not statement.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写陈述申辩内容。"), field="statement")
    case.statement = statement
    case.save(update_fields=["statement"])
    core_services.event_record(
        subject=case,
        event_type="enforcement.statement_recorded",
        actor=actor,
        organization=case.organization,
    )
    return case


@transaction.atomic
def case_hearing_request(*, actor, case: PenaltyCase, on: dt.date) -> PenaltyCase:
    case = _locked_case(case)
    if not case.hearing_offered:
        raise ValidationFailed(
            Code.HEARING_NOT_OFFERED, _("本案未达到听证条件。"), field="hearing_requested_on"
        )
    if case.hearing_requested_on is not None:
        raise Conflict(Code.DUPLICATE, _("已申请听证。"), field="hearing_requested_on")
    CASE.require(actor, case, "hearing_request")
    _not_before(on, case.notice_on, "on")
    clock = _clock(case, clocks.HEARING_REQUEST.key)
    if clock is not None and clock.due_date is not None and on > clock.due_date:
        raise ValidationFailed(
            Code.HEARING_LATE,
            _("听证申请已超过告知后五个工作日（截止%(due)s）。") % {"due": clock.due_date},
            field="on",
        )
    case.hearing_requested_on = on
    case.save(update_fields=["hearing_requested_on"])
    if clock is not None:
        core_services.clock_stop(clock=clock, on=on, actor=actor)
    core_services.event_record(
        subject=case,
        event_type="enforcement.hearing_requested",
        actor=actor,
        organization=case.organization,
        details={"on": str(on)},
    )
    return case


@transaction.atomic
def case_hearing_hold(*, actor, case: PenaltyCase, on: dt.date) -> PenaltyCase:
    """A hearing held makes legal review compulsory (art 58 (ii))."""
    case = _locked_case(case)
    if case.hearing_requested_on is None:
        raise ValidationFailed(Code.HEARING_NOT_OFFERED, _("当事人未申请听证。"), field="on")
    CASE.require(actor, case, "hearing_hold")
    _not_before(on, case.hearing_scheduled_for, "on")
    case.hearing_held_on = on
    case.save(update_fields=["hearing_held_on"])
    core_services.event_record(
        subject=case,
        event_type="enforcement.hearing_held",
        actor=actor,
        organization=case.organization,
        details={"on": str(on)},
    )
    return case


@transaction.atomic
def case_extend(*, actor, case: PenaltyCase, on: dt.date, days: int, reason: str) -> PenaltyCase:
    case = _locked_case(case)
    CASE.require(actor, case, "extend")
    clock = _clock(case, clocks.DECISION.key)
    core_services.clock_extend(clock=clock, on=on, days=days, reason=reason, actor=actor)
    core_services.event_record(
        subject=case,
        event_type="enforcement.decision_extended",
        actor=actor,
        organization=case.organization,
        details={"days": days, "reason": reason},
    )
    return case


@transaction.atomic
def case_legal_review(
    *, actor, case: PenaltyCase, on: dt.date, outcome: str, opinion: str
) -> PenaltyCase:
    """法制审核 by a registered reviewer holding the legal professional qualification.

    Reviewers of the justice bureau may review any unit's case: Zhejiang pools review capacity
    across departments (浙江省综合行政执法条例 art 24).
    """
    case = _locked_case(case)
    CASE.require(actor, case, "review")
    reviewer = LegalReviewer.objects.filter(user=actor).first()
    if reviewer is None or not reviewer.qualification_number or reviewer.qualified_on > on:
        raise ValidationFailed(
            Code.REVIEWER_NOT_QUALIFIED,
            _("审核人员须取得国家统一法律职业资格（行政处罚法第五十八条）。"),
            field="reviewer",
        )
    if outcome not in ReviewOutcome.values:
        raise ValidationFailed(Code.INVALID, _("审核意见无效。"), field="outcome")
    if not opinion.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写审核意见说明。"), field="opinion")
    _not_before(on, case.hearing_held_on or case.notice_on, "on")
    if case.hearing_requested_on and case.hearing_held_on is None:
        raise ValidationFailed(Code.HEARING_PENDING, _("当事人已申请听证，尚未举行。"), field="on")
    case.reviewer = reviewer
    case.reviewed_on = on
    case.review_outcome = outcome
    case.review_opinion = opinion
    if outcome == ReviewOutcome.APPROVED:
        case.status = CaseStatus.REVIEWED
    case.save(
        update_fields=["reviewer", "reviewed_on", "review_outcome", "review_opinion", "status"]
    )
    core_services.event_record(
        subject=case,
        event_type="enforcement.legal_review",
        actor=actor,
        organization=case.organization,
        details={"on": str(on), "outcome": outcome},
    )
    return case


@transaction.atomic
def case_collective_discussion(
    *, actor, case: PenaltyCase, on: dt.date, minutes: str
) -> PenaltyCase:
    case = _locked_case(case)
    CASE.require(actor, case, "discussion")
    if not minutes.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写集体讨论纪要编号。"), field="minutes")
    _not_before(on, case.notice_on, "on")
    case.discussion_on = on
    case.discussion_minutes = minutes
    case.save(update_fields=["discussion_on", "discussion_minutes"])
    core_services.event_record(
        subject=case,
        event_type="enforcement.collective_discussion",
        actor=actor,
        organization=case.organization,
        details={"on": str(on), "minutes": minutes},
    )
    return case


@transaction.atomic
def case_officer_recuse(
    *,
    actor,
    case: PenaltyCase,
    on: dt.date,
    officer: str,
    replacement: str,
    applicant: str,
    reason: str,
) -> PenaltyCase:
    """回避 (art 43): an officer with an interest leaves the case and another certified officer
    takes the place, so the case keeps at least two (art 42); officers are named by their
    certificate numbers, the decision is in the timeline."""
    case = _locked_case(case)
    CASE.require(actor, case, "recuse")
    _not_before(on, case.opened_on, "on")
    current = {
        a.certificate.number: a
        for a in case.case_officers.filter(recused_on__isnull=True).select_related(
            "certificate", "person"
        )
    }
    officer, replacement = officer.strip(), replacement.strip()
    leaving = current.get(officer)
    if leaving is None:
        raise ValidationFailed(Code.INVALID, _("该人员不是本案执法人员。"), field="officer")
    if not replacement or replacement in current:
        raise ValidationFailed(
            Code.INVALID, _("请指定另一名未承办本案的执法人员。"), field="replacement"
        )
    people, _unknown = people_by_certificate([replacement])
    if not people or people[0].pk in {a.person_id for a in current.values()}:
        raise ValidationFailed(
            Code.INVALID, _("请指定另一名未承办本案的执法人员。"), field="replacement"
        )
    certificate = _certified_officer(people[0], case.organization, on, "replacement")
    if applicant not in ("party", "officer", "agency"):
        raise ValidationFailed(Code.INVALID, _("提出方无效。"), field="applicant")
    if not reason.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写回避理由。"), field="reason")
    leaving.recused_on = on
    leaving.save(update_fields=["recused_on"])
    CaseOfficer.objects.create(case=case, person=people[0], certificate=certificate, assigned_on=on)
    remaining = [
        (a.person, a.certificate)
        for a in case.case_officers.filter(recused_on__isnull=True)
        .select_related("person", "certificate")
        .order_by("id")
    ]
    case.officers = _officer_names(remaining)
    case.save(update_fields=["officers"])
    core_services.event_record(
        subject=case,
        event_type="enforcement.officer_recused",
        actor=actor,
        organization=case.organization,
        details={
            "on": on,
            "officer": f"{leaving.person.name}（{officer}）",
            "replacement": f"{people[0].name}（{replacement}）",
            "applicant": applicant,
            "reason": reason,
        },
    )
    return case
