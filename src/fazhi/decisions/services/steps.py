"""The conditional and statutory procedures run by the sponsor: skip, public participation,
expert argumentation, risk assessment."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.consultations import selectors as consultation_selectors
from fazhi.consultations import services as consultation_services
from fazhi.consultations.models import ConsultationStatus
from fazhi.core import dating
from fazhi.core.dating import act_date, period_start
from fazhi.core.errors import Conflict, ValidationFailed
from fazhi.decisions import domain
from fazhi.decisions.domain import StepKind, StepStatus
from fazhi.decisions.error_codes import DecisionErrorCode as Code
from fazhi.decisions.events import DecisionEvent
from fazhi.decisions.labels import STEP_LABELS
from fazhi.decisions.models import (
    Decision,
    ProcedureStep,
    RiskLevel,
)
from fazhi.decisions.rules import rule
from fazhi.decisions.services._base import (
    STEP_KINDS,
    _choice,
    _complete,
    _date,
    _event,
    _require_pending,
    _required,
    _sponsor_step,
    _start,
)


@transaction.atomic
def step_skip(
    *,
    actor: User,
    decision: Decision,
    kind: str,
    reason: str,
    basis: str,
    skipped_on: dt.date | None,
) -> ProcedureStep:
    """Record that a conditional procedure does not apply, with the legal reason."""
    if kind not in STEP_KINDS:
        raise ValidationFailed(Code.INVALID, _("程序类型无效。"), field="kind")
    kind = StepKind(kind)
    decision, step = _sponsor_step(actor, decision, kind, "skip_step")
    if kind not in domain.SKIPPABLE:
        raise ValidationFailed(
            Code.STEP_NOT_SKIPPABLE,
            _("“%(step)s”是法定必经程序，不能略过。") % {"step": STEP_LABELS[kind]},
            field="kind",
        )
    _require_pending(step)
    reason = _required(reason, "reason", _("不适用理由"))
    basis = _required(basis, "basis", _("不适用依据"))
    on = _date(
        skipped_on,
        "skipped_on",
        _("日期"),
        not_before=decision.launched_on,
        not_before_label=_("启动日期"),
    )
    step.status = StepStatus.SKIPPED
    step.skip_reason = reason
    step.skip_basis = basis
    step.completed_on = on
    step.recorded_by = actor
    step.save()
    _event(
        decision,
        DecisionEvent.STEP_SKIPPED,
        actor,
        decision.organization,
        kind=kind,
        reason=reason,
        basis=basis,
    )
    return step


def _minimum_consultation_days() -> int:
    return rule("public_comment_min_days").value


@transaction.atomic
def public_participation_start(
    *,
    actor: User,
    decision: Decision,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    channel: str,
    draft_text: str,
    shortened_reason: str = "",
    backdate_reason: str = "",
) -> ProcedureStep:
    """Publish the draft for public comment on the portal (第15条: at least 30 days, unless
    the urgency is stated), through the shared consultation component.

    A start before today is a paper record and needs ``backdate_reason``; while the period
    runs in the system its minimum counts from today (``core.dating``)."""
    decision, step = _sponsor_step(
        actor, decision, StepKind.PUBLIC_PARTICIPATION, "participation_start"
    )
    channel = _required(channel, "channel", _("征求意见途径"))
    draft_text = _required(draft_text, "draft_text", _("征求意见稿正文"))
    starts = _date(
        starts_on,
        "starts_on",
        _("征求意见开始日期"),
        not_before=decision.launched_on,
        not_before_label=_("启动日期"),
        allow_future=True,
    )
    ends = _date(ends_on, "ends_on", _("征求意见截止日期"), allow_future=True)
    if ends <= starts:
        raise ValidationFailed(Code.INVALID_DATE, _("截止日期必须晚于开始日期。"), field="ends_on")
    shortened_reason = shortened_reason.strip()
    today = dating.today()
    if starts <= today:
        act_date(starts, reason=backdate_reason, field="starts_on")
    minimum = _minimum_consultation_days()
    earliest = consultation_services.earliest_end(
        starts_on=period_start(start_on=starts, start_recorded_on=today, end_on=ends),
        minimum_days=minimum,
        day_basis=rule("public_comment_min_days").basis,
    )
    if ends < earliest and not shortened_reason:
        raise ValidationFailed(
            Code.CONSULTATION_TOO_SHORT,
            _(
                "公开征求意见期限一般不少于%(minimum)s日，截止日期最早为%(earliest)s；"
                "因情况紧急缩短期限的，请说明理由。"
            )
            % {"minimum": minimum, "earliest": earliest.isoformat()},
            field="ends_on",
        )
    step = _start(step, actor, starts, channel=channel, shortened_reason=shortened_reason)
    consultation_services.consultation_open(
        subject=decision,
        organization=decision.organization,
        title=_("关于《%(title)s》（征求意见稿）公开征求意见") % {"title": decision.title},
        text=draft_text,
        starts_on=starts,
        ends_on=ends,
        # A period shortened for a stated urgency has no statutory floor beyond one day.
        minimum_days=1 if ends < earliest else minimum,
        actor=actor,
        backdate_reason=backdate_reason,
    )
    return step


@transaction.atomic
def public_participation_complete(
    *,
    actor: User,
    decision: Decision,
    completed_on: dt.date | None,
    report: str,
    hearing_held_on: dt.date | None = None,
) -> ProcedureStep:
    """Close public participation once the adoption summary is published (第18条)."""
    decision, step = _sponsor_step(
        actor, decision, StepKind.PUBLIC_PARTICIPATION, "participation_complete"
    )
    consultation = consultation_selectors.consultation_for(decision)
    if consultation is None or consultation.status != ConsultationStatus.SUMMARY_PUBLISHED:
        raise Conflict(
            Code.CONSULTATION_NOT_ENDED,
            _("公开征求意见截止并公布意见采纳情况后，才能办结公众参与。"),
            field="completed_on",
        )
    completed = _date(
        completed_on,
        "completed_on",
        _("完成日期"),
        not_before=consultation.ends_on,
        not_before_label=_("征求意见截止日期"),
    )
    report = _required(report, "report", _("意见采纳情况报告"))
    if hearing_held_on is not None:
        _date(
            hearing_held_on,
            "hearing_held_on",
            _("听证会/座谈会日期"),
            not_before=step.started_on,
            not_before_label=_("征求意见开始日期"),
        )
    return _complete(step, actor, completed, report, hearing_held_on=hearing_held_on)


@transaction.atomic
def expert_argumentation_start(
    *, actor: User, decision: Decision, started_on: dt.date | None, organizer: str, experts: str
) -> ProcedureStep:
    """Convene the experts (第19–20条: professional, representative, neutral)."""
    decision, step = _sponsor_step(actor, decision, StepKind.EXPERT_ARGUMENTATION, "expert_start")
    started = _date(
        started_on,
        "started_on",
        _("开始日期"),
        not_before=decision.launched_on,
        not_before_label=_("启动日期"),
    )
    return _start(
        step,
        actor,
        started,
        organizer=_required(organizer, "organizer", _("论证组织单位")),
        experts=_required(experts, "experts", _("论证专家")),
    )


@transaction.atomic
def expert_argumentation_complete(
    *, actor: User, decision: Decision, completed_on: dt.date | None, opinions: str
) -> ProcedureStep:
    """Record the experts' signed opinions and how each was handled (第21条)."""
    decision, step = _sponsor_step(
        actor, decision, StepKind.EXPERT_ARGUMENTATION, "expert_complete"
    )
    completed = _date(
        completed_on,
        "completed_on",
        _("完成日期"),
        not_before=step.started_on,
        not_before_label=_("开始日期"),
    )
    return _complete(
        step, actor, completed, _required(opinions, "opinions", _("专家意见及采纳情况"))
    )


@transaction.atomic
def risk_assessment_start(
    *, actor: User, decision: Decision, started_on: dt.date | None, assessor: str
) -> ProcedureStep:
    decision, step = _sponsor_step(actor, decision, StepKind.RISK_ASSESSMENT, "risk_start")
    started = _date(
        started_on,
        "started_on",
        _("开始日期"),
        not_before=decision.launched_on,
        not_before_label=_("启动日期"),
    )
    return _start(step, actor, started, assessor=_required(assessor, "assessor", _("评估单位")))


@transaction.atomic
def risk_assessment_complete(
    *,
    actor: User,
    decision: Decision,
    completed_on: dt.date | None,
    risk_level: str,
    report: str,
    mitigation: str,
) -> ProcedureStep:
    """Record the risk report: level, risk points and mitigation (第23条)."""
    decision, step = _sponsor_step(actor, decision, StepKind.RISK_ASSESSMENT, "risk_complete")
    _choice(risk_level, RiskLevel, "risk_level", _("风险等级"))
    completed = _date(
        completed_on,
        "completed_on",
        _("完成日期"),
        not_before=step.started_on,
        not_before_label=_("开始日期"),
    )
    return _complete(
        step,
        actor,
        completed,
        _required(report, "report", _("风险评估报告")),
        risk_level=risk_level,
        mitigation=_required(mitigation, "mitigation", _("风险防范化解措施")),
    )
