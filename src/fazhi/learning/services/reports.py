"""述法 (leaders' yearly report on their rule-of-law duties, its 评议 and rectification) and the
以案释法 case selection (submissions, judges' scores, awards)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from fazhi.core import services as core_services
from fazhi.core.errors import Conflict, ImportFailed, ValidationFailed
from fazhi.core.models import LeaderLevel, Organization, Person, Role
from fazhi.core.scoping import require_change, scope_for
from fazhi.learning.error_codes import LearningErrorCode as Code
from fazhi.learning.models import (
    Award,
    CaseSelection,
    CaseSubmission,
    Evaluation,
    JudgeScore,
    LawReport,
    ReportForm,
    ReportStatus,
    SelectionStatus,
    SubmissionStatus,
)
from fazhi.learning.procedures import (
    REPORT,
    ROLES,
    SELECTION,
    SUBMISSION,
    rule_of_law_office,
)
from fazhi.learning.services.common import event, events_bulk, not_before, person_by_ref

# --- 述法 ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LawReportRow:
    person: Person
    year: int
    form: str
    reported_on: dt.date
    summary: str
    issues: str = ""


def _row_errors(actor: User, rows: Sequence[LawReportRow]) -> list[dict[str, Any]]:
    scope = scope_for(actor)
    existing = set(
        LawReport.objects.filter(
            person_id__in=[r.person.pk for r in rows], year__in={r.year for r in rows}
        ).values_list("person_id", "year")
    )
    today = timezone.localdate()
    errors: list[dict[str, Any]] = []
    seen: set[tuple[int, int]] = set()
    for number, row in enumerate(rows, start=1):

        def bad(code: str, field: str, detail: str, number: int = number) -> None:
            errors.append({"row": number, "code": code, "field": field, "detail": detail})

        key = (row.person.pk, row.year)
        if not (rule_of_law_office(actor) or scope.can_change(row.person.organization, ROLES)):
            bad("out_of_scope", "person_ref", _("该人员不在您的单位范围内。"))
        elif row.person.leader_level == LeaderLevel.NONE:
            bad(
                Code.NOT_A_LEADER, "person_ref", _("%(name)s 不是领导干部。") % {"name": row.person}
            )
        elif key in existing or key in seen:
            bad(Code.ALREADY_REPORTED, "person_ref", _("该领导干部本年度已述法。"))
        seen.add(key)
        if row.form not in ReportForm.values:
            bad(Code.INVALID, "form", _("述法形式无效。"))
        if not row.summary.strip():
            bad(Code.REQUIRED, "summary", _("请填写述法内容摘要。"))
        if row.reported_on > today:
            bad(Code.INVALID, "reported_on", _("述法日期不能晚于今天。"))
        elif row.reported_on.year not in (row.year, row.year + 1):
            bad(Code.INVALID, "reported_on", _("述法日期应在该年度或次年年初。"))
    return errors


@transaction.atomic
def law_reports_record(*, actor: User, rows: Sequence[LawReportRow]) -> list[LawReport]:
    """Record the year's 述法 of many leaders at once (all or none)."""
    errors = _row_errors(actor, rows)
    if errors:
        if len(rows) == 1:
            first = errors[0]
            if first["code"] == "out_of_scope":
                require_change(actor, rows[0].person.organization, roles=ROLES)
            error = Conflict if first["code"] == Code.ALREADY_REPORTED else ValidationFailed
            raise error(first["code"], first["detail"], field=first["field"])
        raise ImportFailed(
            _("登记未完成：%(count)s处错误，未做任何更改。") % {"count": len(errors)},
            [{k: v for k, v in e.items() if k != "code"} for e in errors],
        )
    reports = [
        LawReport(
            organization=row.person.organization,
            person=row.person,
            year=row.year,
            form=row.form,
            reported_on=row.reported_on,
            summary=row.summary.strip(),
            issues=row.issues.strip(),
        )
        for row in rows
    ]
    reports = bulk_create_with_history(
        reports, LawReport, batch_size=1000, default_user=core_services._user_or_none(actor)
    )
    if any(r.pk is None for r in reports):  # databases that do not return ids on bulk insert
        reports = list(
            LawReport.objects.filter(
                person_id__in=[r.person_id for r in reports], year__in={r.year for r in rows}
            )
        )
    events_bulk(reports, "learning.report_recorded", actor, lambda r: r.organization)
    return reports


def law_report_record(
    *,
    actor: User,
    person_ref: str,
    year: int,
    form: str,
    reported_on: dt.date,
    summary: str,
    issues: str = "",
) -> LawReport:
    """One leader's 述法 (the page and API path of ``law_reports_record``)."""
    row = LawReportRow(
        person=person_by_ref(person_ref),
        year=year,
        form=form,
        reported_on=reported_on,
        summary=summary,
        issues=issues,
    )
    return law_reports_record(actor=actor, rows=[row])[0]


def _locked_report(report: LawReport) -> LawReport:
    return (
        LawReport.objects.select_for_update()
        .select_related("organization", "person")
        .get(pk=report.pk)
    )


@transaction.atomic
def report_evaluate(
    *, actor: User, report: LawReport, evaluation: str, on: dt.date, comment: str = ""
) -> LawReport:
    """评议: the committee's grade; issues found put the report into rectification."""
    report = _locked_report(report)
    REPORT.require(actor, report, "evaluate")
    if evaluation not in Evaluation.values:
        raise ValidationFailed(Code.INVALID, _("评议等次无效。"), field="evaluation")
    if on > timezone.localdate():
        raise ValidationFailed(Code.INVALID, _("评议日期不能晚于今天。"), field="on")
    not_before(on, report.reported_on, "on", _("评议日期不能早于述法日期。"))
    report.evaluation = evaluation
    report.evaluation_comment = comment.strip()
    report.evaluated_on = on
    report.status = ReportStatus.RECTIFYING if report.issues.strip() else ReportStatus.CLOSED
    report.save(update_fields=["evaluation", "evaluation_comment", "evaluated_on", "status"])
    event(report, "learning.report_evaluated", actor, report.organization, evaluation=evaluation)
    return report


@transaction.atomic
def report_rectify(*, actor: User, report: LawReport, rectification: str, on: dt.date) -> LawReport:
    report = _locked_report(report)
    REPORT.require(actor, report, "rectify")
    if not rectification.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写整改情况。"), field="rectification")
    if on > timezone.localdate():
        raise ValidationFailed(Code.INVALID, _("整改完成日期不能晚于今天。"), field="on")
    not_before(on, report.evaluated_on, "on", _("整改完成日期不能早于评议日期。"))
    report.rectification = rectification.strip()
    report.rectified_on = on
    report.status = ReportStatus.CLOSED
    report.save(update_fields=["rectification", "rectified_on", "status"])
    event(report, "learning.report_rectified", actor, report.organization)
    return report


# --- 以案释法 ----------------------------------------------------------------------------------


@transaction.atomic
def selection_create(
    *, actor: User, organization: Organization, year: int, title: str
) -> CaseSelection:
    require_change(actor, organization, roles=(Role.JUSTICE_LEGAL_OFFICER,))
    if not title.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写评选名称。"), field="title")
    selection = CaseSelection.objects.create(
        organization=organization, year=year, title=title.strip()
    )
    event(selection, "learning.selection_created", actor, organization)
    return selection


@transaction.atomic
def selection_close(*, actor: User, selection: CaseSelection) -> CaseSelection:
    selection = CaseSelection.objects.select_for_update().get(pk=selection.pk)
    SELECTION.require(actor, selection, "close")
    selection.status = SelectionStatus.CLOSED
    selection.save(update_fields=["status"])
    event(selection, "learning.selection_closed", actor, selection.organization)
    return selection


@transaction.atomic
def submission_create(
    *,
    actor: User,
    selection: CaseSelection,
    organization: Organization,
    title: str,
    summary: str,
    submitted_on: dt.date,
    case_ref: str = "",
    law=None,
) -> CaseSubmission:
    """A unit sends one of its enforcement cases to the selection (its own legal officer)."""
    require_change(actor, organization, roles=ROLES)
    selection = CaseSelection.objects.select_for_update().get(pk=selection.pk)
    if selection.status != SelectionStatus.OPEN:
        raise Conflict(Code.INVALID, _("该评选已结束，不再接收案例。"), field="selection")
    if not title.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写案例名称。"), field="title")
    if not summary.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写释法要点。"), field="summary")
    if submitted_on > timezone.localdate():
        raise ValidationFailed(Code.INVALID, _("报送日期不能晚于今天。"), field="submitted_on")
    submission = CaseSubmission.objects.create(
        selection=selection,
        organization=organization,
        title=title.strip(),
        case_ref=case_ref.strip(),
        summary=summary.strip(),
        law=law,
        submitted_on=submitted_on,
    )
    event(submission, "learning.case_submitted", actor, organization)
    return submission


def _locked_submission(submission: CaseSubmission) -> CaseSubmission:
    return (
        CaseSubmission.objects.select_for_update()
        .select_related("selection__organization", "organization")
        .get(pk=submission.pk)
    )


@transaction.atomic
def submission_score(
    *, actor: User, submission: CaseSubmission, judge: str, score: Decimal, comment: str = ""
) -> CaseSubmission:
    submission = _locked_submission(submission)
    SUBMISSION.require(actor, submission, "score")
    judge = judge.strip()
    if not judge:
        raise ValidationFailed(Code.REQUIRED, _("请填写评委姓名。"), field="judge")
    if not Decimal(0) <= Decimal(score) <= Decimal(100):
        raise ValidationFailed(Code.INVALID, _("评分应在0到100之间。"), field="score")
    if submission.scores.filter(judge=judge).exists():
        raise Conflict(Code.DUPLICATE, _("该评委已评分。"), field="judge")
    JudgeScore.objects.create(submission=submission, judge=judge, score=score, comment=comment)
    submission.status = SubmissionStatus.SCORED
    submission.save(update_fields=["status"])
    event(submission, "learning.case_scored", actor, submission.organization, judge=judge)
    return submission


@transaction.atomic
def submission_award(*, actor: User, submission: CaseSubmission, award: str) -> CaseSubmission:
    submission = _locked_submission(submission)
    SUBMISSION.require(actor, submission, "award")
    if award not in Award.values:
        raise ValidationFailed(Code.INVALID, _("奖项无效。"), field="award")
    submission.award = award
    submission.status = SubmissionStatus.AWARDED
    submission.save(update_fields=["award", "status"])
    event(submission, "learning.case_awarded", actor, submission.organization, award=award)
    return submission


@transaction.atomic
def submission_decline(*, actor: User, submission: CaseSubmission) -> CaseSubmission:
    submission = _locked_submission(submission)
    SUBMISSION.require(actor, submission, "decline")
    submission.status = SubmissionStatus.NOT_AWARDED
    submission.save(update_fields=["status"])
    event(submission, "learning.case_not_awarded", actor, submission.organization)
    return submission
