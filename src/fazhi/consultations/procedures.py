"""The procedures of public consultation, declared once (``fazhi.core.procedures``).

- ``consultations.consultation``: open → (revised drafts) → closed after the period has run →
  adoption summary published. It is opened by the procedure it serves (a normative document,
  a major decision) through ``services.consultation_open``.
- ``consultations.comment``: pending → approved or spam (moderation) → one recorded response.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.consultations import forms
from fazhi.consultations.models import (
    Comment,
    CommentStatus,
    Consultation,
    ConsultationStatus,
)
from fazhi.core.models import Role
from fazhi.core.procedures import Procedure, Transition

SERVICES = "fazhi.consultations.services."

# Staff who run a consultation for their unit: open it, revise the draft, moderate, respond.
STAFF_ROLES = (
    Role.ADMINISTRATOR,
    Role.JUSTICE_LEGAL_OFFICER,
    Role.DEPARTMENT_LEGAL_OFFICER,
    Role.DRAFTER,
)


def _consultation_url(consultation) -> str:
    return reverse("consultations:detail", args=[consultation.pk])


def _latest_text(user, consultation) -> dict:
    latest = consultation.versions.order_by("-number").first()
    return {"initial": {"text": latest.text if latest else ""}}


CONSULTATION = Procedure(
    key="consultations.consultation",
    label=_("公开征求意见"),
    model=Consultation,
    subject_arg="consultation",
    getter="fazhi.consultations.selectors.consultation_get",
    detail_url=_consultation_url,
    roles=STAFF_ROLES,
    api_basename="consultations-api:consultation",
    transitions=[
        Transition(
            name="revise",
            label=_("发布修改稿"),
            service=SERVICES + "consultation_revise",
            sources=(ConsultationStatus.OPEN,),
            refusal=_("征求意见已截止，不能再修改征求意见稿。"),
            refusal_code="consultation_not_open",
            form=forms.ReviseForm,
            form_kwargs=_latest_text,
        ),
        Transition(
            name="close",
            label=_("截止征求意见"),
            service=SERVICES + "consultation_close",
            sources=(ConsultationStatus.OPEN,),
            target=ConsultationStatus.CLOSED,
            refusal=_("该征求意见已截止。"),
            form=forms.CloseForm,
        ),
        Transition(
            name="publish_summary",
            label=_("公布采纳情况"),
            service=SERVICES + "adoption_summary_publish",
            sources=(ConsultationStatus.CLOSED,),
            target=ConsultationStatus.SUMMARY_PUBLISHED,
            refusal=_("征求意见截止后才能公布采纳情况。"),
            form=forms.SummaryForm,
        ),
    ],
)


def _not_summarised(comment) -> bool:
    return comment.consultation.status != ConsultationStatus.SUMMARY_PUBLISHED


COMMENT = Procedure(
    key="consultations.comment",
    label=_("公众意见"),
    model=Comment,
    subject_arg="comment",
    getter="fazhi.consultations.selectors.comment_get",
    detail_url=lambda comment: _consultation_url(comment.consultation),
    roles=STAFF_ROLES,
    organization_of=lambda comment: comment.consultation.organization,
    api_basename="consultations-api:comment",
    transitions=[
        Transition(
            name="approve",
            label=_("受理"),
            service=SERVICES + "comment_moderate",
            sources=(CommentStatus.PENDING,),
            target=CommentStatus.APPROVED,
            guard=_not_summarised,
            refusal=_("该意见已审核，或采纳情况已公布。"),
            prepare=lambda data, files: {"approve": True},
        ),
        Transition(
            name="mark_spam",
            label=_("垃圾信息"),
            service=SERVICES + "comment_moderate",
            sources=(CommentStatus.PENDING,),
            target=CommentStatus.SPAM,
            guard=_not_summarised,
            refusal=_("该意见已审核，或采纳情况已公布。"),
            prepare=lambda data, files: {"approve": False},
            danger=True,
        ),
        Transition(
            name="respond",
            label=_("记录答复"),
            service=SERVICES + "comment_respond",
            sources=(CommentStatus.APPROVED,),
            guard=lambda comment: _not_summarised(comment) and not hasattr(comment, "response"),
            refusal=_("只能答复已受理且尚未答复的意见；采纳情况公布后不能再修改答复。"),
            form=forms.ResponseForm,
        ),
    ],
)
