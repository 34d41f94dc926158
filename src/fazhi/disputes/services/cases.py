"""Committees and a case's own steps: registration, referral, mediation, conclusion (with
the agreement's terms) and the follow-up visit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.errors import Conflict, ValidationFailed
from fazhi.core.models import Organization, OrganizationKind, Person, Role
from fazhi.core.scoping import require_change, require_role
from fazhi.disputes.error_codes import DisputesErrorCode as Code
from fazhi.disputes.models import (
    SUCCESS_OUTCOMES,
    CaseSource,
    CaseStatus,
    FollowUp,
    MediationCase,
    Outcome,
)
from fazhi.disputes.procedures import CASE
from fazhi.disputes.selectors import COMMITTEE_PARENT_KINDS
from fazhi.disputes.services._base import (
    MEDIATION_ROLES,
    PartyInput,
    _check_mediator,
    _check_outcome,
    _event,
    _locked,
    _problem,
    _raise_first,
    _register,
)
from fazhi.disputes.services.online import _tell_applicant

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
    agreement_terms: str = "",
    performance_method: str = "",
    performance_due: dt.date | None = None,
) -> MediationCase:
    """Close a case: an agreement (written or oral), a failure, or a party's refusal.

    An agreement records its terms (人民调解法 第二十八条: the mediator records an oral
    agreement's content; 第二十九条: a written one states what was agreed and the manner and
    time limit of performance), which the 调解协议书 prints."""
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
    _check_terms(
        outcome=outcome,
        concluded_on=on,
        terms=agreement_terms,
        method=performance_method,
        due=performance_due,
        errors=errors,
    )
    _raise_first(errors)
    case.status = CaseStatus.CONCLUDED
    case.outcome = outcome
    case.concluded_on = on
    case.next_channel = next_channel
    case.agreement_effective_on = agreement_effective_on
    case.agreement_terms = agreement_terms.strip()
    case.performance_method = performance_method.strip()
    case.performance_due = performance_due
    case.save()
    _event(case, "mediation_concluded", actor, on=on, outcome=outcome)
    _tell_applicant(
        case,
        _("您的调解申请已结案：%(outcome)s") % {"outcome": case.get_outcome_display()},
        "concluded",
    )
    return case


def _check_terms(
    *, outcome: str, concluded_on: dt.date, terms: str, method: str, due: Any, errors: list
) -> None:
    """The terms of an agreement reached in the system (the ledger import keeps what the paper
    ledger holds and does not ask for them)."""
    if outcome not in SUCCESS_OUTCOMES:
        if terms.strip() or method.strip() or due is not None:
            _problem(
                errors, Code.NO_AGREEMENT, _("未达成协议，不能填写协议内容。"), "agreement_terms"
            )
        return
    if not terms.strip():
        _problem(
            errors,
            Code.REQUIRED,
            _("达成调解协议的，请填写协议内容（各方当事人承担的义务）。"),
            "agreement_terms",
        )
    if outcome == Outcome.AGREEMENT_WRITTEN and not method.strip():
        _problem(errors, Code.REQUIRED, _("书面调解协议请填写履行方式。"), "performance_method")
    if due is not None and isinstance(concluded_on, dt.date) and due < concluded_on:
        _problem(
            errors, Code.DATES_OUT_OF_ORDER, _("履行期限不能早于结案日期。"), "performance_due"
        )


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
