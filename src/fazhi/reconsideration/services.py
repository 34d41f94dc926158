"""Every write of administrative reconsideration: one service per transition.

Intake (staff entry or the portal) → acceptance review (5 working days; a correction notice
pauses it) → accepted under the ordinary or simplified procedure, with its decision period
(extension only in the ordinary procedure) → hearing, suspension (mediation pauses the
period) → a decision, mediation, withdrawal or dismissal → service.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.domain.identity import is_valid_id_number
from fazhi.core.errors import Conflict, NotFound, ValidationFailed
from fazhi.core.models import Clock, ClockStatus, Organization, Role
from fazhi.core.scoping import require_change
from fazhi.reconsideration import clocks, domain
from fazhi.reconsideration.error_codes import ReconsiderationErrorCode as Code
from fazhi.reconsideration.models import (
    ActKind,
    Channel,
    Closure,
    Decision,
    LetterType,
    Procedure,
    ReconsiderationCase,
    ReconsiderationLetter,
    Status,
    SuspensionReason,
)
from fazhi.reconsideration.procedures import CASE, LETTER

RECONSIDERATION_ROLES = (Role.RECONSIDERATION_OFFICER,)
CASE_SERIES = "reconsideration-case"
# The reconsideration office the portal files applications with. Haining's office sits in the
# justice bureau; deployments elsewhere set FAZHI_RECONSIDERATION_BODY_CODE.
DEFAULT_BODY_CODE = "HN-D08"


def reconsideration_body() -> Organization:
    code = getattr(settings, "FAZHI_RECONSIDERATION_BODY_CODE", DEFAULT_BODY_CODE)
    body = Organization.objects.filter(code=code).first()
    if body is None:
        raise NotFound(Code.NO_BODY, _("尚未配置行政复议机构。"), field="organization")
    return body


def _event(case: ReconsiderationCase, event_type: str, actor, **details: Any) -> None:
    core_services.event_record(
        subject=case,
        event_type=event_type,
        actor=actor,
        organization=case.organization,
        details=details,
    )


def _locked(case: ReconsiderationCase, actor) -> ReconsiderationCase:
    case = (
        ReconsiderationCase.objects.select_for_update()
        .select_related("organization", "respondent")
        .get(pk=case.pk)
    )
    require_change(actor, case.organization, roles=RECONSIDERATION_ROLES)
    return case


def case_clock(case: ReconsiderationCase, clock_type: str) -> Clock | None:
    return core_services.clock_for(case, clock_type)


def _decision_clock_type(case: ReconsiderationCase) -> str:
    if case.procedure == Procedure.ORDINARY:
        return clocks.DECISION_ORDINARY.key
    return clocks.DECISION_SIMPLIFIED.key


def decision_clock(case: ReconsiderationCase) -> Clock | None:
    return case_clock(case, _decision_clock_type(case))


def _decision_clock_of(case: ReconsiderationCase) -> Clock:
    return core_services.clock_of(case, _decision_clock_type(case))


def _not_before(on: dt.date, earlier: dt.date | None, field: str, message: str) -> None:
    if earlier is not None and on < earlier:
        raise ValidationFailed(Code.DATES_OUT_OF_ORDER, message, field=field)


def _stop(clock: Clock | None, on: dt.date, actor) -> None:
    if clock is not None and clock.status != ClockStatus.STOPPED:
        core_services.clock_stop(clock=clock, on=on, actor=actor)


def _series(organization: Organization) -> None:
    core_services.number_series_ensure(
        key=CASE_SERIES,
        name="行政复议案件编号",
        template="海宁复〔{year}〕{seq}号",
        organization=organization,
    )


# --- intake -----------------------------------------------------------------------------------


def _create(
    *,
    actor,
    organization: Organization,
    respondent: Organization,
    channel: str,
    received_on: dt.date,
    applicant_name: str,
    contested_act: str,
    request: str,
    applicant_id_number: str = "",
    applicant_phone: str = "",
    applicant_address: str = "",
    third_parties: str = "",
    act_kind: str = ActKind.ACTION,
    contested_act_ref: str = "",
    act_known_on: dt.date | None = None,
    reasons: str = "",
    normative_document_text: str = "",
    normative_document_id: int | None = None,
) -> ReconsiderationCase:
    if not applicant_name.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写申请人。"), field="applicant_name")
    applicant_id_number = applicant_id_number.strip().upper()
    if applicant_id_number and not is_valid_id_number(applicant_id_number):
        raise ValidationFailed(
            Code.INVALID, _("身份证号码格式或校验位不正确。"), field="applicant_id_number"
        )
    if not contested_act.strip():
        raise ValidationFailed(
            Code.REQUIRED, _("请填写被申请复议的行政行为。"), field="contested_act"
        )
    if not request.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写复议请求。"), field="request")
    if channel not in Channel.values:
        raise ValidationFailed(Code.INVALID, _("申请方式无效。"), field="channel")
    if act_kind not in ActKind.values:
        raise ValidationFailed(Code.INVALID, _("被申请事项类别无效。"), field="act_kind")
    if respondent is None or respondent.kind not in ("department", "town", "city_government"):
        raise ValidationFailed(
            Code.NOT_A_RESPONDENT, _("被申请人应为行政机关。"), field="respondent"
        )
    if received_on > timezone.localdate():
        raise ValidationFailed(Code.INVALID, _("收到申请日期不能晚于今天。"), field="received_on")
    _not_before(
        received_on, act_known_on, "received_on", _("收到申请日期不能早于知道行政行为之日。")
    )
    _series(organization)
    # Taken inside this transaction: a refused or failed intake gives the number back.
    number = core_services.number_issue(series_key=CASE_SERIES, year=received_on.year, actor=actor)
    case = ReconsiderationCase.objects.create(
        organization=organization,
        respondent=respondent,
        case_no=number.number,
        channel=channel,
        received_on=received_on,
        applicant_name=applicant_name.strip(),
        applicant_id_number=applicant_id_number,
        applicant_phone=applicant_phone.strip(),
        applicant_address=applicant_address.strip(),
        third_parties=third_parties.strip(),
        act_kind=act_kind,
        contested_act=contested_act.strip(),
        contested_act_ref=contested_act_ref.strip(),
        act_known_on=act_known_on,
        request=request.strip(),
        reasons=reasons.strip(),
        normative_document_text=normative_document_text.strip(),
        normative_document_id=normative_document_id,
        created_by=core_services.user_or_none(actor),
    )
    core_services.clock_start(
        clock_type=clocks.ACCEPTANCE_REVIEW.key,
        subject=case,
        organization=organization,
        start_date=received_on,
        label=_("复议受理审查：%(no)s") % {"no": case.case_no},
        url=f"/reconsideration/cases/{case.pk}/",
        actor=actor,
    )
    _event(case, "reconsideration.received", actor, channel=channel, received_on=received_on)
    return case


@transaction.atomic
def reconsideration_receive(*, actor, organization: Organization, **fields: Any):
    """Staff enter an application received in person, by post or orally (art 22)."""
    require_change(actor, organization, roles=RECONSIDERATION_ROLES)
    return _create(actor=actor, organization=organization, **fields)


@transaction.atomic
def reconsideration_apply_online(*, respondent: Organization, **fields: Any):
    """An application made on the public portal; it is received the day it is submitted."""
    return _create(
        actor=None,
        organization=reconsideration_body(),
        respondent=respondent,
        channel=Channel.ONLINE,
        received_on=timezone.localdate(),
        **fields,
    )


# --- acceptance -------------------------------------------------------------------------------


@transaction.atomic
def reconsideration_correction_request(
    *, actor, case: ReconsiderationCase, on: dt.date, items: str
) -> ReconsiderationCase:
    """One consolidated correction notice (补正, art 31); the acceptance review pauses."""
    case = _locked(case, actor)
    CASE.require(actor, case, "correction_request")
    if not items.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写需要补正的事项。"), field="items")
    _not_before(on, case.received_on, "on", _("补正通知日期不能早于收到申请日期。"))
    review = core_services.clock_of(case, clocks.ACCEPTANCE_REVIEW.key)
    if on > core_services.clock_due(review):
        raise ValidationFailed(
            Code.DEEMED_ACCEPTED,
            _("受理审查期限已于%(day)s届满，申请视为受理，不能再通知补正。")
            % {"day": core_services.clock_due(review).isoformat()},
            field="on",
        )
    core_services.clock_pause(clock=review, on=on, reason=_("通知补正"), actor=actor)
    core_services.clock_start(
        clock_type=clocks.CORRECTION_SUPPLY.key,
        subject=case,
        organization=case.organization,
        start_date=on,
        label=_("申请人补正材料：%(no)s") % {"no": case.case_no},
        url=f"/reconsideration/cases/{case.pk}/",
        actor=actor,
    )
    case.status = Status.AWAITING_CORRECTION
    case.correction_requested_on = on
    case.correction_items = items.strip()
    case.save()
    _event(case, "reconsideration.correction_requested", actor, on=on)
    return case


@transaction.atomic
def reconsideration_correction_receive(
    *, actor, case: ReconsiderationCase, on: dt.date
) -> ReconsiderationCase:
    case = _locked(case, actor)
    CASE.require(actor, case, "correction_receive")
    _not_before(on, case.correction_requested_on, "on", _("补正日期不能早于补正通知日期。"))
    _stop(case_clock(case, clocks.CORRECTION_SUPPLY.key), on, actor)
    core_services.clock_resume(
        clock=core_services.clock_of(case, clocks.ACCEPTANCE_REVIEW.key),
        on=on,
        reason=_("收到补正材料"),
        actor=actor,
    )
    case.status = Status.RECEIVED
    case.correction_received_on = on
    case.save()
    _event(case, "reconsideration.correction_received", actor, on=on)
    return case


@transaction.atomic
def reconsideration_reject(
    *, actor, case: ReconsiderationCase, on: dt.date, reason: str
) -> ReconsiderationCase:
    """Refuse to accept (不予受理) with reasons, within the review period (art 30)."""
    case = _locked(case, actor)
    CASE.require(actor, case, "reject")
    if not reason.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写不予受理的理由。"), field="reason")
    _not_before(on, case.received_on, "on", _("不予受理日期不能早于收到申请日期。"))
    review = core_services.clock_of(case, clocks.ACCEPTANCE_REVIEW.key)
    if case.status == Status.RECEIVED and on > core_services.clock_due(review):
        raise ValidationFailed(
            Code.DEEMED_ACCEPTED,
            _("受理审查期限已于%(day)s届满，申请视为受理。")
            % {"day": core_services.clock_due(review).isoformat()},
            field="on",
        )
    _stop(case_clock(case, clocks.CORRECTION_SUPPLY.key), on, actor)
    _stop(review, on, actor)
    case.status = Status.NOT_ACCEPTED
    case.closure = Closure.NOT_ACCEPTED
    case.rejection_reason = reason.strip()
    case.decided_on = on
    case.save()
    _event(case, "reconsideration.not_accepted", actor, on=on)
    return case


@transaction.atomic
def reconsideration_accept(
    *, actor, case: ReconsiderationCase, on: dt.date, procedure: str
) -> ReconsiderationCase:
    """Accept under a procedure. After the review period the case is deemed accepted on the
    period's last day (art 30), and the decision period runs from then."""
    case = _locked(case, actor)
    CASE.require(actor, case, "accept")
    if procedure not in Procedure.values:
        raise ValidationFailed(Code.INVALID, _("审理程序无效。"), field="procedure")
    _not_before(
        on,
        case.correction_received_on or case.received_on,
        "on",
        _("受理日期不能早于收到申请（或补正材料）的日期。"),
    )
    review_due = core_services.clock_due(core_services.clock_of(case, clocks.ACCEPTANCE_REVIEW.key))
    deemed = on > review_due
    accepted_on = review_due if deemed else on
    review = core_services.clock_of(case, clocks.ACCEPTANCE_REVIEW.key)
    _stop(review, on, actor)
    case.status = Status.ACCEPTED
    case.procedure = procedure
    case.accepted_on = accepted_on
    case.save()
    core_services.clock_start(
        clock_type=(
            clocks.DECISION_ORDINARY.key
            if procedure == Procedure.ORDINARY
            else clocks.DECISION_SIMPLIFIED.key
        ),
        subject=case,
        organization=case.organization,
        start_date=accepted_on,
        label=_("复议决定：%(no)s") % {"no": case.case_no},
        url=f"/reconsideration/cases/{case.pk}/",
        actor=actor,
    )
    _event(
        case, "reconsideration.accepted", actor, on=accepted_on, procedure=procedure, deemed=deemed
    )
    return case


# --- hearing, extension, suspension -----------------------------------------------------------


@transaction.atomic
def reconsideration_hearing_record(
    *, actor, case: ReconsiderationCase, on: dt.date
) -> ReconsiderationCase:
    case = _locked(case, actor)
    CASE.require(actor, case, "hearing")
    _not_before(on, case.accepted_on, "on", _("听证日期不能早于受理日期。"))
    case.hearing_held = True
    case.heard_on = on
    case.save()
    _event(case, "reconsideration.hearing_held", actor, on=on)
    return case


@transaction.atomic
def reconsideration_extend(
    *, actor, case: ReconsiderationCase, on: dt.date, days: int, reason: str
) -> ReconsiderationCase:
    """Extend the decision period of a complex case by at most 30 days (art 62)."""
    case = _locked(case, actor)
    CASE.require(actor, case, "extend")
    _not_before(on, case.accepted_on, "on", _("延长日期不能早于受理日期。"))
    core_services.clock_extend(
        clock=_decision_clock_of(case), on=on, days=days, reason=reason, actor=actor
    )
    _event(case, "reconsideration.period_extended", actor, on=on, days=days)
    return case


@transaction.atomic
def reconsideration_suspend(
    *, actor, case: ReconsiderationCase, on: dt.date, reason: str
) -> ReconsiderationCase:
    """Suspend (中止, art 39); mediation with both sides' consent is one of the grounds."""
    case = _locked(case, actor)
    CASE.require(actor, case, "suspend")
    if reason not in SuspensionReason.values:
        raise ValidationFailed(Code.INVALID, _("中止理由无效。"), field="reason")
    _not_before(on, case.accepted_on, "on", _("中止日期不能早于受理日期。"))
    core_services.clock_pause(
        clock=_decision_clock_of(case),
        on=on,
        reason=str(SuspensionReason(reason).label),
        actor=actor,
    )
    case.status = Status.SUSPENDED
    case.suspended_on = on
    case.suspension_reason = reason
    if reason == SuspensionReason.MEDIATION:
        case.mediation_attempted = True
    case.save()
    _event(case, "reconsideration.suspended", actor, on=on, reason=reason)
    return case


@transaction.atomic
def reconsideration_resume(*, actor, case: ReconsiderationCase, on: dt.date) -> ReconsiderationCase:
    case = _locked(case, actor)
    CASE.require(actor, case, "resume")
    _not_before(on, case.suspended_on, "on", _("恢复日期不能早于中止日期。"))
    core_services.clock_resume(clock=_decision_clock_of(case), on=on, actor=actor)
    case.status = Status.ACCEPTED
    case.suspended_on = None
    case.suspension_reason = ""
    case.save()
    _event(case, "reconsideration.resumed", actor, on=on)
    return case


# --- conclusion -------------------------------------------------------------------------------


def _conclude(case: ReconsiderationCase, *, on: dt.date, closure: str, summary: str, actor) -> None:
    _not_before(on, case.accepted_on, "on", _("结案日期不能早于受理日期。"))
    if on > timezone.localdate():
        raise ValidationFailed(Code.INVALID, _("结案日期不能晚于今天。"), field="on")
    clock = decision_clock(case)
    if clock is not None and clock.status == ClockStatus.PAUSED:
        # Concluded during a suspension: resume on the day so that the due date (which a
        # paused clock does not have) is known and the case can be measured against it.
        clock = core_services.clock_resume(clock=clock, on=on, reason=_("结案"), actor=actor)
    _stop(clock, on, actor)
    case.status = Status.CONCLUDED
    case.closure = closure
    case.decided_on = on
    case.decision_summary = summary.strip()
    case.suspended_on = None
    case.save()


@transaction.atomic
def reconsideration_decide(
    *,
    actor,
    case: ReconsiderationCase,
    on: dt.date,
    decision: str,
    summary: str,
    compensation_awarded: bool = False,
    worsens_applicant: bool = False,
    third_party_requested: bool = False,
) -> ReconsiderationCase:
    """Decide the case (arts 63–72) with a decision the case allows."""
    case = _locked(case, actor)
    if case.status in (Status.RECEIVED, Status.AWAITING_CORRECTION):
        raise Conflict(Code.NOT_YET_ACCEPTED, _("申请尚未受理，不能作出复议决定。"), field="status")
    CASE.require(actor, case, "decide")
    if decision not in Decision.values:
        raise ValidationFailed(Code.INVALID, _("决定类型无效。"), field="decision")
    if not domain.decision_allowed(case.act_kind, decision):
        raise ValidationFailed(
            Code.DECISION_NOT_ALLOWED,
            _("“%(kind)s”案件不能作出“%(decision)s”决定。")
            % {"kind": case.get_act_kind_display(), "decision": Decision(decision).label},
            field="decision",
        )
    if compensation_awarded and not domain.compensation_allowed(decision):
        raise ValidationFailed(
            Code.COMPENSATION_NOT_ALLOWED,
            _("只有撤销、变更、确认违法或无效的决定可以一并决定赔偿。"),
            field="compensation_awarded",
        )
    if decision == Decision.VARY and not domain.variation_allowed(
        worsens_applicant=worsens_applicant, third_party_requested=third_party_requested
    ):
        raise ValidationFailed(
            Code.NO_WORSENING, _("变更决定不得作出对申请人更为不利的决定。"), field="decision"
        )
    if not summary.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写决定要旨。"), field="summary")
    _conclude(case, on=on, closure=Closure.DECIDED, summary=summary, actor=actor)
    case.decision = decision
    case.compensation_awarded = compensation_awarded
    case.save(update_fields=["decision", "compensation_awarded"])
    _event(case, "reconsideration.decided", actor, on=on, decision=decision)
    return case


@transaction.atomic
def reconsideration_mediate(
    *, actor, case: ReconsiderationCase, on: dt.date, summary: str
) -> ReconsiderationCase:
    """Close by a mediation document signed by all parties (art 73)."""
    case = _locked(case, actor)
    if case.status in (Status.RECEIVED, Status.AWAITING_CORRECTION):
        raise Conflict(Code.NOT_YET_ACCEPTED, _("申请尚未受理，不能调解结案。"), field="status")
    CASE.require(actor, case, "mediate")
    if not summary.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写调解协议要旨。"), field="summary")
    _conclude(case, on=on, closure=Closure.MEDIATED, summary=summary, actor=actor)
    _event(case, "reconsideration.mediated", actor, on=on)
    return case


@transaction.atomic
def reconsideration_withdraw(
    *, actor, case: ReconsiderationCase, on: dt.date, settled: bool, summary: str
) -> ReconsiderationCase:
    """The applicant withdraws, after a settlement (和解, art 74) or otherwise; terminated."""
    case = _locked(case, actor)
    CASE.require(actor, case, "withdraw")
    if not summary.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写撤回理由或和解内容。"), field="summary")
    closure = Closure.WITHDRAWN_SETTLED if settled else Closure.WITHDRAWN_OTHER
    _conclude(case, on=on, closure=closure, summary=summary, actor=actor)
    _event(case, "reconsideration.withdrawn", actor, on=on, settled=settled)
    return case


@transaction.atomic
def reconsideration_dismiss(
    *, actor, case: ReconsiderationCase, on: dt.date, summary: str
) -> ReconsiderationCase:
    """Dismiss an accepted application found not to meet the conditions (art 33)."""
    case = _locked(case, actor)
    CASE.require(actor, case, "dismiss")
    if not summary.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写驳回理由。"), field="summary")
    _conclude(case, on=on, closure=Closure.DISMISSED, summary=summary, actor=actor)
    _event(case, "reconsideration.dismissed", actor, on=on)
    return case


@transaction.atomic
def reconsideration_serve(*, actor, case: ReconsiderationCase, on: dt.date) -> ReconsiderationCase:
    """Serve the decision or closing document; a decision takes effect on service (art 75)."""
    case = _locked(case, actor)
    CASE.require(actor, case, "serve")
    _not_before(on, case.decided_on, "on", _("送达日期不能早于结案日期。"))
    case.status = Status.SERVED
    case.served_on = on
    case.save()
    _event(case, "reconsideration.served", actor, on=on)
    return case


# --- letters ----------------------------------------------------------------------------------


@transaction.atomic
def reconsideration_letter_issue(
    *,
    actor,
    case: ReconsiderationCase,
    letter_type: str,
    addressee: Organization,
    on: dt.date,
    issues: str,
) -> ReconsiderationLetter:
    """An opinion letter (art 76; the addressee reports within 60 days) or a recommendation."""
    case = _locked(case, actor)
    CASE.require(actor, case, "letter")
    if letter_type not in LetterType.values:
        raise ValidationFailed(Code.INVALID, _("文书类型无效。"), field="letter_type")
    if not issues.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写指出的问题和建议。"), field="issues")
    _not_before(on, case.received_on, "on", _("制发日期不能早于收到申请日期。"))
    letter = ReconsiderationLetter.objects.create(
        case=case,
        organization=case.organization,
        letter_type=letter_type,
        addressee=addressee,
        issued_on=on,
        issues=issues.strip(),
    )
    if letter_type == LetterType.OPINION:
        core_services.clock_start(
            clock_type=clocks.OPINION_REPLY.key,
            subject=letter,
            organization=case.organization,
            start_date=on,
            label=_("意见书整改回复：%(no)s") % {"no": case.case_no},
            url=f"/reconsideration/cases/{case.pk}/",
            actor=actor,
        )
    _event(case, "reconsideration.letter_issued", actor, on=on, letter_type=letter_type)
    return letter


@transaction.atomic
def reconsideration_letter_reply(
    *, actor, letter: ReconsiderationLetter, on: dt.date, rectified: bool
) -> ReconsiderationLetter:
    letter = ReconsiderationLetter.objects.select_for_update().get(pk=letter.pk)
    LETTER.require(actor, letter, "reply")
    _not_before(on, letter.issued_on, "on", _("回复日期不能早于制发日期。"))
    letter.replied_on = on
    letter.rectified = rectified
    letter.save()
    clock = core_services.clock_for(letter, clocks.OPINION_REPLY.key)
    _stop(clock, on, actor)
    _event(letter.case, "reconsideration.letter_replied", actor, on=on, rectified=rectified)
    return letter
