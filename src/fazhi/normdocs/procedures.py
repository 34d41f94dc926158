"""The procedures of normative documents, declared once (``fazhi.core.procedures``).

- ``normdocs.document``: drafting → public comment → legality and joint review → collective
  deliberation → issue (three unified) → evaluation and cleanup.
- ``normdocs.joint_review``: one joint review of one round, concluded by the unit owning its
  type — a cross-unit task (``permissions.JOINT_REVIEW_TASK``), not the drafting unit's scope.
- ``normdocs.filing``: the filing of an issued document with one recipient.
- ``normdocs.inspection`` and ``normdocs.finding``: document inspections and their findings.

Services check each step with ``<PROCEDURE>.require``; the pages render ``{% transitions %}`` and
``POST /api/normdocs/<things>/{id}/<step>/`` is generated from these declarations.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import NumberSeries
from fazhi.core.procedures import Procedure, Transition
from fazhi.normdocs import forms, permissions
from fazhi.normdocs.models import (
    DocumentStatus,
    Filing,
    FilingReviewOutcome,
    FindingStatus,
    Inspection,
    InspectionFinding,
    InspectionStatus,
    JointReview,
    NormativeDocument,
)
from fazhi.normdocs.rules import FAIR_COMPETITION_CODE

SERVICES = "fazhi.normdocs.services."
S = DocumentStatus


def _upload(data: dict[str, Any], name: str) -> dict[str, Any]:
    file = data.pop(name, None)
    data[name] = (file.name, file.read()) if file else None
    return data


def _document_url(document) -> str:
    return reverse("normdocs:detail", args=[document.pk])


def _draft_initial(user, document) -> dict[str, Any]:
    return {
        "initial": {
            "title": document.title,
            "body": document.body,
            "drafting_explanation": document.drafting_explanation,
            "legal_bases": document.legal_bases,
            "market_related": document.market_related,
        }
    }


def _issue_series(user, document) -> dict[str, Any]:
    return {
        "series": NumberSeries.objects.filter(organization=document.issuing_body).order_by("key")
    }


def _review_codes(data: dict[str, Any], files) -> dict[str, Any]:
    return {
        "review_type_codes": [t.code for t in data["review_types"]],
        "on": data["on"],
        "backdate_reason": data["backdate_reason"],
    }


DOCUMENT = Procedure(
    key="normdocs.document",
    label=_("行政规范性文件"),
    model=NormativeDocument,
    subject_arg="document",
    getter="fazhi.normdocs.selectors.document_get",
    detail_url=_document_url,
    roles=permissions.DRAFTING_ROLES,
    api_basename="normdocs-api:document",
    transitions=[
        Transition(
            name="update_draft",
            label=_("修改草案"),
            service=SERVICES + "document_update_draft",
            sources=(S.DRAFTING,),
            form=forms.DraftUpdateForm,
            form_kwargs=_draft_initial,
            prepare=lambda data, files: _upload(data, "upload"),
        ),
        Transition(
            name="comment_open",
            label=_("发布公开征求意见"),
            service=SERVICES + "comment_open",
            sources=(S.DRAFTING,),
            target=S.IN_COMMENT,
            guard=lambda document: document.comment_starts_on is None,
            refusal=_("只有尚未征求意见的草案可以发布公开征求意见。"),
            refusal_code="duplicate",
            form=forms.CommentOpenForm,
        ),
        Transition(
            name="comment_revise",
            label=_("发布修改后的征求意见稿"),
            service=SERVICES + "comment_revise",
            sources=(S.IN_COMMENT,),
            form=forms.CommentReviseForm,
            form_kwargs=lambda user, document: {"initial": {"text": document.body}},
        ),
        Transition(
            name="submit_for_review",
            label=_("报送合法性审核和联合审查"),
            service=SERVICES + "review_submit",
            sources=(S.IN_COMMENT, S.DRAFTING),
            target=S.IN_REVIEW,
            guard=lambda document: (
                document.status == S.IN_COMMENT or document.comment_completed_on is not None
            ),
            refusal=_("文件尚未公开征求意见。"),
            refusal_code="comment_not_completed",
            form=forms.ReviewSubmitForm,
            prepare=_review_codes,
        ),
        Transition(
            name="legality_conclude",
            label=_("合法性审核意见"),
            service=SERVICES + "legality_conclude",
            sources=(S.IN_REVIEW,),
            # Department documents: the department's own legal office; government documents:
            # the justice bureau (国办发〔2018〕115号, rules-documents-decisions.md §1.3).
            authorize=permissions.may_review_legality,
            form=forms.LegalityForm,
        ),
        Transition(
            name="deliberate",
            label=_("集体审议"),
            service=SERVICES + "deliberation_record",
            sources=(S.LEGALITY_PASSED,),
            authorize=permissions.is_drafting_unit_or_justice,
            form=forms.DeliberationForm,
            form_kwargs=lambda user, document: {"issuer_kind": document.issuing_body.kind},
        ),
        Transition(
            name="issue",
            label=_("统一登记、编号、发布"),
            service=SERVICES + "document_issue",
            sources=(S.DELIBERATED,),
            target=S.ISSUED,
            authorize=permissions.is_justice,
            form=forms.IssueForm,
            form_kwargs=_issue_series,
        ),
        Transition(
            name="evaluate",
            label=_("记录评估"),
            service=SERVICES + "evaluation_record",
            sources=(S.ISSUED,),
            authorize=permissions.is_drafting_unit_or_justice,
            form=forms.EvaluationForm,
            prepare=lambda data, files: _upload(data, "report_upload"),
        ),
        Transition(
            name="cleanup",
            label=_("清理"),
            service=SERVICES + "cleanup_decide",
            sources=(S.ISSUED,),
            authorize=permissions.is_drafting_unit_or_justice,
            form=forms.CleanupForm,
            danger=True,
        ),
    ],
)


JOINT_REVIEW = Procedure(
    key="normdocs.joint_review",
    label=_("联合审查"),
    model=JointReview,
    subject_arg="review",
    getter="fazhi.normdocs.selectors.joint_review_get",
    detail_url=lambda review: _document_url(review.document),
    roles=permissions.JOINT_REVIEW_ROLES,
    state_field="",
    organization_of=lambda review: review.review_type.owner_unit,
    api_basename="normdocs-api:joint-review",
    transitions=[
        Transition(
            name="conclude",
            label=_("记录审查结论"),
            service=SERVICES + "joint_review_record",
            guard=lambda review: (
                not review.outcome
                and review.round == review.document.review_round
                and review.document.status == S.IN_REVIEW
            ),
            refusal=_("该审查已有结论或不在审查中。"),
            authorize=permissions.holds_joint_review,
            form=forms.JointReviewForm,
            form_kwargs=lambda user, review: {
                "fair_competition": review.review_type.code == FAIR_COMPETITION_CODE
            },
        ),
    ],
)


FILING = Procedure(
    key="normdocs.filing",
    label=_("规范性文件备案"),
    model=Filing,
    subject_arg="filing",
    getter="fazhi.normdocs.selectors.filing_get",
    detail_url=lambda filing: _document_url(filing.document),
    state_field="",
    organization_of=lambda filing: filing.document.organization,
    api_basename="normdocs-api:filing",
    transitions=[
        Transition(
            name="record",
            label=_("记录报备"),
            service=SERVICES + "filing_record",
            guard=lambda filing: filing.filed_on is None,
            refusal=_("该文件已报备。"),
            refusal_code="duplicate",
            authorize=lambda user, filing: permissions.is_drafting_unit_or_justice(
                user, filing.document
            ),
            form=forms.FilingForm,
        ),
        Transition(
            name="review",
            label=_("记录备案审查结果"),
            service=SERVICES + "filing_review_record",
            guard=lambda filing: (
                filing.filed_on is not None
                and filing.review_outcome in ("", FilingReviewOutcome.CORRECTION_REQUIRED)
            ),
            refusal=_("只有已报备、尚无审查结果（或已要求纠正）的备案可以记录审查结果。"),
            # The justice bureau receives the filing body's result (or is that body itself for
            # department and town documents).
            authorize=permissions.is_justice,
            form=forms.FilingReviewForm,
        ),
    ],
)


INSPECTION = Procedure(
    key="normdocs.inspection",
    label=_("规范性文件检查"),
    model=Inspection,
    subject_arg="inspection",
    getter="fazhi.normdocs.selectors.inspection_get",
    detail_url=lambda inspection: reverse("normdocs:inspection_detail", args=[inspection.pk]),
    roles=permissions.INSPECTION_ROLES,
    api_basename="normdocs-api:inspection",
    transitions=[
        Transition(
            name="select_documents",
            label=_("确定检查文件"),
            service=SERVICES + "inspection_select_documents",
            sources=(InspectionStatus.OPEN,),
            refusal=_("检查已结束。"),
            form=forms.SelectDocumentsForm,
        ),
        Transition(
            name="record_finding",
            label=_("记录发现问题"),
            service=SERVICES + "inspection_finding_record",
            sources=(InspectionStatus.OPEN,),
            refusal=_("检查已结束。"),
            form=forms.FindingForm,
            form_kwargs=lambda user, inspection: {"documents": inspection.documents.all()},
        ),
        Transition(
            name="close",
            label=_("结束检查"),
            service=SERVICES + "inspection_close",
            sources=(InspectionStatus.OPEN,),
            target=InspectionStatus.CLOSED,
            refusal=_("检查已结束。"),
            form=forms.CloseInspectionForm,
        ),
    ],
)


FINDING = Procedure(
    key="normdocs.finding",
    label=_("检查发现问题"),
    model=InspectionFinding,
    subject_arg="finding",
    getter="fazhi.normdocs.selectors.finding_get",
    detail_url=lambda finding: _document_url(finding.document),
    api_basename="normdocs-api:finding",
    organization_of=lambda finding: finding.document.organization,
    transitions=[
        Transition(
            name="rectify",
            label=_("记录整改"),
            service=SERVICES + "inspection_finding_rectify",
            sources=(FindingStatus.OPEN,),
            target=FindingStatus.RECTIFIED,
            refusal=_("该问题已整改。"),
            authorize=permissions.may_rectify,
            form=forms.RectifyForm,
        ),
    ],
)
