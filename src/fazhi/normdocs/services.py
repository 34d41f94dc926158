"""Every write of normdocs: one service per step of a document's life, plus inspections.

State machine (``DocumentStatus``)::

    drafting ─comment_open→ in_comment ─review_submit→ in_review ─legality_conclude(lawful)→
    legality_passed ─deliberation_record(approved)→ deliberated ─document_issue→ issued
    ─cleanup_decide(repeal | declare_invalid)→ repealed | declared_invalid

A legality opinion of "amend"/"unlawful", or a deliberation that sends the draft back, returns
the document to ``drafting`` for a new review round (public comment is not repeated).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.consultations import selectors as consultation_selectors
from fazhi.consultations import services as consultation_services
from fazhi.consultations.models import ConsultationStatus
from fazhi.core import services as core_services
from fazhi.core.calendar import due_date
from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import Conflict, PermissionDenied, ValidationFailed
from fazhi.core.models import NumberSeries, Organization, Role
from fazhi.core.scoping import require_change, require_role, scope_for
from fazhi.normdocs import clocks, events, uploads
from fazhi.normdocs.domain import is_provisional, longest_validity
from fazhi.normdocs.error_codes import NormdocsErrorCode as Code
from fazhi.normdocs.models import (
    CleanupDecision,
    CleanupOutcome,
    DocumentStatus,
    Evaluation,
    EvaluationConclusion,
    EvaluationKind,
    Filing,
    FilingTarget,
    FindingCategory,
    FindingStatus,
    Inspection,
    InspectionFinding,
    InspectionItem,
    InspectionKind,
    InspectionStatus,
    JointReview,
    JointReviewOutcome,
    LegalityOutcome,
    LegalityReview,
    MeetingKind,
    NormativeDocument,
    ReviewType,
)
from fazhi.normdocs.rules import REGISTRATION_SERIES, rule

# Who does what (the one place this app declares it).
DRAFTING_ROLES = (Role.DRAFTER, Role.DEPARTMENT_LEGAL_OFFICER)
JOINT_REVIEW_ROLES = (Role.DEPARTMENT_LEGAL_OFFICER, Role.JUSTICE_LEGAL_OFFICER)
LEGALITY_ROLES = (Role.JUSTICE_LEGAL_OFFICER,)
INSPECTION_ROLES = (Role.JUSTICE_LEGAL_OFFICER, Role.SUPERVISOR)
CONFIGURATION_ROLES = (Role.ADMINISTRATOR, Role.JUSTICE_LEGAL_OFFICER)


# --- helpers -----------------------------------------------------------------------------------


def _require_drafting_unit_or_justice(actor, document: NormativeDocument) -> None:
    """The drafting unit's own staff, or the justice bureau's legal officers (who organise the
    registration, filing and cleanup of every document)."""
    if scope_for(actor).has_role(*LEGALITY_ROLES, Role.ADMINISTRATOR):
        return
    require_change(actor, document.organization, roles=DRAFTING_ROLES)


def _locked(document: NormativeDocument) -> NormativeDocument:
    return (
        NormativeDocument.objects.select_for_update()
        .select_related("organization", "issuing_body")
        .get(pk=document.pk)
    )


def _require_status(document: NormativeDocument, *allowed: str) -> None:
    if document.status not in allowed:
        raise Conflict(
            Code.INVALID_TRANSITION,
            _("文件当前处于“%(status)s”阶段，不能执行此操作。")
            % {"status": document.get_status_display()},
            field="status",
        )


def _check_date(on: dt.date | None, *, field: str, not_before: dt.date | None = None) -> dt.date:
    if on is None:
        raise ValidationFailed(Code.REQUIRED, _("请填写日期。"), field=field)
    if on > timezone.localdate():
        raise ValidationFailed(Code.INVALID_DATE, _("日期不能晚于今天。"), field=field)
    if not_before is not None and on < not_before:
        raise ValidationFailed(
            Code.INVALID_DATE,
            _("日期不能早于上一环节（%(date)s）。") % {"date": not_before.isoformat()},
            field=field,
        )
    return on


def _required_text(value: str, *, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationFailed(Code.REQUIRED, message, field=field)
    return value


def _event(document: NormativeDocument, event_type: str, actor, **details) -> None:
    core_services.event_record(
        subject=document,
        event_type=event_type,
        actor=actor,
        organization=document.organization,
        details=details,
    )


# --- drafting ----------------------------------------------------------------------------------


def _draft_text(body: str, upload: tuple[str, bytes] | None) -> tuple[str, str, str]:
    """(text, file name, sha256): the uploaded DOCX wins over pasted text."""
    if upload is not None:
        name, data = upload
        text = uploads.docx_text(name, data)
        return text, name[:200], uploads.store(data, folder="normdocs", suffix=".docx")
    body = (body or "").strip()
    if not body:
        raise ValidationFailed(
            Code.REQUIRED, _("请粘贴正文或上传 Word（.docx）文件。"), field="body"
        )
    return body, "", ""


@transaction.atomic
def document_create(
    *,
    actor,
    organization: Organization,
    issuing_body: Organization,
    title: str,
    body: str = "",
    upload: tuple[str, bytes] | None = None,
    drafting_explanation: str = "",
    legal_bases: str = "",
    market_related: bool = False,
) -> NormativeDocument:
    """A drafter starts a document for their own unit (body pasted or uploaded as DOCX)."""
    require_change(actor, organization, roles=DRAFTING_ROLES)
    title = _required_text(title, field="title", message=_("请填写文件标题。"))
    text, file_name, digest = _draft_text(body, upload)
    document = NormativeDocument.objects.create(
        organization=organization,
        issuing_body=issuing_body,
        title=title[:200],
        body=text,
        drafting_explanation=(drafting_explanation or "").strip(),
        legal_bases=(legal_bases or "").strip(),
        market_related=market_related,
        is_provisional=is_provisional(title),
        source_file_name=file_name,
        source_sha256=digest,
        created_by=actor,
    )
    _event(document, events.DOCUMENT_DRAFTED, actor, uploaded=bool(upload))
    return document


@transaction.atomic
def document_update_draft(
    *,
    actor,
    document: NormativeDocument,
    title: str,
    body: str = "",
    upload: tuple[str, bytes] | None = None,
    drafting_explanation: str = "",
    legal_bases: str = "",
    market_related: bool = False,
) -> NormativeDocument:
    document = _locked(document)
    require_change(actor, document.organization, roles=DRAFTING_ROLES)
    _require_status(document, DocumentStatus.DRAFTING)
    title = _required_text(title, field="title", message=_("请填写文件标题。"))
    text, file_name, digest = _draft_text(body, upload)
    document.title = title[:200]
    document.body = text
    document.drafting_explanation = (drafting_explanation or "").strip()
    document.legal_bases = (legal_bases or "").strip()
    document.market_related = market_related
    document.is_provisional = is_provisional(title)
    if upload is not None:
        document.source_file_name, document.source_sha256 = file_name, digest
    document.save()
    _event(document, events.DOCUMENT_DRAFT_UPDATED, actor, uploaded=bool(upload))
    return document


def comment_minimum(document: NormativeDocument):
    """The statutory minimum comment period for this document (a ``RuleValue``)."""
    key = (
        "comment_minimum_market_days" if document.market_related else "comment_minimum_general_days"
    )
    return rule(key)


@transaction.atomic
def comment_open(
    *, actor, document: NormativeDocument, starts_on: dt.date, ends_on: dt.date
) -> NormativeDocument:
    """Publish the draft for public comment on the portal (through the consultation component)."""
    document = _locked(document)
    require_change(actor, document.organization, roles=DRAFTING_ROLES)
    _require_status(document, DocumentStatus.DRAFTING)
    if document.comment_starts_on is not None:
        raise Conflict(Code.DUPLICATE, _("该文件已公开征求过意见。"), field="status")
    minimum = comment_minimum(document)
    consultation_services.consultation_open(
        subject=document,
        organization=document.organization,
        title=_("%(title)s（征求意见稿）") % {"title": document.title},
        text=document.body,
        starts_on=starts_on,
        ends_on=ends_on,
        minimum_days=minimum.value,
        day_basis=minimum.unit,
        actor=actor,
    )
    document.status = DocumentStatus.IN_COMMENT
    document.comment_starts_on, document.comment_ends_on = starts_on, ends_on
    document.save(update_fields=["status", "comment_starts_on", "comment_ends_on"])
    _event(document, events.COMMENT_OPENED, actor, starts_on=starts_on, ends_on=ends_on)
    return document


@transaction.atomic
def comment_revise(
    *, actor, document: NormativeDocument, text: str, note: str = ""
) -> NormativeDocument:
    """Publish a revised draft during the comment period: a new frozen version on the portal
    (with its diff), and the document's body follows it."""
    document = _locked(document)
    require_change(actor, document.organization, roles=DRAFTING_ROLES)
    _require_status(document, DocumentStatus.IN_COMMENT)
    consultation = consultation_selectors.consultation_for(document)
    version = consultation_services.consultation_revise(
        consultation=consultation, text=text, note=note, actor=actor
    )
    document.body = version.text
    document.save(update_fields=["body"])
    _event(document, events.DOCUMENT_DRAFT_UPDATED, actor, version=version.number)
    return document


# --- reviews -----------------------------------------------------------------------------------


@transaction.atomic
def review_type_configure(
    *,
    actor,
    code: str,
    name: str,
    owner_unit: Organization,
    configured_on: dt.date,
    legal_basis: str = "",
    required_for_market_related: bool = False,
) -> ReviewType:
    """Add a joint-review dimension owned by a unit (administrators and the justice bureau)."""
    require_role(actor, *CONFIGURATION_ROLES)
    code = _required_text(code, field="code", message=_("请填写编码。"))
    name = _required_text(name, field="name", message=_("请填写审查类型名称。"))
    if ReviewType.objects.filter(code=code).exists():
        raise Conflict(Code.DUPLICATE, _("该审查类型编码已存在。"), field="code")
    review_type = ReviewType.objects.create(
        code=code,
        name=name,
        owner_unit=owner_unit,
        legal_basis=legal_basis.strip(),
        required_for_market_related=required_for_market_related,
        configured_on=configured_on,
    )
    core_services.event_record(
        subject=review_type,
        event_type=events.REVIEW_TYPE_CONFIGURED,
        actor=actor,
        organization=owner_unit,
        details={"code": code},
    )
    return review_type


@transaction.atomic
def review_submit(
    *, actor, document: NormativeDocument, review_type_codes: Iterable[str], on: dt.date
) -> LegalityReview:
    """Send the draft to the legality review and to each required joint review (a new round).

    The first submission needs the public comment finished: closed and its adoption summary
    published. Market-related documents must include every review marked mandatory for them.
    """
    document = _locked(document)
    require_change(actor, document.organization, roles=DRAFTING_ROLES)
    _require_status(document, DocumentStatus.IN_COMMENT, DocumentStatus.DRAFTING)
    if document.status == DocumentStatus.IN_COMMENT:
        consultation = consultation_selectors.consultation_for(document)
        if consultation is None or consultation.status != ConsultationStatus.SUMMARY_PUBLISHED:
            raise Conflict(
                Code.COMMENT_NOT_COMPLETED,
                _("公开征求意见尚未结束或采纳情况尚未公布。"),
                field="status",
            )
        document.comment_completed_on = consultation.closed_on
    elif document.comment_completed_on is None:
        raise Conflict(Code.COMMENT_NOT_COMPLETED, _("文件尚未公开征求意见。"), field="status")
    on = _check_date(on, field="on", not_before=document.comment_completed_on)
    codes = sorted(set(review_type_codes))
    types = list(ReviewType.objects.filter(code__in=codes, is_active=True))
    unknown = set(codes) - {t.code for t in types}
    if unknown:
        raise ValidationFailed(
            Code.INVALID,
            _("未知的审查类型：%(codes)s") % {"codes": "、".join(sorted(unknown))},
            field="review_types",
        )
    if document.market_related:
        missing = ReviewType.objects.filter(
            is_active=True, required_for_market_related=True
        ).exclude(code__in=codes)
        if missing.exists():
            raise ValidationFailed(
                Code.MISSING_REQUIRED_REVIEW,
                _("涉及市场主体的文件必须经过：%(names)s")
                % {"names": "、".join(missing.values_list("name", flat=True))},
                field="review_types",
            )
    document.review_round += 1
    document.status = DocumentStatus.IN_REVIEW
    document.save(update_fields=["review_round", "status", "comment_completed_on"])
    JointReview.objects.bulk_create(
        JointReview(document=document, review_type=t, round=document.review_round) for t in types
    )
    legality = LegalityReview.objects.create(
        document=document, round=document.review_round, submitted_on=on
    )
    core_services.clock_start(
        clock_type=clocks.LEGALITY_REVIEW,
        subject=legality,
        organization=document.organization,
        start_date=on,
        label=_("合法性审核：%(title)s") % {"title": document.title},
        url=f"/normdocs/{document.pk}/",
        actor=actor,
    )
    _event(
        document,
        events.REVIEW_SUBMITTED,
        actor,
        round=document.review_round,
        on=on,
        review_types=codes,
    )
    return legality


@transaction.atomic
def joint_review_record(
    *, actor, review: JointReview, outcome: str, opinion: str = "", on: dt.date
) -> JointReview:
    """The unit owning a review type records its conclusion for the current round."""
    review = (
        JointReview.objects.select_for_update()
        .select_related("review_type__owner_unit", "document")
        .get(pk=review.pk)
    )
    require_change(actor, review.review_type.owner_unit, roles=JOINT_REVIEW_ROLES)
    document = _locked(review.document)
    _require_status(document, DocumentStatus.IN_REVIEW)
    if review.round != document.review_round or review.outcome:
        raise Conflict(Code.INVALID_TRANSITION, _("该审查已有结论。"), field="outcome")
    if outcome not in JointReviewOutcome.values:
        raise ValidationFailed(Code.INVALID, _("审查结论无效。"), field="outcome")
    if outcome != JointReviewOutcome.PASSED:
        _required_text(opinion, field="opinion", message=_("未直接通过的，应当写明审查意见。"))
    legality = document.legality_reviews.get(round=document.review_round)
    review.concluded_on = _check_date(on, field="on", not_before=legality.submitted_on)
    review.outcome = outcome
    review.opinion = (opinion or "").strip()
    review.reviewer = actor
    review.save()
    _event(
        document,
        events.JOINT_REVIEW_RECORDED,
        actor,
        review_type=review.review_type.code,
        outcome=outcome,
        on=on,
    )
    return review


def legality_earliest_conclusion(review: LegalityReview) -> dt.date:
    """The reviewer has at least the minimum review time (counted like any statutory period)."""
    minimum = rule("legality_review_minimum_days")
    return due_date(start=review.submitted_on, length=minimum.value, basis=minimum.unit).due


@transaction.atomic
def legality_conclude(
    *, actor, document: NormativeDocument, outcome: str, opinion: str, on: dt.date
) -> LegalityReview:
    """The justice bureau's legality opinion: the hard gate before collective deliberation."""
    require_role(actor, *LEGALITY_ROLES)
    document = _locked(document)
    _require_status(document, DocumentStatus.IN_REVIEW)
    review = LegalityReview.objects.select_for_update().get(
        document=document, round=document.review_round
    )
    if outcome not in LegalityOutcome.values:
        raise ValidationFailed(Code.INVALID, _("审核结论无效。"), field="outcome")
    opinion = _required_text(opinion, field="opinion", message=_("请填写合法性审核意见。"))
    current = document.joint_reviews.filter(round=document.review_round)
    open_reviews = current.filter(outcome="").select_related("review_type")
    if open_reviews.exists():
        raise Conflict(
            Code.REVIEW_OPEN,
            _("尚有联合审查未出具结论：%(names)s")
            % {"names": "、".join(r.review_type.name for r in open_reviews)},
            field="outcome",
        )
    if (
        outcome == LegalityOutcome.LAWFUL
        and current.filter(outcome=JointReviewOutcome.NOT_PASSED).exists()
    ):
        raise Conflict(
            Code.REVIEW_FAILED, _("联合审查未通过的，不能出具合法意见。"), field="outcome"
        )
    earliest = legality_earliest_conclusion(review)
    on = _check_date(on, field="on", not_before=review.submitted_on)
    if on < earliest:
        raise ValidationFailed(
            Code.REVIEW_TOO_FAST,
            _("合法性审核时间不得少于%(days)s个工作日，最早可于%(date)s出具意见。")
            % {"days": rule("legality_review_minimum_days").value, "date": earliest.isoformat()},
            field="on",
        )
    review.outcome, review.opinion, review.concluded_on, review.reviewer = (
        outcome,
        opinion,
        on,
        actor,
    )
    review.save()
    clock = _clock_of(review, clocks.LEGALITY_REVIEW)
    core_services.clock_stop(clock=clock, on=on, actor=actor)
    document.status = (
        DocumentStatus.LEGALITY_PASSED
        if outcome == LegalityOutcome.LAWFUL
        else DocumentStatus.DRAFTING
    )
    document.save(update_fields=["status"])
    _event(document, events.LEGALITY_CONCLUDED, actor, outcome=outcome, on=on)
    return review


def _clock_of(record, clock_type: str):
    from django.contrib.contenttypes.models import ContentType

    from fazhi.core.models import Clock

    return Clock.objects.get(
        clock_type=clock_type,
        content_type=ContentType.objects.get_for_model(record),
        object_id=str(record.pk),
    )


# --- deliberation, issue, filing ---------------------------------------------------------------


@transaction.atomic
def deliberation_record(
    *,
    actor,
    document: NormativeDocument,
    meeting_kind: str,
    meeting_date: dt.date,
    approved: bool,
    minutes: str,
) -> NormativeDocument:
    """Collective deliberation: only after a "lawful" legality opinion and every joint review."""
    document = _locked(document)
    _require_drafting_unit_or_justice(actor, document)
    _require_status(document, DocumentStatus.LEGALITY_PASSED)
    if meeting_kind not in MeetingKind.values:
        raise ValidationFailed(Code.INVALID, _("会议类型无效。"), field="meeting_kind")
    minutes = _required_text(minutes, field="minutes", message=_("请填写会议纪要或审议意见。"))
    legality = document.legality_reviews.get(round=document.review_round)
    meeting_date = _check_date(meeting_date, field="meeting_date", not_before=legality.concluded_on)
    document.meeting_kind, document.meeting_date, document.meeting_minutes = (
        meeting_kind,
        meeting_date,
        minutes,
    )
    document.status = DocumentStatus.DELIBERATED if approved else DocumentStatus.DRAFTING
    document.save(update_fields=["meeting_kind", "meeting_date", "meeting_minutes", "status"])
    _event(
        document,
        events.DELIBERATED,
        actor,
        meeting_kind=meeting_kind,
        meeting_date=meeting_date,
        approved=approved,
    )
    return document


def filing_targets(document: NormativeDocument) -> list[str]:
    """A city government document goes to the upper government and the city's people's congress
    standing committee; a department's or town's to the city government."""
    if document.issuing_body.kind == "city_government":
        return [FilingTarget.UPPER_GOVERNMENT, FilingTarget.PEOPLES_CONGRESS]
    return [FilingTarget.CITY_GOVERNMENT]


def _series(key: str, *, field: str) -> NumberSeries:
    series = NumberSeries.objects.filter(key=key).select_related("organization").first()
    if series is None:
        raise ValidationFailed(
            Code.NO_SERIES,
            _("编号序列“%(key)s”尚未设置。") % {"key": key},
            field=field,
        )
    return series


@transaction.atomic
def document_issue(
    *,
    actor,
    document: NormativeDocument,
    series_key: str,
    issued_on: dt.date,
    effective_from: dt.date | None = None,
    valid_until: dt.date | None = None,
) -> NormativeDocument:
    """Three unified: register, number and publish in one step, then start the filing clocks."""
    require_role(actor, *LEGALITY_ROLES)
    document = _locked(document)
    _require_status(document, DocumentStatus.DELIBERATED)
    issued_on = _check_date(issued_on, field="issued_on", not_before=document.meeting_date)
    effective_from = effective_from or issued_on
    if effective_from < issued_on:
        raise ValidationFailed(
            Code.INVALID_DATE, _("施行日期不能早于发布日期。"), field="effective_from"
        )
    years = rule(
        "validity_provisional_years" if document.is_provisional else "validity_general_years"
    ).value
    longest = longest_validity(effective_from, years)
    if valid_until is not None and not effective_from <= valid_until <= longest:
        raise ValidationFailed(
            Code.INVALID_DATE,
            _("有效期不得超过%(years)s年（最迟至%(date)s）。")
            % {"years": years, "date": longest.isoformat()},
            field="valid_until",
        )
    series = _series(series_key, field="series_key")
    if series.organization_id != document.issuing_body_id:
        raise ValidationFailed(Code.WRONG_UNIT, _("该编号序列不属于制定机关。"), field="series_key")
    _series(REGISTRATION_SERIES, field="series_key")
    number = core_services.number_issue(
        series_key=series_key, year=issued_on.year, subject=document, actor=actor
    )
    registration = core_services.number_issue(
        series_key=REGISTRATION_SERIES, year=issued_on.year, subject=document, actor=actor
    )
    document.document_number = number.number
    document.registration_number = registration.number
    document.issued_on = issued_on
    document.effective_from = effective_from
    document.valid_until = valid_until or longest
    document.status = DocumentStatus.ISSUED
    document.save()
    for target in filing_targets(document):
        filing = Filing(document=document, target=target, due_on=issued_on)
        filing.save()
        clock = core_services.clock_start(
            clock_type=clocks.FILING_CLOCKS[target],
            subject=filing,
            organization=document.organization,
            start_date=issued_on,
            label=_("备案：%(number)s") % {"number": document.document_number},
            url=f"/normdocs/{document.pk}/",
            actor=actor,
        )
        filing.due_on = clock.due_date
        filing.save(update_fields=["due_on"])
    _event(
        document,
        events.ISSUED,
        actor,
        document_number=document.document_number,
        registration_number=document.registration_number,
        issued_on=issued_on,
        valid_until=document.valid_until,
    )
    return document


@transaction.atomic
def filing_record(*, actor, filing: Filing, filed_on: dt.date) -> Filing:
    filing = Filing.objects.select_for_update().select_related("document").get(pk=filing.pk)
    document = filing.document
    _require_drafting_unit_or_justice(actor, document)
    if filing.filed_on is not None:
        raise Conflict(Code.DUPLICATE, _("该文件已报备。"), field="filed_on")
    filing.filed_on = _check_date(filed_on, field="filed_on", not_before=document.issued_on)
    filing.filed_by = actor
    filing.save(update_fields=["filed_on", "filed_by"])
    core_services.clock_stop(
        clock=_clock_of(filing, clocks.FILING_CLOCKS[filing.target]), on=filed_on, actor=actor
    )
    _event(
        document,
        events.FILED,
        actor,
        target=filing.target,
        filed_on=filed_on,
        on_time=filed_on <= filing.due_on,
    )
    return filing


# --- after issue: evaluation and cleanup ------------------------------------------------------


@transaction.atomic
def evaluation_record(
    *,
    actor,
    document: NormativeDocument,
    kind: str,
    evaluator: str,
    report: str,
    conclusion: str,
    evaluated_on: dt.date,
    report_upload: tuple[str, bytes] | None = None,
) -> Evaluation:
    """An evaluation of a document in force (own, or a third party's report)."""
    document = _locked(document)
    _require_drafting_unit_or_justice(actor, document)
    _require_status(document, DocumentStatus.ISSUED)
    if kind not in EvaluationKind.values:
        raise ValidationFailed(Code.INVALID, _("评估方式无效。"), field="kind")
    if conclusion not in EvaluationConclusion.values:
        raise ValidationFailed(Code.INVALID, _("评估结论无效。"), field="conclusion")
    evaluator = _required_text(evaluator, field="evaluator", message=_("请填写评估机构。"))
    report = _required_text(report, field="report", message=_("请填写评估报告摘要。"))
    evaluated_on = _check_date(evaluated_on, field="evaluated_on", not_before=document.issued_on)
    file_name, digest = "", ""
    if report_upload is not None:
        name, data = report_upload
        uploads.check_size(data, field="report_upload")
        file_name, digest = name[:200], uploads.store(data, folder="normdocs/reports", suffix="")
    evaluation = Evaluation.objects.create(
        document=document,
        kind=kind,
        evaluator=evaluator,
        report=report,
        report_file_name=file_name,
        report_sha256=digest,
        conclusion=conclusion,
        evaluated_on=evaluated_on,
        recorded_by=actor,
    )
    _event(document, events.EVALUATED, actor, kind=kind, conclusion=conclusion, on=evaluated_on)
    return evaluation


@transaction.atomic
def cleanup_decide(
    *, actor, document: NormativeDocument, outcome: str, reason: str, decided_on: dt.date
) -> CleanupDecision:
    """Cleanup: retain, amend (a new draft follows), repeal, or declare invalid."""
    document = _locked(document)
    _require_drafting_unit_or_justice(actor, document)
    _require_status(document, DocumentStatus.ISSUED)
    if outcome not in CleanupOutcome.values:
        raise ValidationFailed(Code.INVALID, _("清理结果无效。"), field="outcome")
    reason = _required_text(reason, field="reason", message=_("请填写清理理由。"))
    decided_on = _check_date(decided_on, field="decided_on", not_before=document.issued_on)
    decision = CleanupDecision.objects.create(
        document=document, outcome=outcome, reason=reason, decided_on=decided_on, decided_by=actor
    )
    ends = {
        CleanupOutcome.REPEAL: DocumentStatus.REPEALED,
        CleanupOutcome.DECLARE_INVALID: DocumentStatus.DECLARED_INVALID,
    }
    if outcome in ends:
        document.status = ends[outcome]
        document.ended_on = decided_on
        document.save(update_fields=["status", "ended_on"])
    _event(document, events.CLEANUP_DECIDED, actor, outcome=outcome, on=decided_on)
    return decision


def evaluation_reminders_raise(*, today: dt.date) -> int:
    """Remind drafting units of documents entering their pre-expiry evaluation window.

    Idempotent: one reminder per document, user and expiry date.
    """
    from django.contrib.auth import get_user_model

    from fazhi.normdocs.selectors import due_for_evaluation

    User = get_user_model()
    raised = 0
    for document in due_for_evaluation(today=today):
        recipients = User.objects.filter(
            role_assignments__organization=document.organization,
            role_assignments__role__in=DRAFTING_ROLES,
        ).distinct()
        for user in recipients:
            raised += core_services.notification_raise(
                user=user,
                title=_("规范性文件即将到期，请开展评估：%(title)s") % {"title": document.title},
                body=_("有效期至%(date)s。") % {"date": document.valid_until.isoformat()},
                url=f"/normdocs/{document.pk}/",
                dedupe_key=f"normdocs:evaluation:{document.pk}:{document.valid_until.isoformat()}",
            )
    return raised


# --- inspections -------------------------------------------------------------------------------


@transaction.atomic
def inspection_open(
    *, actor, organization: Organization, title: str, kind: str, started_on: dt.date
) -> Inspection:
    require_change(actor, organization, roles=INSPECTION_ROLES)
    title = _required_text(title, field="title", message=_("请填写检查名称。"))
    if kind not in InspectionKind.values:
        raise ValidationFailed(Code.INVALID, _("检查类型无效。"), field="kind")
    started_on = _check_date(started_on, field="started_on")
    inspection = Inspection.objects.create(
        organization=organization, title=title, kind=kind, started_on=started_on
    )
    core_services.event_record(
        subject=inspection,
        event_type=events.INSPECTION_OPENED,
        actor=actor,
        organization=organization,
        details={"kind": kind},
    )
    return inspection


def _locked_inspection(inspection: Inspection, actor) -> Inspection:
    inspection = (
        Inspection.objects.select_for_update().select_related("organization").get(pk=inspection.pk)
    )
    require_change(actor, inspection.organization, roles=INSPECTION_ROLES)
    if inspection.status != InspectionStatus.OPEN:
        raise Conflict(Code.INVALID_TRANSITION, _("检查已结束。"), field="status")
    return inspection


@transaction.atomic
def inspection_select_documents(
    *,
    actor,
    inspection: Inspection,
    unit: Organization | None = None,
    issued_from: dt.date | None = None,
    issued_to: dt.date | None = None,
    sample_size: int | None = None,
    seed: int | None = None,
) -> int:
    """Add issued documents to an inspection: by drafting unit, by issue period, and/or a random
    sample of what matches. Returns how many were added."""
    inspection = _locked_inspection(inspection, actor)
    candidates = NormativeDocument.objects.exclude(issued_on__isnull=True)
    basis = []
    if unit is not None:
        candidates = candidates.filter(organization__path__startswith=unit.path)
        basis.append(_("单位：%(unit)s") % {"unit": unit.name})
    if issued_from is not None:
        candidates = candidates.filter(issued_on__gte=issued_from)
    if issued_to is not None:
        candidates = candidates.filter(issued_on__lte=issued_to)
    if issued_from or issued_to:
        basis.append(
            _("期间：%(start)s—%(end)s") % {"start": issued_from or "", "end": issued_to or ""}
        )
    candidates = candidates.exclude(pk__in=inspection.items.values("document_id"))
    ids = list(candidates.order_by("pk").values_list("pk", flat=True))
    if sample_size is not None:
        if sample_size <= 0:
            raise ValidationFailed(Code.INVALID, _("抽取数量必须大于零。"), field="sample_size")
        ids = sorted(random.Random(seed).sample(ids, min(sample_size, len(ids))))
        basis.append(_("随机抽取%(n)s件") % {"n": sample_size})
    if not ids:
        raise ValidationFailed(Code.NOTHING_SELECTED, _("没有符合条件的已发布文件。"), field="unit")
    label = "；".join(str(b) for b in basis) or _("全部")
    InspectionItem.objects.bulk_create(
        InspectionItem(inspection=inspection, document_id=pk, selected_by=label[:100]) for pk in ids
    )
    core_services.event_record(
        subject=inspection,
        event_type=events.INSPECTION_DOCUMENTS_SELECTED,
        actor=actor,
        organization=inspection.organization,
        details={"count": len(ids), "basis": label},
    )
    return len(ids)


@transaction.atomic
def inspection_finding_record(
    *,
    actor,
    inspection: Inspection,
    document: NormativeDocument,
    category: str,
    description: str,
    recorded_on: dt.date,
    rectification_due: dt.date,
) -> InspectionFinding:
    inspection = _locked_inspection(inspection, actor)
    if not inspection.items.filter(document=document).exists():
        raise ValidationFailed(Code.INVALID, _("该文件不在本次检查范围内。"), field="document")
    if category not in FindingCategory.values:
        raise ValidationFailed(Code.INVALID, _("问题类别无效。"), field="category")
    description = _required_text(description, field="description", message=_("请填写问题描述。"))
    recorded_on = _check_date(recorded_on, field="recorded_on", not_before=inspection.started_on)
    if rectification_due is None or rectification_due <= recorded_on:
        raise ValidationFailed(
            Code.INVALID_DATE, _("整改期限应晚于发现日期。"), field="rectification_due"
        )
    finding = InspectionFinding.objects.create(
        inspection=inspection,
        document=document,
        category=category,
        description=description,
        recorded_on=recorded_on,
        rectification_due=rectification_due,
    )
    core_services.event_record(
        subject=inspection,
        event_type=events.INSPECTION_FINDING_RECORDED,
        actor=actor,
        organization=inspection.organization,
        details={"finding": finding.pk, "document": document.pk, "category": category},
    )
    return finding


@transaction.atomic
def inspection_finding_rectify(
    *, actor, finding: InspectionFinding, rectified_on: dt.date, note: str
) -> InspectionFinding:
    """The document's drafting unit (or the inspectors) records the rectification."""
    finding = (
        InspectionFinding.objects.select_for_update()
        .select_related("document__organization", "inspection__organization")
        .get(pk=finding.pk)
    )
    scope = scope_for(actor)
    if not (
        scope.can_change(finding.document.organization, DRAFTING_ROLES)
        or scope.can_change(finding.inspection.organization, INSPECTION_ROLES)
    ):
        raise PermissionDenied(CoreErrorCode.FORBIDDEN_ROLE, _("您的角色无权执行此操作。"))
    if finding.status != FindingStatus.OPEN:
        raise Conflict(Code.INVALID_TRANSITION, _("该问题已整改。"), field="status")
    note = _required_text(note, field="note", message=_("请填写整改情况。"))
    finding.rectified_on = _check_date(
        rectified_on, field="rectified_on", not_before=finding.recorded_on
    )
    finding.rectification_note = note
    finding.status = FindingStatus.RECTIFIED
    finding.save(update_fields=["rectified_on", "rectification_note", "status"])
    core_services.event_record(
        subject=finding.inspection,
        event_type=events.INSPECTION_FINDING_RECTIFIED,
        actor=actor,
        organization=finding.inspection.organization,
        details={
            "finding": finding.pk,
            "on_time": finding.rectified_on <= finding.rectification_due,
        },
    )
    return finding


@transaction.atomic
def inspection_close(
    *, actor, inspection: Inspection, closed_on: dt.date, summary: str
) -> Inspection:
    """Close an inspection once every finding has been rectified."""
    inspection = _locked_inspection(inspection, actor)
    summary = _required_text(summary, field="summary", message=_("请填写检查总结。"))
    open_count = inspection.findings.filter(status=FindingStatus.OPEN).count()
    if open_count:
        raise Conflict(
            Code.FINDINGS_OPEN,
            _("尚有%(n)s个问题未整改完毕。") % {"n": open_count},
            field="status",
        )
    inspection.closed_on = _check_date(
        closed_on, field="closed_on", not_before=inspection.started_on
    )
    inspection.summary = summary
    inspection.status = InspectionStatus.CLOSED
    inspection.save(update_fields=["closed_on", "summary", "status"])
    core_services.event_record(
        subject=inspection,
        event_type=events.INSPECTION_CLOSED,
        actor=actor,
        organization=inspection.organization,
    )
    return inspection
