"""Reads of normdocs: scoped staff lists, the public database, work queues and figures (SQL)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When
from django.utils.translation import gettext as _

from fazhi.core.errors import NotFound
from fazhi.core.models import Organization
from fazhi.core.scoping import require_read, require_read_record, scope_for
from fazhi.normdocs.domain import shift_months
from fazhi.normdocs.error_codes import NormdocsErrorCode as Code
from fazhi.normdocs.models import (
    DocumentStatus,
    Filing,
    Inspection,
    InspectionFinding,
    JointReview,
    NormativeDocument,
    ReviewType,
    Validity,
)
from fazhi.normdocs.permissions import JOINT_REVIEW_ROLES, JOINT_REVIEW_TASK
from fazhi.normdocs.rules import rule

PUBLIC_STATUSES = (
    DocumentStatus.ISSUED,
    DocumentStatus.REPEALED,
    DocumentStatus.DECLARED_INVALID,
)


def with_validity(queryset: QuerySet[NormativeDocument], *, today: dt.date) -> QuerySet:
    """Annotate ``validity`` (有效/失效/废止/宣布失效) in SQL, so it can be filtered on."""
    return queryset.annotate(
        validity=Case(
            When(status=DocumentStatus.REPEALED, then=Value(Validity.REPEALED)),
            When(status=DocumentStatus.DECLARED_INVALID, then=Value(Validity.DECLARED_INVALID)),
            When(valid_until__lt=today, then=Value(Validity.EXPIRED)),
            default=Value(Validity.IN_FORCE),
            output_field=CharField(),
        )
    )


def document_list(
    *,
    user,
    search: str = "",
    status: str = "",
    organization: Organization | None = None,
    year: int | None = None,
) -> QuerySet[NormativeDocument]:
    # The drafting unit's documents, and the drafts another unit holds a joint review of.
    queryset = scope_for(user).filter_with_tasks(
        NormativeDocument.objects.all(), "organization", tasks=[JOINT_REVIEW_TASK]
    )
    if search:
        queryset = queryset.filter(
            Q(title__icontains=search) | Q(document_number__icontains=search)
        )
    if status:
        queryset = queryset.filter(status=status)
    if organization is not None:
        queryset = queryset.filter(organization__path__startswith=organization.path)
    if year:
        queryset = queryset.filter(issued_on__year=year)
    return queryset.select_related("organization", "issuing_body").order_by("-id")


def document_get(*, user, pk: int) -> NormativeDocument:
    document = (
        NormativeDocument.objects.select_related("organization", "issuing_body")
        .filter(pk=pk)
        .first()
    )
    if document is None:
        raise NotFound(Code.NOT_FOUND, _("文件不存在。"), field="document")
    # An issued document is public: any staff member (e.g. an inspector) may open its page.
    # Drafts stay within the drafting unit's scope.
    if document.status in PUBLIC_STATUSES and scope_for(user).is_staff_user:
        return document
    # A unit holding a joint review of the draft reads it (scope follows the task).
    require_read_record(user, document, document.organization, tasks=[JOINT_REVIEW_TASK])
    return document


def joint_review_get(*, user, pk: int) -> JointReview:
    review = (
        JointReview.objects.select_related(
            "review_type__owner_unit", "document__organization", "document__issuing_body"
        )
        .filter(pk=pk)
        .first()
    )
    if review is None:
        raise NotFound(Code.NOT_FOUND, _("审查不存在。"), field="review")
    require_read_record(
        user, review.document, review.document.organization, tasks=[JOINT_REVIEW_TASK]
    )
    return review


def joint_review_list(*, user) -> QuerySet[JointReview]:
    """Joint reviews of the documents the user may read or holds a review of."""
    return (
        JointReview.objects.filter(document__in=document_list(user=user).values("pk"))
        .select_related("review_type__owner_unit", "document", "reviewer")
        .order_by("-id")
    )


def filing_get(*, user, pk: int) -> Filing:
    filing = Filing.objects.select_related("document__organization").filter(pk=pk).first()
    if filing is None:
        raise NotFound(Code.NOT_FOUND, _("备案不存在。"), field="filing")
    document_get(user=user, pk=filing.document_id)
    return filing


def filing_list(*, user) -> QuerySet[Filing]:
    return (
        scope_for(user)
        .filter(Filing.objects.all(), "document__organization")
        .select_related("document")
        .order_by("-id")
    )


def finding_get(*, user, pk: int) -> InspectionFinding:
    """A finding, for the inspectors and the inspected document's unit."""
    finding = (
        InspectionFinding.objects.select_related(
            "inspection__organization", "document__organization"
        )
        .filter(pk=pk)
        .first()
    )
    if finding is None:
        raise NotFound(Code.NOT_FOUND, _("问题不存在。"), field="finding")
    scope = scope_for(user)
    if not (
        scope.can_read(finding.inspection.organization)
        or scope.can_read(finding.document.organization)
    ):
        require_read(user, finding.inspection.organization)
    return finding


def finding_list(*, user) -> QuerySet[InspectionFinding]:
    scope = scope_for(user)
    queryset = InspectionFinding.objects.all()
    if not scope.reads_all:
        queryset = queryset.filter(
            scope.q("inspection__organization") | scope.q("document__organization")
        )
    return queryset.select_related("inspection", "document").order_by("-id")


def document_joint_reviews(document: NormativeDocument) -> QuerySet[JointReview]:
    return document.joint_reviews.select_related(
        "review_type__owner_unit", "reviewer", "document"
    ).order_by("-round", "review_type__code")


def review_queue(*, user) -> QuerySet[JointReview]:
    """Open joint reviews owned by a unit where the user may record them: what needs them."""
    scope = scope_for(user)
    return (
        JointReview.objects.filter(
            outcome="", round=F("document__review_round"), document__status=DocumentStatus.IN_REVIEW
        )
        .filter(
            Q()
            if scope.is_superuser
            else scope.q("review_type__owner_unit", roles=JOINT_REVIEW_ROLES)
        )
        .select_related("document", "review_type__owner_unit")
    )


def review_type_list() -> QuerySet[ReviewType]:
    return ReviewType.objects.select_related("owner_unit").annotate(review_count=Count("reviews"))


# --- the public database -----------------------------------------------------------------------


def public_documents(
    *,
    today: dt.date,
    search: str = "",
    unit: Organization | None = None,
    year: int | None = None,
    validity: str = "",
) -> QuerySet[NormativeDocument]:
    """Issued documents (and those since repealed), as published on the portal."""
    queryset = with_validity(
        NormativeDocument.objects.filter(status__in=PUBLIC_STATUSES), today=today
    )
    if search:
        queryset = queryset.filter(
            Q(title__icontains=search)
            | Q(document_number__icontains=search)
            | Q(body__icontains=search)
        )
    if unit is not None:
        queryset = queryset.filter(organization__path__startswith=unit.path)
    if year:
        queryset = queryset.filter(issued_on__year=year)
    if validity:
        queryset = queryset.filter(validity=validity)
    return queryset.select_related("organization", "issuing_body").order_by("-issued_on", "-id")


def public_document(*, pk: int, today: dt.date) -> NormativeDocument:
    document = (
        with_validity(NormativeDocument.objects.filter(status__in=PUBLIC_STATUSES), today=today)
        .select_related("organization", "issuing_body")
        .filter(pk=pk)
        .first()
    )
    if document is None:
        raise NotFound(Code.NOT_FOUND, _("文件不存在或尚未发布。"), field="document")
    return document


def document_validity(document: NormativeDocument, *, today: dt.date) -> str:
    """有效/失效/废止/宣布失效 for a published document ("" for one not yet issued)."""
    if document.status not in PUBLIC_STATUSES:
        return ""
    return (
        with_validity(NormativeDocument.objects.filter(pk=document.pk), today=today)
        .values_list("validity", flat=True)
        .get()
    )


def public_units() -> QuerySet[Organization]:
    return Organization.objects.filter(
        pk__in=NormativeDocument.objects.filter(status__in=PUBLIC_STATUSES).values("organization")
    ).order_by("code")


def public_years() -> list[int]:
    return sorted(
        {
            d.year
            for d in NormativeDocument.objects.filter(status__in=PUBLIC_STATUSES).dates(
                "issued_on", "year"
            )
        },
        reverse=True,
    )


# --- work queues -------------------------------------------------------------------------------


def due_for_evaluation(*, today: dt.date, user=None) -> QuerySet[NormativeDocument]:
    """Documents in force whose expiry is within the evaluation window (6 months by default)."""
    months = rule("evaluation_reminder_months").value
    # Inside the window when valid_until − months <= today, i.e. valid_until <= today + months.
    horizon = shift_months(today, months)
    queryset = NormativeDocument.objects.filter(
        status=DocumentStatus.ISSUED, valid_until__gte=today, valid_until__lte=horizon
    )
    if user is not None:
        queryset = scope_for(user).filter(queryset)
    return queryset.select_related("organization").order_by("valid_until")


def competition_sunsets_due(*, today: dt.date, user=None) -> QuerySet[JointReview]:
    """Fair-competition exceptions of documents in force whose period of application ends
    within the reminder window (``competition_sunset_reminder_days``)."""
    days = rule("competition_sunset_reminder_days").value
    queryset = JointReview.objects.filter(
        competition_conclusion="exception",
        competition_applies_until__gte=today,
        competition_applies_until__lte=today + dt.timedelta(days=days),
        document__status=DocumentStatus.ISSUED,
    )
    if user is not None:
        queryset = scope_for(user).filter(queryset, "document__organization")
    return queryset.select_related("document__organization").order_by("competition_applies_until")


def overdue_filings(*, today: dt.date, user) -> QuerySet[Filing]:
    return (
        scope_for(user)
        .filter(
            Filing.objects.filter(filed_on__isnull=True, due_on__lt=today), "document__organization"
        )
        .select_related("document")
    )


def inspection_list(*, user) -> QuerySet[Inspection]:
    return (
        scope_for(user)
        .filter(Inspection.objects.all())
        .select_related("organization")
        .annotate(
            document_count=Count("items", distinct=True),
            finding_count=Count("findings", distinct=True),
            open_count=Count("findings", filter=Q(findings__status="open"), distinct=True),
        )
    )


def inspection_get(*, user, pk: int) -> Inspection:
    inspection = Inspection.objects.select_related("organization").filter(pk=pk).first()
    if inspection is None:
        raise NotFound(Code.NOT_FOUND, _("检查不存在。"), field="inspection")
    require_read(user, inspection.organization)
    return inspection


def inspection_findings(inspection: Inspection) -> QuerySet[InspectionFinding]:
    return inspection.findings.select_related("document")
