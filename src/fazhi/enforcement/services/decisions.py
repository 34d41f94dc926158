"""The penalty decision and what follows it: service, publicity, execution, closing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.errors import Conflict, ValidationFailed
from fazhi.core.scoping import require_change
from fazhi.enforcement import clocks, domain
from fazhi.enforcement.error_codes import EnforcementErrorCode as Code
from fazhi.enforcement.models import (
    CaseOutcome,
    CaseStatus,
    DiscretionGrade,
    ExemptionItem,
    PenaltyCase,
    PenaltyKind,
)
from fazhi.enforcement.procedures import CASE
from fazhi.enforcement.rules import rules_on
from fazhi.enforcement.selectors import (
    DiscretionResult,
    discretion_propose,
    hearing_threshold,
    holds_item,
    in_force,
    review_required,
    rights_window_ends,
)
from fazhi.enforcement.services._base import (
    _clock,
    _decision_series,
    _locked_case,
    _not_before,
    _start,
    _stop,
)


def _check_penalty(
    *,
    kinds: Sequence[str],
    fine: Decimal | None,
    proposal: DiscretionResult,
    deviation_reason: str,
) -> bool | None:
    """Validate a penalty against the benchmark; returns whether the proposal was followed."""
    if not kinds:
        raise ValidationFailed(
            Code.PENALTY_KIND_REQUIRED, _("请选择处罚种类。"), field="penalty_kinds"
        )
    if any(k not in PenaltyKind.values for k in kinds):
        raise ValidationFailed(Code.INVALID, _("处罚种类无效。"), field="penalty_kinds")
    if (PenaltyKind.FINE in kinds) != (fine is not None and fine > 0):
        raise ValidationFailed(
            Code.INVALID, _("罚款种类与罚款金额须同时填写。"), field="fine_amount"
        )
    if proposal.grade == DiscretionGrade.NO_PENALTY and not deviation_reason.strip():
        raise ValidationFailed(
            Code.DEVIATION_REASON_REQUIRED,
            _("裁量情节指向不予处罚，给予处罚须说明理由。"),
            field="deviation_reason",
        )
    if fine is None:
        # A non-monetary penalty follows the proposal unless the proposal was not to penalise.
        return proposal.grade != DiscretionGrade.NO_PENALTY if proposal.rows else None
    if proposal.statutory_max is not None and fine > proposal.statutory_max:
        raise ValidationFailed(
            Code.ABOVE_MAXIMUM,
            _("罚款金额超过法定（基准）上限%(max)s元，任何阶次均不得突破。")
            % {"max": proposal.statutory_max},
            field="fine_amount",
        )
    if not proposal.rows:
        return None  # no benchmark in force on the violation date: nothing to follow
    row = proposal.row
    followed = row is not None and row.min_fine <= fine <= row.max_fine
    if not followed and not deviation_reason.strip():
        raise ValidationFailed(
            Code.DEVIATION_REASON_REQUIRED,
            _("罚款金额不在建议阶次（%(grade)s）的基准范围内，须说明未采纳理由。")
            % {"grade": DiscretionGrade(proposal.grade).label},
            field="deviation_reason",
        )
    return followed


@transaction.atomic
def case_decide(
    *,
    actor,
    case: PenaltyCase,
    on: dt.date,
    outcome: str,
    circumstances: Sequence[str] = (),
    penalty_kinds: Sequence[str] = (),
    fine_amount: Decimal | None = None,
    exemption: ExemptionItem | None = None,
    education_given: str = "",
    deviation_reason: str = "",
) -> PenaltyCase:
    """The decision (art 57): every gate is checked before anything is written."""
    case = _locked_case(case)
    CASE.require(actor, case, "decide")
    _not_before(on, case.reviewed_on or case.hearing_held_on or case.notice_on, "on")
    if outcome not in CaseOutcome.values:
        raise ValidationFailed(Code.INVALID, _("处理结果无效。"), field="outcome")
    if case.hearing_requested_on and case.hearing_held_on is None:
        raise ValidationFailed(
            Code.HEARING_PENDING, _("当事人已申请听证，尚未举行。"), field="outcome"
        )
    if review_required(case) and case.status != CaseStatus.REVIEWED:
        raise ValidationFailed(
            Code.REVIEW_REQUIRED,
            _("本案须经法制审核通过后方可作出决定（行政处罚法第五十八条）。"),
            field="outcome",
        )
    if case.is_major and not case.discussion_minutes:
        raise ValidationFailed(
            Code.DISCUSSION_REQUIRED,
            _("重大案件须经集体讨论决定（行政处罚法第五十七条）。"),
            field="outcome",
        )
    if not holds_item(case.organization, case.item, on):
        raise ValidationFailed(
            Code.ITEM_NOT_HELD, _("本单位在决定日不享有该事项的处罚权。"), field="item"
        )
    proposal = discretion_propose(
        item=case.item, on=case.violation_date, circumstances=circumstances
    )
    followed: bool | None = None
    kinds: list[str] = []
    if outcome == CaseOutcome.PENALTY:
        kinds = list(dict.fromkeys(penalty_kinds))
        followed = _check_penalty(
            kinds=kinds,
            fine=fine_amount,
            proposal=proposal,
            deviation_reason=deviation_reason,
        )
        _check_rights(case, on=on, kinds=kinds, fine=fine_amount)
    else:
        fine_amount = None
        if outcome == CaseOutcome.NO_PENALTY_MINOR:
            _check_exemption(case, exemption, on)
            if not education_given.strip():
                raise ValidationFailed(
                    Code.REQUIRED,
                    _("不予处罚的，应当对当事人进行教育（行政处罚法第三十三条）。"),
                    field="education_given",
                )
            followed = proposal.grade == DiscretionGrade.NO_PENALTY
            if not followed and not deviation_reason.strip():
                raise ValidationFailed(
                    Code.DEVIATION_REASON_REQUIRED,
                    _("裁量情节不支持不予处罚，须说明理由。"),
                    field="deviation_reason",
                )
    if outcome != CaseOutcome.NO_PENALTY_MINOR:
        exemption = None
    case.outcome = outcome
    case.decided_on = on
    case.penalty_kinds = kinds
    case.fine_amount = fine_amount
    case.exemption = exemption
    case.education_given = education_given
    case.circumstances = sorted(set(circumstances))
    case.proposed_grade = proposal.grade
    case.benchmark = proposal.row
    case.proposed_min = proposal.row.min_fine if proposal.row else None
    case.proposed_max = proposal.row.max_fine if proposal.row else None
    case.followed_benchmark = followed
    case.deviation_reason = deviation_reason
    case.decision_number = core_services.number_issue(
        series_key=_decision_series(case.organization), year=on.year, subject=case, actor=actor
    ).number
    case.status = CaseStatus.DECIDED
    case.save()
    # The decision ends its own clock and the party's windows, if those never closed.
    for key in (clocks.DECISION.key, clocks.HEARING_REQUEST.key, clocks.STATEMENT.key):
        _stop(case, key, on, actor)
    # Service within 7 working days where the party was not present (art 61).
    label = _("%(number)s 送达") % {"number": case.decision_number}
    _start(case, clocks.SERVICE.key, on, label, actor)
    if outcome == CaseOutcome.PENALTY:
        core_services.clock_start(
            clock_type=clocks.PUBLICITY.key,
            subject=case,
            organization=case.organization,
            start_date=on,
            label=_("%(number)s 公示") % {"number": case.decision_number},
            url=f"/enforcement/cases/{case.pk}/",
            actor=actor,
        )
    core_services.event_record(
        subject=case,
        event_type="enforcement.case_decided",
        actor=actor,
        organization=case.organization,
        details={
            "on": str(on),
            "outcome": outcome,
            "fine": str(fine_amount) if fine_amount is not None else None,
            "proposed_grade": proposal.grade,
            "followed": followed,
        },
    )
    return case


def _check_rights(
    case: PenaltyCase, *, on: dt.date, kinds: Sequence[str], fine: Decimal | None
) -> None:
    """A penalty only after the party's window, and never heavier than notified (art 44-45, 62).

    The hearing threshold is judged on the penalty decided as well as on the one intended: a
    decided penalty that would have opened a hearing needs a fresh notice offering it.
    """
    heavier = (fine or 0) > (case.intended_fine or 0) or bool(set(kinds) - set(case.intended_kinds))
    if heavier:
        raise ValidationFailed(
            Code.HEAVIER_THAN_NOTIFIED,
            _("拟作出的处罚重于告知的处罚，须重新告知（行政处罚法第四十五条）。"),
            field="fine_amount",
        )
    if not case.hearing_offered and domain.needs_hearing(
        fine=fine, kinds=list(kinds), threshold=hearing_threshold(case.party_type)
    ):
        raise ValidationFailed(
            Code.HEARING_NOT_OFFERED,
            _("决定的处罚应当告知听证权利，须重新告知（行政处罚法第六十三条）。"),
            field="fine_amount",
        )
    if case.rights_waived_on is None:
        ends = rights_window_ends(case)
        if ends is not None and on <= ends:
            raise ValidationFailed(
                Code.RIGHTS_WINDOW_OPEN,
                _(
                    "当事人陈述申辩、申请听证的期限至%(date)s届满，此前不得作出处罚决定，"
                    "当事人书面放弃的除外（行政处罚法第四十四条、第六十四条）。"
                )
                % {"date": ends},
                field="on",
            )


def _check_exemption(case: PenaltyCase, exemption: ExemptionItem | None, on: dt.date) -> None:
    if exemption is None:
        raise ValidationFailed(
            Code.REQUIRED, _("轻微违法不予处罚须选择免罚清单事项。"), field="exemption"
        )
    if not ExemptionItem.objects.filter(pk=exemption.pk).filter(in_force(on)).exists():
        raise ValidationFailed(
            Code.EXEMPTION_NOT_IN_FORCE,
            _("所选免罚清单事项在决定日（%(date)s）不在有效清单内。") % {"date": on},
            field="exemption",
        )
    if exemption.item_id != case.item_id:
        raise ValidationFailed(
            Code.EXEMPTION_OTHER_ITEM,
            _("所选免罚清单事项不对应本案的处罚事项。"),
            field="exemption",
        )


@transaction.atomic
def case_serve(*, actor, case: PenaltyCase, on: dt.date, method: str) -> PenaltyCase:
    case = _locked_case(case)
    CASE.require(actor, case, "serve")
    _not_before(on, case.decided_on, "on")
    if not method.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写送达方式。"), field="method")
    case.served_on = on
    case.service_method = method
    case.status = CaseStatus.SERVED
    case.save(update_fields=["served_on", "service_method", "status"])
    _stop(case, clocks.SERVICE.key, on, actor)
    if case.fine_amount:
        label = _("%(number)s 缴纳罚款") % {"number": case.decision_number}
        _start(case, clocks.PAYMENT.key, on, label, actor)
    core_services.event_record(
        subject=case,
        event_type="enforcement.case_served",
        actor=actor,
        organization=case.organization,
        details={"on": str(on), "method": method},
    )
    return case


@transaction.atomic
def case_publish(*, actor, case: PenaltyCase, on: dt.date) -> PenaltyCase:
    """Publicity of a penalty decision (art 48); stops the publicity clock."""
    case = _locked_case(case)
    if case.published_on is not None:
        raise Conflict(Code.DUPLICATE, _("该决定已公示。"), field="published_on")
    CASE.require(actor, case, "publish")
    _not_before(on, case.decided_on, "on")
    case.published_on = on
    case.save(update_fields=["published_on"])
    clock = _clock(case, clocks.PUBLICITY.key)
    if clock is not None:
        core_services.clock_stop(clock=clock, on=on, actor=actor)
    core_services.event_record(
        subject=case,
        event_type="enforcement.case_published",
        actor=actor,
        organization=case.organization,
        details={"on": str(on)},
    )
    return case


@transaction.atomic
def case_execute(*, actor, case: PenaltyCase, on: dt.date, note: str) -> PenaltyCase:
    case = _locked_case(case)
    CASE.require(actor, case, "execute")
    _not_before(on, case.served_on, "on")
    if not note.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写执行情况。"), field="note")
    case.executed_on = on
    case.execution_note = note
    case.status = CaseStatus.EXECUTED
    case.save(update_fields=["executed_on", "execution_note", "status"])
    core_services.event_record(
        subject=case,
        event_type="enforcement.case_executed",
        actor=actor,
        organization=case.organization,
        details={"on": str(on)},
    )
    return case


@transaction.atomic
def case_close(*, actor, case: PenaltyCase, on: dt.date) -> PenaltyCase:
    case = _locked_case(case)
    # Role first, then the two statutory reasons in the party's words, then the state.
    require_change(actor, case.organization, roles=CASE.roles)
    if case.served_on is None:
        raise ValidationFailed(Code.NOT_SERVED, _("决定书尚未送达，不能结案。"), field="status")
    if case.outcome == CaseOutcome.PENALTY and case.executed_on is None:
        raise ValidationFailed(
            Code.NOT_EXECUTED, _("处罚决定尚未执行完毕，不能结案。"), field="status"
        )
    CASE.require(actor, case, "close")
    _not_before(on, case.executed_on or case.served_on, "on")
    case.closed_on = on
    case.status = CaseStatus.CLOSED
    case.save(update_fields=["closed_on", "status"])
    core_services.event_record(
        subject=case,
        event_type="enforcement.case_closed",
        actor=actor,
        organization=case.organization,
        details={"on": str(on)},
    )
    _anchor_closed_case(case, actor)
    return case


def _anchor_closed_case(case: PenaltyCase, actor) -> None:
    """Fix the closed case file's digest in the evidence log (全过程记录, provable later)."""
    from fazhi.enforcement.selectors import case_record_digest
    from fazhi.evidence.services import anchor

    anchored = anchor(
        kind="enforcement_case",
        reference=f"enforcement.case:{case.pk}",
        digest=case_record_digest(case),
    )
    core_services.event_record(
        subject=case,
        event_type="enforcement.case_anchored",
        actor=actor,
        organization=case.organization,
        details={"log_index": anchored.entry.index, "digest": anchored.digest},
    )


@transaction.atomic
def case_publication_withdraw(
    *, actor, case: PenaltyCase, annulled_on: dt.date, on: dt.date, reason: str
) -> PenaltyCase:
    """Withdraw a published decision that was changed, annulled or found unlawful (art 48).

    The 3-working-day clock runs from the annulment; a late withdrawal is recorded as late.
    """
    case = _locked_case(case)
    CASE.require(actor, case, "withdraw_publication")
    _not_before(annulled_on, case.published_on, "annulled_on")
    _not_before(on, annulled_on, "on")
    if not reason.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写撤回理由。"), field="reason")
    case.annulled_on = annulled_on
    case.withdrawn_on = on
    case.withdrawal_reason = reason
    case.save(update_fields=["annulled_on", "withdrawn_on", "withdrawal_reason"])
    label = _("%(number)s 撤回公示") % {"number": case.decision_number}
    _start(case, clocks.WITHDRAWAL.key, annulled_on, label, actor)
    _stop(case, clocks.WITHDRAWAL.key, on, actor)
    core_services.event_record(
        subject=case,
        event_type="enforcement.publication_withdrawn",
        actor=actor,
        organization=case.organization,
        details={"annulled_on": annulled_on, "on": on, "reason": reason},
    )
    return case


@transaction.atomic
def case_payment_record(*, actor, case: PenaltyCase, on: dt.date) -> PenaltyCase:
    """The fine paid: 15 days from receipt, then 3 % of the fine a day, capped at the fine
    (art 67, 72); the surcharge is computed, never typed."""
    case = _locked_case(case)
    CASE.require(actor, case, "pay")
    _not_before(on, case.served_on, "on")
    rules = rules_on(case.served_on)
    case.paid_on = on
    case.surcharge = domain.late_payment_surcharge(
        fine=case.fine_amount,
        due=case.served_on + dt.timedelta(days=rules.payment_days),
        paid_on=on,
        daily_rate=rules.surcharge_daily_rate,
    )
    case.save(update_fields=["paid_on", "surcharge"])
    _stop(case, clocks.PAYMENT.key, on, actor)
    core_services.event_record(
        subject=case,
        event_type="enforcement.fine_paid",
        actor=actor,
        organization=case.organization,
        details={"on": on, "surcharge": case.surcharge},
    )
    return case
