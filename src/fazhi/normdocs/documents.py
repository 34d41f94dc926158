"""The normdocs 文书: the justice bureau's 合法性审核意见书 and the issued document's formal text.

Wording is in ``document_templates/*.json``; this module supplies the record's facts.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from fazhi.core.documents import OfficialDocument, Paragraph, template_get
from fazhi.core.documents.records import RecordDocument, cn_date, person_name, register
from fazhi.core.models import Role, RoleAssignment
from fazhi.normdocs.models import DocumentStatus, LegalityReview, NormativeDocument

GETTER = "fazhi.normdocs.selectors.document_get"


def _paragraphs(text: str) -> list[Paragraph]:
    return [Paragraph(line.strip()) for line in text.splitlines() if line.strip()]


def _concluded_review(document: NormativeDocument) -> LegalityReview | None:
    return (
        document.legality_reviews.exclude(outcome="")
        .filter(concluded_on__isnull=False)
        .select_related("reviewer")
        .order_by("-round")
        .first()
    )


def _reviewing_body(review: LegalityReview) -> str:
    reviewer = review.reviewer
    if reviewer is not None:
        assignment = (
            RoleAssignment.objects.filter(user=reviewer, role=Role.JUSTICE_LEGAL_OFFICER)
            .select_related("organization")
            .first()
        )
        if assignment is not None:
            return assignment.organization.name
        person = getattr(reviewer, "person", None)
        if person is not None:
            return person.organization.name
    return "司法行政机关"


def legality_opinion(document: NormativeDocument) -> OfficialDocument:
    review = _concluded_review(document)
    assert review is not None  # ``available`` checked it
    context: dict[str, Any] = {
        "title": document.title,
        "number": "",
        "drafting_unit": document.organization.name,
        "issuer": _reviewing_body(review),
        "submitted_on": cn_date(review.submitted_on),
        "round": review.round,
        "outcome": f"经审核，该文件{review.get_outcome_display()}",
    }
    bases = _paragraphs(document.legal_bases) or [Paragraph("起草单位未列明制定依据。")]
    closing = [Paragraph(f"审核人：{person_name(review.reviewer)}", indent=False)]
    return template_get("normdocs.legality_opinion").render(
        context,
        date=review.concluded_on,
        slots={
            "opinion": _paragraphs(review.opinion),
            "bases": bases,
            "closing": closing,
        },
    )


def formal_text(document: NormativeDocument) -> OfficialDocument:
    validity = []
    if document.effective_from and "施行" not in document.body:
        until = (
            f"，有效期至{cn_date(document.valid_until)}" if document.valid_until is not None else ""
        )
        validity.append(Paragraph(f"本文件自{cn_date(document.effective_from)}起施行{until}。"))
    body = _paragraphs(document.body)
    if body and body[0].text == document.title:  # the title is the document's own heading
        body = body[1:]
    return template_get("normdocs.formal_text").render(
        {
            "title": document.title,
            "document_number": document.document_number,
            "issuer": document.issuing_body.name,
        },
        date=document.issued_on,
        slots={"body": body, "validity": validity},
    )


register(
    RecordDocument(
        key="normdocs.legality_opinion",
        label=_("合法性审核意见书"),
        model=NormativeDocument,
        getter=GETTER,
        build=legality_opinion,
        available=lambda document: _concluded_review(document) is not None,
        unavailable=_("该文件尚无合法性审核意见。"),
    )
)
register(
    RecordDocument(
        key="normdocs.formal_text",
        label=_("规范性文件正式文本"),
        model=NormativeDocument,
        getter=GETTER,
        build=formal_text,
        available=lambda document: (
            document.issued_on is not None
            and bool(document.document_number)
            and document.status != DocumentStatus.DRAFTING
        ),
        unavailable=_("该文件尚未发布。"),
    )
)
