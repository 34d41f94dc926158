"""Every write of the annual report: create, draft, edit, and the declared steps.

Approval freezes each referenced figure with its value, numerator, denominator, the time and the
exact records it counted, so a published report never changes when records change later.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import indicators
from fazhi.core import services as core_services
from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import Conflict, PermissionDenied, ValidationFailed
from fazhi.core.models import Clock, ClockStatus, Organization
from fazhi.core.scoping import require_read
from fazhi.reports import clocks, drafting, figures, permissions
from fazhi.reports.error_codes import ReportErrorCode as Code
from fazhi.reports.models import (
    EDITABLE_STATUSES,
    SECTION_ORDER,
    AnnualReport,
    FrozenFigure,
    FrozenRecord,
    ReportSection,
    ReviewComment,
    SectionCode,
    Status,
)
from fazhi.reports.procedures import REPORT

# The organisation a report's figures are computed for is the reporting organisation's subtree.


def _event(report: AnnualReport, event_type: str, actor: User, **details: Any) -> None:
    core_services.event_record(
        subject=report,
        event_type=event_type,
        actor=actor,
        organization=report.organization,
        details=details,
    )


def _locked(report: AnnualReport) -> AnnualReport:
    return AnnualReport.objects.select_for_update().select_related("organization").get(pk=report.pk)


def _refuse_unless_editable(report: AnnualReport) -> None:
    if report.status not in EDITABLE_STATUSES:
        raise Conflict(
            Code.FROZEN,
            _("报告已批准冻结（%(state)s），不能再修改。") % {"state": report.get_status_display()},
            field="status",
        )


def _require_edit(actor: User, report: AnnualReport) -> None:
    require_read(actor, report.organization)
    if not permissions.may_edit(actor, report):
        raise PermissionDenied(CoreErrorCode.FORBIDDEN_ROLE, _("您的角色无权编写该报告。"))


def _check_references(text: str, field: str) -> None:
    unknown = figures.unknown_references(text)
    if unknown:
        raise ValidationFailed(
            Code.UNKNOWN_INDICATOR,
            _("引用了未登记的指标：%(keys)s。请从“插入指标”中选择。")
            % {"keys": "、".join(unknown)},
            field=field,
        )


def default_title(organization: Organization, year: int) -> str:
    return f"{organization.name}{year}年度法治政府建设情况报告"


def section_title(code: str, year: int) -> str:
    if code == SectionCode.C4:
        return f"{year + 1}年度工作计划"
    return str(SectionCode(code).label)


@transaction.atomic
def report_create(
    *,
    actor: User,
    organization: Organization,
    year: int,
    addressee: str = "",
    issuer: str = "",
    title: str = "",
) -> AnnualReport:
    """A report for one organisation and year, with its five statutory sections and clocks."""
    require_read(actor, organization)
    if not permissions.may_create(actor, organization):
        raise PermissionDenied(CoreErrorCode.FORBIDDEN_ROLE, _("您的角色无权编写该单位的报告。"))
    today = timezone.localdate()
    if not 2000 <= year <= today.year:
        raise ValidationFailed(Code.INVALID, _("年度须在2000年至今年之间。"), field="year")
    if AnnualReport.objects.filter(organization=organization, year=year).exists():
        raise Conflict(Code.DUPLICATE, _("该单位该年度的报告已存在。"), field="year")
    report = AnnualReport.objects.create(
        organization=organization,
        year=year,
        title=title or default_title(organization, year),
        addressee=addressee,
        issuer=issuer or organization.name,
        created_by=actor,
    )
    ReportSection.objects.bulk_create(
        ReportSection(report=report, code=code, title=section_title(code, year), order=index)
        for index, code in enumerate(SECTION_ORDER)
    )
    year_end = dt.date(year, 12, 31)
    for clock_type in (clocks.SUBMISSION, clocks.PUBLICATION):
        core_services.clock_start(
            clock_type=clock_type.key,
            subject=report,
            organization=organization,
            start_date=year_end,
            label=f"{report.title}（{clock_type.name}）",
            url=reverse("reports:detail", args=[report.pk]),
            actor=actor,
        )
    _event(report, "reports.created", actor, year=year)
    return report


@transaction.atomic
def report_generate_draft(
    *, actor: User, report: AnnualReport, overwrite: bool = False
) -> AnnualReport:
    """Fill the sections from the indicators and records; filled sections are kept unless
    ``overwrite``."""
    report = _locked(report)
    _require_edit(actor, report)
    if report.status != Status.DRAFT:
        raise Conflict(Code.FROZEN, _("只有起草中的报告可以生成初稿。"), field="status")
    generated = drafting.draft_sections(report.year, report.organization)
    if not report.opening:
        report.opening = (
            f"{report.year}年，{report.organization.name}坚持以习近平法治思想为指导，"
            "全面落实法治政府建设实施纲要，现将有关情况报告如下："
        )
        report.save(update_fields=["opening"])
    filled = []
    for section in report.sections.select_for_update():
        text = generated.get(section.code, "")
        if text and (overwrite or not section.body.strip()):
            section.body = text
            section.save(update_fields=["body", "updated_at"])
            filled.append(section.code)
    _event(report, "reports.draft_generated", actor, sections=filled)
    return report


@transaction.atomic
def section_update(*, actor: User, section: ReportSection, body: str) -> ReportSection:
    """Save a section's text; every ``{{key}}`` must name a registered indicator."""
    report = _locked(section.report)
    _require_edit(actor, report)
    _refuse_unless_editable(report)
    _check_references(body, "body")
    section = ReportSection.objects.select_for_update().get(pk=section.pk)
    section.body = body
    section.save(update_fields=["body", "updated_at"])
    _event(report, "reports.section_updated", actor, section=section.code)
    return section


# --- the declared steps -------------------------------------------------------------------------


@transaction.atomic
def report_review_start(*, actor: User, report: AnnualReport) -> AnnualReport:
    report = _locked(report)
    REPORT.require(actor, report, "review")
    report.status = Status.REVIEW
    report.save(update_fields=["status"])
    _event(report, "reports.review_started", actor)
    return report


@transaction.atomic
def report_comment(
    *, actor: User, report: AnnualReport, body: str, section: ReportSection | None = None
) -> ReviewComment:
    report = _locked(report)
    REPORT.require(actor, report, "comment")
    if not body.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写审核意见。"), field="body")
    if section is not None and section.report_id != report.pk:
        raise ValidationFailed(Code.INVALID, _("章节不属于该报告。"), field="section")
    comment = ReviewComment.objects.create(
        report=report, section=section, author=actor, body=body.strip()
    )
    _event(report, "reports.commented", actor, section=section.code if section else "")
    return comment


@transaction.atomic
def report_return(*, actor: User, report: AnnualReport, reason: str) -> AnnualReport:
    report = _locked(report)
    REPORT.require(actor, report, "return_draft")
    if not reason.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写退回理由。"), field="reason")
    ReviewComment.objects.create(report=report, author=actor, body=reason.strip())
    report.status = Status.DRAFT
    report.save(update_fields=["status"])
    _event(report, "reports.returned", actor, reason=reason.strip())
    return report


def _texts(report: AnnualReport) -> list[str]:
    return [report.opening, *report.sections.values_list("body", flat=True)]


def _freeze(report: AnnualReport, now: dt.datetime) -> int:
    keys = list(dict.fromkeys(k for text in _texts(report) for k in figures.references(text)))
    computed = figures.live(keys, report.year, report.organization)
    for key in keys:
        figure = computed[key]
        selected = indicators.records(key, report.year, report.organization)
        frozen = FrozenFigure.objects.create(
            report=report,
            key=key,
            name=figure.name,
            unit=figure.unit,
            definition=figure.definition,
            value=figure.value,
            numerator=figure.numerator,
            denominator=figure.denominator,
            computed_at=now,
            query={
                "indicator": key,
                "year": report.year,
                "scope": report.organization.code,
                "computed_at": now.isoformat(),
            },
            record_model=selected.queryset.model._meta.label_lower if selected else "",
        )
        if selected is None:
            continue
        ids = list(selected.queryset.order_by().values_list("pk", flat=True))
        numerator_ids = (
            set(
                selected.queryset.filter(selected.numerator).order_by().values_list("pk", flat=True)
            )
            if selected.numerator is not None
            else None
        )
        FrozenRecord.objects.bulk_create(
            (
                FrozenRecord(
                    figure=frozen,
                    object_pk=pk,
                    in_numerator=numerator_ids is None or pk in numerator_ids,
                )
                for pk in ids
            ),
            batch_size=2000,
        )
        frozen.record_count = len(ids)
        frozen.save(update_fields=["record_count"])
    return len(keys)


@transaction.atomic
def report_approve(*, actor: User, report: AnnualReport) -> AnnualReport:
    """The principal leader approves: every section present, every reference known; freeze."""
    report = _locked(report)
    REPORT.require(actor, report, "approve")
    sections = list(report.sections.all())
    missing = [s.title for s in sections if not s.body.strip()]
    if missing or len(sections) < len(SECTION_ORDER):
        raise ValidationFailed(
            Code.SECTION_MISSING,
            _("以下章节尚未填写，不能批准：%(sections)s（无内容的写“无”）。")
            % {"sections": "、".join(missing)},
            field="sections",
        )
    for text in _texts(report):
        _check_references(text, "sections")
    now = timezone.now()
    count = _freeze(report, now)
    report.status = Status.APPROVED
    report.approved_by = actor
    report.approved_at = now
    report.report_date = timezone.localdate()
    report.save(update_fields=["status", "approved_by", "approved_at", "report_date"])
    _event(report, "reports.approved", actor, figures=count)
    return report


def _act_date(on: dt.date | None, reason: str, field: str) -> tuple[dt.date, str]:
    """The server's date, or an earlier one (paper records) with a reason; never the future."""
    today = timezone.localdate()
    if on is None:
        return today, ""
    if on > today:
        raise ValidationFailed(Code.DATE_IN_FUTURE, _("日期不能晚于今天。"), field=field)
    if on < today and not reason.strip():
        raise ValidationFailed(
            Code.BACKDATE_REASON, _("补录今天以前的日期须说明理由。"), field="reason"
        )
    return on, reason.strip()


def _clock_stop(report: AnnualReport, clock_type: str, on: dt.date, actor: User) -> None:
    from django.contrib.contenttypes.models import ContentType

    clock = Clock.objects.filter(
        clock_type=clock_type,
        content_type=ContentType.objects.get_for_model(AnnualReport),
        object_id=str(report.pk),
    ).first()
    if clock is not None and clock.status != ClockStatus.STOPPED:
        core_services.clock_stop(clock=clock, on=max(on, clock.start_date), actor=actor)


@transaction.atomic
def report_submit(
    *,
    actor: User,
    report: AnnualReport,
    recipients: str,
    submitted_on: dt.date | None = None,
    reason: str = "",
) -> AnnualReport:
    report = _locked(report)
    REPORT.require(actor, report, "submit")
    if not recipients.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写报送对象。"), field="recipients")
    on, reason = _act_date(submitted_on, reason, "submitted_on")
    report.recipients = recipients.strip()
    report.submitted_on = on
    report.submitted_late_reason = reason
    report.status = Status.SUBMITTED
    report.save(update_fields=["recipients", "submitted_on", "submitted_late_reason", "status"])
    _clock_stop(report, clocks.SUBMISSION.key, on, actor)
    _event(report, "reports.submitted", actor, on=on, recipients=report.recipients)
    return report


@transaction.atomic
def report_publish(
    *,
    actor: User,
    report: AnnualReport,
    url: str = "",
    published_on: dt.date | None = None,
    reason: str = "",
) -> AnnualReport:
    report = _locked(report)
    REPORT.require(actor, report, "publish")
    on, _reason = _act_date(published_on, reason, "published_on")
    report.published_on = on
    report.published_url = url
    report.status = Status.PUBLISHED
    report.save(update_fields=["published_on", "published_url", "status"])
    _clock_stop(report, clocks.PUBLICATION.key, on, actor)
    _event(report, "reports.published", actor, on=on)
    return report
