"""What the mediation services share: who may write, the checks of a case's fields, events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.domain.identity import is_valid_id_number
from fazhi.core.errors import ValidationFailed
from fazhi.core.models import Organization, OrganizationKind, Person, Role
from fazhi.disputes.error_codes import DisputesErrorCode as Code
from fazhi.disputes.models import (
    SUCCESS_OUTCOMES,
    CaseSource,
    DisputeKind,
    MediationCase,
    MediationParty,
    NextChannel,
    Outcome,
    PartyRole,
)

# Who may write mediation records: the committee's mediators and the justice bureau.
MEDIATION_ROLES = (Role.MEDIATOR, Role.JUSTICE_LEGAL_OFFICER)


@dataclass(frozen=True)
class PartyInput:
    role: str
    name: str
    id_number: str = ""


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
