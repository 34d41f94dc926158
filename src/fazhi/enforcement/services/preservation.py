"""先行登记保存 (行政处罚法 art 56): evidence at risk registered with the head's approval, and the
decision on it within 7 working days (art 85). Each registration has its own clock."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import dating
from fazhi.core import services as core_services
from fazhi.core.errors import Conflict, ValidationFailed
from fazhi.enforcement import clocks
from fazhi.enforcement.error_codes import EnforcementErrorCode as Code
from fazhi.enforcement.models import (
    EvidencePreservation,
    PenaltyCase,
    PreservationOutcome,
)
from fazhi.enforcement.procedures import CASE
from fazhi.enforcement.rules import (
    PRESERVATION_OUTCOMES_SOURCE,
    preservation_outcome_rule,
    rules_on,
)
from fazhi.enforcement.services._base import _locked_case, _not_before, add_working_days


def open_preservation(case: PenaltyCase) -> EvidencePreservation | None:
    """The registration still awaiting its decision (one at a time per case)."""
    return case.preservations.filter(decided_on__isnull=True).order_by("id").first()


def _basis_resolves(text: str) -> bool:
    """Whether ``text`` cites an article the law base holds (a law allowing the measure)."""
    from fazhi.lawbase.domain import find_citations
    from fazhi.lawbase.selectors import best_resolver

    mentions = [m for m in find_citations(text) if m.looks_like_instrument]
    if not mentions or mentions[0].article is None:
        return False
    result = best_resolver().resolve(mentions[0], None)
    return bool(result.ok and result.law is not None)


@transaction.atomic
def case_evidence_preserve(
    *, actor, case: PenaltyCase, items: str, place: str, approved_by: str
) -> EvidencePreservation:
    """登记保存 on the server's date, approved by the agency's head; starts the 7-day clock."""
    case = _locked_case(case)
    CASE.require(actor, case, "preserve")
    on = dating.today()
    _not_before(on, case.opened_on, "on")
    if open_preservation(case) is not None:
        raise Conflict(
            Code.PRESERVATION_PENDING,
            _("本案已有先行登记保存尚未作出处理决定，请先作出处理决定。"),
            field="items",
        )
    for field, value, message in (
        ("items", items, _("请填写登记保存的证据物品（名称、数量）。")),
        ("place", place, _("请填写保存地点。")),
        (
            "approved_by",
            approved_by,
            _("先行登记保存须经行政机关负责人批准（行政处罚法第五十六条），请填写批准的负责人。"),
        ),
    ):
        if not value.strip():
            raise ValidationFailed(Code.REQUIRED, message, field=field)
    days = rules_on(on).preservation_days
    preservation = EvidencePreservation.objects.create(
        case=case,
        items=items.strip(),
        place=place.strip()[:200],
        approved_by=approved_by.strip()[:60],
        registered_on=on,
        registered_by=actor,
        due_on=add_working_days(on, days),
    )
    core_services.clock_start(
        clock_type=clocks.PRESERVATION.key,
        subject=preservation,
        organization=case.organization,
        start_date=on,
        label=_("%(number)s 先行登记保存处理决定") % {"number": case.case_number},
        url=f"/enforcement/cases/{case.pk}/",
        actor=actor,
    )
    core_services.event_record(
        subject=case,
        event_type="enforcement.evidence_preserved",
        actor=actor,
        organization=case.organization,
        details={
            "on": on,
            "items": preservation.items,
            "place": preservation.place,
            "approved_by": preservation.approved_by,
            "due_on": preservation.due_on,
        },
    )
    return preservation


@transaction.atomic
def case_preservation_decide(
    *, actor, case: PenaltyCase, outcome: str, basis: str = "", note: str = ""
) -> EvidencePreservation:
    """处理决定 on the preserved evidence on the server's date, closing its clock (art 56).

    After the 7 working days only a release can be recorded (the measure has lapsed; the sector
    rule, UNCONFIRMED, is data in ``rules.PRESERVATION_OUTCOMES``); a seizure or confiscation
    cites the law that allows it, resolved in the law base.
    """
    case = _locked_case(case)
    CASE.require(actor, case, "preservation_decide")
    preservation = open_preservation(case)
    if preservation is None:  # the guard admits the step only with one open; kept for safety
        raise Conflict(Code.NO_PRESERVATION, _("本案没有待处理的先行登记保存。"))
    preservation = EvidencePreservation.objects.select_for_update().get(pk=preservation.pk)
    rule = preservation_outcome_rule(outcome)
    if outcome not in PreservationOutcome.values or rule is None:
        raise ValidationFailed(Code.INVALID, _("处理决定无效。"), field="outcome")
    on = dating.today()
    if on > preservation.due_on and not rule.allowed_after_due:
        raise ValidationFailed(
            Code.PRESERVATION_LATE,
            _(
                "先行登记保存应当在七个工作日内作出处理决定（行政处罚法第五十六条，截止%(due)s）；"
                "逾期未作出的，只能解除登记保存（%(source)s）。"
            )
            % {"due": preservation.due_on, "source": PRESERVATION_OUTCOMES_SOURCE},
            field="outcome",
        )
    if rule.needs_basis and not _basis_resolves(basis):
        raise ValidationFailed(
            Code.PRESERVATION_BASIS_REQUIRED,
            _("查封、扣押或者没收须引用允许该措施的法律、法规条文（须能在法规库中核对）。"),
            field="basis",
        )
    preservation.decided_on = on
    preservation.outcome = outcome
    preservation.outcome_basis = basis.strip()[:200]
    preservation.outcome_note = note.strip()[:300]
    preservation.save(update_fields=["decided_on", "outcome", "outcome_basis", "outcome_note"])
    clock = core_services.clock_for(preservation, clocks.PRESERVATION.key)
    if clock is not None:
        core_services.clock_stop(clock=clock, on=on, actor=actor)
    core_services.event_record(
        subject=case,
        event_type="enforcement.preservation_decided",
        actor=actor,
        organization=case.organization,
        details={
            "on": on,
            "outcome": str(PreservationOutcome(outcome).label),
            "basis": preservation.outcome_basis,
            "late": on > preservation.due_on,
        },
    )
    return preservation
