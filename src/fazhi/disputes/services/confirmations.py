"""Judicial confirmation of a mediation agreement (人民调解法 第三十三条)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.calendar import due_on
from fazhi.core.errors import Conflict, ValidationFailed
from fazhi.core.models import Clock
from fazhi.disputes import clocks
from fazhi.disputes.error_codes import DisputesErrorCode as Code
from fazhi.disputes.models import (
    ConfirmationResult,
    JudicialConfirmation,
    MediationCase,
)
from fazhi.disputes.procedures import CASE, CONFIRMATION
from fazhi.disputes.services._base import (
    _event,
    _locked,
)


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
