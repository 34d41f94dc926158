"""The statutory steps added beside the original transitions (``services.py``): the rule-set
override, the copy to the respondent and its answer, the consequence of no answer, deemed
abandonment, termination, conversion of the simplified procedure and incidental review of a
normative document. Each is one service, declared as a transition in ``procedures.py``.

Which article, period and day basis applies comes from ``rules.py`` by the case's rule set.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.errors import Conflict, NotFound, ValidationFailed
from fazhi.core.models import ClockStatus
from fazhi.reconsideration import rules
from fazhi.reconsideration.error_codes import ReconsiderationErrorCode as Code
from fazhi.reconsideration.models import (
    Closure,
    LawVersionChoice,
    Procedure,
    ReconsiderationCase,
    Status,
    SuspensionReason,
    TerminationGround,
)
from fazhi.reconsideration.procedures import CASE
from fazhi.reconsideration.services import (
    _conclude,
    _decision_clock_of,
    _event,
    _locked,
    _not_before,
    _stop,
    clock_any,
    clock_any_of,
    clock_key,
)


def _url(case: ReconsiderationCase) -> str:
    return f"/reconsideration/cases/{case.pk}/"


def _not_future(on: dt.date, field: str = "on") -> None:
    if on > timezone.localdate():
        raise ValidationFailed(Code.INVALID, _("日期不能晚于今天。"), field=field)


# --- the rule set ----------------------------------------------------------------------------


@transaction.atomic
def reconsideration_law_version_set(
    *, actor, case: ReconsiderationCase, version: str, reason: str
) -> ReconsiderationCase:
    """Override the rule set of a case received before 2024-01-01 and pending on that day
    (the 2023 law has no transitional article: spec 2017 §0, UNCONFIRMED). Clocks already
    running keep their type; the steps taken after the override follow the new rule set."""
    case = _locked(case, actor)
    CASE.require(actor, case, "law_version")
    if version not in LawVersionChoice.values:
        raise ValidationFailed(Code.INVALID, _("适用文本无效。"), field="version")
    if not reason.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写改变适用文本的理由。"), field="reason")
    previous = case.law_version
    case.law_version = version
    case.law_version_override_reason = reason.strip()
    case.save()
    _event(case, "reconsideration.law_version_set", actor, version=version, previous=previous)
    return case


# --- copy to the respondent and its answer ---------------------------------------------------


def _answer_clock_name(case: ReconsiderationCase) -> str:
    return "answer_simplified" if case.procedure == Procedure.SIMPLIFIED else "answer"


def _copy_clock_name(case: ReconsiderationCase) -> str:
    return "copy_simplified" if case.procedure == Procedure.SIMPLIFIED else "copy_to_respondent"


@transaction.atomic
def reconsideration_copy_send(
    *, actor, case: ReconsiderationCase, on: dt.date, received_on: dt.date | None = None
) -> ReconsiderationCase:
    """Send the respondent the application (2017 art 23: 7 working days; 2023 art 48: 7, art
    54: 3 in the simplified procedure); the answer period runs from its receipt (2017: 10
    calendar days; 2023: 10 working days, 5 in the simplified procedure)."""
    case = _locked(case, actor)
    CASE.require(actor, case, "copy_send")
    _not_before(on, case.accepted_on, "on", _("发送日期不能早于受理日期。"))
    _not_future(on)
    received_on = received_on or on
    _not_before(received_on, on, "received_on", _("被申请人收到日期不能早于发送日期。"))
    _not_future(received_on, "received_on")
    _stop(clock_any(case, _copy_clock_name(case)), on, actor)
    core_services.clock_start(
        clock_type=clock_key(case, _answer_clock_name(case)),
        subject=case,
        organization=case.organization,
        start_date=received_on,
        label=_("被申请人答复：%(no)s") % {"no": case.case_no},
        url=_url(case),
        actor=actor,
    )
    case.copy_sent_on = on
    case.copy_received_on = received_on
    case.save()
    _event(case, "reconsideration.copy_sent", actor, on=on, received_on=received_on)
    return case


@transaction.atomic
def reconsideration_answer_receive(
    *, actor, case: ReconsiderationCase, on: dt.date, evidence: str
) -> ReconsiderationCase:
    """The respondent's written answer with the evidence and basis of the act (2017 art 23;
    2023 art 48). An answer after the period still gets filed, but the record shows it late."""
    case = _locked(case, actor)
    CASE.require(actor, case, "answer_receive")
    if not evidence.strip():
        raise ValidationFailed(
            Code.REQUIRED, _("请填写答复附带的证据、依据和其他材料。"), field="evidence"
        )
    _not_before(on, case.copy_received_on, "on", _("答复日期不能早于被申请人收到副本日期。"))
    _not_future(on)
    _stop(clock_any(case, _answer_clock_name(case)), on, actor)
    case.answer_received_on = on
    case.answer_evidence = evidence.strip()
    case.save()
    _event(case, "reconsideration.answer_received", actor, on=on)
    return case


@transaction.atomic
def reconsideration_no_answer_record(
    *, actor, case: ReconsiderationCase, on: dt.date
) -> ReconsiderationCase:
    """The answer period ran out with no answer: the act is treated as having no evidence or
    basis (2017 art 28(4), Reg 46: annul; 2023 art 70: annul, confirm illegal or void, or
    order performance). The decision service then allows only those decisions."""
    case = _locked(case, actor)
    CASE.require(actor, case, "no_answer")
    clock = clock_any_of(case, _answer_clock_name(case))
    if clock.due_date is None or on <= clock.due_date:
        raise ValidationFailed(
            Code.CLOCK_NOT_LAPSED,
            _("答复期限尚未届满（至%(day)s）。")
            % {"day": clock.due_date.isoformat() if clock.due_date else "—"},
            field="on",
        )
    _not_future(on)
    _stop(clock, on, actor)
    case.no_answer_recorded_on = on
    case.save()
    consequence = rules.rule(case.law_version, "no_answer.consequence")
    _event(case, "reconsideration.no_answer", actor, on=on, basis=consequence.article)
    return case


# --- deemed abandonment, termination ---------------------------------------------------------


@transaction.atomic
def reconsideration_abandon(
    *, actor, case: ReconsiderationCase, on: dt.date
) -> ReconsiderationCase:
    """Corrections not supplied in time without a justified reason: the application is deemed
    abandoned (2017 Reg 29; 2023 art 31 para 2)."""
    case = _locked(case, actor)
    CASE.require(actor, case, "abandon")
    clock = clock_any_of(case, "correction_supply")
    if clock.due_date is None or on <= clock.due_date:
        raise ValidationFailed(
            Code.CLOCK_NOT_LAPSED,
            _("补正期限尚未届满（至%(day)s）。")
            % {"day": clock.due_date.isoformat() if clock.due_date else "—"},
            field="on",
        )
    _not_future(on)
    _stop(clock, on, actor)
    _stop(clock_any(case, "acceptance_review"), on, actor)
    case.status = Status.ABANDONED
    case.closure = Closure.ABANDONED
    case.abandoned_on = on
    case.decided_on = on
    case.save()
    _event(case, "reconsideration.abandoned", actor, on=on)
    return case


@transaction.atomic
def reconsideration_terminate(
    *, actor, case: ReconsiderationCase, on: dt.date, ground: str, summary: str
) -> ReconsiderationCase:
    """Terminate on a ground of the case's rule set (2017 art 25, Reg 42; 2023 art 41).
    Withdrawal, settlement and mediation close through their own steps."""
    case = _locked(case, actor)
    CASE.require(actor, case, "terminate")
    if ground not in TerminationGround.values:
        raise ValidationFailed(Code.INVALID, _("终止情形无效。"), field="ground")
    grounds = rules.rule(case.law_version, "termination.grounds")
    if ground not in grounds.value:
        raise ValidationFailed(
            Code.GROUND_NOT_ALLOWED,
            _("“%(ground)s”不是%(basis)s规定的终止情形。")
            % {"ground": TerminationGround(ground).label, "basis": grounds.article},
            field="ground",
        )
    if ground == TerminationGround.SUSPENSION_UNRESOLVED:
        days = rules.rule(case.law_version, "termination.unresolved_suspension_days")
        if (
            case.status != Status.SUSPENDED
            or case.suspension_reason
            not in (SuspensionReason.APPLICANT_DEATH, SuspensionReason.APPLICANT_ENDED)
            or case.suspended_on is None
            or (on - case.suspended_on).days < days.value
        ):
            raise ValidationFailed(
                Code.GROUND_NOT_ALLOWED,
                _(
                    "只有因申请人死亡、丧失行为能力或终止而中止满%(days)s日的案件才能据此终止"
                    "（%(basis)s）。"
                )
                % {"days": days.value, "basis": days.article},
                field="ground",
            )
    if not summary.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写终止的事实和理由。"), field="summary")
    _conclude(case, on=on, closure=Closure.TERMINATED_OTHER, summary=summary, actor=actor)
    case.termination_ground = ground
    case.save(update_fields=["termination_ground"])
    _event(case, "reconsideration.terminated", actor, on=on, ground=ground)
    return case


# --- simplified procedure --------------------------------------------------------------------


@transaction.atomic
def reconsideration_convert(
    *, actor, case: ReconsiderationCase, on: dt.date, reason: str
) -> ReconsiderationCase:
    """Convert a simplified case to the ordinary procedure with the office head's approval
    (2023 art 55). The ordinary period runs from acceptance (UNCONFIRMED, rules.py)."""
    case = _locked(case, actor)
    CASE.require(actor, case, "convert")
    if not reason.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写转为普通程序的理由。"), field="reason")
    _not_before(on, case.accepted_on, "on", _("转换日期不能早于受理日期。"))
    _not_future(on)
    simplified = _decision_clock_of(case)
    if simplified.status == ClockStatus.PAUSED:
        raise Conflict(Code.INVALID_TRANSITION, _("中止期间不能转换程序。"), field="status")
    _stop(simplified, on, actor)
    case.procedure = Procedure.ORDINARY
    case.converted_on = on
    case.save()
    core_services.clock_start(
        clock_type=clock_key(case, "decision_ordinary"),
        subject=case,
        organization=case.organization,
        start_date=case.accepted_on,
        label=_("复议决定（转普通程序）：%(no)s") % {"no": case.case_no},
        url=_url(case),
        actor=actor,
    )
    _event(case, "reconsideration.converted", actor, on=on)
    return case


# --- incidental review of a normative document -----------------------------------------------


@transaction.atomic
def reconsideration_incidental_start(
    *,
    actor,
    case: ReconsiderationCase,
    on: dt.date,
    raised_by_applicant: bool,
    handled_by_self: bool,
    normative_document_id: int | None = None,
    forwarded_to: str = "",
) -> ReconsiderationCase:
    """Start the incidental review (2017 arts 7, 26–27; 2023 arts 13, 56–59): the competent
    body deals with the document within 30 days, otherwise it is forwarded within 7 working
    days; the review of the act is suspended meanwhile. The document is linked to its normdocs
    record by id (read through normdocs' selectors)."""
    case = _locked(case, actor)
    CASE.require(actor, case, "incidental_start")
    _not_before(on, case.accepted_on, "on", _("附带审查开始日期不能早于受理日期。"))
    _not_future(on)
    if not handled_by_self and not forwarded_to.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写转送的有权处理机关。"), field="forwarded_to")
    if normative_document_id is not None:
        # Only through normdocs' selectors: an issued (public) document is what an act rests on.
        from fazhi.normdocs import selectors as normdocs_selectors

        try:
            normdocs_selectors.public_document(pk=normative_document_id, today=timezone.localdate())
        except NotFound:
            raise ValidationFailed(
                Code.INVALID, _("规范性文件记录不存在或尚未发布。"), field="normative_document_id"
            ) from None
        case.normative_document_id = normative_document_id
    if not case.normative_document_text and case.normative_document_id is None:
        raise ValidationFailed(
            Code.REQUIRED, _("请先登记需要附带审查的规范性文件。"), field="normative_document_id"
        )
    name = "incidental_self" if handled_by_self else "incidental_forward"
    core_services.clock_start(
        clock_type=clock_key(case, name),
        subject=case,
        organization=case.organization,
        start_date=on,
        label=_("规范性文件附带审查：%(no)s") % {"no": case.case_no},
        url=_url(case),
        actor=actor,
    )
    if handled_by_self and rules.has(case.law_version, "clock.incidental_drafter_notice"):
        # 2023 art 58: the drafter is notified in writing within 3 working days of suspension.
        core_services.clock_start(
            clock_type=clock_key(case, "incidental_drafter_notice"),
            subject=case,
            organization=case.organization,
            start_date=on,
            label=_("书面通知制定机关：%(no)s") % {"no": case.case_no},
            url=_url(case),
            actor=actor,
        )
    core_services.clock_pause(
        clock=_decision_clock_of(case),
        on=on,
        reason=str(SuspensionReason.INCIDENTAL_REVIEW.label),
        actor=actor,
    )
    case.status = Status.SUSPENDED
    case.suspended_on = on
    case.suspension_reason = SuspensionReason.INCIDENTAL_REVIEW
    case.incidental_started_on = on
    case.incidental_raised_by_applicant = raised_by_applicant
    case.incidental_handled_by_self = handled_by_self
    case.incidental_forwarded_to = forwarded_to.strip()
    case.save()
    _event(case, "reconsideration.incidental_started", actor, on=on, self=handled_by_self)
    return case


@transaction.atomic
def reconsideration_incidental_forward(
    *, actor, case: ReconsiderationCase, on: dt.date, received_on: dt.date | None = None
) -> ReconsiderationCase:
    """Record the forwarding (within 7 working days); the receiving body replies within 60
    days of receiving it (2017 art 26; 2023 art 60), a clock started here."""
    case = _locked(case, actor)
    CASE.require(actor, case, "incidental_forward")
    _not_before(on, case.incidental_started_on, "on", _("转送日期不能早于附带审查开始日期。"))
    _not_future(on)
    received_on = received_on or on
    _not_before(received_on, on, "received_on", _("收到转送日期不能早于转送日期。"))
    _not_future(received_on, "received_on")
    _stop(clock_any(case, "incidental_forward"), on, actor)
    core_services.clock_start(
        clock_type=clock_key(case, "incidental_receiving"),
        subject=case,
        organization=case.organization,
        start_date=received_on,
        label=_("接受转送机关处理规范性文件：%(no)s") % {"no": case.case_no},
        url=_url(case),
        actor=actor,
    )
    case.incidental_forwarded_on = on
    case.incidental_forward_received_on = received_on
    case.save()
    _event(case, "reconsideration.incidental_forwarded", actor, on=on, received_on=received_on)
    return case


@transaction.atomic
def reconsideration_incidental_drafter_notify(
    *, actor, case: ReconsiderationCase, on: dt.date, received_on: dt.date | None = None
) -> ReconsiderationCase:
    """Notify the drafter in writing to answer on the clauses' legality, within 3 working
    days of the suspension; the drafter answers within 10 working days of receiving the notice
    (2023 art 58 para 1, art 88). The 2017 texts have no such step."""
    case = _locked(case, actor)
    CASE.require(actor, case, "incidental_drafter_notify")
    _not_before(on, case.incidental_started_on, "on", _("通知日期不能早于附带审查开始日期。"))
    _not_future(on)
    received_on = received_on or on
    _not_before(received_on, on, "received_on", _("制定机关收到日期不能早于通知日期。"))
    _not_future(received_on, "received_on")
    _stop(clock_any(case, "incidental_drafter_notice"), on, actor)
    core_services.clock_start(
        clock_type=clock_key(case, "incidental_drafter_answer"),
        subject=case,
        organization=case.organization,
        start_date=received_on,
        label=_("制定机关书面答复：%(no)s") % {"no": case.case_no},
        url=_url(case),
        actor=actor,
    )
    case.incidental_drafter_notified_on = on
    case.incidental_drafter_received_on = received_on
    case.save()
    _event(
        case, "reconsideration.incidental_drafter_notified", actor, on=on, received_on=received_on
    )
    return case


@transaction.atomic
def reconsideration_incidental_drafter_answer(
    *, actor, case: ReconsiderationCase, on: dt.date, answer: str
) -> ReconsiderationCase:
    """The drafter's written answer and materials (2023 art 58 para 1); a late answer is
    still filed, its clock showing it late."""
    case = _locked(case, actor)
    CASE.require(actor, case, "incidental_drafter_answer")
    if not answer.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写制定机关的书面答复。"), field="answer")
    _not_before(
        on, case.incidental_drafter_received_on, "on", _("答复日期不能早于制定机关收到通知日期。")
    )
    _not_future(on)
    _stop(clock_any(case, "incidental_drafter_answer"), on, actor)
    case.incidental_drafter_answered_on = on
    case.incidental_drafter_answer = answer.strip()
    case.save()
    _event(case, "reconsideration.incidental_drafter_answered", actor, on=on)
    return case


@transaction.atomic
def reconsideration_incidental_conclude(
    *, actor, case: ReconsiderationCase, on: dt.date, result: str
) -> ReconsiderationCase:
    """Record the competent body's result as received and resume the review of the act."""
    case = _locked(case, actor)
    CASE.require(actor, case, "incidental_conclude")
    if not result.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写附带审查结果。"), field="result")
    _not_before(on, case.incidental_started_on, "on", _("办结日期不能早于附带审查开始日期。"))
    _not_future(on)
    for name in (
        "incidental_self",
        "incidental_forward",
        "incidental_receiving",
        "incidental_drafter_notice",
        "incidental_drafter_answer",
    ):
        _stop(clock_any(case, name), on, actor)
    core_services.clock_resume(
        clock=_decision_clock_of(case), on=on, reason=_("附带审查办结"), actor=actor
    )
    case.status = Status.ACCEPTED
    case.suspended_on = None
    case.suspension_reason = ""
    case.incidental_concluded_on = on
    case.incidental_result = result.strip()
    case.save()
    _event(case, "reconsideration.incidental_concluded", actor, on=on)
    return case
