"""Every write of major decisions: the catalog, the five procedures, three checks, and after.

State machines:

- catalog ``drafting`` → ``approved`` → ``published``; entries ``proposed`` → ``listed`` (on
  approval) → ``withdrawn`` (by an adjustment with its reason);
- decision ``drafting`` → ``decided`` | ``rejected`` (collective discussion) → ``published`` ⇄
  ``suspended`` → ``terminated``;
- each procedure step ``pending`` → ``open`` → ``completed``, or ``pending`` → ``skipped`` (only
  the three conditional procedures, with the legal reason).

Every service locks the decision row first, so two people recording the same step queue, and
the second one is refused because the step is no longer where it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.consultations import dating
from fazhi.consultations import selectors as consultation_selectors
from fazhi.consultations import services as consultation_services
from fazhi.consultations.dating import act_date, period_start
from fazhi.consultations.models import ConsultationStatus
from fazhi.core import services as core_services
from fazhi.core.calendar import due_date
from fazhi.core.errors import Conflict, ValidationFailed
from fazhi.core.models import Clock, Organization
from fazhi.core.scoping import require_change, require_read, require_role, scope_for
from fazhi.decisions import clocks, domain
from fazhi.decisions.domain import CheckKind, StepKind, StepStatus
from fazhi.decisions.error_codes import DecisionErrorCode as Code
from fazhi.decisions.events import DecisionEvent
from fazhi.decisions.labels import CHECK_LABELS, STEP_LABELS
from fazhi.decisions.models import (
    AdjustmentKind,
    Attachment,
    Catalog,
    CatalogAdjustment,
    CatalogEntry,
    CatalogStatus,
    Category,
    ChangeKind,
    CheckOutcome,
    Decision,
    DecisionChange,
    DecisionCheck,
    DecisionStatus,
    EntryStatus,
    EvaluationTrigger,
    ImplementationReport,
    LegalityOutcome,
    MeetingResult,
    MeetingType,
    PostEvaluation,
    ProcedureStep,
    Recommendation,
    RiskLevel,
)
from fazhi.decisions.permissions import CATALOG_ROLES, JUSTICE_ROLES, SPONSOR_ROLES
from fazhi.decisions.rules import rule

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


def _choice(value: str, choices: type, field: str, label: str) -> str:
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


def _event(subject, event_type: DecisionEvent, actor, organization, **details: Any) -> None:
    core_services.event_record(
        subject=subject,
        event_type=event_type,
        actor=actor,
        organization=organization,
        details=details,
    )


# --- catalog ----------------------------------------------------------------------------------


@transaction.atomic
def catalog_create(*, actor, organization: Organization, year: int, title: str) -> Catalog:
    """Open the year's catalog for proposals (the decision organ's office does this)."""
    require_change(actor, organization, roles=CATALOG_ROLES)
    title = _required(title, "title", _("目录名称"))
    if not 2000 <= int(year) <= 2999:
        raise ValidationFailed(Code.INVALID, _("年度无效。"), field="year")
    if Catalog.objects.filter(organization=organization, year=year).exists():
        raise Conflict(Code.DUPLICATE, _("该年度目录已存在。"), field="year")
    catalog = Catalog.objects.create(organization=organization, year=year, title=title)
    _event(catalog, DecisionEvent.CATALOG_CREATED, actor, organization, year=year)
    return catalog


def _new_entry(
    *,
    catalog: Catalog,
    actor,
    title: str,
    category: str,
    organization: Organization,
    basis: str,
    planned_completion: dt.date | None,
    status: str,
) -> CatalogEntry:
    title = _required(title, "title", _("决策事项名称"))
    _choice(category, Category, "category", _("类别"))
    basis = _required(basis, "basis", _("法律政策依据"))
    planned = _date(planned_completion, "planned_completion", _("计划完成时间"), allow_future=True)
    if planned.year < catalog.year:
        raise ValidationFailed(
            Code.INVALID_DATE, _("计划完成时间不能早于目录年度。"), field="planned_completion"
        )
    if catalog.entries.filter(title=title).exists():
        raise Conflict(Code.DUPLICATE, _("目录中已有同名事项。"), field="title")
    sequence = (catalog.entries.aggregate(last=Max("sequence"))["last"] or 0) + 1
    return CatalogEntry.objects.create(
        catalog=catalog,
        sequence=sequence,
        title=title,
        category=category,
        organization=organization,
        basis=basis,
        planned_completion=planned,
        status=status,
        proposed_by=actor,
    )


@transaction.atomic
def entry_propose(
    *,
    actor,
    catalog: Catalog,
    title: str,
    category: str,
    organization: Organization,
    basis: str,
    planned_completion: dt.date | None,
) -> CatalogEntry:
    """A sponsor proposes a matter for the year's catalog, in its own unit."""
    require_change(actor, organization, roles=SPONSOR_ROLES)
    catalog = Catalog.objects.select_for_update().get(pk=catalog.pk)
    if catalog.status != CatalogStatus.DRAFTING:
        raise Conflict(
            Code.CATALOG_NOT_OPEN, _("目录已审定，新增事项请走目录调整。"), field="catalog"
        )
    entry = _new_entry(
        catalog=catalog,
        actor=actor,
        title=title,
        category=category,
        organization=organization,
        basis=basis,
        planned_completion=planned_completion,
        status=EntryStatus.PROPOSED,
    )
    _event(entry, DecisionEvent.ENTRY_PROPOSED, actor, organization, catalog=catalog.pk)
    return entry


@transaction.atomic
def catalog_approve(
    *,
    actor,
    catalog: Catalog,
    approved_on: dt.date | None,
    approval_meeting: str,
    party_consent_on: dt.date | None,
) -> Catalog:
    """The government approves the catalog (after the Party committee's consent, 第3条)."""
    catalog = Catalog.objects.select_for_update().get(pk=catalog.pk)
    require_change(actor, catalog.organization, roles=CATALOG_ROLES)
    if catalog.status != CatalogStatus.DRAFTING:
        raise Conflict(Code.INVALID_TRANSITION, _("该目录已审定。"), field="status")
    approval_meeting = _required(approval_meeting, "approval_meeting", _("审定会议"))
    consent = _date(party_consent_on, "party_consent_on", _("同级党委同意日期"))
    approved = _date(approved_on, "approved_on", _("审定日期"))
    if not catalog.entries.filter(status=EntryStatus.PROPOSED).exists():
        raise ValidationFailed(Code.CATALOG_EMPTY, _("目录中还没有申报事项。"), field="entries")
    catalog.entries.filter(status=EntryStatus.PROPOSED).update(status=EntryStatus.LISTED)
    catalog.status = CatalogStatus.APPROVED
    catalog.approved_on = approved
    catalog.approval_meeting = approval_meeting
    catalog.party_consent_on = consent
    catalog.save(update_fields=["status", "approved_on", "approval_meeting", "party_consent_on"])
    _event(
        catalog,
        DecisionEvent.CATALOG_APPROVED,
        actor,
        catalog.organization,
        approved_on=approved,
        meeting=approval_meeting,
        entries=catalog.entries.count(),
    )
    return catalog


@transaction.atomic
def catalog_publish(*, actor, catalog: Catalog, published_on: dt.date | None) -> Catalog:
    """Publish the approved catalog on the portal."""
    catalog = Catalog.objects.select_for_update().get(pk=catalog.pk)
    require_change(actor, catalog.organization, roles=CATALOG_ROLES)
    if catalog.status != CatalogStatus.APPROVED:
        raise Conflict(Code.INVALID_TRANSITION, _("目录审定后才能公布。"), field="status")
    catalog.published_on = _date(
        published_on,
        "published_on",
        _("公布日期"),
        not_before=catalog.approved_on,
        not_before_label=_("审定日期"),
    )
    catalog.status = CatalogStatus.PUBLISHED
    catalog.save(update_fields=["status", "published_on"])
    _event(
        catalog,
        DecisionEvent.CATALOG_PUBLISHED,
        actor,
        catalog.organization,
        published_on=catalog.published_on,
    )
    return catalog


@transaction.atomic
def catalog_adjust(
    *,
    actor,
    catalog: Catalog,
    kind: str,
    reason: str,
    adjusted_on: dt.date | None,
    entry: CatalogEntry | None = None,
    planned_completion: dt.date | None = None,
    title: str = "",
    category: str = "",
    organization: Organization | None = None,
    basis: str = "",
) -> CatalogAdjustment:
    """Add, withdraw or reschedule an entry of an approved catalog; the reason is recorded."""
    catalog = Catalog.objects.select_for_update().get(pk=catalog.pk)
    require_change(actor, catalog.organization, roles=CATALOG_ROLES)
    if catalog.status == CatalogStatus.DRAFTING:
        raise Conflict(Code.INVALID_TRANSITION, _("目录审定后才能调整。"), field="status")
    _choice(kind, AdjustmentKind, "kind", _("调整类型"))
    reason = _required(reason, "reason", _("调整理由"))
    adjusted = _date(
        adjusted_on,
        "adjusted_on",
        _("调整日期"),
        not_before=catalog.approved_on,
        not_before_label=_("审定日期"),
    )
    previous = None
    if kind == AdjustmentKind.ADD:
        if organization is None:
            raise ValidationFailed(Code.REQUIRED, _("请选择承办单位。"), field="organization")
        entry = _new_entry(
            catalog=catalog,
            actor=actor,
            title=title,
            category=category,
            organization=organization,
            basis=basis,
            planned_completion=planned_completion,
            status=EntryStatus.LISTED,
        )
    else:
        if entry is None or entry.catalog_id != catalog.pk:
            raise ValidationFailed(Code.REQUIRED, _("请选择要调整的事项。"), field="entry")
        entry = CatalogEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.status != EntryStatus.LISTED:
            raise Conflict(Code.ENTRY_NOT_LISTED, _("该事项不在目录中。"), field="entry")
        if kind == AdjustmentKind.WITHDRAW:
            if (
                Decision.objects.filter(entry=entry)
                .exclude(status=DecisionStatus.DRAFTING)
                .exists()
            ):
                raise Conflict(
                    Code.INVALID_TRANSITION, _("该事项已作出决定，不能调出目录。"), field="entry"
                )
            entry.status = EntryStatus.WITHDRAWN
            entry.save(update_fields=["status"])
        else:
            new_date = _date(
                planned_completion, "planned_completion", _("计划完成时间"), allow_future=True
            )
            if new_date == entry.planned_completion:
                raise ValidationFailed(
                    Code.INVALID_DATE,
                    _("新的计划完成时间与原时间相同。"),
                    field="planned_completion",
                )
            previous = entry.planned_completion
            entry.planned_completion = new_date
            entry.save(update_fields=["planned_completion"])
    adjustment = CatalogAdjustment.objects.create(
        catalog=catalog,
        entry=entry,
        kind=kind,
        reason=reason,
        adjusted_on=adjusted,
        previous_completion=previous,
        actor=actor,
    )
    _event(
        catalog,
        DecisionEvent.CATALOG_ADJUSTED,
        actor,
        catalog.organization,
        kind=kind,
        entry=entry.title,
        reason=reason,
    )
    return adjustment


# --- launch -----------------------------------------------------------------------------------


@transaction.atomic
def decision_launch(
    *, actor, entry: CatalogEntry, launched_on: dt.date | None, draft_summary: str
) -> Decision:
    """The sponsor launches the decision of a listed catalog entry (第10–11条)."""
    entry = CatalogEntry.objects.select_for_update().select_related("catalog").get(pk=entry.pk)
    require_change(actor, entry.organization, roles=SPONSOR_ROLES)
    if entry.status != EntryStatus.LISTED or entry.catalog.status == CatalogStatus.DRAFTING:
        raise Conflict(Code.ENTRY_NOT_LISTED, _("该事项尚未列入经审定的决策目录。"), field="entry")
    if Decision.objects.filter(entry=entry).exists():
        raise Conflict(Code.ALREADY_LAUNCHED, _("该事项已启动决策程序。"), field="entry")
    launched = _date(launched_on, "launched_on", _("启动日期"))
    draft_summary = _required(draft_summary, "draft_summary", _("决策草案说明"))
    decision = Decision.objects.create(
        entry=entry,
        organization=entry.organization,
        title=entry.title,
        launched_on=launched,
        draft_summary=draft_summary,
    )
    ProcedureStep.objects.bulk_create(
        ProcedureStep(decision=decision, kind=kind, position=index)
        for index, kind in enumerate(domain.STEP_ORDER, start=1)
    )
    _event(decision, DecisionEvent.LAUNCHED, actor, decision.organization, launched_on=launched)
    return decision


# --- the five procedures ----------------------------------------------------------------------


def _lock(decision: Decision) -> Decision:
    return Decision.objects.select_for_update().select_related("entry__catalog").get(pk=decision.pk)


def _step(decision: Decision, kind: StepKind) -> ProcedureStep:
    return ProcedureStep.objects.select_for_update().get(decision=decision, kind=kind)


def _require_drafting(decision: Decision) -> None:
    if decision.status != DecisionStatus.DRAFTING:
        raise Conflict(
            Code.INVALID_TRANSITION, _("该决策已作出决定，不能再记录决策程序。"), field="status"
        )


def _require_pending(step: ProcedureStep) -> None:
    if step.status != StepStatus.PENDING:
        raise Conflict(
            Code.STEP_ALREADY_RECORDED,
            _("“%(step)s”已记录（%(status)s），不能重复记录。")
            % {"step": STEP_LABELS[StepKind(step.kind)], "status": step.get_status_display()},
            field="kind",
        )


def _require_open(step: ProcedureStep) -> None:
    if step.status != StepStatus.OPEN:
        code = Code.STEP_ALREADY_RECORDED if step.status in domain.CLOSED else Code.STEP_NOT_OPEN
        message = (
            _("“%(step)s”已办结，不能重复记录。")
            if step.status in domain.CLOSED
            else _("“%(step)s”尚未开始。")
        )
        raise Conflict(code, message % {"step": STEP_LABELS[StepKind(step.kind)]}, field="kind")


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


def _start(step: ProcedureStep, actor, started_on: dt.date, **fields: Any) -> ProcedureStep:
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
    step: ProcedureStep, actor, completed_on: dt.date, summary: str, **fields: Any
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


def _sponsor_step(actor, decision: Decision, kind: StepKind) -> tuple[Decision, ProcedureStep]:
    decision = _lock(decision)
    require_change(actor, decision.organization, roles=SPONSOR_ROLES)
    _require_drafting(decision)
    return decision, _step(decision, kind)


@transaction.atomic
def step_skip(
    *,
    actor,
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
    decision, step = _sponsor_step(actor, decision, kind)
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
    actor,
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
    runs in the system its minimum counts from today (``consultations.dating``)."""
    decision, step = _sponsor_step(actor, decision, StepKind.PUBLIC_PARTICIPATION)
    _require_pending(step)
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
    actor,
    decision: Decision,
    completed_on: dt.date | None,
    report: str,
    hearing_held_on: dt.date | None = None,
) -> ProcedureStep:
    """Close public participation once the adoption summary is published (第18条)."""
    decision, step = _sponsor_step(actor, decision, StepKind.PUBLIC_PARTICIPATION)
    _require_open(step)
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
    *, actor, decision: Decision, started_on: dt.date | None, organizer: str, experts: str
) -> ProcedureStep:
    """Convene the experts (第19–20条: professional, representative, neutral)."""
    decision, step = _sponsor_step(actor, decision, StepKind.EXPERT_ARGUMENTATION)
    _require_pending(step)
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
    *, actor, decision: Decision, completed_on: dt.date | None, opinions: str
) -> ProcedureStep:
    """Record the experts' signed opinions and how each was handled (第21条)."""
    decision, step = _sponsor_step(actor, decision, StepKind.EXPERT_ARGUMENTATION)
    _require_open(step)
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
    *, actor, decision: Decision, started_on: dt.date | None, assessor: str
) -> ProcedureStep:
    decision, step = _sponsor_step(actor, decision, StepKind.RISK_ASSESSMENT)
    _require_pending(step)
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
    actor,
    decision: Decision,
    completed_on: dt.date | None,
    risk_level: str,
    report: str,
    mitigation: str,
) -> ProcedureStep:
    """Record the risk report: level, risk points and mitigation (第23条)."""
    decision, step = _sponsor_step(actor, decision, StepKind.RISK_ASSESSMENT)
    _require_open(step)
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


def legality_minimum_due(submitted_on: dt.date) -> dt.date:
    """The earliest review deadline the sponsor may set (第26条: ≥ 7 working days)."""
    minimum = rule("legality_review_min_working_days")
    return due_date(start=submitted_on, length=minimum.value, basis=minimum.basis).due


@transaction.atomic
def legality_review_submit(
    *, actor, decision: Decision, submitted_on: dt.date | None, review_due_on: dt.date | None
) -> ProcedureStep:
    """The sponsor sends the draft to the justice bureau, giving it the statutory review time."""
    decision, step = _sponsor_step(actor, decision, StepKind.LEGALITY_REVIEW)
    _require_pending(step)
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
    *, actor, decision: Decision, concluded_on: dt.date | None, outcome: str, opinion: str
) -> ProcedureStep:
    """The justice bureau gives its legality opinion (第27–28条)."""
    require_role(actor, *JUSTICE_ROLES)
    decision = _lock(decision)
    require_read(actor, decision.organization)
    _require_drafting(decision)
    step = _step(decision, StepKind.LEGALITY_REVIEW)
    _require_open(step)
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
    actor,
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
    decision = _lock(decision)
    if kind == CheckKind.SELF_CHECK:
        require_change(actor, decision.organization, roles=SPONSOR_ROLES)
    else:
        require_role(actor, *JUSTICE_ROLES)
        require_read(actor, decision.organization)
    _require_drafting(decision)
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


# --- collective discussion and after ----------------------------------------------------------


def _organ(decision: Decision) -> Organization:
    return decision.entry.catalog.organization


@transaction.atomic
def collective_discussion_record(
    *,
    actor,
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
    decision = _lock(decision)
    require_change(actor, _organ(decision), roles=CATALOG_ROLES)
    _require_drafting(decision)
    step = _step(decision, StepKind.COLLECTIVE_DISCUSSION)
    _require_pending(step)
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


@transaction.atomic
def decision_publish(
    *,
    actor,
    decision: Decision,
    published_on: dt.date | None,
    channel: str,
    document_number: str,
    party_report_on: dt.date | None,
    executing_unit: Organization | None,
) -> Decision:
    """Publish the decision (第32条) after reporting to the Party committee (第31条)."""
    decision = _lock(decision)
    require_change(actor, _organ(decision), roles=CATALOG_ROLES)
    if decision.status != DecisionStatus.DECIDED:
        raise Conflict(Code.INVALID_TRANSITION, _("决策作出后才能公布。"), field="status")
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


def _require_in_force(decision: Decision) -> None:
    if decision.status not in (DecisionStatus.PUBLISHED, DecisionStatus.SUSPENDED):
        raise Conflict(Code.INVALID_TRANSITION, _("决策公布实施后才能办理。"), field="status")


@transaction.atomic
def implementation_report(
    *, actor, decision: Decision, reported_on: dt.date | None, progress: str, problems: str = ""
) -> ImplementationReport:
    """The executing unit (or the sponsor) reports progress and problems (第34–35条)."""
    decision = _lock(decision)
    # The executing unit may differ from the sponsor (第34条); either one reports.
    units = [u for u in (decision.organization, decision.executing_unit) if u is not None]
    if not any(scope_for(actor).can_change(unit, SPONSOR_ROLES) for unit in units):
        require_change(actor, decision.organization, roles=SPONSOR_ROLES)
    _require_in_force(decision)
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
    actor,
    decision: Decision,
    trigger: str,
    evaluator: str,
    is_third_party: bool,
    commissioned_on: dt.date | None,
) -> PostEvaluation:
    """The organ commissions a post-decision evaluation (第36条); its clock starts."""
    decision = _lock(decision)
    require_change(actor, _organ(decision), roles=CATALOG_ROLES)
    _require_in_force(decision)
    if PostEvaluation.objects.filter(decision=decision).exists():
        raise Conflict(Code.DUPLICATE, _("该决策已启动后评估。"), field="decision")
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
    actor,
    decision: Decision,
    completed_on: dt.date | None,
    findings: str,
    recommendation: str,
) -> PostEvaluation:
    decision = _lock(decision)
    require_change(actor, _organ(decision), roles=CATALOG_ROLES)
    evaluation = PostEvaluation.objects.select_for_update().filter(decision=decision).first()
    if evaluation is None or evaluation.completed_on is not None:
        raise Conflict(Code.INVALID_TRANSITION, _("没有进行中的后评估。"), field="decision")
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
    actor,
    decision: Decision,
    kind: str,
    changed_on: dt.date | None,
    reason: str,
    content: str = "",
) -> DecisionChange:
    """Adjust, suspend, resume or terminate a decision in force, always with the reason."""
    decision = _lock(decision)
    require_change(actor, _organ(decision), roles=CATALOG_ROLES)
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


# --- attachments ------------------------------------------------------------------------------


@transaction.atomic
def attachment_add(
    *, actor, decision: Decision, title: str, file_name: str, content: bytes, stage: str = ""
) -> Attachment:
    """Add a document to the file; stored once per content (SHA-256)."""
    decision = _lock(decision)
    require_change(actor, decision.organization, roles=SPONSOR_ROLES + CATALOG_ROLES)
    title = _required(title, "title", _("材料名称"))
    if stage and stage not in STEP_KINDS | CHECK_KINDS:
        raise ValidationFailed(Code.INVALID, _("所属环节无效。"), field="stage")
    suffix = PurePosixPath(file_name or "").suffix.lower()
    if suffix not in ATTACHMENT_SUFFIXES:
        raise ValidationFailed(
            Code.FILE_TYPE,
            _("仅接受 %(types)s 文件。") % {"types": "、".join(sorted(ATTACHMENT_SUFFIXES))},
            field="file",
        )
    if not content:
        raise ValidationFailed(Code.REQUIRED, _("文件为空。"), field="file")
    if len(content) > settings.FAZHI_MAX_UPLOAD_BYTES:
        raise ValidationFailed(Code.FILE_TOO_LARGE, _("文件过大。"), field="file")
    digest = hashlib.sha256(content).hexdigest()
    storage_name = f"decisions/{digest[:2]}/{digest}{suffix}"
    if not default_storage.exists(storage_name):
        storage_name = default_storage.save(storage_name, ContentFile(content))
    attachment = Attachment.objects.create(
        decision=decision,
        stage=stage,
        title=title,
        file_name=PurePosixPath(file_name).name,
        sha256=digest,
        size=len(content),
        storage_name=storage_name,
        uploaded_by=actor,
    )
    _event(
        decision,
        DecisionEvent.ATTACHMENT_ADDED,
        actor,
        decision.organization,
        title=title,
        sha256=digest,
    )
    return attachment
