"""After the decision: publication, implementation reports, post-evaluation and changes."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.errors import Conflict, ValidationFailed
from fazhi.core.models import Clock, Organization
from fazhi.decisions import clocks, domain
from fazhi.decisions.domain import StepKind
from fazhi.decisions.error_codes import DecisionErrorCode as Code
from fazhi.decisions.events import DecisionEvent
from fazhi.decisions.models import (
    ChangeKind,
    Decision,
    DecisionChange,
    DecisionStatus,
    EvaluationTrigger,
    ImplementationReport,
    PostEvaluation,
    Recommendation,
)
from fazhi.decisions.services._base import (
    _begin,
    _choice,
    _date,
    _event,
    _required,
)


@transaction.atomic
def decision_publish(
    *,
    actor: User,
    decision: Decision,
    published_on: dt.date | None,
    channel: str,
    document_number: str,
    party_report_on: dt.date | None,
    executing_unit: Organization | None,
) -> Decision:
    """Publish the decision (第32条) after reporting to the Party committee (第31条)."""
    decision = _begin(actor, decision, "publish")
    reported = _date(
        party_report_on,
        "party_report_on",
        _("向党委请示报告日期"),
        not_before=decision.decided_on,
        not_before_label=_("决定日期"),
    )
    published = _date(
        published_on,
        "published_on",
        _("公布日期"),
        not_before=reported,
        not_before_label=_("向党委请示报告日期"),
    )
    if executing_unit is None:
        raise ValidationFailed(Code.REQUIRED, _("请选择执行单位。"), field="executing_unit")
    decision.party_report_on = reported
    decision.published_on = published
    decision.publication_channel = _required(channel, "channel", _("公布途径"))
    decision.document_number = _required(document_number, "document_number", _("文号"))
    decision.executing_unit = executing_unit
    decision.status = DecisionStatus.PUBLISHED
    decision.save()
    _event(
        decision,
        DecisionEvent.PUBLISHED,
        actor,
        decision.organization,
        published_on=published,
        document_number=decision.document_number,
    )
    return decision


@transaction.atomic
def implementation_report(
    *,
    actor: User,
    decision: Decision,
    reported_on: dt.date | None,
    progress: str,
    problems: str = "",
) -> ImplementationReport:
    """The executing unit (or the sponsor) reports progress and problems (第34–35条)."""
    decision = _begin(actor, decision, "implementation")
    report = ImplementationReport.objects.create(
        decision=decision,
        reported_on=_date(
            reported_on,
            "reported_on",
            _("报告日期"),
            not_before=decision.published_on,
            not_before_label=_("公布日期"),
        ),
        progress=_required(progress, "progress", _("执行情况")),
        problems=problems.strip(),
        recorded_by=actor,
    )
    _event(
        decision,
        DecisionEvent.IMPLEMENTATION_REPORTED,
        actor,
        decision.organization,
        reported_on=report.reported_on,
    )
    return report


@transaction.atomic
def evaluation_commission(
    *,
    actor: User,
    decision: Decision,
    trigger: str,
    evaluator: str,
    is_third_party: bool,
    commissioned_on: dt.date | None,
) -> PostEvaluation:
    """The organ commissions a post-decision evaluation (第36条); its clock starts."""
    decision = _begin(actor, decision, "evaluation_commission")
    _choice(trigger, EvaluationTrigger, "trigger", _("评估情形"))
    evaluator = _required(evaluator, "evaluator", _("评估单位"))
    excluded = set(
        decision.steps.filter(kind__in=[StepKind.EXPERT_ARGUMENTATION, StepKind.RISK_ASSESSMENT])
        .values_list("organizer", "assessor")
        .iterator()
    )
    if not domain.evaluator_is_independent(evaluator, {n for pair in excluded for n in pair}):
        raise ValidationFailed(
            Code.EVALUATOR_NOT_INDEPENDENT,
            _("决策作出前承担主要论证评估工作的单位不得承担后评估（第三十六条）。"),
            field="evaluator",
        )
    commissioned = _date(
        commissioned_on,
        "commissioned_on",
        _("启动日期"),
        not_before=decision.published_on,
        not_before_label=_("公布日期"),
    )
    evaluation = PostEvaluation.objects.create(
        decision=decision,
        trigger=trigger,
        evaluator=evaluator,
        is_third_party=bool(is_third_party),
        commissioned_on=commissioned,
    )
    core_services.clock_start(
        clock_type=clocks.POST_EVALUATION,
        subject=evaluation,
        organization=decision.organization,
        start_date=commissioned,
        label=_("决策后评估：%(title)s") % {"title": decision.title},
        url=f"/decisions/{decision.pk}/",
        actor=actor,
    )
    _event(
        decision,
        DecisionEvent.EVALUATION_COMMISSIONED,
        actor,
        decision.organization,
        evaluator=evaluator,
        trigger=trigger,
    )
    return evaluation


@transaction.atomic
def evaluation_complete(
    *,
    actor: User,
    decision: Decision,
    completed_on: dt.date | None,
    findings: str,
    recommendation: str,
) -> PostEvaluation:
    decision = _begin(actor, decision, "evaluation_complete")
    evaluation = PostEvaluation.objects.select_for_update().get(decision=decision)
    _choice(recommendation, Recommendation, "recommendation", _("评估建议"))
    evaluation.completed_on = _date(
        completed_on,
        "completed_on",
        _("完成日期"),
        not_before=evaluation.commissioned_on,
        not_before_label=_("启动日期"),
    )
    evaluation.findings = _required(findings, "findings", _("评估结论"))
    evaluation.recommendation = recommendation
    evaluation.save()
    clock = Clock.objects.get(
        clock_type=clocks.POST_EVALUATION,
        object_id=str(evaluation.pk),
        content_type__model="postevaluation",
    )
    core_services.clock_stop(clock=clock, on=evaluation.completed_on, actor=actor)
    _event(
        decision,
        DecisionEvent.EVALUATION_COMPLETED,
        actor,
        decision.organization,
        recommendation=recommendation,
    )
    return evaluation


# Which change moves a decision from which status to which (第37条).
CHANGE_TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    ChangeKind.ADJUST: ((DecisionStatus.PUBLISHED,), DecisionStatus.PUBLISHED),
    ChangeKind.SUSPEND: ((DecisionStatus.PUBLISHED,), DecisionStatus.SUSPENDED),
    ChangeKind.RESUME: ((DecisionStatus.SUSPENDED,), DecisionStatus.PUBLISHED),
    ChangeKind.TERMINATE: (
        (DecisionStatus.PUBLISHED, DecisionStatus.SUSPENDED),
        DecisionStatus.TERMINATED,
    ),
}


@transaction.atomic
def decision_change(
    *,
    actor: User,
    decision: Decision,
    kind: str,
    changed_on: dt.date | None,
    reason: str,
    content: str = "",
) -> DecisionChange:
    """Adjust, suspend, resume or terminate a decision in force, always with the reason."""
    decision = _begin(actor, decision, "change")
    _choice(kind, ChangeKind, "kind", _("变更类型"))
    allowed_from, to = CHANGE_TRANSITIONS[kind]
    if decision.status not in allowed_from:
        raise Conflict(
            Code.INVALID_TRANSITION,
            _("当前状态（%(status)s）不能%(kind)s。")
            % {"status": decision.get_status_display(), "kind": ChangeKind(kind).label},
            field="kind",
        )
    reason = _required(reason, "reason", _("理由"))
    if kind == ChangeKind.ADJUST:
        content = _required(content, "content", _("调整内容"))
    change = DecisionChange.objects.create(
        decision=decision,
        kind=kind,
        changed_on=_date(
            changed_on,
            "changed_on",
            _("日期"),
            not_before=decision.published_on,
            not_before_label=_("公布日期"),
        ),
        reason=reason,
        content=content.strip(),
        recorded_by=actor,
    )
    decision.status = to
    decision.save(update_fields=["status"])
    _event(decision, DecisionEvent.CHANGED, actor, decision.organization, kind=kind, reason=reason)
    return change
