"""The ledger (台账) import: concluded cases in bulk through the same validation."""

from __future__ import annotations

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
from fazhi.core.errors import ImportFailed, ValidationFailed
from fazhi.core.exports import read_xlsx_rows
from fazhi.core.importers import sheet_importer
from fazhi.core.lengths import check_bulk_lengths
from fazhi.core.models import Organization, Person
from fazhi.core.scoping import require_change
from fazhi.disputes.error_codes import DisputesErrorCode as Code
from fazhi.disputes.models import (
    SUCCESS_OUTCOMES,
    CaseSource,
    CaseStatus,
    DisputeKind,
    MediationCase,
    MediationParty,
    NextChannel,
    Outcome,
    PartyRole,
)
from fazhi.disputes.services._base import (
    MEDIATION_ROLES,
    PartyInput,
    _check_case_fields,
    _check_committee,
    _check_outcome,
    _check_parties,
    _problem,
)


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
