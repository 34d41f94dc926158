"""The procedures of major decisions, declared once (``fazhi.core.procedures``).

- ``decisions.catalog``: the annual catalog — proposals while it is drafted, approval,
  publication, adjustments (``POST /api/decisions/catalogs/{id}/<step>/``);
- ``decisions.entry``: a listed entry's launch (``POST /api/decisions/entries/{id}/launch/``);
- ``decisions.decision``: each step of a decision's file (the five statutory procedures, the
  three checks, collective discussion, publication, implementation, post-evaluation, change,
  attachments), ``POST /api/decisions/decisions/{id}/<step>/``.

Every service checks its step here first (``DECISION.require(actor, decision, step)``): the role
and scope, the record's state and the step's guard. What a service still checks itself is its
input: the dates, the order of the steps before it, and — for the two steps taken per kind
(``skip_step``, ``record_check``) — the kind's own state and role.

Five steps also keep their earlier API paths (``skip``, ``legality-review/submit``,
``legality-review/conclude``, ``checks``, ``collective-discussion`` in ``api.py``, with their
own input serializers) for existing clients; the declared ones are ``skip-step``,
``submit-legality-review``, ``conclude-legality-review``, ``record-check`` and
``collective-decision``.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.procedures import Procedure, Transition
from fazhi.core.scoping import scope_for
from fazhi.decisions import forms
from fazhi.decisions.error_codes import DecisionErrorCode as Code
from fazhi.decisions.labels import STEP_LABELS
from fazhi.decisions.models import (
    Catalog,
    CatalogEntry,
    CatalogStatus,
    Decision,
    DecisionStatus,
    EntryStatus,
    StepKind,
    StepStatus,
)
from fazhi.decisions.permissions import (
    CATALOG_ROLES,
    DECISION_OFFICE_ROLES,
    JUSTICE_ROLES,
    SPONSOR_ROLES,
)

SERVICES = "fazhi.decisions.services."
S = DecisionStatus
IN_FORCE = (S.PUBLISHED, S.SUSPENDED)


def _sponsor(user, decision) -> bool:
    return scope_for(user).can_change(decision.organization, SPONSOR_ROLES)


def _justice(user, decision) -> bool:
    return scope_for(user).has_role(*JUSTICE_ROLES)


def _reporter(user, decision) -> bool:
    """The sponsor or the executing unit (第34条: it may differ from the sponsor), or the organ."""
    units = [u for u in (decision.organization, decision.executing_unit) if u is not None]
    scope = scope_for(user)
    return any(scope.can_change(unit, SPONSOR_ROLES) for unit in units) or _organ(user, decision)


def _organ(user, decision) -> bool:
    """The staff of the deciding government (the catalog's organisation) who run its decision
    procedure; leaders read the file but do not record in it."""
    return scope_for(user).can_change(decision.entry.catalog.organization, DECISION_OFFICE_ROLES)


DRAFTING_ONLY = _("该决策已作出决定，不能再记录决策程序。")
NOT_IN_FORCE = _("决策公布实施后才能办理。")


def _step_status(decision, kind: str) -> str:
    return next((s.status for s in decision.steps.all() if s.kind == kind), "")


def _step_is(kind: str, status: str):
    def guard(decision) -> bool:
        return _step_status(decision, kind) == status

    return guard


def _explain_started(kind: str):
    """Why a step cannot start: it already has."""

    def explain(decision) -> tuple[str, Any]:
        return Code.STEP_ALREADY_RECORDED, _("“%(step)s”已开始或已办结，不能重复记录。") % {
            "step": STEP_LABELS[StepKind(kind)]
        }

    return explain


def _explain_open(kind: str):
    """Why a step cannot be completed: not yet started, or already closed."""

    def explain(decision) -> tuple[str, Any]:
        label = STEP_LABELS[StepKind(kind)]
        if _step_status(decision, kind) == StepStatus.PENDING:
            return Code.STEP_NOT_OPEN, _("“%(step)s”尚未开始。") % {"step": label}
        return Code.STEP_ALREADY_RECORDED, _("“%(step)s”已办结，不能重复记录。") % {"step": label}

    return explain


def _evaluation(decision):
    return getattr(decision, "post_evaluation", None)


def _attachment(data: dict[str, Any], files) -> dict[str, Any]:
    upload = data.pop("file")
    return {**data, "file_name": upload.name, "content": upload.read()}


def _started(kind: str, name: str, label, form, service: str) -> Transition:
    return Transition(
        name=name,
        label=label,
        service=SERVICES + service,
        sources=(S.DRAFTING,),
        guard=_step_is(kind, StepStatus.PENDING),
        refusal=DRAFTING_ONLY,
        explain=_explain_started(kind),
        authorize=_sponsor,
        form=form,
    )


def _completed(kind: str, name: str, label, form, service: str) -> Transition:
    return Transition(
        name=name,
        label=label,
        service=SERVICES + service,
        sources=(S.DRAFTING,),
        guard=_step_is(kind, StepStatus.OPEN),
        refusal=DRAFTING_ONLY,
        explain=_explain_open(kind),
        authorize=_sponsor,
        form=form,
    )


DECISION = Procedure(
    key="decisions.decision",
    label=_("重大行政决策"),
    model=Decision,
    subject_arg="decision",
    getter="fazhi.decisions.selectors.decision_get",
    detail_url=lambda decision: reverse("decisions:detail", args=[decision.pk]),
    roles=SPONSOR_ROLES,
    api_basename="decisions-api:decision",
    transitions=[
        Transition(
            name="skip_step",
            label=_("程序依法不适用"),
            service=SERVICES + "step_skip",
            sources=(S.DRAFTING,),
            refusal=DRAFTING_ONLY,
            authorize=_sponsor,
            form=forms.SkipForm,
        ),
        _started(
            StepKind.PUBLIC_PARTICIPATION,
            "participation_start",
            _("公开征求意见"),
            forms.ParticipationStartForm,
            "public_participation_start",
        ),
        _completed(
            StepKind.PUBLIC_PARTICIPATION,
            "participation_complete",
            _("办结公众参与"),
            forms.ParticipationCompleteForm,
            "public_participation_complete",
        ),
        _started(
            StepKind.EXPERT_ARGUMENTATION,
            "expert_start",
            _("开始专家论证"),
            forms.ExpertStartForm,
            "expert_argumentation_start",
        ),
        _completed(
            StepKind.EXPERT_ARGUMENTATION,
            "expert_complete",
            _("办结专家论证"),
            forms.ExpertCompleteForm,
            "expert_argumentation_complete",
        ),
        _started(
            StepKind.RISK_ASSESSMENT,
            "risk_start",
            _("开始风险评估"),
            forms.RiskStartForm,
            "risk_assessment_start",
        ),
        _completed(
            StepKind.RISK_ASSESSMENT,
            "risk_complete",
            _("办结风险评估"),
            forms.RiskCompleteForm,
            "risk_assessment_complete",
        ),
        _started(
            StepKind.LEGALITY_REVIEW,
            "submit_legality_review",
            _("送请合法性审查"),
            forms.LegalitySubmitForm,
            "legality_review_submit",
        ),
        Transition(
            name="conclude_legality_review",
            label=_("出具合法性审查意见"),
            service=SERVICES + "legality_review_conclude",
            sources=(S.DRAFTING,),
            guard=_step_is(StepKind.LEGALITY_REVIEW, StepStatus.OPEN),
            refusal=DRAFTING_ONLY,
            explain=_explain_open(StepKind.LEGALITY_REVIEW),
            authorize=_justice,
            form=forms.LegalityConcludeForm,
        ),
        Transition(
            name="record_check",
            label=_("记录“三查”"),
            service=SERVICES + "check_record",
            sources=(S.DRAFTING,),
            guard=lambda decision: decision.checks.count() < 3,
            refusal=DRAFTING_ONLY,
            explain=lambda decision: (Code.CHECK_ALREADY_RECORDED, _("“三查”均已记录。")),
            authorize=lambda user, decision: _sponsor(user, decision) or _justice(user, decision),
            form=forms.CheckForm,
        ),
        Transition(
            name="collective_decision",
            label=_("记录集体讨论决定"),
            service=SERVICES + "collective_discussion_record",
            sources=(S.DRAFTING,),
            refusal=DRAFTING_ONLY,
            authorize=_organ,
            form=forms.CollectiveForm,
        ),
        Transition(
            name="publish",
            label=_("公布决策"),
            service=SERVICES + "decision_publish",
            sources=(S.DECIDED,),
            target=S.PUBLISHED,
            refusal=_("决策作出后才能公布。"),
            authorize=_organ,
            form=forms.PublishForm,
        ),
        Transition(
            name="implementation",
            label=_("报告执行情况"),
            service=SERVICES + "implementation_report",
            sources=IN_FORCE,
            refusal=NOT_IN_FORCE,
            authorize=_reporter,
            form=forms.ImplementationForm,
        ),
        Transition(
            name="evaluation_commission",
            label=_("启动决策后评估"),
            service=SERVICES + "evaluation_commission",
            sources=IN_FORCE,
            guard=lambda decision: _evaluation(decision) is None,
            refusal=NOT_IN_FORCE,
            explain=lambda decision: (Code.DUPLICATE, _("该决策已启动后评估。")),
            authorize=_organ,
            form=forms.EvaluationCommissionForm,
        ),
        Transition(
            name="evaluation_complete",
            label=_("办结决策后评估"),
            service=SERVICES + "evaluation_complete",
            sources=IN_FORCE,
            guard=lambda decision: (
                _evaluation(decision) is not None and _evaluation(decision).completed_on is None
            ),
            refusal=NOT_IN_FORCE,
            explain=lambda decision: (
                Code.INVALID_TRANSITION,
                _("尚未启动决策后评估，或已办结。"),
            ),
            authorize=_organ,
            form=forms.EvaluationCompleteForm,
        ),
        Transition(
            name="change",
            label=_("调整/中止/停止执行"),
            service=SERVICES + "decision_change",
            sources=IN_FORCE,
            refusal=NOT_IN_FORCE,
            authorize=_organ,
            form=forms.ChangeForm,
            danger=True,
        ),
        Transition(
            name="attach",
            label=_("添加材料"),
            service=SERVICES + "attachment_add",
            authorize=lambda user, decision: scope_for(user).can_change(
                decision.organization, SPONSOR_ROLES + DECISION_OFFICE_ROLES
            ),
            form=forms.AttachmentForm,
            prepare=_attachment,
        ),
    ],
)


# --- the annual catalog and the launch of an entry --------------------------------------------

C = CatalogStatus


def _any_sponsor(user, catalog) -> bool:
    """Sponsors propose for their own unit (the service checks the unit they name)."""
    return scope_for(user).has_role(*SPONSOR_ROLES)


CATALOG = Procedure(
    key="decisions.catalog",
    label=_("重大行政决策事项目录"),
    model=Catalog,
    subject_arg="catalog",
    getter="fazhi.decisions.selectors.catalog_get",
    detail_url=lambda catalog: reverse("decisions:catalog", args=[catalog.pk]),
    roles=CATALOG_ROLES,
    api_basename="decisions-api:catalog",
    transitions=[
        Transition(
            name="propose",
            label=_("申报决策事项"),
            service=SERVICES + "entry_propose",
            sources=(C.DRAFTING,),
            refusal=_("目录已审定，新增事项请走目录调整。"),
            refusal_code=Code.CATALOG_NOT_OPEN,
            authorize=_any_sponsor,
            form=forms.EntryProposeForm,
        ),
        Transition(
            name="approve",
            label=_("审定目录"),
            service=SERVICES + "catalog_approve",
            sources=(C.DRAFTING,),
            target=C.APPROVED,
            refusal=_("该目录已审定。"),
            form=forms.CatalogApproveForm,
        ),
        Transition(
            name="publish",
            label=_("公布目录"),
            service=SERVICES + "catalog_publish",
            sources=(C.APPROVED,),
            target=C.PUBLISHED,
            refusal=_("目录审定后才能公布。"),
            form=forms.CatalogPublishForm,
        ),
        Transition(
            name="adjust",
            label=_("调整目录"),
            service=SERVICES + "catalog_adjust",
            sources=(C.APPROVED, C.PUBLISHED),
            refusal=_("目录审定后才能调整。"),
            form=forms.CatalogAdjustForm,
            form_kwargs=lambda user, catalog: {"catalog": catalog},
        ),
    ],
)


def _launchable(entry) -> bool:
    return entry.catalog.status != C.DRAFTING and not _launched(entry)


def _launched(entry) -> bool:
    try:
        return entry.decision is not None
    except Decision.DoesNotExist:
        return False


ENTRY = Procedure(
    key="decisions.entry",
    label=_("决策目录事项"),
    model=CatalogEntry,
    subject_arg="entry",
    getter="fazhi.decisions.selectors.entry_get",
    detail_url=lambda entry: reverse("decisions:catalog", args=[entry.catalog_id]),
    roles=SPONSOR_ROLES,
    api_basename="decisions-api:entry",
    transitions=[
        Transition(
            name="launch",
            label=_("启动决策程序"),
            service=SERVICES + "decision_launch",
            sources=(EntryStatus.LISTED,),
            guard=_launchable,
            refusal=_("该事项尚未列入经审定的决策目录。"),
            refusal_code=Code.ENTRY_NOT_LISTED,
            explain=lambda entry: (
                (Code.ALREADY_LAUNCHED, _("该事项已启动决策程序。"))
                if _launched(entry)
                else (Code.ENTRY_NOT_LISTED, _("该事项尚未列入经审定的决策目录。"))
            ),
            form=forms.LaunchForm,
        ),
    ],
)
