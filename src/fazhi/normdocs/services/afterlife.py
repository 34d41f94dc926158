"""After issue: evaluation, cleanup and the pre-expiry reminders."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.errors import ValidationFailed
from fazhi.normdocs import events, uploads
from fazhi.normdocs.error_codes import NormdocsErrorCode as Code
from fazhi.normdocs.models import (
    CleanupDecision,
    CleanupOutcome,
    DocumentStatus,
    Evaluation,
    EvaluationConclusion,
    EvaluationKind,
    NormativeDocument,
)
from fazhi.normdocs.permissions import (
    DRAFTING_ROLES,
)
from fazhi.normdocs.procedures import DOCUMENT
from fazhi.normdocs.selectors import competition_sunsets_due, due_for_evaluation
from fazhi.normdocs.services._common import check_date, event, locked, required_text

# --- after issue: evaluation and cleanup ------------------------------------------------------


@transaction.atomic
def evaluation_record(
    *,
    actor: User,
    document: NormativeDocument,
    kind: str,
    evaluator: str,
    report: str,
    conclusion: str,
    evaluated_on: dt.date,
    report_upload: tuple[str, bytes] | None = None,
) -> Evaluation:
    """An evaluation of a document in force (own, or a third party's report)."""
    document = locked(document)
    DOCUMENT.require(actor, document, "evaluate")
    if kind not in EvaluationKind.values:
        raise ValidationFailed(Code.INVALID, _("评估方式无效。"), field="kind")
    if conclusion not in EvaluationConclusion.values:
        raise ValidationFailed(Code.INVALID, _("评估结论无效。"), field="conclusion")
    evaluator = required_text(evaluator, field="evaluator", message=_("请填写评估机构。"))
    report = required_text(report, field="report", message=_("请填写评估报告摘要。"))
    evaluated_on = check_date(evaluated_on, field="evaluated_on", not_before=document.issued_on)
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
    event(document, events.EVALUATED, actor, kind=kind, conclusion=conclusion, on=evaluated_on)
    return evaluation


@transaction.atomic
def cleanup_decide(
    *, actor: User, document: NormativeDocument, outcome: str, reason: str, decided_on: dt.date
) -> CleanupDecision:
    """Cleanup: retain, amend (a new draft follows), repeal, or declare invalid."""
    document = locked(document)
    DOCUMENT.require(actor, document, "cleanup")
    if outcome not in CleanupOutcome.values:
        raise ValidationFailed(Code.INVALID, _("清理结果无效。"), field="outcome")
    reason = required_text(reason, field="reason", message=_("请填写清理理由。"))
    decided_on = check_date(decided_on, field="decided_on", not_before=document.issued_on)
    decision = CleanupDecision.objects.create(
        document=document, outcome=outcome, reason=reason, decided_on=decided_on, decided_by=actor
    )
    ends: dict[str, DocumentStatus] = {
        CleanupOutcome.REPEAL: DocumentStatus.REPEALED,
        CleanupOutcome.DECLARE_INVALID: DocumentStatus.DECLARED_INVALID,
    }
    if outcome in ends:
        document.status = ends[outcome]
        document.ended_on = decided_on
        document.save(update_fields=["status", "ended_on"])
    event(document, events.CLEANUP_DECIDED, actor, outcome=outcome, on=decided_on)
    return decision


def evaluation_reminders_raise(*, today: dt.date) -> int:
    """Remind drafting units of documents entering their pre-expiry evaluation window.

    Idempotent: one reminder per document, user and expiry date.
    """
    from django.contrib.auth import get_user_model

    User = get_user_model()
    raised = 0
    for document in due_for_evaluation(today=today):
        if document.valid_until is None:  # the selector returns only documents with one
            continue
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


def competition_sunset_reminders_raise(*, today: dt.date) -> int:
    """Remind the drafting unit before the period of application of a measure issued under a
    fair-competition exception ends (公平竞争审查条例第十二条: a reasonable period or a
    termination condition; how early is configurable, ``competition_sunset_reminder_days``).

    Idempotent: one reminder per review, user and end date.
    """
    from django.contrib.auth import get_user_model

    User = get_user_model()
    raised = 0
    for review in competition_sunsets_due(today=today):
        if review.competition_applies_until is None:  # the selector returns only those with one
            continue
        document = review.document
        recipients = User.objects.filter(
            role_assignments__organization=document.organization,
            role_assignments__role__in=DRAFTING_ROLES,
        ).distinct()
        until = review.competition_applies_until.isoformat()
        for user in recipients:
            raised += core_services.notification_raise(
                user=user,
                title=_("适用公平竞争审查例外规定的实施期限即将届满：%(title)s")
                % {"title": document.title},
                body=_("实施期限至%(date)s（%(basis)s），请评估是否继续实施或予以调整。")
                % {"date": until, "basis": review.competition_exception_basis},
                url=f"/normdocs/{document.pk}/",
                dedupe_key=f"normdocs:competition-sunset:{review.pk}:{until}",
            )
    return raised
