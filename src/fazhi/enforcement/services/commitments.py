"""Writes of notice-and-commitment (告知承诺) for minor violations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.errors import ValidationFailed
from fazhi.core.models import (
    Organization,
    Person,
)
from fazhi.core.scoping import require_change
from fazhi.enforcement.error_codes import EnforcementErrorCode as Code
from fazhi.enforcement.models import (
    Commitment,
    CommitmentResult,
    CommitmentStatus,
    ExemptionItem,
    PartyType,
    PenaltyCase,
)
from fazhi.enforcement.permissions import CASE_ROLES
from fazhi.enforcement.procedures import COMMITMENT
from fazhi.enforcement.selectors import (
    holds_item,
    in_force,
)

# --- notice-and-commitment (告知承诺) ---------------------------------------------------------
from fazhi.enforcement.services._base import Party, _not_before
from fazhi.enforcement.services.cases import case_open


def _locked_commitment(commitment: Commitment, actor, step: str) -> Commitment:
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    COMMITMENT.require(actor, commitment, step)
    return commitment


@transaction.atomic
def commitment_notify(
    *,
    actor,
    organization: Organization,
    exemption: ExemptionItem,
    party: Party,
    facts: str,
    violation_date: dt.date,
    notice_on: dt.date,
    correct_by: dt.date,
) -> Commitment:
    """告知: the matter must be on the list on the notice date and held by the unit."""
    require_change(actor, organization, roles=CASE_ROLES)
    if not ExemptionItem.objects.filter(pk=exemption.pk).filter(in_force(notice_on)).exists():
        raise ValidationFailed(
            Code.EXEMPTION_NOT_IN_FORCE,
            _("该事项在告知日不在有效清单内，不适用告知承诺。"),
            field="exemption",
        )
    if exemption.item is not None and not holds_item(organization, exemption.item, notice_on):
        raise ValidationFailed(
            Code.ITEM_NOT_HELD, _("本单位不享有该事项的处罚权。"), field="exemption"
        )
    if party.type not in PartyType.values or not party.name.strip() or not party.id_number.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写当事人信息。"), field="party_name")
    if not facts.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写违法事实。"), field="facts")
    if not violation_date <= notice_on <= correct_by:
        raise ValidationFailed(
            Code.INVALID_DATE,
            _("日期顺序应为：违法行为日 ≤ 告知日 ≤ 改正期限。"),
            field="correct_by",
        )
    commitment = Commitment.objects.create(
        organization=organization,
        exemption=exemption,
        party_type=party.type,
        party_name=party.name,
        party_id_number=party.id_number,
        facts=facts,
        violation_date=violation_date,
        notice_on=notice_on,
        correct_by=correct_by,
    )
    core_services.event_record(
        subject=commitment,
        event_type="enforcement.commitment_notified",
        actor=actor,
        organization=organization,
        details={"exemption": exemption.code, "correct_by": str(correct_by)},
    )
    return commitment


@transaction.atomic
def commitment_sign(*, actor, commitment: Commitment, on: dt.date) -> Commitment:
    commitment = _locked_commitment(commitment, actor, "sign")
    _not_before(on, commitment.notice_on, "on")
    commitment.signed_on = on
    commitment.status = CommitmentStatus.COMMITTED
    commitment.save(update_fields=["signed_on", "status"])
    core_services.event_record(
        subject=commitment,
        event_type="enforcement.commitment_signed",
        actor=actor,
        organization=commitment.organization,
    )
    return commitment


@transaction.atomic
def commitment_refuse(*, actor, commitment: Commitment, on: dt.date) -> Commitment:
    """The party declines to commit: the ordinary procedure applies (a case is opened)."""
    commitment = _locked_commitment(commitment, actor, "refuse")
    _not_before(on, commitment.notice_on, "on")
    commitment.refused_on = on
    commitment.status = CommitmentStatus.REFUSED
    commitment.save(update_fields=["refused_on", "status"])
    core_services.event_record(
        subject=commitment,
        event_type="enforcement.commitment_refused",
        actor=actor,
        organization=commitment.organization,
    )
    return commitment


@transaction.atomic
def commitment_verify(*, actor, commitment: Commitment, on: dt.date, result: str) -> Commitment:
    commitment = _locked_commitment(commitment, actor, "verify")
    _not_before(on, commitment.signed_on, "on")
    if result not in CommitmentResult.values:
        raise ValidationFailed(Code.INVALID, _("核查结果无效。"), field="result")
    if result == CommitmentResult.NOT_CORRECTED and on <= commitment.correct_by:
        raise ValidationFailed(Code.INVALID_DATE, _("改正期限届满前不能认定为未改正。"), field="on")
    commitment.verified_on = on
    commitment.result = result
    commitment.status = CommitmentStatus.VERIFIED
    commitment.save(update_fields=["verified_on", "result", "status"])
    core_services.event_record(
        subject=commitment,
        event_type="enforcement.commitment_verified",
        actor=actor,
        organization=commitment.organization,
        details={"result": result},
    )
    return commitment


@transaction.atomic
def commitment_convert(
    *,
    actor,
    commitment: Commitment,
    opened_on: dt.date,
    officers: Sequence[Person | str],
    party_address: str = "",
) -> PenaltyCase:
    """Breach or refusal turns the matter back into a normal case (spec §2 step 5)."""
    commitment = _locked_commitment(commitment, actor, "convert")
    if commitment.exemption.item is None:
        raise ValidationFailed(
            Code.REQUIRED, _("清单事项未对应处罚事项，请先调整清单。"), field="exemption"
        )
    case = case_open(
        actor=actor,
        organization=commitment.organization,
        item=commitment.exemption.item,
        party=Party(
            commitment.party_type,
            commitment.party_name,
            commitment.party_id_number,
            party_address,
        ),
        facts=commitment.facts,
        violation_date=commitment.violation_date,
        discovered_on=commitment.notice_on,
        opened_on=opened_on,
        officers=officers,
    )
    commitment.follow_up_case = case
    commitment.save(update_fields=["follow_up_case"])
    core_services.event_record(
        subject=commitment,
        event_type="enforcement.commitment_converted",
        actor=actor,
        organization=commitment.organization,
        details={"case": case.case_number},
    )
    return case


@transaction.atomic
def commitment_file(*, actor, commitment: Commitment, on: dt.date) -> Commitment:
    """备案 with the justice bureau once the matter is finished (supervision spot-checks)."""
    commitment = _locked_commitment(commitment, actor, "file")
    if commitment.result != CommitmentResult.CORRECTED and commitment.follow_up_case_id is None:
        raise ValidationFailed(
            Code.FOLLOW_UP_REQUIRED, _("未履行承诺的须先转立案再备案。"), field="follow_up_case"
        )
    _not_before(on, commitment.verified_on or commitment.refused_on, "on")
    commitment.filed_on = on
    commitment.save(update_fields=["filed_on"])
    core_services.event_record(
        subject=commitment,
        event_type="enforcement.commitment_filed",
        actor=actor,
        organization=commitment.organization,
    )
    return commitment
