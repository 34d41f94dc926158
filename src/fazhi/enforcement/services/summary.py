"""The summary procedure (简易程序, 行政处罚法 art 51–53): decided on the spot, then filed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.errors import ValidationFailed
from fazhi.core.models import Clock, ClockStatus, NumberSeries, Organization, Person
from fazhi.core.scoping import require_change
from fazhi.enforcement import clocks
from fazhi.enforcement.certificates import officers_from_numbers
from fazhi.enforcement.error_codes import EnforcementErrorCode as Code
from fazhi.enforcement.models import (
    EnforcementItem,
    PartyType,
    PenaltyKind,
    SummaryDecision,
    SummaryStatus,
)
from fazhi.enforcement.permissions import CASE_ROLES
from fazhi.enforcement.procedures import SUMMARY
from fazhi.enforcement.rules import rules_on
from fazhi.enforcement.selectors import holds_item
from fazhi.enforcement.services._base import Party, _not_before
from fazhi.enforcement.services.cases import _certified_officer, _officer_names

SUMMARY_KINDS = (PenaltyKind.WARNING, PenaltyKind.FINE)


def _series(organization: Organization) -> str:
    key = f"enforcement-summary-{organization.code}".lower()
    if not NumberSeries.objects.filter(key=key).exists():
        short = organization.short_name or organization.name
        core_services.number_series_create(
            key=key,
            name=_("%(name)s当场行政处罚决定书") % {"name": short},
            template=f"海{short}罚当〔{{year}}〕{{seq}}号",
            organization=organization,
        )
    return key


def summary_ceiling(party_type: str, on: dt.date) -> Decimal:
    """The largest fine the summary procedure allows on ``on`` (art 51, dated in ``rules``)."""
    rules = rules_on(on)
    if party_type == PartyType.CITIZEN:
        return rules.summary_max_fine_citizen
    return rules.summary_max_fine_organization


@transaction.atomic
def summary_decide(
    *,
    actor,
    organization: Organization,
    item: EnforcementItem,
    party: Party,
    facts: str,
    place: str,
    decided_on: dt.date,
    penalty_kinds: Sequence[str],
    fine_amount: Decimal | None = None,
    officers: Sequence[Person | str] = (),
    party_refused_to_sign: bool = False,
) -> SummaryDecision:
    """当场处罚 (art 51–52): a warning or a fine ≤ ¥200 (citizen) / ≤ ¥3,000 (organisation),
    by officers showing a valid certificate, on a numbered form; the filing clock starts."""
    require_change(actor, organization, roles=CASE_ROLES)
    if party.type not in PartyType.values:
        raise ValidationFailed(Code.INVALID, _("当事人类型无效。"), field="party_type")
    if not party.name.strip() or not party.id_number.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写当事人名称和证件号码。"), field="party_name")
    if not facts.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写违法事实。"), field="facts")
    if not place.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写违法行为地点。"), field="place")
    kinds = list(dict.fromkeys(penalty_kinds))
    if not kinds or any(k not in SUMMARY_KINDS for k in kinds):
        raise ValidationFailed(
            Code.SUMMARY_NOT_ELIGIBLE,
            _("简易程序只适用于警告或者罚款（行政处罚法第五十一条）。"),
            field="penalty_kinds",
        )
    if (PenaltyKind.FINE in kinds) != (fine_amount is not None and fine_amount > 0):
        raise ValidationFailed(
            Code.INVALID, _("罚款种类与罚款金额须同时填写。"), field="fine_amount"
        )
    ceiling = summary_ceiling(party.type, decided_on)
    if fine_amount is not None and fine_amount > ceiling:
        raise ValidationFailed(
            Code.SUMMARY_NOT_ELIGIBLE,
            _("当场罚款不得超过%(max)s元（行政处罚法第五十一条），超过的应当适用普通程序。")
            % {"max": ceiling},
            field="fine_amount",
        )
    if not holds_item(organization, item, decided_on):
        raise ValidationFailed(
            Code.ITEM_NOT_HELD, _("本单位在决定日不享有该事项的处罚权。"), field="item"
        )
    named = officers_from_numbers([o for o in officers if isinstance(o, str)])
    people = list(
        {p.pk: p for p in [o for o in officers if isinstance(o, Person)] + named}.values()
    )
    if not people:
        raise ValidationFailed(
            Code.REQUIRED,
            _("请填写出示执法证件的执法人员（行政处罚法第五十二条）。"),
            field="officers",
        )
    assigned = [(p, _certified_officer(p, organization, decided_on, "officers")) for p in people]
    decision = SummaryDecision(
        organization=organization,
        item=item,
        party_type=party.type,
        party_name=party.name,
        party_id_number=party.id_number,
        facts=facts,
        place=place,
        decided_on=decided_on,
        penalty_kinds=kinds,
        fine_amount=fine_amount if PenaltyKind.FINE in kinds else None,
        officers=_officer_names(assigned),
        party_refused_to_sign=party_refused_to_sign,
    )
    decision.number = core_services.number_issue(
        series_key=_series(organization), year=decided_on.year, actor=actor
    ).number
    decision.save()
    core_services.clock_start(
        clock_type=clocks.SUMMARY_FILING.key,
        subject=decision,
        organization=organization,
        start_date=decided_on,
        label=_("%(number)s 备案") % {"number": decision.number},
        url=f"/enforcement/summary/{decision.pk}/",
        actor=actor,
    )
    core_services.event_record(
        subject=decision,
        event_type="enforcement.summary_decided",
        actor=actor,
        organization=organization,
        details={"on": decided_on, "kinds": kinds, "fine": fine_amount},
    )
    return decision


@transaction.atomic
def summary_file(*, actor, decision: SummaryDecision, on: dt.date) -> SummaryDecision:
    """备案 with the agency (art 52); stops the filing clock (a late filing stays late)."""
    decision = SummaryDecision.objects.select_for_update().get(pk=decision.pk)
    SUMMARY.require(actor, decision, "file")
    _not_before(on, decision.decided_on, "on")
    decision.filed_on = on
    decision.status = SummaryStatus.FILED
    decision.save(update_fields=["filed_on", "status"])
    clock = Clock.objects.filter(
        clock_type=clocks.SUMMARY_FILING.key,
        content_type=ContentType.objects.get_for_model(SummaryDecision),
        object_id=str(decision.pk),
    ).first()
    if clock is not None and clock.status != ClockStatus.STOPPED:
        core_services.clock_stop(clock=clock, on=on, actor=actor)
    core_services.event_record(
        subject=decision,
        event_type="enforcement.summary_filed",
        actor=actor,
        organization=decision.organization,
        details={"on": on},
    )
    return decision
