"""Review of a draft: joint-review types, submission, joint reviews, the legality opinion."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.consultations import selectors as consultation_selectors
from fazhi.consultations.models import ConsultationStatus
from fazhi.core import dating
from fazhi.core import services as core_services
from fazhi.core.calendar import due_on
from fazhi.core.dating import act_date, period_start
from fazhi.core.errors import Conflict, ValidationFailed
from fazhi.core.models import Organization
from fazhi.core.scoping import require_role
from fazhi.normdocs import clocks, events
from fazhi.normdocs.error_codes import NormdocsErrorCode as Code
from fazhi.normdocs.models import (
    CompetitionConclusion,
    DocumentStatus,
    JointReview,
    JointReviewOutcome,
    LegalityOutcome,
    LegalityReview,
    NormativeDocument,
    ReviewType,
)
from fazhi.normdocs.permissions import (
    CONFIGURATION_ROLES,
)
from fazhi.normdocs.procedures import DOCUMENT, JOINT_REVIEW
from fazhi.normdocs.rules import (
    FAIR_COMPETITION_CODE,
    REGULATION_2024,
    REGULATION_FROM,
    RULES_2021,
    rule,
)
from fazhi.normdocs.rules import competition_exception as rule_exception
from fazhi.normdocs.services._common import check_date, clock_of, event, locked, required_text

# --- reviews -----------------------------------------------------------------------------------


@transaction.atomic
def review_type_configure(
    *,
    actor: User,
    code: str,
    name: str,
    owner_unit: Organization,
    configured_on: dt.date,
    legal_basis: str = "",
    required_for_market_related: bool = False,
) -> ReviewType:
    """Add a joint-review dimension owned by a unit (administrators and the justice bureau)."""
    require_role(actor, *CONFIGURATION_ROLES)
    code = required_text(code, field="code", message=_("请填写编码。"))
    name = required_text(name, field="name", message=_("请填写审查类型名称。"))
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
    *,
    actor: User,
    document: NormativeDocument,
    review_type_codes: Iterable[str],
    on: dt.date | None = None,
    backdate_reason: str = "",
) -> LegalityReview:
    """Send the draft to the legality review and to each required joint review (a new round).

    The first submission needs the public comment finished: closed and its adoption summary
    published. Market-related documents must include every review marked mandatory for them.
    """
    document = locked(document)
    DOCUMENT.require(actor, document, "submit_for_review")
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
    # The submission date is today; an earlier one (a paper record) needs a reason, and a
    # resubmission can never be dated before the return it answers.
    submitted = act_date(on, reason=backdate_reason, field="on", not_before=_last_step_on(document))
    on = submitted.on
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
        document=document,
        round=document.review_round,
        submitted_on=on,
        recorded_on=submitted.recorded_on,
        submission_backdate_reason=submitted.reason,
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
    event(
        document,
        events.REVIEW_SUBMITTED,
        actor,
        round=document.review_round,
        on=on,
        review_types=codes,
        **submitted.details(),
    )
    return legality


def _last_step_on(document: NormativeDocument):
    """The latest date the draft came back on: comment closed, opinion returned, meeting."""
    previous = (
        document.legality_reviews.exclude(concluded_on=None)
        .order_by("-round")
        .values_list("concluded_on", flat=True)
        .first()
    )
    dates = [d for d in (document.comment_completed_on, previous, document.meeting_date) if d]
    return max(dates) if dates else None


def _competition_conclusion(
    review: JointReview,
    *,
    outcome: str,
    on: dt.date,
    conclusion: str,
    exception: str,
    justification: str,
    no_less_restrictive_alternative: bool,
    applies_until: dt.date | None,
    termination_condition: str,
) -> None:
    """Check and set the fair-competition conclusion (公平竞争审查条例第十二条、第十七条、
    第十八条; before 2024-08-01 国发〔2016〕34号 and its 细则, not in the law base)."""

    def basis(article: str) -> str:
        if on >= REGULATION_FROM:
            return f"{REGULATION_2024}{article}"
        return f"{RULES_2021}（法律库未收录，UNRESOLVED）"

    if conclusion not in CompetitionConclusion.values:
        raise ValidationFailed(
            Code.COMPETITION_CONCLUSION,
            _("请选择公平竞争审查结论（%(basis)s）。") % {"basis": basis("第十七条")},
            field="competition_conclusion",
        )
    if conclusion == CompetitionConclusion.RESTRICTIVE and outcome != JointReviewOutcome.NOT_PASSED:
        raise ValidationFailed(
            Code.COMPETITION_CONCLUSION,
            _(
                "具有排除、限制竞争效果且不适用例外规定的，审查结论应为“不通过”，不得出台"
                "（%(basis)s）。"
            )
            % {"basis": basis("第十八条")},
            field="outcome",
        )
    if conclusion != CompetitionConclusion.RESTRICTIVE and outcome == JointReviewOutcome.NOT_PASSED:
        raise ValidationFailed(
            Code.COMPETITION_CONCLUSION,
            _("审查结论为“不通过”的，公平竞争审查结论应为“不得出台”。"),
            field="competition_conclusion",
        )
    review.competition_conclusion = conclusion
    review.competition_exception = ""
    review.competition_exception_basis = ""
    review.competition_exception_resolved = False
    review.competition_justification = ""
    review.competition_applies_until = None
    review.competition_termination_condition = ""
    if conclusion != CompetitionConclusion.EXCEPTION:
        return
    found = rule_exception(exception, on)
    if found is None:
        raise ValidationFailed(
            Code.COMPETITION_CONCLUSION,
            _("请选择%(date)s有效的例外情形。") % {"date": on.isoformat()},
            field="competition_exception",
        )
    justification = required_text(
        justification,
        field="competition_justification",
        message=_("适用例外规定的，应当在审查结论中详细说明（%(basis)s）。")
        % {"basis": basis("第十七条第二款")},
    )
    if not no_less_restrictive_alternative:
        raise ValidationFailed(
            Code.COMPETITION_CONCLUSION,
            _("适用例外规定须没有对公平竞争影响更小的替代方案（%(basis)s）。")
            % {"basis": basis("第十二条")},
            field="no_less_restrictive_alternative",
        )
    termination_condition = (termination_condition or "").strip()
    if applies_until is None and not termination_condition:
        raise ValidationFailed(
            Code.COMPETITION_CONCLUSION,
            _("适用例外规定须确定合理的实施期限或者终止条件（%(basis)s）。")
            % {"basis": basis("第十二条")},
            field="competition_applies_until",
        )
    if applies_until is not None and applies_until <= on:
        raise ValidationFailed(
            Code.INVALID_DATE, _("实施期限应晚于审查日期。"), field="competition_applies_until"
        )
    review.competition_exception = found.key
    review.competition_exception_basis = found.article
    review.competition_exception_resolved = found.resolved
    review.competition_justification = justification
    review.competition_applies_until = applies_until
    review.competition_termination_condition = termination_condition


@transaction.atomic
def joint_review_record(
    *,
    actor: User,
    review: JointReview,
    outcome: str,
    opinion: str = "",
    on: dt.date,
    competition_conclusion: str = "",
    competition_exception: str = "",
    competition_justification: str = "",
    no_less_restrictive_alternative: bool = False,
    competition_applies_until: dt.date | None = None,
    competition_termination_condition: str = "",
) -> JointReview:
    """The unit owning a review type records its conclusion for the current round. The
    fair-competition review also records its conclusion, any exception relied on (the article
    of the instrument in force on the day of the review) and the period of application."""
    review = (
        JointReview.objects.select_for_update()
        .select_related("review_type__owner_unit", "document")
        .get(pk=review.pk)
    )
    review.document = document = locked(review.document)
    JOINT_REVIEW.require(actor, review, "conclude")
    if outcome not in JointReviewOutcome.values:
        raise ValidationFailed(Code.INVALID, _("审查结论无效。"), field="outcome")
    if outcome != JointReviewOutcome.PASSED:
        required_text(opinion, field="opinion", message=_("未直接通过的，应当写明审查意见。"))
    legality = document.legality_reviews.get(round=document.review_round)
    review.concluded_on = check_date(on, field="on", not_before=legality.submitted_on)
    if review.review_type.code == FAIR_COMPETITION_CODE:
        _competition_conclusion(
            review,
            outcome=outcome,
            on=on,
            conclusion=competition_conclusion,
            exception=competition_exception,
            justification=competition_justification,
            no_less_restrictive_alternative=no_less_restrictive_alternative,
            applies_until=competition_applies_until,
            termination_condition=competition_termination_condition,
        )
    review.outcome = outcome
    review.opinion = (opinion or "").strip()
    review.reviewer = actor
    review.save()
    event(
        document,
        events.JOINT_REVIEW_RECORDED,
        actor,
        review_type=review.review_type.code,
        outcome=outcome,
        on=on,
        competition_conclusion=review.competition_conclusion,
        competition_exception_basis=review.competition_exception_basis,
    )
    return review


def legality_earliest_conclusion(review: LegalityReview, on: dt.date | None = None) -> dt.date:
    """The reviewer has at least the minimum review time (counted like any statutory period).

    Counted from the submission; when the review runs in the system (concluded on or after the
    day the submission was entered) from that day, so back-dating never shortens it.
    """
    minimum = rule("legality_review_minimum_days")
    start = period_start(
        start_on=review.submitted_on,
        start_recorded_on=review.recorded_on or review.submitted_on,
        end_on=on or dating.today(),
    )
    return due_on(start=start, length=minimum.value, basis=minimum.unit)


@transaction.atomic
def legality_conclude(
    *,
    actor: User,
    document: NormativeDocument,
    outcome: str,
    opinion: str,
    on: dt.date | None = None,
    backdate_reason: str = "",
) -> LegalityReview:
    """The justice bureau's legality opinion: the hard gate before collective deliberation."""
    document = locked(document)
    DOCUMENT.require(actor, document, "legality_conclude")
    review = LegalityReview.objects.select_for_update().get(
        document=document, round=document.review_round
    )
    if outcome not in LegalityOutcome.values:
        raise ValidationFailed(Code.INVALID, _("审核结论无效。"), field="outcome")
    opinion = required_text(opinion, field="opinion", message=_("请填写合法性审核意见。"))
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
    concluded = act_date(on, reason=backdate_reason, field="on", not_before=review.submitted_on)
    on = concluded.on
    earliest = legality_earliest_conclusion(review, on)
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
    review.conclusion_backdate_reason = concluded.reason
    review.conclusion_backdate_reason = concluded.reason
    review.save()
    clock = clock_of(review, clocks.LEGALITY_REVIEW)
    core_services.clock_stop(clock=clock, on=on, actor=actor)
    document.status = (
        DocumentStatus.LEGALITY_PASSED
        if outcome == LegalityOutcome.LAWFUL
        else DocumentStatus.DRAFTING
    )
    document.save(update_fields=["status"])
    event(document, events.LEGALITY_CONCLUDED, actor, outcome=outcome, on=on, **concluded.details())
    return review
