"""Collective deliberation, issue (three unified) and filing."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.errors import ValidationFailed
from fazhi.core.models import NumberSeries
from fazhi.normdocs import clocks, events
from fazhi.normdocs.domain import longest_validity
from fazhi.normdocs.error_codes import NormdocsErrorCode as Code
from fazhi.normdocs.models import (
    DocumentStatus,
    Filing,
    FilingReviewOutcome,
    FilingTarget,
    MeetingKind,
    NormativeDocument,
)
from fazhi.normdocs.procedures import DOCUMENT, FILING
from fazhi.normdocs.rules import REGISTRATION_SERIES, meeting_rule, rule
from fazhi.normdocs.services._common import check_date, clock_of, event, locked, required_text

# --- deliberation, issue, filing ---------------------------------------------------------------


@transaction.atomic
def deliberation_record(
    *,
    actor: User,
    document: NormativeDocument,
    meeting_kind: str,
    meeting_date: dt.date,
    approved: bool,
    minutes: str,
) -> NormativeDocument:
    """Collective deliberation: only after a "lawful" legality opinion and every joint review."""
    document = locked(document)
    DOCUMENT.require(actor, document, "deliberate")
    if meeting_kind not in MeetingKind.values:
        raise ValidationFailed(Code.INVALID, _("会议类型无效。"), field="meeting_kind")
    fitting = meeting_rule(document.issuing_body.kind)
    if fitting is not None and meeting_kind not in fitting.kinds:
        raise ValidationFailed(
            Code.WRONG_MEETING,
            _(
                "%(issuer)s制定的规范性文件应当经%(meetings)s审议，不能以“%(kind)s”审议（%(basis)s）。"
            )
            % {
                "issuer": document.issuing_body.name,
                "meetings": "或".join(str(MeetingKind(k).label) for k in fitting.kinds),
                "kind": MeetingKind(meeting_kind).label,
                "basis": fitting.source,
            },
            field="meeting_kind",
        )
    minutes = required_text(minutes, field="minutes", message=_("请填写会议纪要或审议意见。"))
    legality = document.legality_reviews.get(round=document.review_round)
    meeting_date = check_date(meeting_date, field="meeting_date", not_before=legality.concluded_on)
    document.meeting_kind, document.meeting_date, document.meeting_minutes = (
        meeting_kind,
        meeting_date,
        minutes,
    )
    document.status = DocumentStatus.DELIBERATED if approved else DocumentStatus.DRAFTING
    document.save(update_fields=["meeting_kind", "meeting_date", "meeting_minutes", "status"])
    event(
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
    actor: User,
    document: NormativeDocument,
    series_key: str,
    issued_on: dt.date,
    effective_from: dt.date | None = None,
    valid_until: dt.date | None = None,
) -> NormativeDocument:
    """Three unified: register, number and publish in one step, then start the filing clocks."""
    document = locked(document)
    DOCUMENT.require(actor, document, "issue")
    issued_on = check_date(issued_on, field="issued_on", not_before=document.meeting_date)
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
        assert clock.due_date is not None  # a clock that has just started is not paused
        filing.due_on = clock.due_date
        filing.save(update_fields=["due_on"])
    event(
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
def filing_record(*, actor: User, filing: Filing, filed_on: dt.date) -> Filing:
    filing = Filing.objects.select_for_update().select_related("document").get(pk=filing.pk)
    document = filing.document
    FILING.require(actor, filing, "record")
    filing.filed_on = check_date(filed_on, field="filed_on", not_before=document.issued_on)
    filing.filed_by = actor
    filing.save(update_fields=["filed_on", "filed_by"])
    core_services.clock_stop(
        clock=clock_of(filing, clocks.FILING_CLOCKS[filing.target]), on=filed_on, actor=actor
    )
    event(
        document,
        events.FILED,
        actor,
        target=filing.target,
        filed_on=filed_on,
        on_time=filed_on <= filing.due_on,
    )
    return filing


@transaction.atomic
def filing_review_record(
    *, actor: User, filing: Filing, outcome: str, reviewed_on: dt.date, notes: str = ""
) -> Filing:
    """The filing body's review result (备案审查: 有件必备、有备必审、有错必纠, spec §1.5):
    no problem, correction required, then corrected or revoked. A result other than "no
    problem" states the problem; a correction request may be followed by its outcome."""
    filing = Filing.objects.select_for_update().select_related("document").get(pk=filing.pk)
    document = filing.document
    FILING.require(actor, filing, "review")
    if outcome not in FilingReviewOutcome.values:
        raise ValidationFailed(Code.INVALID, _("备案审查结果无效。"), field="outcome")
    follow_ups = (FilingReviewOutcome.CORRECTED, FilingReviewOutcome.REVOKED)
    if filing.review_outcome == FilingReviewOutcome.CORRECTION_REQUIRED:
        if outcome not in follow_ups:
            raise ValidationFailed(
                Code.INVALID,
                _("已要求纠正的，只能记录“已自行纠正”或“予以撤销或改变”。"),
                field="outcome",
            )
    elif outcome == FilingReviewOutcome.CORRECTED:
        raise ValidationFailed(
            Code.INVALID, _("尚未要求纠正的，不能记录“已自行纠正”。"), field="outcome"
        )
    if outcome != FilingReviewOutcome.NO_ISSUE:
        notes = required_text(
            notes, field="notes", message=_("请写明备案审查发现的问题和纠正要求或结果。")
        )
    filing.reviewed_on = check_date(
        reviewed_on, field="reviewed_on", not_before=filing.reviewed_on or filing.filed_on
    )
    filing.review_outcome = outcome
    filing.review_notes = (notes or "").strip()
    filing.review_recorded_by = actor
    filing.save(
        update_fields=["review_outcome", "reviewed_on", "review_notes", "review_recorded_by"]
    )
    event(
        document,
        events.FILING_REVIEWED,
        actor,
        target=filing.target,
        outcome=outcome,
        reviewed_on=reviewed_on,
    )
    return filing
