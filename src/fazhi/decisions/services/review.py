"""Legality review, the three checks and the collective discussion that decides."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.errors import Conflict, ValidationFailed
from fazhi.core.models import Clock
from fazhi.core.scoping import require_change, require_role
from fazhi.decisions import clocks, domain
from fazhi.decisions.domain import CheckKind, StepKind, StepStatus
from fazhi.decisions.error_codes import DecisionErrorCode as Code
from fazhi.decisions.events import DecisionEvent
from fazhi.decisions.labels import CHECK_LABELS
from fazhi.decisions.models import (
    CheckOutcome,
    Decision,
    DecisionCheck,
    DecisionStatus,
    LegalityOutcome,
    MeetingResult,
    MeetingType,
    ProcedureStep,
)
from fazhi.decisions.permissions import JUSTICE_ROLES, SPONSOR_ROLES
from fazhi.decisions.rules import rule
from fazhi.decisions.selectors import legality_minimum_due
from fazhi.decisions.services._base import (
    CHECK_KINDS,
    _begin,
    _choice,
    _complete,
    _date,
    _event,
    _require_closed_before,
    _required,
    _sponsor_step,
    _start,
)


@transaction.atomic
def legality_review_submit(
    *, actor: User, decision: Decision, submitted_on: dt.date | None, review_due_on: dt.date | None
) -> ProcedureStep:
    """The sponsor sends the draft to the justice bureau, giving it the statutory review time."""
    decision, step = _sponsor_step(
        actor, decision, StepKind.LEGALITY_REVIEW, "submit_legality_review"
    )
    _require_closed_before(decision, StepKind.LEGALITY_REVIEW)
    submitted = _date(
        submitted_on,
        "submitted_on",
        _("送审日期"),
        not_before=decision.launched_on,
        not_before_label=_("启动日期"),
    )
    due = _date(review_due_on, "review_due_on", _("审查期限届满日"), allow_future=True)
    earliest = legality_minimum_due(submitted)
    if due < earliest:
        raise ValidationFailed(
            Code.REVIEW_TIME_TOO_SHORT,
            _("应保证合法性审查时间不少于%(days)s个工作日，审查期限最早为%(earliest)s。")
            % {
                "days": rule("legality_review_min_working_days").value,
                "earliest": earliest.isoformat(),
            },
            field="review_due_on",
        )
    step = _start(step, actor, submitted, review_due_on=due)
    core_services.clock_start(
        clock_type=clocks.LEGALITY_REVIEW,
        subject=step,
        organization=decision.organization,
        start_date=submitted,
        label=_("合法性审查：%(title)s") % {"title": decision.title},
        url=f"/decisions/{decision.pk}/",
        actor=actor,
    )
    return step


@transaction.atomic
def legality_review_conclude(
    *, actor: User, decision: Decision, concluded_on: dt.date | None, outcome: str, opinion: str
) -> ProcedureStep:
    """The justice bureau gives its legality opinion (第27–28条)."""
    decision, step = _sponsor_step(
        actor, decision, StepKind.LEGALITY_REVIEW, "conclude_legality_review"
    )
    _choice(outcome, LegalityOutcome, "outcome", _("审查结论"))
    concluded = _date(
        concluded_on,
        "concluded_on",
        _("审查完成日期"),
        not_before=step.started_on,
        not_before_label=_("送审日期"),
    )
    step = _complete(
        step,
        actor,
        concluded,
        _required(opinion, "opinion", _("合法性审查意见")),
        legality_outcome=outcome,
    )
    clock = Clock.objects.get(
        clock_type=clocks.LEGALITY_REVIEW,
        object_id=str(step.pk),
        content_type__model="procedurestep",
    )
    core_services.clock_stop(clock=clock, on=concluded, actor=actor)
    return step


# --- three checks -----------------------------------------------------------------------------


@transaction.atomic
def check_record(
    *,
    actor: User,
    decision: Decision,
    kind: str,
    checker: str,
    checked_on: dt.date | None,
    outcome: str,
    findings: str = "",
    rectification: str = "",
) -> DecisionCheck:
    """Record one of the three checks, in order: self, legal agency, legal adviser."""
    if kind not in CHECK_KINDS:
        raise ValidationFailed(Code.INVALID, _("审查环节无效。"), field="kind")
    kind = CheckKind(kind)
    decision = _begin(actor, decision, "record_check")
    # One declared step for the three checks; which check is whose (第23条 of the rules here):
    # the sponsor checks itself, the justice bureau does the two others.
    if kind == CheckKind.SELF_CHECK:
        require_change(actor, decision.organization, roles=SPONSOR_ROLES)
    else:
        require_role(actor, *JUSTICE_ROLES)
    if decision.checks.filter(kind=kind).exists():
        raise Conflict(
            Code.CHECK_ALREADY_RECORDED,
            _("“%(check)s”已记录，不能重复记录。") % {"check": CHECK_LABELS[kind]},
            field="kind",
        )
    missing = domain.missing_checks_before(
        kind, set(decision.checks.values_list("kind", flat=True))
    )
    if missing:
        raise Conflict(
            Code.CHECKS_MISSING,
            _("请先完成：%(checks)s。")
            % {"checks": "、".join(str(CHECK_LABELS[m]) for m in missing)},
            field="kind",
        )
    _choice(outcome, CheckOutcome, "outcome", _("结论"))
    if outcome == CheckOutcome.PASSED_AFTER_RECTIFICATION:
        _required(findings, "findings", _("发现问题"))
        _required(rectification, "rectification", _("整改情况"))
    check = DecisionCheck.objects.create(
        decision=decision,
        kind=kind,
        checker=_required(checker, "checker", _("检查人")),
        checked_on=_date(
            checked_on,
            "checked_on",
            _("检查日期"),
            not_before=decision.launched_on,
            not_before_label=_("启动日期"),
        ),
        outcome=outcome,
        findings=findings.strip(),
        rectification=rectification.strip(),
        recorded_by=actor,
    )
    _event(
        decision,
        DecisionEvent.CHECK_RECORDED,
        actor,
        decision.organization,
        kind=kind,
        outcome=outcome,
    )
    return check


@transaction.atomic
def collective_discussion_record(
    *,
    actor: User,
    decision: Decision,
    meeting_type: str,
    meeting_name: str,
    held_on: dt.date | None,
    result: str,
    head_spoke_last: bool,
    minutes: str,
    dissent: str = "",
    majority_differs_reason: str = "",
) -> ProcedureStep:
    """Record the executive meeting's decision (第30条); refused while any gate is open."""
    decision, step = _sponsor_step(
        actor, decision, StepKind.COLLECTIVE_DISCUSSION, "collective_decision"
    )
    _require_closed_before(decision, StepKind.COLLECTIVE_DISCUSSION)
    legality = decision.steps.get(kind=StepKind.LEGALITY_REVIEW)
    if legality.legality_outcome == LegalityOutcome.UNLAWFUL:
        raise Conflict(
            Code.LEGALITY_NOT_PASSED,
            _("决策草案经审查不合法，不得提交集体讨论（第二十五条）。"),
            field="kind",
        )
    missing = [
        k
        for k in domain.CHECK_ORDER
        if k not in set(decision.checks.values_list("kind", flat=True))
    ]
    if missing:
        raise Conflict(
            Code.CHECKS_MISSING,
            _("提交集体讨论前须完成“三查”：%(checks)s。")
            % {"checks": "、".join(str(CHECK_LABELS[m]) for m in missing)},
            field="kind",
        )
    _choice(meeting_type, MeetingType, "meeting_type", _("会议类型"))
    _choice(result, MeetingResult, "result", _("会议结果"))
    if not head_spoke_last:
        raise ValidationFailed(
            Code.HEAD_NOT_LAST, _("行政首长应当最后发表意见（第三十条）。"), field="head_spoke_last"
        )
    last_check = decision.checks.aggregate(last=Max("checked_on"))["last"]
    held = _date(
        held_on,
        "held_on",
        _("会议日期"),
        not_before=max(legality.completed_on, last_check),
        not_before_label=_("合法性审查和三查完成日期"),
    )
    step.status = StepStatus.COMPLETED
    step.started_on = held
    step.meeting_type = meeting_type
    step.meeting_name = _required(meeting_name, "meeting_name", _("会议名称"))
    step.meeting_result = result
    step.head_spoke_last = True
    step.dissent = dissent.strip()
    step.majority_differs_reason = majority_differs_reason.strip()
    _complete(step, actor, held, _required(minutes, "minutes", _("会议纪要")))
    decision.status = (
        DecisionStatus.REJECTED if result == MeetingResult.REJECTED else DecisionStatus.DECIDED
    )
    decision.decided_on = held
    decision.save(update_fields=["status", "decided_on"])
    _event(
        decision,
        DecisionEvent.COLLECTIVE_DISCUSSED,
        actor,
        decision.organization,
        result=result,
        meeting=step.meeting_name,
        held_on=held,
    )
    return step
