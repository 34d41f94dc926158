"""Helpers shared by the decision services: input guards, locks, step records, events."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.errors import Conflict, ValidationFailed
from fazhi.core.models import Organization
from fazhi.decisions import domain
from fazhi.decisions.domain import CheckKind, StepKind, StepStatus
from fazhi.decisions.error_codes import DecisionErrorCode as Code
from fazhi.decisions.events import DecisionEvent
from fazhi.decisions.labels import STEP_LABELS
from fazhi.decisions.models import (
    Decision,
    ProcedureStep,
)
from fazhi.decisions.procedures import DECISION

ATTACHMENT_SUFFIXES = frozenset({".pdf", ".doc", ".docx", ".xls", ".xlsx", ".jpg", ".png", ".txt"})

STEP_KINDS = frozenset(kind.value for kind in StepKind)
CHECK_KINDS = frozenset(kind.value for kind in CheckKind)

# --- small guards -----------------------------------------------------------------------------


def _required(value: str | None, field: str, label: str) -> str:
    """The text stripped of surrounding blanks; refused when nothing is left."""
    text = (value or "").strip()
    if not text:
        raise ValidationFailed(
            Code.REQUIRED, _("请填写%(label)s。") % {"label": label}, field=field
        )
    return text


def _choice(value: str, choices: type[models.Choices], field: str, label: str) -> str:
    if value not in choices.values:
        raise ValidationFailed(Code.INVALID, _("%(label)s无效。") % {"label": label}, field=field)
    return value


def _date(
    value: dt.date | None,
    field: str,
    label: str,
    *,
    not_before: dt.date | None = None,
    not_before_label: str = "",
    allow_future: bool = False,
) -> dt.date:
    if value is None:
        raise ValidationFailed(
            Code.REQUIRED, _("请填写%(label)s。") % {"label": label}, field=field
        )
    if not allow_future and value > timezone.localdate():
        raise ValidationFailed(
            Code.INVALID_DATE, _("%(label)s不能晚于今天。") % {"label": label}, field=field
        )
    if not_before is not None and value < not_before:
        raise ValidationFailed(
            Code.INVALID_DATE,
            _("%(label)s不能早于%(other)s（%(date)s）。")
            % {"label": label, "other": not_before_label, "date": not_before.isoformat()},
            field=field,
        )
    return value


def _event(subject, event_type: DecisionEvent, actor: User, organization, **details: Any) -> None:
    core_services.event_record(
        subject=subject,
        event_type=event_type,
        actor=actor,
        organization=organization,
        details=details,
    )


def _lock(decision: Decision) -> Decision:
    """The decision row locked; its steps read fresh (the declared guards read them)."""
    return (
        Decision.objects.select_for_update(of=("self",))
        .select_related("entry__catalog__organization", "organization")
        .prefetch_related("steps")
        .get(pk=decision.pk)
    )


def _step(decision: Decision, kind: StepKind) -> ProcedureStep:
    return ProcedureStep.objects.select_for_update().get(decision=decision, kind=kind)


def _require_pending(step: ProcedureStep) -> None:
    if step.status != StepStatus.PENDING:
        raise Conflict(
            Code.STEP_ALREADY_RECORDED,
            _("“%(step)s”已记录（%(status)s），不能重复记录。")
            % {"step": STEP_LABELS[StepKind(step.kind)], "status": step.get_status_display()},
            field="kind",
        )


def _statuses(decision: Decision) -> dict[str, str]:
    return dict(decision.steps.values_list("kind", "status"))


def _require_closed_before(decision: Decision, kind: StepKind) -> None:
    missing = domain.open_steps_before(kind, _statuses(decision))
    if missing:
        raise Conflict(
            Code.STEPS_OPEN,
            _("以下程序尚未完成或依法说明不适用：%(steps)s。")
            % {"steps": "、".join(str(STEP_LABELS[m]) for m in missing)},
            field="kind",
        )


def _start(step: ProcedureStep, actor: User, started_on: dt.date, **fields: Any) -> ProcedureStep:
    step.status = StepStatus.OPEN
    step.started_on = started_on
    step.recorded_by = actor
    for name, value in fields.items():
        setattr(step, name, value)
    step.save()
    _event(
        step.decision,
        DecisionEvent.STEP_STARTED,
        actor,
        step.decision.organization,
        kind=step.kind,
        started_on=started_on,
    )
    return step


def _complete(
    step: ProcedureStep, actor: User, completed_on: dt.date, summary: str, **fields: Any
) -> ProcedureStep:
    step.status = StepStatus.COMPLETED
    step.completed_on = completed_on
    step.summary = summary
    step.recorded_by = actor
    for name, value in fields.items():
        setattr(step, name, value)
    step.save()
    _event(
        step.decision,
        DecisionEvent.STEP_COMPLETED,
        actor,
        step.decision.organization,
        kind=step.kind,
        completed_on=completed_on,
    )
    return step


def _begin(actor: User, decision: Decision, step: str) -> Decision:
    """Lock the decision and check the declared step (role, scope, state, guard) on it."""
    decision = _lock(decision)
    DECISION.require(actor, decision, step)
    return decision


def _sponsor_step(
    actor: User, decision: Decision, kind: StepKind, step: str
) -> tuple[Decision, ProcedureStep]:
    decision = _begin(actor, decision, step)
    return decision, _step(decision, kind)


def _organ(decision: Decision) -> Organization:
    return decision.entry.catalog.organization
