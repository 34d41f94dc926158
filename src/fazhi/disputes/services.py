"""Every write of people's mediation: committees, case transitions and the ledger import.

The case workflow is a small state machine (``CaseStatus``): registered → mediating →
concluded, with judicial confirmation and the follow-up visit recorded after conclusion. A
ledger import (台账) brings in concluded cases in bulk through the same validation.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from fazhi.core import services as core_services
from fazhi.core.calendar import due_on
from fazhi.core.domain.identity import is_valid_id_number
from fazhi.core.errors import Conflict, ImportFailed, ValidationFailed
from fazhi.core.exports import read_xlsx_rows, sheet_importer
from fazhi.core.lengths import check_bulk_lengths
from fazhi.core.models import Clock, Organization, OrganizationKind, Person, Role
from fazhi.core.scoping import require_change, require_role
from fazhi.disputes import clocks
from fazhi.disputes.error_codes import DisputesErrorCode as Code
from fazhi.disputes.models import (
    SUCCESS_OUTCOMES,
    CaseSource,
    CaseStatus,
    ConfirmationResult,
    DisputeKind,
    FollowUp,
    JudicialConfirmation,
    MediationCase,
    MediationParty,
    NextChannel,
    Outcome,
    PartyRole,
)
from fazhi.disputes.procedures import CASE, CONFIRMATION
from fazhi.disputes.selectors import COMMITTEE_PARENT_KINDS

# Who may write mediation records: the committee's mediators and the justice bureau.
MEDIATION_ROLES = (Role.MEDIATOR, Role.JUSTICE_LEGAL_OFFICER)


@dataclass(frozen=True)
class PartyInput:
    role: str
    name: str
    id_number: str = ""


@dataclass(frozen=True)
class MediationCaseRow:
    """One concluded case as a ledger (台账) keeps it."""

    committee_code: str
    case_no: str
    kind: str
    source: str
    registered_on: Any
    concluded_on: Any
    outcome: str
    mediator_name: str = ""
    parties: tuple[PartyInput, ...] = ()
    amount: Any = None
    summary: str = ""
    next_channel: str = ""
    agreement_effective_on: Any = None


def _problem(errors: list[tuple[str, str, str]], code: str, message: str, field_name: str) -> None:
    errors.append((code, message, field_name))


def _raise_first(errors: list[tuple[str, str, str]]) -> None:
    if errors:
        code, message, field_name = errors[0]
        raise ValidationFailed(code, message, field=field_name)


def _check_committee(committee: Organization | None, errors: list) -> None:
    if committee is None or committee.kind != OrganizationKind.MEDIATION_COMMITTEE:
        _problem(errors, Code.NOT_A_COMMITTEE, _("所选单位不是人民调解委员会。"), "organization")


def _check_parties(parties: Sequence[PartyInput], errors: list) -> None:
    roles = {p.role for p in parties}
    if PartyRole.APPLICANT not in roles or PartyRole.RESPONDENT not in roles:
        _problem(errors, Code.REQUIRED, _("请至少填写一名申请人和一名被申请人。"), "parties")
    for party in parties:
        if party.role not in PartyRole.values:
            _problem(errors, Code.INVALID, _("当事人身份无效。"), "parties")
        if not party.name.strip():
            _problem(errors, Code.REQUIRED, _("请填写当事人姓名或名称。"), "parties")
        id_number = party.id_number.strip().upper()
        # Organisations carry an 18-character credit code; only ID-shaped numbers are checked.
        if id_number and id_number[:17].isdigit() and not is_valid_id_number(id_number):
            _problem(errors, Code.INVALID, _("当事人身份证号码格式或校验位不正确。"), "parties")


def _check_case_fields(
    *,
    case_no: str,
    kind: str,
    source: str,
    registered_on: Any,
    amount: Any,
    errors: list,
) -> None:
    if not case_no.strip():
        _problem(errors, Code.REQUIRED, _("请填写案号。"), "case_no")
    if kind not in DisputeKind.values:
        _problem(errors, Code.INVALID, _("纠纷类型无效。"), "kind")
    if source not in CaseSource.values:
        _problem(errors, Code.INVALID, _("案件来源无效。"), "source")
    if not isinstance(registered_on, dt.date):
        _problem(errors, Code.INVALID_DATE, _("登记日期无效。"), "registered_on")
    if amount is not None and amount < 0:
        _problem(errors, Code.INVALID, _("涉及金额不能为负数。"), "amount")


def _check_mediator(mediator: Person | None, committee: Organization | None, errors: list) -> None:
    if mediator is not None and committee is not None and mediator.organization_id != committee.pk:
        _problem(
            errors,
            Code.MEDIATOR_NOT_IN_COMMITTEE,
            _("调解员不属于该调解委员会。"),
            "mediator",
        )


def _check_outcome(
    *,
    registered_on: Any,
    concluded_on: Any,
    outcome: str,
    next_channel: str,
    agreement_effective_on: Any,
    errors: list,
) -> None:
    if outcome not in Outcome.values:
        _problem(errors, Code.INVALID, _("调解结果无效。"), "outcome")
    if not isinstance(concluded_on, dt.date):
        _problem(errors, Code.INVALID_DATE, _("结案日期无效。"), "concluded_on")
    elif isinstance(registered_on, dt.date) and concluded_on < registered_on:
        _problem(errors, Code.DATES_OUT_OF_ORDER, _("结案日期不能早于登记日期。"), "concluded_on")
    if next_channel and next_channel not in NextChannel.values:
        _problem(errors, Code.INVALID, _("告知的其他途径无效。"), "next_channel")
    if outcome == Outcome.FAILED and not next_channel:
        _problem(
            errors, Code.REQUIRED, _("调解不成的，请填写已告知当事人的其他途径。"), "next_channel"
        )
    if agreement_effective_on is not None:
        if outcome not in SUCCESS_OUTCOMES:
            _problem(errors, Code.NO_AGREEMENT, _("未达成协议，不能填写协议生效日期。"), "outcome")
        elif isinstance(concluded_on, dt.date) and agreement_effective_on < concluded_on:
            _problem(
                errors,
                Code.DATES_OUT_OF_ORDER,
                _("协议生效日期不能早于结案日期。"),
                "agreement_effective_on",
            )


def _event(case: MediationCase, event_type: str, actor: User, **details: Any) -> None:
    core_services.event_record(
        subject=case,
        event_type=event_type,
        actor=actor,
        organization=case.organization,
        details=details,
    )


def _locked(case: MediationCase) -> MediationCase:
    return MediationCase.objects.select_for_update().select_related("organization").get(pk=case.pk)


# Who sets up committees: the justice bureau guides people's mediation (art 5); a committee is
# established by a villagers' or residents' committee, a town or street, or an enterprise or
# other body (arts 8, 34), so its parent is one of ``selectors.COMMITTEE_PARENT_KINDS``.
COMMITTEE_SETUP_ROLES = (Role.JUSTICE_LEGAL_OFFICER, Role.ADMINISTRATOR)


@transaction.atomic
def mediation_committee_create(
    *, actor: User, parent: Organization, code: str, name: str, valid_from: dt.date | None = None
) -> Organization:
    """Set up a committee under the village, town or body that established it (arts 8, 34);
    the county justice bureau guides people's mediation county-wide (art 5), whatever the
    parent's unit."""
    require_role(actor, *COMMITTEE_SETUP_ROLES)
    if parent.kind not in COMMITTEE_PARENT_KINDS:
        raise ValidationFailed(
            Code.COMMITTEE_PARENT_INVALID,
            _("调解委员会应设在村（居）委员会、镇（街道）或企业事业单位等组织之下。"),
            field="parent",
        )
    return core_services.organization_insert(
        actor=actor,
        code=code,
        name=name,
        kind=OrganizationKind.MEDIATION_COMMITTEE,
        parent=parent,
        valid_from=valid_from,
    )


@transaction.atomic
def mediation_case_register(
    *,
    actor: User,
    committee: Organization,
    case_no: str,
    kind: str,
    source: str,
    registered_on: dt.date,
    parties: Sequence[PartyInput],
    summary: str = "",
    amount: Decimal | None = None,
    mediator: Person | None = None,
) -> MediationCase:
    require_change(actor, committee, roles=MEDIATION_ROLES)
    return _register(
        actor=actor,
        committee=committee,
        case_no=case_no,
        kind=kind,
        source=source,
        registered_on=registered_on,
        parties=parties,
        summary=summary,
        amount=amount,
        mediator=mediator,
    )


# Staff of another public body who may hand a dispute to a committee.
REFERRAL_ROLES = (Role.JUSTICE_LEGAL_OFFICER, Role.DEPARTMENT_LEGAL_OFFICER)


@transaction.atomic
def mediation_case_refer(
    *,
    actor: User,
    referring_body: Organization,
    committee: Organization,
    case_no: str,
    kind: str,
    registered_on: dt.date,
    parties: Sequence[PartyInput],
    summary: str = "",
) -> MediationCase:
    """A dispute another public body hands to a committee (a service window, the estate inquiry
    of 遗产继承一件事): the referring staff act within their own body, the committee's book gets
    the case, and its mediators are told there is a case to start."""
    from fazhi.core.handoffs import notify_next

    require_change(actor, referring_body, roles=REFERRAL_ROLES)
    case = _register(
        actor=actor,
        committee=committee,
        case_no=case_no,
        kind=kind,
        source=CaseSource.BODY_REFERRAL,
        registered_on=registered_on,
        parties=parties,
        summary=summary,
    )
    _event(case, "mediation_referred", actor, referring_body=referring_body.name)
    notify_next(CASE, case, actor=actor)
    return case


ONLINE_SERIES = "disputes.online"


def _tell_applicant(case: MediationCase, title: str, state: str) -> None:
    """A citizen who applied online hears of each step in their portal inbox."""
    if case.applicant_user_id is None:
        return
    from django.urls import reverse

    core_services.notification_raise(
        user=case.applicant_user,
        title=title,
        body=_("调解申请 %(no)s") % {"no": case.case_no},
        url=reverse("disputes-portal:case", args=[case.pk]),
        dedupe_key=f"disputes.applicant:{case.pk}:{state}",
    )


@transaction.atomic
def mediation_apply_online(
    *,
    actor: User,
    committee: Organization,
    kind: str,
    applicant_name: str,
    applicant_id_number: str,
    respondent_name: str,
    request: str,
    summary: str,
    contact_phone: str,
    respondent_id_number: str = "",
    contact_address: str = "",
) -> MediationCase:
    """A citizen applies online for people's mediation (人民调解法 art 17: the parties may
    apply to a committee). The committee's mediators are told; the citizen follows the case in
    我的办件 and is told when mediation starts and ends."""
    from django.utils import timezone

    from fazhi.core.handoffs import notify_next

    if actor is None or not actor.is_authenticated:
        raise ValidationFailed(Code.REQUIRED, _("请先登录后再申请。"), field="applicant_name")
    errors: list = []
    if not request.strip():
        _problem(errors, Code.REQUIRED, _("请填写调解请求。"), "request")
    if not summary.strip():
        _problem(errors, Code.REQUIRED, _("请填写纠纷的事实和理由。"), "summary")
    phone = contact_phone.strip()
    if not phone or not phone.replace("-", "").isdigit() or not 7 <= len(phone) <= 20:
        _problem(errors, Code.INVALID, _("请填写正确的联系电话。"), "contact_phone")
    _raise_first(errors)
    today = timezone.localdate()
    core_services.number_series_ensure(
        key=ONLINE_SERIES,
        name="人民调解网上申请编号",
        template="网调〔{year}〕{seq}号",
        organization=committee,
    )
    number = core_services.number_issue(series_key=ONLINE_SERIES, year=today.year, actor=None)
    case = _register(
        actor=actor,
        committee=committee,
        case_no=number.number,
        kind=kind,
        source=CaseSource.APPLICATION,
        registered_on=today,
        parties=[
            PartyInput(PartyRole.APPLICANT, applicant_name, applicant_id_number),
            PartyInput(PartyRole.RESPONDENT, respondent_name, respondent_id_number),
        ],
        summary=summary.strip(),
    )
    case.applicant_user = actor
    case.contact_phone = phone
    case.contact_address = contact_address.strip()
    case.request = request.strip()
    case.save()
    _event(case, "mediation_applied_online", actor)
    notify_next(CASE, case, actor=actor)
    return case


def _register(
    *,
    actor: User,
    committee: Organization,
    case_no: str,
    kind: str,
    source: str,
    registered_on: dt.date,
    parties: Sequence[PartyInput],
    summary: str = "",
    amount: Decimal | None = None,
    mediator: Person | None = None,
) -> MediationCase:
    errors: list = []
    _check_committee(committee, errors)
    _check_case_fields(
        case_no=case_no,
        kind=kind,
        source=source,
        registered_on=registered_on,
        amount=amount,
        errors=errors,
    )
    _check_parties(parties, errors)
    _check_mediator(mediator, committee, errors)
    _raise_first(errors)
    if MediationCase.objects.filter(organization=committee, case_no=case_no.strip()).exists():
        raise ValidationFailed(Code.DUPLICATE_CASE_NO, _("该委员会已有此案号。"), field="case_no")
    case = MediationCase.objects.create(
        organization=committee,
        case_no=case_no.strip(),
        kind=kind,
        source=source,
        summary=summary,
        amount=amount,
        mediator=mediator,
        registered_on=registered_on,
    )
    for party in parties:
        MediationParty.objects.create(
            case=case,
            role=party.role,
            name=party.name.strip(),
            id_number=party.id_number.strip().upper(),
        )
    _event(case, "mediation_registered", actor, registered_on=registered_on, kind=kind)
    return case


@transaction.atomic
def mediation_case_start(
    *, actor: User, case: MediationCase, on: dt.date, mediator: Person
) -> MediationCase:
    case = _locked(case)
    CASE.require(actor, case, "start")
    errors: list = []
    _check_mediator(mediator, case.organization, errors)
    if on < case.registered_on:
        _problem(errors, Code.DATES_OUT_OF_ORDER, _("开始调解日期不能早于登记日期。"), "on")
    _raise_first(errors)
    case.status = CaseStatus.MEDIATING
    case.started_on = on
    case.mediator = mediator
    case.save()
    _event(case, "mediation_started", actor, on=on, mediator=mediator.pk)
    _tell_applicant(case, _("您的调解申请已开始调解"), "started")
    return case


@transaction.atomic
def mediation_case_conclude(
    *,
    actor: User,
    case: MediationCase,
    on: dt.date,
    outcome: str,
    next_channel: str = "",
    agreement_effective_on: dt.date | None = None,
) -> MediationCase:
    """Close a case: an agreement (written or oral), a failure, or a party's refusal."""
    case = _locked(case)
    CASE.require(actor, case, "conclude")
    if outcome in (Outcome.AGREEMENT_WRITTEN, Outcome.AGREEMENT_ORAL, Outcome.FAILED) and (
        case.status != CaseStatus.MEDIATING
    ):
        raise Conflict(
            Code.INVALID_TRANSITION,
            _("尚未开始调解的案件只能以当事人拒绝调解结案。"),
            field="outcome",
        )
    if outcome in SUCCESS_OUTCOMES and agreement_effective_on is None:
        # An oral agreement takes effect when reached; a written one when signed and sealed.
        agreement_effective_on = on
    errors: list = []
    _check_outcome(
        registered_on=case.started_on or case.registered_on,
        concluded_on=on,
        outcome=outcome,
        next_channel=next_channel,
        agreement_effective_on=agreement_effective_on,
        errors=errors,
    )
    _raise_first(errors)
    case.status = CaseStatus.CONCLUDED
    case.outcome = outcome
    case.concluded_on = on
    case.next_channel = next_channel
    case.agreement_effective_on = agreement_effective_on
    case.save()
    _event(case, "mediation_concluded", actor, on=on, outcome=outcome)
    _tell_applicant(
        case,
        _("您的调解申请已结案：%(outcome)s") % {"outcome": case.get_outcome_display()},
        "concluded",
    )
    return case


@transaction.atomic
def mediation_confirmation_apply(
    *, actor: User, case: MediationCase, on: dt.date, court: str
) -> JudicialConfirmation:
    """The parties' joint application to a court to confirm the agreement (art 33)."""
    case = _locked(case)
    if JudicialConfirmation.objects.filter(case=case).exists():
        raise Conflict(Code.INVALID_TRANSITION, _("该案件已申请司法确认。"), field="status")
    CASE.require(actor, case, "confirmation_apply")
    if not court.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写受理法院。"), field="court")
    effective_on = case.agreement_effective_on
    if effective_on is None:
        raise Conflict(Code.NO_AGREEMENT, _("调解协议尚未生效，不能申请司法确认。"), field="status")
    if on < effective_on:
        raise ValidationFailed(
            Code.DATES_OUT_OF_ORDER, _("申请日期不能早于协议生效日期。"), field="on"
        )
    window = clocks.CONFIRMATION_APPLICATION
    last_day = due_on(start=effective_on, length=window.length, basis=window.basis)
    if last_day is not None and on > last_day:
        raise ValidationFailed(
            Code.CONFIRMATION_TOO_LATE,
            _("应自调解协议生效之日起30日内申请司法确认（最后一日：%(day)s）。")
            % {"day": last_day.isoformat()},
            field="on",
        )
    confirmation = JudicialConfirmation.objects.create(
        case=case, organization=case.organization, applied_on=on, court=court.strip()
    )
    core_services.clock_start(
        clock_type=clocks.CONFIRMATION_DECISION.key,
        subject=confirmation,
        organization=case.organization,
        start_date=on,
        label=_("司法确认裁定：%(no)s") % {"no": case.case_no},
        url=f"/disputes/cases/{case.pk}/",
        actor=actor,
    )
    _event(case, "confirmation_applied", actor, on=on, court=confirmation.court)
    return confirmation


def confirmation_clock(confirmation: JudicialConfirmation) -> Clock | None:
    return core_services.clock_for(confirmation, clocks.CONFIRMATION_DECISION.key)


@transaction.atomic
def mediation_confirmation_decide(
    *, actor: User, confirmation: JudicialConfirmation, on: dt.date, result: str
) -> JudicialConfirmation:
    confirmation = (
        JudicialConfirmation.objects.select_for_update()
        .select_related("case", "organization")
        .get(pk=confirmation.pk)
    )
    CONFIRMATION.require(actor, confirmation, "decide")
    if result not in (ConfirmationResult.CONFIRMED, ConfirmationResult.REFUSED):
        raise ValidationFailed(Code.INVALID, _("司法确认结果无效。"), field="result")
    if on < confirmation.applied_on:
        raise ValidationFailed(Code.DATES_OUT_OF_ORDER, _("裁定日期不能早于申请日期。"), field="on")
    confirmation.result = result
    confirmation.decided_on = on
    confirmation.save()
    clock = confirmation_clock(confirmation)
    if clock is not None:
        core_services.clock_stop(clock=clock, on=on, actor=actor)
    _event(confirmation.case, "confirmation_decided", actor, on=on, result=result)
    return confirmation


@transaction.atomic
def mediation_follow_up_record(
    *, actor: User, case: MediationCase, on: dt.date, note: str, performed: bool | None
) -> FollowUp:
    """A return visit: whether the agreement is performed (the committee supervises it)."""
    case = _locked(case)
    CASE.require(actor, case, "follow_up")
    if case.concluded_on is not None and on < case.concluded_on:
        raise ValidationFailed(Code.DATES_OUT_OF_ORDER, _("回访日期不能早于结案日期。"), field="on")
    if not note.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写回访情况。"), field="note")
    follow_up = FollowUp.objects.create(
        case=case,
        organization=case.organization,
        visited_on=on,
        note=note.strip(),
        agreement_performed=performed if case.is_success else None,
    )
    _event(case, "follow_up_recorded", actor, on=on, performed=performed)
    return follow_up


# --- ledger import ----------------------------------------------------------------------------

KIND_BY_LABEL = {str(label): value for value, label in DisputeKind.choices}
SOURCE_BY_LABEL = {str(label): value for value, label in CaseSource.choices}
OUTCOME_BY_LABEL = {str(label): value for value, label in Outcome.choices}
CHANNEL_BY_LABEL = {str(label): value for value, label in NextChannel.choices}


def _as_decimal(value: Any) -> Decimal | str | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return "invalid"


@transaction.atomic
def mediation_cases_import(*, actor: User, rows: Sequence[MediationCaseRow]) -> int:
    """Bring in concluded cases from a ledger: all or nothing, with a row-by-row error report.

    The demo's 12 297 cases go through here too, so it is written for bulk: one query per
    lookup, ``bulk_create_with_history`` for the rows and their history.
    """
    committees = Organization.objects.in_bulk({r.committee_code for r in rows}, field_name="code")
    for each_committee in committees.values():
        require_change(actor, each_committee, roles=MEDIATION_ROLES)
    mediators: dict[tuple[int, str], list[Person]] = {}
    for person in Person.objects.filter(organization__in=committees.values()):
        mediators.setdefault((person.organization_id, person.name), []).append(person)
    existing = set(
        MediationCase.objects.filter(organization__in=committees.values()).values_list(
            "organization_id", "case_no"
        )
    )
    report: list[dict[str, Any]] = []
    seen: dict[tuple[str, str], int] = {}
    resolved: list[tuple[MediationCaseRow, Organization, Person | None, Any]] = []
    for number, row in enumerate(rows, start=2):  # row 1 is the sheet's header
        errors: list = []
        committee = committees.get(row.committee_code)
        if committee is None:
            _problem(errors, Code.NOT_A_COMMITTEE, _("调解委员会编码不存在。"), "committee_code")
        else:
            _check_committee(committee, errors)
        amount = _as_decimal(row.amount)
        if amount == "invalid":
            _problem(errors, Code.INVALID, _("涉及金额不是数字。"), "amount")
            amount = None
        _check_case_fields(
            case_no=row.case_no,
            kind=row.kind,
            source=row.source,
            registered_on=row.registered_on,
            amount=amount,
            errors=errors,
        )
        _check_outcome(
            registered_on=row.registered_on,
            concluded_on=row.concluded_on,
            outcome=row.outcome,
            next_channel=row.next_channel,
            agreement_effective_on=row.agreement_effective_on,
            errors=errors,
        )
        _check_parties(row.parties, errors)
        mediator = None
        if row.mediator_name and committee is not None:
            found = mediators.get((committee.pk, row.mediator_name), [])
            if len(found) != 1:
                _problem(
                    errors,
                    Code.MEDIATOR_NOT_IN_COMMITTEE,
                    _("调解员不在该调解委员会名册中（或重名）。"),
                    "mediator_name",
                )
            else:
                mediator = found[0]
        key = (row.committee_code, row.case_no.strip())
        if committee is not None and (committee.pk, key[1]) in existing:
            _problem(errors, Code.DUPLICATE_CASE_NO, _("该委员会已有此案号。"), "case_no")
        elif key in seen:
            _problem(
                errors,
                Code.DUPLICATE_CASE_NO,
                _("案号与第%(row)s行重复。") % {"row": seen[key]},
                "case_no",
            )
        seen.setdefault(key, number)
        for _code, message, field_name in errors:
            report.append({"row": number, "field": field_name, "detail": str(message)})
        if not errors and committee is not None:
            resolved.append((row, committee, mediator, amount))
    if report:
        raise ImportFailed(
            _("导入未完成：%(count)s处错误，未做任何更改。") % {"count": len(report)}, report
        )
    user = core_services.user_or_none(actor)
    cases = [
        MediationCase(
            organization=committee,
            case_no=row.case_no.strip(),
            kind=row.kind,
            source=row.source,
            summary=row.summary,
            amount=amount,
            mediator=mediator,
            registered_on=row.registered_on,
            started_on=row.registered_on if row.outcome != Outcome.PARTY_REFUSED else None,
            status=CaseStatus.CONCLUDED,
            outcome=row.outcome,
            concluded_on=row.concluded_on,
            next_channel=row.next_channel,
            agreement_effective_on=(
                row.agreement_effective_on or row.concluded_on
                if row.outcome in SUCCESS_OUTCOMES
                else None
            ),
        )
        for row, committee, mediator, amount in resolved
    ]
    check_bulk_lengths(cases)
    check_bulk_lengths(
        [
            MediationParty(name=p.name.strip(), id_number=p.id_number.strip())
            for r, *_rest in resolved
            for p in r.parties
        ],
        row_numbers=[n for n, (r, *_rest) in enumerate(resolved, start=2) for _p in r.parties],
    )
    cases = bulk_create_with_history(cases, MediationCase, batch_size=1000, default_user=user)
    if any(case.pk is None for case in cases):  # backends that return no ids
        by_key = {
            (c.organization_id, c.case_no): c
            for c in MediationCase.objects.filter(organization__in=committees.values())
        }
        cases = [by_key[(c.organization_id, c.case_no)] for c in cases]
    parties = [
        MediationParty(
            case=case, role=p.role, name=p.name.strip(), id_number=p.id_number.strip().upper()
        )
        for case, (row, *_rest) in zip(cases, resolved, strict=True)
        for p in row.parties
    ]
    bulk_create_with_history(parties, MediationParty, batch_size=1000, default_user=user)
    per_committee = Counter(case.organization_id for case in cases)
    for committee in committees.values():
        if per_committee[committee.pk]:
            core_services.event_record(
                subject=committee,
                event_type="mediation_ledger_imported",
                actor=actor,
                organization=committee,
                details={"cases": per_committee[committee.pk]},
            )
    return len(cases)


LEDGER_HEADERS = (
    "调解委员会编码",
    "案号",
    "纠纷类型",
    "来源",
    "登记日期",
    "结案日期",
    "调解结果",
    "调解员",
    "申请人",
    "申请人证件号",
    "被申请人",
    "被申请人证件号",
    "涉及金额",
    "告知的其他途径",
    "纠纷简要情况",
)


def ledger_rows_from_sheet(sheet_rows: Sequence[dict[str, Any]]) -> list[MediationCaseRow]:
    """Turn the sheet's Chinese labels into codes; unknown labels stay as they are and are
    then reported by the import's validation (so the row number is kept)."""

    def text(row: dict[str, Any], key: str) -> str:
        value = row.get(key)
        return "" if value is None else str(value).strip()

    out = []
    for row in sheet_rows:
        parties = [PartyInput(PartyRole.APPLICANT, text(row, "申请人"), text(row, "申请人证件号"))]
        parties.append(
            PartyInput(PartyRole.RESPONDENT, text(row, "被申请人"), text(row, "被申请人证件号"))
        )
        kind, source, outcome = text(row, "纠纷类型"), text(row, "来源"), text(row, "调解结果")
        channel = text(row, "告知的其他途径")
        out.append(
            MediationCaseRow(
                committee_code=text(row, "调解委员会编码"),
                case_no=text(row, "案号"),
                kind=KIND_BY_LABEL.get(kind, kind),
                source=SOURCE_BY_LABEL.get(source, source),
                registered_on=row.get("登记日期"),
                concluded_on=row.get("结案日期"),
                outcome=OUTCOME_BY_LABEL.get(outcome, outcome),
                mediator_name=text(row, "调解员"),
                parties=tuple(parties),
                amount=row.get("涉及金额"),
                summary=text(row, "纠纷简要情况"),
                next_channel=CHANNEL_BY_LABEL.get(channel, channel),
            )
        )
    return out


# The template's example row carries this case number: the import skips it, so a template
# filled in below its example imports as it is, and the example never becomes a case.
EXAMPLE_CASE_NO = "示例"


@sheet_importer
def mediation_cases_import_xlsx(*, actor: User, data: bytes) -> int:
    """The ledger as staff keep it in Excel, through the same all-or-nothing import."""
    sheet_rows = read_xlsx_rows(data, expected_headers=LEDGER_HEADERS)
    sheet_rows = [r for r in sheet_rows if str(r.get("案号") or "").strip() != EXAMPLE_CASE_NO]
    if not sheet_rows:
        raise ValidationFailed(
            Code.REQUIRED,
            _("表格中没有数据行（案号为“示例”的示例行不导入，请在其下方填写台账）。"),
            field="file",
        )
    return mediation_cases_import(actor=actor, rows=ledger_rows_from_sheet(sheet_rows))
