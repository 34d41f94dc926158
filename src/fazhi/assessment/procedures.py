"""The assessment of one unit, declared once: scoring → notified (objection period) →
objected → final."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.assessment import forms, permissions
from fazhi.assessment.models import Assessment, Status
from fazhi.core.procedures import Procedure, Transition

SERVICES = "fazhi.assessment.services."


def _period_over(assessment) -> bool:
    from fazhi.assessment.services import objection_due

    due = objection_due(assessment)
    return due is not None and timezone.localdate() > due


ASSESSMENT = Procedure(
    key="assessment.assessment",
    label=_("单位考核"),
    model=Assessment,
    subject_arg="assessment",
    getter="fazhi.assessment.selectors.assessment_get",
    detail_url=lambda a: reverse("assessment:detail", args=[a.pk]),
    api_basename="assessment-api:assessment",
    transitions=[
        Transition(
            name="compute",
            label=_("按平台指标计分"),
            service=SERVICES + "assessment_compute",
            sources=(Status.SCORING,),
            authorize=permissions.may_assess,
        ),
        Transition(
            name="score",
            label=_("人工评分"),
            service=SERVICES + "assessment_score",
            sources=(Status.SCORING,),
            authorize=permissions.may_assess,
            form=forms.ManualScoreForm,
            form_kwargs=lambda user, a: {"assessment": a},
        ),
        Transition(
            name="notify",
            label=_("反馈考核结果"),
            service=SERVICES + "assessment_notify",
            sources=(Status.SCORING,),
            target=Status.NOTIFIED,
            authorize=permissions.may_assess,
        ),
        Transition(
            name="object",
            label=_("提出异议"),
            service=SERVICES + "assessment_object",
            sources=(Status.NOTIFIED,),
            target=Status.OBJECTED,
            authorize=permissions.may_object,
            guard=lambda a: not _period_over(a),
            refusal=_("异议期已过，不能再提出异议。"),
            refusal_code="objection_period_over",
            form=forms.ObjectionForm,
            form_kwargs=lambda user, a: {"assessment": a},
        ),
        Transition(
            name="decide_objection",
            label=_("异议复核"),
            service=SERVICES + "assessment_objection_decide",
            sources=(Status.OBJECTED,),
            target=Status.FINAL,
            authorize=permissions.may_assess,
            form=forms.ObjectionDecisionForm,
        ),
        Transition(
            name="finalize",
            label=_("确定考核结果"),
            service=SERVICES + "assessment_finalize",
            sources=(Status.NOTIFIED,),
            target=Status.FINAL,
            authorize=permissions.may_assess,
            guard=_period_over,
            refusal=_("异议期届满后才能确定考核结果。"),
            refusal_code="objection_period_running",
        ),
    ],
)
