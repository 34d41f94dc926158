"""The major decision's procedure, declared once (``fazhi.core.procedures``).

Each step of a decision's file (the five statutory procedures, the three checks, collective
discussion, publication, implementation, post-evaluation, change, attachments) is a transition:
``POST /api/decisions/decisions/{id}/<step>/`` is generated from these declarations and the page
offers the same steps. The services still perform every check of their own (a step's state
within the file, dates, roles) — the declaration says who may try which step in which state.

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
from fazhi.decisions.models import Decision, DecisionStatus, StepKind, StepStatus
from fazhi.decisions.permissions import CATALOG_ROLES, JUSTICE_ROLES, SPONSOR_ROLES

SERVICES = "fazhi.decisions.services."
S = DecisionStatus
IN_FORCE = (S.PUBLISHED, S.SUSPENDED)


def _sponsor(user, decision) -> bool:
    return scope_for(user).can_change(decision.organization, SPONSOR_ROLES)


def _justice(user, decision) -> bool:
    return scope_for(user).has_role(*JUSTICE_ROLES)


def _organ(user, decision) -> bool:
    """The deciding government (the catalog's organisation)."""
    return scope_for(user).can_change(decision.entry.catalog.organization, CATALOG_ROLES)


def _step_is(kind: str, status: str):
    def guard(decision) -> bool:
        return any(s.kind == kind and s.status == status for s in decision.steps.all())

    return guard


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
        refusal=_("该程序已开始或已办结。"),
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
        refusal=_("该程序尚未开始或已办结。"),
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
            refusal=_("尚未送请合法性审查或已出具意见。"),
            authorize=_justice,
            form=forms.LegalityConcludeForm,
        ),
        Transition(
            name="record_check",
            label=_("记录“三查”"),
            service=SERVICES + "check_record",
            sources=(S.DRAFTING,),
            guard=lambda decision: decision.checks.count() < 3,
            refusal=_("“三查”均已记录。"),
            authorize=lambda user, decision: _sponsor(user, decision) or _justice(user, decision),
            form=forms.CheckForm,
        ),
        Transition(
            name="collective_decision",
            label=_("记录集体讨论决定"),
            service=SERVICES + "collective_discussion_record",
            sources=(S.DRAFTING,),
            authorize=_organ,
            form=forms.CollectiveForm,
        ),
        Transition(
            name="publish",
            label=_("公布决策"),
            service=SERVICES + "decision_publish",
            sources=(S.DECIDED,),
            target=S.PUBLISHED,
            authorize=_organ,
            form=forms.PublishForm,
        ),
        Transition(
            name="implementation",
            label=_("报告执行情况"),
            service=SERVICES + "implementation_report",
            sources=IN_FORCE,
            authorize=lambda user, decision: _sponsor(user, decision) or _organ(user, decision),
            form=forms.ImplementationForm,
        ),
        Transition(
            name="evaluation_commission",
            label=_("启动决策后评估"),
            service=SERVICES + "evaluation_commission",
            sources=IN_FORCE,
            guard=lambda decision: _evaluation(decision) is None,
            refusal=_("已启动决策后评估。"),
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
            refusal=_("尚未启动决策后评估，或已办结。"),
            authorize=_organ,
            form=forms.EvaluationCompleteForm,
        ),
        Transition(
            name="change",
            label=_("调整/中止/停止执行"),
            service=SERVICES + "decision_change",
            sources=IN_FORCE,
            authorize=_organ,
            form=forms.ChangeForm,
            danger=True,
        ),
        Transition(
            name="attach",
            label=_("添加材料"),
            service=SERVICES + "attachment_add",
            authorize=lambda user, decision: scope_for(user).can_change(
                decision.organization, SPONSOR_ROLES + CATALOG_ROLES
            ),
            form=forms.AttachmentForm,
            prepare=_attachment,
        ),
    ],
)
