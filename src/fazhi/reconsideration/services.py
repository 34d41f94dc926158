"""Every write of administrative reconsideration: one service per transition.

Intake (staff entry or the portal) → acceptance review (5 working days; a correction notice
pauses it) → accepted under the ordinary or simplified procedure, with its decision period
(extension only in the ordinary procedure) → hearing, suspension (mediation pauses the
period) → a decision, mediation, withdrawal or dismissal → service.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NotRequired, TypedDict, Unpack

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.domain.identity import is_valid_id_number
from fazhi.core.errors import Conflict, NotFound, ValidationFailed
from fazhi.core.models import Clock, ClockStatus, Organization, Role
from fazhi.core.scoping import require_change
from fazhi.reconsideration import clocks, domain, rules
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
    RejectionGround,
    SimplifiedGround,
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


def _event(case: ReconsiderationCase, event_type: str, actor: User | None, **details: Any) -> None:
    core_services.event_record(
        subject=case,
        event_type=event_type,
        actor=actor,
        organization=case.organization,
        details=details,
    )


def _locked(case: ReconsiderationCase, actor: User) -> ReconsiderationCase:
    case = (
        ReconsiderationCase.objects.select_for_update()
        .select_related("organization", "respondent")
        .get(pk=case.pk)
    )
    require_change(actor, case.organization, roles=RECONSIDERATION_ROLES)
    return case


def case_clock(case: ReconsiderationCase, clock_type: str) -> Clock | None:
    return core_services.clock_for(case, clock_type)


def clock_key(case: ReconsiderationCase, name: str) -> str:
    """The clock type the case's rule set uses for ``name`` (rules.py, ``clock.<name>``)."""
    return rules.value(case.law_version, f"clock.{name}")


def clock_any(case: ReconsiderationCase, name: str) -> Clock | None:
    """The case's ``name`` clock of its rule set, or of the other one: a clock started before
    a rule-set override keeps its type."""
    versions = [case.law_version, *(v.key for v in rules.VERSIONS)]
    keys = [
        rules.value(version, f"clock.{name}")
        for version in versions
        if rules.has(version, f"clock.{name}")
    ]
    for key in dict.fromkeys(keys):
        clock = case_clock(case, key)
        if clock is not None:
            return clock
    return None


def clock_any_of(case: ReconsiderationCase, name: str) -> Clock:
    clock = clock_any(case, name)
    if clock is None:  # raises the core's "not started" error
        return core_services.clock_of(case, clock_key(case, name))
    return clock


def _decision_clock_type(case: ReconsiderationCase) -> str:
    if case.procedure == Procedure.ORDINARY:
        return clock_key(case, "decision_ordinary")
    return clocks.DECISION_SIMPLIFIED.key


def decision_clock(case: ReconsiderationCase) -> Clock | None:
    if case.procedure == Procedure.ORDINARY:
        return clock_any(case, "decision_ordinary")
    return case_clock(case, clocks.DECISION_SIMPLIFIED.key)


def _decision_clock_of(case: ReconsiderationCase) -> Clock:
    clock = decision_clock(case)
    return clock if clock is not None else core_services.clock_of(case, _decision_clock_type(case))


def _not_before(on: dt.date, earlier: dt.date | None, field: str, message: str) -> None:
    if earlier is not None and on < earlier:
        raise ValidationFailed(Code.DATES_OUT_OF_ORDER, message, field=field)


def _stop(clock: Clock | None, on: dt.date, actor: User) -> None:
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


class Application(TypedDict):
    """What an application states (art 22): the applicant, the act contested and the request;
    the rest as far as the applicant gave it. A page, the API and the portal all send this."""

    applicant_name: str
    contested_act: str
    request: str
    applicant_id_number: NotRequired[str]
    applicant_phone: NotRequired[str]
    applicant_address: NotRequired[str]
    third_parties: NotRequired[str]
    act_kind: NotRequired[str]
    contested_act_ref: NotRequired[str]
    act_known_on: NotRequired[dt.date | None]
    reasons: NotRequired[str]
    normative_document_text: NotRequired[str]
    normative_document_id: NotRequired[int | None]
    received_by_office_on: NotRequired[dt.date | None]
    act_discretionary: NotRequired[bool]
    compensation_dispute: NotRequired[bool]
    act_made_on: NotRequired[dt.date | None]
    real_property: NotRequired[bool]
    rights_notified: NotRequired[bool]
    rights_known_on: NotRequired[dt.date | None]
    obstacle_from: NotRequired[dt.date | None]
    obstacle_to: NotRequired[dt.date | None]
    obstacle_reason: NotRequired[str]


def _create(
    *,
    actor: User | None,
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
    received_by_office_on: dt.date | None = None,
    act_discretionary: bool = False,
    compensation_dispute: bool = False,
    act_made_on: dt.date | None = None,
    real_property: bool = False,
    rights_notified: bool = True,
    rights_known_on: dt.date | None = None,
    obstacle_from: dt.date | None = None,
    obstacle_to: dt.date | None = None,
    obstacle_reason: str = "",
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
    received_by_office_on = received_by_office_on or received_on
    _not_before(
        received_by_office_on,
        received_on,
        "received_by_office_on",
        _("法制工作机构收到日期不能早于收到申请日期。"),
    )
    if received_by_office_on > timezone.localdate():
        raise ValidationFailed(
            Code.INVALID, _("法制工作机构收到日期不能晚于今天。"), field="received_by_office_on"
        )
    _not_before(
        act_known_on or received_on,
        act_made_on,
        "act_known_on",
        _("知道行政行为之日不能早于行政行为作出日期。"),
    )
    if (obstacle_from is None) != (obstacle_to is None):
        raise ValidationFailed(
            Code.REQUIRED, _("请同时填写正当事由的开始日和消除日。"), field="obstacle_to"
        )
    if obstacle_from is not None and obstacle_to is not None:
        _not_before(obstacle_to, obstacle_from, "obstacle_to", _("正当事由消除日不能早于开始日。"))
        if not obstacle_reason.strip():
            raise ValidationFailed(
                Code.REQUIRED, _("请填写耽误申请期限的正当事由。"), field="obstacle_reason"
            )
    version = rules.version_for(received_on)
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
        law_version=version,
        received_by_office_on=received_by_office_on,
        act_discretionary=act_discretionary,
        compensation_dispute=compensation_dispute,
        act_made_on=act_made_on,
        real_property=real_property,
        rights_notified=rights_notified,
        rights_known_on=rights_known_on,
        obstacle_from=obstacle_from,
        obstacle_to=obstacle_to,
        obstacle_reason=obstacle_reason.strip(),
        created_by=core_services.user_or_none(actor),
    )
    core_services.clock_start(
        clock_type=clock_key(case, "acceptance_review"),
        subject=case,
        organization=organization,
        start_date=received_on,
        label=_("复议受理审查：%(no)s") % {"no": case.case_no},
        url=f"/reconsideration/cases/{case.pk}/",
        actor=actor,
    )
    _event(
        case,
        "reconsideration.received",
        actor,
        channel=channel,
        received_on=received_on,
        law_version=version,
    )
    return case


@transaction.atomic
def reconsideration_receive(
    *,
    actor: User,
    organization: Organization,
    respondent: Organization,
    channel: str,
    received_on: dt.date,
    **application: Unpack[Application],
) -> ReconsiderationCase:
    """Staff enter an application received in person, by post or orally (art 22)."""
    require_change(actor, organization, roles=RECONSIDERATION_ROLES)
    return _create(
        actor=actor,
        organization=organization,
        respondent=respondent,
        channel=channel,
        received_on=received_on,
        **application,
    )


@transaction.atomic
def reconsideration_apply_online(
    *,
    respondent: Organization,
    applicant_user: User | AnonymousUser | None = None,
    **application: Unpack[Application],
) -> ReconsiderationCase:
    """An application made on the public portal; it is received the day it is submitted.

    A logged-in citizen's application is tied to their account (followed in 我的办件); the
    reconsideration staff are told there is an application to review."""
    from fazhi.core.handoffs import notify_next

    case = _create(
        actor=None,
        organization=reconsideration_body(),
        respondent=respondent,
        channel=Channel.ONLINE,
        received_on=timezone.localdate(),
        **application,
    )
    if applicant_user is not None and applicant_user.is_authenticated:
        case.applicant_user = applicant_user
        case.save(update_fields=["applicant_user"])
    notify_next(CASE, case)
    return case


# --- acceptance -------------------------------------------------------------------------------


@transaction.atomic
def reconsideration_correction_request(
    *, actor: User, case: ReconsiderationCase, on: dt.date, items: str
) -> ReconsiderationCase:
    """One consolidated correction notice (补正, art 31); the acceptance review pauses."""
    case = _locked(case, actor)
    CASE.require(actor, case, "correction_request")
    if not items.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写需要补正的事项。"), field="items")
    _not_before(on, case.received_on, "on", _("补正通知日期不能早于收到申请日期。"))
    review = clock_any_of(case, "acceptance_review")
    if on > core_services.clock_due(review):
        raise ValidationFailed(
            Code.DEEMED_ACCEPTED,
            _("受理审查期限已于%(day)s届满，申请视为受理，不能再通知补正。")
            % {"day": core_services.clock_due(review).isoformat()},
            field="on",
        )
    core_services.clock_pause(clock=review, on=on, reason=_("通知补正"), actor=actor)
    core_services.clock_start(
        clock_type=clock_key(case, "correction_supply"),
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
    *, actor: User, case: ReconsiderationCase, on: dt.date
) -> ReconsiderationCase:
    case = _locked(case, actor)
    CASE.require(actor, case, "correction_receive")
    _not_before(on, case.correction_requested_on, "on", _("补正日期不能早于补正通知日期。"))
    _stop(clock_any(case, "correction_supply"), on, actor)
    core_services.clock_resume(
        clock=clock_any_of(case, "acceptance_review"),
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
    *,
    actor: User,
    case: ReconsiderationCase,
    on: dt.date,
    reason: str,
    ground: str = RejectionGround.OTHER,
) -> ReconsiderationCase:
    """Refuse to accept (不予受理) with reasons, within the review period (2017 art 17; 2023
    art 30). Lateness is checked against the application period of the case's rule set: a
    timely application is never refused as late."""
    case = _locked(case, actor)
    CASE.require(actor, case, "reject")
    if ground not in RejectionGround.values:
        raise ValidationFailed(Code.INVALID, _("不予受理情形无效。"), field="ground")
    if not reason.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写不予受理的理由。"), field="reason")
    if ground == RejectionGround.LATE:
        period = application_period(case)
        if period.due is None:
            raise ValidationFailed(
                Code.REQUIRED,
                _("未登记知道行政行为之日，不能认定超过申请期限。"),
                field="ground",
            )
        if period.timely(case.received_on):
            raise ValidationFailed(
                Code.APPLICATION_TIMELY,
                _("申请期限至%(day)s届满（%(basis)s），申请未超过期限，不能以超期为由不予受理。")
                % {"day": period.due.isoformat(), "basis": period.basis},
                field="ground",
            )
    _not_before(on, case.received_on, "on", _("不予受理日期不能早于收到申请日期。"))
    review = clock_any_of(case, "acceptance_review")
    if case.status == Status.RECEIVED and on > core_services.clock_due(review):
        raise ValidationFailed(
            Code.DEEMED_ACCEPTED,
            _("受理审查期限已于%(day)s届满，申请视为受理。")
            % {"day": core_services.clock_due(review).isoformat()},
            field="on",
        )
    _stop(clock_any(case, "correction_supply"), on, actor)
    _stop(review, on, actor)
    case.status = Status.NOT_ACCEPTED
    case.closure = Closure.NOT_ACCEPTED
    case.rejection_reason = reason.strip()
    case.rejection_ground = ground
    case.decided_on = on
    case.save()
    _event(case, "reconsideration.not_accepted", actor, on=on)
    return case


@transaction.atomic
def reconsideration_accept(
    *,
    actor: User,
    case: ReconsiderationCase,
    on: dt.date,
    procedure: str,
    simplified_ground: str = "",
) -> ReconsiderationCase:
    """Accept under a procedure. 2023 rule set: after the review period the case is deemed
    accepted on the period's last day (art 30). 2017 rule set: accepted as of the day the
    legal-affairs office received it (art 17 para 2), and the correction time is left out of
    the decision period (Reg 29). The decision period and the copy to the respondent run from
    acceptance."""
    case = _locked(case, actor)
    CASE.require(actor, case, "accept")
    if procedure not in Procedure.values:
        raise ValidationFailed(Code.INVALID, _("审理程序无效。"), field="procedure")
    if procedure == Procedure.SIMPLIFIED:
        allowed = rules.rule(case.law_version, "procedure.simplified_allowed")
        if not allowed.value:
            raise ValidationFailed(
                Code.SIMPLIFIED_NOT_ALLOWED,
                _("本案适用%(law)s，没有简易程序。")
                % {"law": rules.version_label(case.law_version)},
                field="procedure",
            )
        if simplified_ground not in SimplifiedGround.values:
            raise ValidationFailed(
                Code.SIMPLIFIED_NOT_ALLOWED,
                _("请选择适用简易程序的情形（《行政复议法》第五十三条）。"),
                field="simplified_ground",
            )
    _not_before(
        on,
        case.correction_received_on or case.received_on,
        "on",
        _("受理日期不能早于收到申请（或补正材料）的日期。"),
    )
    review = clock_any_of(case, "acceptance_review")
    review_due = core_services.clock_due(review)
    if rules.value(case.law_version, "acceptance.deemed_from") == "receipt":
        deemed = True
        accepted_on = case.received_by_office_on or case.received_on
    else:
        deemed = on > review_due
        accepted_on = review_due if deemed else on
    _stop(review, on, actor)
    case.status = Status.ACCEPTED
    case.procedure = procedure
    case.simplified_ground = simplified_ground if procedure == Procedure.SIMPLIFIED else ""
    case.accepted_on = accepted_on
    case.save()
    decision = core_services.clock_start(
        clock_type=_decision_clock_type(case),
        subject=case,
        organization=case.organization,
        start_date=accepted_on,
        label=_("复议决定：%(no)s") % {"no": case.case_no},
        url=f"/reconsideration/cases/{case.pk}/",
        actor=actor,
    )
    if (
        case.correction_received_on
        and case.correction_requested_on
        and case.correction_requested_on >= accepted_on
        and rules.has(case.law_version, "correction.excluded_from_period")
        and rules.value(case.law_version, "correction.excluded_from_period")
    ):
        core_services.clock_pause(
            clock=decision,
            on=case.correction_requested_on,
            reason=_("补正期间不计入审理期限（%(basis)s）")
            % {"basis": rules.rule(case.law_version, "correction.excluded_from_period").article},
            actor=actor,
        )
        core_services.clock_resume(
            clock=decision, on=case.correction_received_on, reason=_("收到补正材料"), actor=actor
        )
    copy_name = "copy_simplified" if procedure == Procedure.SIMPLIFIED else "copy_to_respondent"
    core_services.clock_start(
        clock_type=clock_key(case, copy_name),
        subject=case,
        organization=case.organization,
        # After a correction the copy can go out only once the materials are complete.
        start_date=max(accepted_on, case.correction_received_on or accepted_on),
        label=_("发送申请书副本：%(no)s") % {"no": case.case_no},
        url=f"/reconsideration/cases/{case.pk}/",
        actor=actor,
    )
    _event(
        case,
        "reconsideration.accepted",
        actor,
        on=accepted_on,
        procedure=procedure,
        deemed=deemed,
        basis=rules.rule(case.law_version, "acceptance.deemed_from").article,
    )
    return case


# --- hearing, extension, suspension -----------------------------------------------------------


@transaction.atomic
def reconsideration_hearing_record(
    *, actor: User, case: ReconsiderationCase, on: dt.date
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
    *, actor: User, case: ReconsiderationCase, on: dt.date, days: int, reason: str
) -> ReconsiderationCase:
    """Extend the decision period of a complex case by at most 30 days (art 62)."""
    case = _locked(case, actor)
    CASE.require(actor, case, "extend")
    _not_before(on, case.accepted_on, "on", _("延长日期不能早于受理日期。"))
    limit = rules.rule(case.law_version, "extension.max_days")
    if days > limit.value:
        raise ValidationFailed(
            Code.EXTENSION_NOT_ALLOWED,
            _("延长期限最多不超过%(days)s日（%(basis)s）。")
            % {"days": limit.value, "basis": limit.article},
            field="days",
        )
    approver = rules.value(case.law_version, "extension.approver")
    core_services.clock_extend(
        clock=_decision_clock_of(case),
        on=on,
        days=days,
        reason=_("%(reason)s（经%(approver)s批准）") % {"reason": reason, "approver": approver},
        actor=actor,
    )
    _event(case, "reconsideration.period_extended", actor, on=on, days=days, approved_by=approver)
    return case


@transaction.atomic
def reconsideration_suspend(
    *, actor: User, case: ReconsiderationCase, on: dt.date, reason: str
) -> ReconsiderationCase:
    """Suspend (中止, art 39); mediation with both sides' consent is one of the grounds."""
    case = _locked(case, actor)
    CASE.require(actor, case, "suspend")
    if reason not in SuspensionReason.values:
        raise ValidationFailed(Code.INVALID, _("中止理由无效。"), field="reason")
    grounds = rules.rule(case.law_version, "suspension.grounds")
    if reason not in grounds.value:
        raise ValidationFailed(
            Code.GROUND_NOT_ALLOWED,
            _("“%(reason)s”不是%(basis)s规定的中止情形。")
            % {"reason": SuspensionReason(reason).label, "basis": grounds.article},
            field="reason",
        )
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
def reconsideration_resume(
    *, actor: User, case: ReconsiderationCase, on: dt.date
) -> ReconsiderationCase:
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


def _conclude(
    case: ReconsiderationCase, *, on: dt.date, closure: str, summary: str, actor: User
) -> None:
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
    actor: User,
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
    if case.no_answer_recorded_on is not None and not third_party_requested:
        consequence = rules.rule(case.law_version, "no_answer.consequence")
        if decision not in domain.NO_ANSWER_DECISIONS[consequence.value]:
            raise ValidationFailed(
                Code.NO_ANSWER_DECISION,
                _(
                    "被申请人未依法答复、提交证据，视为没有证据、依据（%(basis)s），"
                    "不能作出“%(decision)s”决定。"
                )
                % {"basis": consequence.article, "decision": Decision(decision).label},
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
    *, actor: User, case: ReconsiderationCase, on: dt.date, summary: str
) -> ReconsiderationCase:
    """Close by a mediation document signed by all parties (art 73)."""
    case = _locked(case, actor)
    if case.status in (Status.RECEIVED, Status.AWAITING_CORRECTION):
        raise Conflict(Code.NOT_YET_ACCEPTED, _("申请尚未受理，不能调解结案。"), field="status")
    CASE.require(actor, case, "mediate")
    if not summary.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写调解协议要旨。"), field="summary")
    if not domain.mediation_in_scope(
        version=case.law_version,
        discretionary=case.act_discretionary,
        compensation=case.compensation_dispute,
    ):
        raise ValidationFailed(
            Code.MEDIATION_NOT_ALLOWED,
            _("依%(basis)s，只有自由裁量行为或赔偿、补偿纠纷可以调解。")
            % {"basis": rules.rule(case.law_version, "mediation.scope").article},
            field="status",
        )
    _conclude(case, on=on, closure=Closure.MEDIATED, summary=summary, actor=actor)
    _event(case, "reconsideration.mediated", actor, on=on)
    return case


@transaction.atomic
def reconsideration_withdraw(
    *, actor: User, case: ReconsiderationCase, on: dt.date, settled: bool, summary: str
) -> ReconsiderationCase:
    """The applicant withdraws, after a settlement (和解, art 74) or otherwise; terminated."""
    case = _locked(case, actor)
    CASE.require(actor, case, "withdraw")
    if not summary.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写撤回理由或和解内容。"), field="summary")
    if settled and not domain.settlement_in_scope(
        version=case.law_version, discretionary=case.act_discretionary
    ):
        raise ValidationFailed(
            Code.SETTLEMENT_NOT_ALLOWED,
            _("依%(basis)s，只有行使自由裁量权作出的行为可以和解。")
            % {"basis": rules.rule(case.law_version, "settlement.scope").article},
            field="settled",
        )
    closure = Closure.WITHDRAWN_SETTLED if settled else Closure.WITHDRAWN_OTHER
    _conclude(case, on=on, closure=closure, summary=summary, actor=actor)
    _event(case, "reconsideration.withdrawn", actor, on=on, settled=settled)
    return case


@transaction.atomic
def reconsideration_dismiss(
    *, actor: User, case: ReconsiderationCase, on: dt.date, summary: str
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
def reconsideration_serve(
    *, actor: User, case: ReconsiderationCase, on: dt.date
) -> ReconsiderationCase:
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
    actor: User,
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
    *, actor: User, letter: ReconsiderationLetter, on: dt.date, rectified: bool
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


def application_period(case: ReconsiderationCase) -> domain.ApplicationPeriod:
    """The application deadline of ``case`` under its rule set (2017 art 9; 2023 arts 20–21)."""

    return domain.application_period(
        version=case.law_version,
        known_on=case.act_known_on,
        act_made_on=case.act_made_on,
        real_property=case.real_property,
        rights_notified=case.rights_notified,
        rights_known_on=case.rights_known_on,
        obstacle_from=case.obstacle_from,
        obstacle_to=case.obstacle_to,
        due_date=_calendar_due,
    )


def _calendar_due(start: dt.date, days: int) -> dt.date:
    """Calendar days, the last day moved off a holiday (Civil Procedure Law, 2017 art 40)."""
    from fazhi.core.calendar import due_on
    from fazhi.core.domain.calendar import DayBasis

    due = due_on(start=start, length=days, basis=DayBasis.CALENDAR)
    assert due is not None  # a period with no pauses always ends
    return due
