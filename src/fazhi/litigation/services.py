"""Every write of administrative litigation: one service per transition.

A case is registered when the court files it (the defence period starts when the complaint
arrives) → concluded with its outcome → served (the appeal period starts for judgments and
appealable rulings) → appealed (a second-instance case follows) or final. Hearings record
whether the agency's head had to appear and who did.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.domain.identity import is_valid_id_number
from fazhi.core.errors import Conflict, ValidationFailed
from fazhi.core.models import Clock, ClockStatus, Organization, OrganizationKind, Role
from fazhi.core.scoping import require_change
from fazhi.litigation import clocks
from fazhi.litigation.error_codes import LitigationErrorCode as Code
from fazhi.litigation.models import (
    APPEALABLE_RULINGS,
    HEAD_APPEARANCES,
    JUDGMENTS,
    Appearance,
    Excuse,
    LitigationCase,
    LitigationHearing,
    Outcome,
    Procedure,
    Status,
    TrialLevel,
)
from fazhi.litigation.procedures import CASE, HEARING

# The defendant's legal officers handle its cases; the reconsideration and litigation office of
# the justice bureau handles the cases of bodies in its subtree.
LITIGATION_ROLES = (Role.DEPARTMENT_LEGAL_OFFICER, Role.RECONSIDERATION_OFFICER)


def _event(case: LitigationCase, event_type: str, actor: User, **details: Any) -> None:
    core_services.event_record(
        subject=case,
        event_type=event_type,
        actor=actor,
        organization=case.organization,
        details=details,
    )


def _locked(case: LitigationCase, actor: User) -> LitigationCase:
    case = (
        LitigationCase.objects.select_for_update()
        .select_related("organization", "court")
        .get(pk=case.pk)
    )
    require_change(actor, case.organization, roles=LITIGATION_ROLES)
    return case


def _not_before(on: dt.date, earlier: dt.date | None, field: str, message: str) -> None:
    if earlier is not None and on < earlier:
        raise ValidationFailed(Code.DATES_OUT_OF_ORDER, message, field=field)


def _not_future(on: dt.date, field: str = "on") -> None:
    if on > timezone.localdate():
        raise ValidationFailed(Code.INVALID, _("日期不能晚于今天。"), field=field)


def case_clock(case: LitigationCase, clock_type: str) -> Clock | None:
    return core_services.clock_for(case, clock_type)


def appeal_clock(case: LitigationCase) -> Clock | None:
    return case_clock(case, clocks.APPEAL_JUDGMENT.key) or case_clock(
        case, clocks.APPEAL_RULING.key
    )


def _appeal_clock_of(case: LitigationCase) -> Clock:
    clock = appeal_clock(case)
    return clock if clock is not None else core_services.clock_of(case, clocks.APPEAL_JUDGMENT.key)


@transaction.atomic
def litigation_case_register(
    *,
    actor: User,
    organization: Organization,
    court: Organization,
    court_case_no: str,
    trial_level: str,
    plaintiff_name: str,
    cause: str,
    contested_act: str,
    filed_on: dt.date,
    procedure: str = Procedure.ORDINARY,
    plaintiff_id_number: str = "",
    complaint_received_on: dt.date | None = None,
    origin_reconsideration=None,
    appeal_of: LitigationCase | None = None,
) -> LitigationCase:
    require_change(actor, organization, roles=LITIGATION_ROLES)
    if court is None or court.kind != OrganizationKind.COURT:
        raise ValidationFailed(Code.NOT_A_COURT, _("请选择受理法院。"), field="court")
    if not court_case_no.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写法院案号。"), field="court_case_no")
    if trial_level not in TrialLevel.values:
        raise ValidationFailed(Code.INVALID, _("审级无效。"), field="trial_level")
    if procedure not in Procedure.values:
        raise ValidationFailed(Code.INVALID, _("审理程序无效。"), field="procedure")
    for name, value in (
        ("plaintiff_name", plaintiff_name),
        ("cause", cause),
        ("contested_act", contested_act),
    ):
        if not value.strip():
            raise ValidationFailed(Code.REQUIRED, _("请填写此项。"), field=name)
    plaintiff_id_number = plaintiff_id_number.strip().upper()
    if plaintiff_id_number and not is_valid_id_number(plaintiff_id_number):
        raise ValidationFailed(
            Code.INVALID, _("身份证号码格式或校验位不正确。"), field="plaintiff_id_number"
        )
    _not_future(filed_on, "filed_on")
    if complaint_received_on is not None:
        _not_before(
            complaint_received_on,
            filed_on,
            "complaint_received_on",
            _("收到起诉状副本日期不能早于立案日期。"),
        )
    if origin_reconsideration is not None:
        if origin_reconsideration.decided_on is None or origin_reconsideration.closure in (
            "",
            "not_accepted",
        ):
            raise ValidationFailed(
                Code.RECONSIDERATION_NOT_CONCLUDED,
                _("关联的复议案件尚未审结。"),
                field="origin_reconsideration",
            )
        _not_before(
            filed_on,
            origin_reconsideration.decided_on,
            "filed_on",
            _("立案日期不能早于复议结案日期。"),
        )
    if trial_level == TrialLevel.SECOND and appeal_of is None:
        raise ValidationFailed(Code.REQUIRED, _("二审案件请关联原审案件。"), field="appeal_of")
    if appeal_of is not None and appeal_of.status != Status.APPEALED:
        raise ValidationFailed(Code.NOT_APPEALED, _("原审案件未上诉。"), field="appeal_of")
    if LitigationCase.objects.filter(court=court, court_case_no=court_case_no.strip()).exists():
        raise ValidationFailed(
            Code.DUPLICATE_CASE_NO, _("该法院案号已登记。"), field="court_case_no"
        )
    case = LitigationCase.objects.create(
        organization=organization,
        court=court,
        court_case_no=court_case_no.strip(),
        trial_level=trial_level,
        procedure=procedure,
        plaintiff_name=plaintiff_name.strip(),
        plaintiff_id_number=plaintiff_id_number,
        cause=cause.strip(),
        contested_act=contested_act.strip(),
        origin_reconsideration=origin_reconsideration,
        appeal_of=appeal_of,
        filed_on=filed_on,
        complaint_received_on=complaint_received_on,
        created_by=core_services.user_or_none(actor),
    )
    if complaint_received_on is not None:
        core_services.clock_start(
            clock_type=clocks.DEFENCE.key,
            subject=case,
            organization=organization,
            start_date=complaint_received_on,
            label=_("行政诉讼答辩：%(no)s") % {"no": case.court_case_no},
            url=f"/litigation/cases/{case.pk}/",
            actor=actor,
        )
    _event(case, "litigation_registered", actor, filed_on=filed_on, trial_level=trial_level)
    return case


@transaction.atomic
def litigation_defence_file(*, actor: User, case: LitigationCase, on: dt.date) -> LitigationCase:
    case = _locked(case, actor)
    CASE.require(actor, case, "defence")
    _not_future(on)
    _not_before(
        on,
        case.complaint_received_on or case.filed_on,
        "on",
        _("答辩日期不能早于收到起诉状副本日期。"),
    )
    clock = case_clock(case, clocks.DEFENCE.key)
    if clock is not None:
        core_services.clock_stop(clock=clock, on=on, actor=actor)
    case.defence_filed_on = on
    case.save()
    _event(case, "defence_filed", actor, on=on)
    return case


@transaction.atomic
def litigation_conclude(
    *,
    actor: User,
    case: LitigationCase,
    on: dt.date,
    outcome: str,
    compensation_awarded: bool = False,
) -> LitigationCase:
    case = _locked(case, actor)
    CASE.require(actor, case, "conclude")
    if outcome not in Outcome.values:
        raise ValidationFailed(Code.INVALID, _("结案方式无效。"), field="outcome")
    if compensation_awarded and outcome not in JUDGMENTS:
        raise ValidationFailed(
            Code.INVALID, _("只有判决可以判令赔偿。"), field="compensation_awarded"
        )
    _not_future(on)
    _not_before(on, case.filed_on, "on", _("结案日期不能早于立案日期。"))
    if case.hearings.filter(held_on__gt=on).exists():
        raise ValidationFailed(
            Code.DATES_OUT_OF_ORDER, _("结案日期不能早于已登记的开庭日期。"), field="on"
        )
    clock = case_clock(case, clocks.DEFENCE.key)
    if clock is not None and clock.status != ClockStatus.STOPPED:
        core_services.clock_stop(clock=clock, on=max(on, clock.start_date), actor=actor)
    case.status = Status.CONCLUDED
    case.outcome = outcome
    case.compensation_awarded = compensation_awarded
    case.concluded_on = on
    case.save()
    _event(case, "litigation_concluded", actor, on=on, outcome=outcome)
    return case


@transaction.atomic
def litigation_serve(*, actor: User, case: LitigationCase, on: dt.date) -> LitigationCase:
    """Service of the judgment or ruling: the appeal period starts where an appeal lies."""
    case = _locked(case, actor)
    CASE.require(actor, case, "serve")
    _not_future(on)
    _not_before(on, case.concluded_on, "on", _("送达日期不能早于结案日期。"))
    case.served_on = on
    appealable = case.trial_level != TrialLevel.SECOND and (
        case.outcome in JUDGMENTS or case.outcome in APPEALABLE_RULINGS
    )
    if appealable:
        clock_type = clocks.APPEAL_JUDGMENT if case.outcome in JUDGMENTS else clocks.APPEAL_RULING
        core_services.clock_start(
            clock_type=clock_type.key,
            subject=case,
            organization=case.organization,
            start_date=on,
            label=_("上诉期：%(no)s") % {"no": case.court_case_no},
            url=f"/litigation/cases/{case.pk}/",
            actor=actor,
        )
        case.status = Status.APPEAL_PERIOD
    else:
        case.status = Status.FINAL
        case.final_on = on
    case.save()
    _event(case, "litigation_served", actor, on=on, appealable=appealable)
    return case


@transaction.atomic
def litigation_appeal(*, actor: User, case: LitigationCase, on: dt.date) -> LitigationCase:
    """A party appealed within the period (art 85)."""
    case = _locked(case, actor)
    CASE.require(actor, case, "appeal")
    clock = _appeal_clock_of(case)
    last_day = core_services.clock_due(clock)
    _not_before(on, case.served_on, "on", _("上诉日期不能早于送达日期。"))
    if on > last_day:
        raise ValidationFailed(
            Code.APPEAL_PERIOD_EXPIRED,
            _("上诉期已于%(day)s届满。") % {"day": last_day.isoformat()},
            field="on",
        )
    core_services.clock_stop(clock=clock, on=on, actor=actor)
    case.status = Status.APPEALED
    case.appealed_on = on
    case.save()
    _event(case, "litigation_appealed", actor, on=on)
    return case


@transaction.atomic
def litigation_finalize(*, actor: User, case: LitigationCase, on: dt.date) -> LitigationCase:
    """No appeal was lodged: the judgment or ruling is final the day after the period."""
    case = _locked(case, actor)
    CASE.require(actor, case, "finalize")
    clock = _appeal_clock_of(case)
    last_day = core_services.clock_due(clock)
    if on <= last_day:
        raise ValidationFailed(
            Code.APPEAL_PERIOD_RUNNING,
            _("上诉期至%(day)s届满，届满后才能确认生效。") % {"day": last_day.isoformat()},
            field="on",
        )
    core_services.clock_stop(clock=clock, on=last_day, actor=actor)
    case.status = Status.FINAL
    case.final_on = last_day + dt.timedelta(days=1)
    case.save()
    _event(case, "litigation_final", actor, on=case.final_on)
    return case


# --- hearings ---------------------------------------------------------------------------------


@transaction.atomic
def litigation_hearing_schedule(
    *,
    actor: User,
    case: LitigationCase,
    held_on: dt.date,
    head_required: bool,
    court_notice_received_on: dt.date | None = None,
) -> LitigationHearing:
    case = _locked(case, actor)
    CASE.require(actor, case, "hearing")
    _not_before(held_on, case.filed_on, "held_on", _("开庭日期不能早于立案日期。"))
    if court_notice_received_on is not None:
        _not_before(
            court_notice_received_on,
            case.filed_on,
            "court_notice_received_on",
            _("收到出庭通知日期不能早于立案日期。"),
        )
        _not_before(
            held_on, court_notice_received_on, "held_on", _("开庭日期不能早于收到出庭通知日期。")
        )
    hearing = LitigationHearing.objects.create(
        case=case,
        organization=case.organization,
        held_on=held_on,
        head_required=head_required,
        court_notice_received_on=court_notice_received_on,
    )
    _event(case, "hearing_scheduled", actor, held_on=held_on, head_required=head_required)
    return hearing


@transaction.atomic
def litigation_hearing_record_appearance(
    *,
    actor: User,
    hearing: LitigationHearing,
    appearance: str,
    head_name: str = "",
    head_post: str = "",
    substitute_name: str = "",
    excuse: str = "",
    excuse_note: str = "",
    judicial_recommendation: bool = False,
) -> LitigationHearing:
    """Who appeared for the agency at a hearing its head had to attend (recorded once)."""
    hearing = (
        LitigationHearing.objects.select_for_update()
        .select_related("case", "organization")
        .get(pk=hearing.pk)
    )
    require_change(actor, hearing.organization, roles=LITIGATION_ROLES)
    if not hearing.head_required:
        raise Conflict(
            Code.APPEARANCE_NOT_REQUIRED,
            _("本次庭审无需负责人出庭，不登记负责人出庭情况。"),
            field="appearance",
        )
    if hearing.appearance:
        raise Conflict(
            Code.APPEARANCE_ALREADY_RECORDED, _("本次庭审的出庭情况已登记。"), field="appearance"
        )
    HEARING.require(actor, hearing, "appearance")
    if hearing.held_on > timezone.localdate():
        raise ValidationFailed(
            Code.HEARING_NOT_HELD_YET, _("庭审尚未举行，不能登记出庭情况。"), field="appearance"
        )
    if appearance not in Appearance.values:
        raise ValidationFailed(Code.INVALID, _("出庭情况无效。"), field="appearance")
    if appearance in HEAD_APPEARANCES:
        if not head_name.strip():
            raise ValidationFailed(Code.REQUIRED, _("请填写出庭负责人姓名。"), field="head_name")
        excuse, excuse_note = "", ""
    else:
        if excuse not in Excuse.values:
            raise ValidationFailed(Code.REQUIRED, _("负责人未出庭的，请选择理由。"), field="excuse")
        # A lawyer alone does not count (SPC Interpretation 2018 arts 128, 132).
        if not substitute_name.strip():
            raise ValidationFailed(
                Code.REQUIRED, _("请填写代为出庭的机关工作人员。"), field="substitute_name"
            )
    hearing.appearance = appearance
    hearing.head_name = head_name.strip() if appearance in HEAD_APPEARANCES else ""
    hearing.head_post = head_post.strip() if appearance in HEAD_APPEARANCES else ""
    hearing.substitute_name = substitute_name.strip()
    hearing.excuse = excuse
    hearing.excuse_note = excuse_note.strip()
    hearing.judicial_recommendation = judicial_recommendation
    hearing.recorded_at = timezone.now()
    hearing.save()
    _event(hearing.case, "appearance_recorded", actor, hearing=hearing.pk, appearance=appearance)
    return hearing
