"""The annual catalog: creation, proposals, approval, publication, adjustment; and the
launch of a listed entry's decision."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from fazhi.core.errors import Conflict, ValidationFailed
from fazhi.core.models import Organization
from fazhi.core.scoping import require_change
from fazhi.decisions import domain
from fazhi.decisions.error_codes import DecisionErrorCode as Code
from fazhi.decisions.events import DecisionEvent
from fazhi.decisions.models import (
    AdjustmentKind,
    Catalog,
    CatalogAdjustment,
    CatalogEntry,
    CatalogStatus,
    Category,
    Decision,
    DecisionStatus,
    EntryStatus,
    ProcedureStep,
)
from fazhi.decisions.permissions import CATALOG_ROLES, SPONSOR_ROLES
from fazhi.decisions.procedures import CATALOG, ENTRY
from fazhi.decisions.services._base import (
    _choice,
    _date,
    _event,
    _required,
)

# --- catalog ----------------------------------------------------------------------------------


def _lock_catalog(catalog: Catalog) -> Catalog:
    return (
        Catalog.objects.select_for_update(of=("self",))
        .select_related("organization")
        .get(pk=catalog.pk)
    )


@transaction.atomic
def catalog_create(*, actor: User, organization: Organization, year: int, title: str) -> Catalog:
    """Open the year's catalog for proposals (the decision organ's office does this)."""
    require_change(actor, organization, roles=CATALOG_ROLES)
    title = _required(title, "title", _("目录名称"))
    if not 2000 <= int(year) <= 2999:
        raise ValidationFailed(Code.INVALID, _("年度无效。"), field="year")
    if Catalog.objects.filter(organization=organization, year=year).exists():
        raise Conflict(Code.DUPLICATE, _("该年度目录已存在。"), field="year")
    catalog = Catalog.objects.create(organization=organization, year=year, title=title)
    _event(catalog, DecisionEvent.CATALOG_CREATED, actor, organization, year=year)
    return catalog


def _new_entry(
    *,
    catalog: Catalog,
    actor: User,
    title: str,
    category: str,
    organization: Organization,
    basis: str,
    planned_completion: dt.date | None,
    status: str,
) -> CatalogEntry:
    title = _required(title, "title", _("决策事项名称"))
    _choice(category, Category, "category", _("类别"))
    basis = _required(basis, "basis", _("法律政策依据"))
    planned = _date(planned_completion, "planned_completion", _("计划完成时间"), allow_future=True)
    if planned.year < catalog.year:
        raise ValidationFailed(
            Code.INVALID_DATE, _("计划完成时间不能早于目录年度。"), field="planned_completion"
        )
    if catalog.entries.filter(title=title).exists():
        raise Conflict(Code.DUPLICATE, _("目录中已有同名事项。"), field="title")
    sequence = (catalog.entries.aggregate(last=Max("sequence"))["last"] or 0) + 1
    return CatalogEntry.objects.create(
        catalog=catalog,
        sequence=sequence,
        title=title,
        category=category,
        organization=organization,
        basis=basis,
        planned_completion=planned,
        status=status,
        proposed_by=actor,
    )


@transaction.atomic
def entry_propose(
    *,
    actor: User,
    catalog: Catalog,
    title: str,
    category: str,
    organization: Organization,
    basis: str,
    planned_completion: dt.date | None,
) -> CatalogEntry:
    """A sponsor proposes a matter for the year's catalog, in its own unit."""
    catalog = _lock_catalog(catalog)
    CATALOG.require(actor, catalog, "propose")
    # The declaration admits any sponsor; the unit the matter is proposed for must be theirs.
    require_change(actor, organization, roles=SPONSOR_ROLES)
    entry = _new_entry(
        catalog=catalog,
        actor=actor,
        title=title,
        category=category,
        organization=organization,
        basis=basis,
        planned_completion=planned_completion,
        status=EntryStatus.PROPOSED,
    )
    _event(entry, DecisionEvent.ENTRY_PROPOSED, actor, organization, catalog=catalog.pk)
    return entry


@transaction.atomic
def catalog_approve(
    *,
    actor: User,
    catalog: Catalog,
    approved_on: dt.date | None,
    approval_meeting: str,
    party_consent_on: dt.date | None,
) -> Catalog:
    """The government approves the catalog (after the Party committee's consent, 第3条)."""
    catalog = _lock_catalog(catalog)
    CATALOG.require(actor, catalog, "approve")
    approval_meeting = _required(approval_meeting, "approval_meeting", _("审定会议"))
    consent = _date(party_consent_on, "party_consent_on", _("同级党委同意日期"))
    approved = _date(approved_on, "approved_on", _("审定日期"))
    if not catalog.entries.filter(status=EntryStatus.PROPOSED).exists():
        raise ValidationFailed(Code.CATALOG_EMPTY, _("目录中还没有申报事项。"), field="entries")
    catalog.entries.filter(status=EntryStatus.PROPOSED).update(status=EntryStatus.LISTED)
    catalog.status = CatalogStatus.APPROVED
    catalog.approved_on = approved
    catalog.approval_meeting = approval_meeting
    catalog.party_consent_on = consent
    catalog.save(update_fields=["status", "approved_on", "approval_meeting", "party_consent_on"])
    _event(
        catalog,
        DecisionEvent.CATALOG_APPROVED,
        actor,
        catalog.organization,
        approved_on=approved,
        meeting=approval_meeting,
        entries=catalog.entries.count(),
    )
    return catalog


@transaction.atomic
def catalog_publish(*, actor: User, catalog: Catalog, published_on: dt.date | None) -> Catalog:
    """Publish the approved catalog on the portal."""
    catalog = _lock_catalog(catalog)
    CATALOG.require(actor, catalog, "publish")
    catalog.published_on = _date(
        published_on,
        "published_on",
        _("公布日期"),
        not_before=catalog.approved_on,
        not_before_label=_("审定日期"),
    )
    catalog.status = CatalogStatus.PUBLISHED
    catalog.save(update_fields=["status", "published_on"])
    _event(
        catalog,
        DecisionEvent.CATALOG_PUBLISHED,
        actor,
        catalog.organization,
        published_on=catalog.published_on,
    )
    return catalog


@transaction.atomic
def catalog_adjust(
    *,
    actor: User,
    catalog: Catalog,
    kind: str,
    reason: str,
    adjusted_on: dt.date | None,
    entry: CatalogEntry | None = None,
    planned_completion: dt.date | None = None,
    title: str = "",
    category: str = "",
    organization: Organization | None = None,
    basis: str = "",
) -> CatalogAdjustment:
    """Add, withdraw or reschedule an entry of an approved catalog; the reason is recorded."""
    catalog = _lock_catalog(catalog)
    CATALOG.require(actor, catalog, "adjust")
    _choice(kind, AdjustmentKind, "kind", _("调整类型"))
    reason = _required(reason, "reason", _("调整理由"))
    adjusted = _date(
        adjusted_on,
        "adjusted_on",
        _("调整日期"),
        not_before=catalog.approved_on,
        not_before_label=_("审定日期"),
    )
    previous = None
    if kind == AdjustmentKind.ADD:
        if organization is None:
            raise ValidationFailed(Code.REQUIRED, _("请选择承办单位。"), field="organization")
        entry = _new_entry(
            catalog=catalog,
            actor=actor,
            title=title,
            category=category,
            organization=organization,
            basis=basis,
            planned_completion=planned_completion,
            status=EntryStatus.LISTED,
        )
    else:
        if entry is None or entry.catalog_id != catalog.pk:
            raise ValidationFailed(Code.REQUIRED, _("请选择要调整的事项。"), field="entry")
        entry = CatalogEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.status != EntryStatus.LISTED:
            raise Conflict(Code.ENTRY_NOT_LISTED, _("该事项不在目录中。"), field="entry")
        if kind == AdjustmentKind.WITHDRAW:
            if (
                Decision.objects.filter(entry=entry)
                .exclude(status=DecisionStatus.DRAFTING)
                .exists()
            ):
                raise Conflict(
                    Code.INVALID_TRANSITION, _("该事项已作出决定，不能调出目录。"), field="entry"
                )
            entry.status = EntryStatus.WITHDRAWN
            entry.save(update_fields=["status"])
        else:
            new_date = _date(
                planned_completion, "planned_completion", _("计划完成时间"), allow_future=True
            )
            if new_date == entry.planned_completion:
                raise ValidationFailed(
                    Code.INVALID_DATE,
                    _("新的计划完成时间与原时间相同。"),
                    field="planned_completion",
                )
            previous = entry.planned_completion
            entry.planned_completion = new_date
            entry.save(update_fields=["planned_completion"])
    adjustment = CatalogAdjustment.objects.create(
        catalog=catalog,
        entry=entry,
        kind=kind,
        reason=reason,
        adjusted_on=adjusted,
        previous_completion=previous,
        actor=actor,
    )
    _event(
        catalog,
        DecisionEvent.CATALOG_ADJUSTED,
        actor,
        catalog.organization,
        kind=kind,
        entry=entry.title,
        reason=reason,
    )
    return adjustment


# --- launch -----------------------------------------------------------------------------------


@transaction.atomic
def decision_launch(
    *, actor: User, entry: CatalogEntry, launched_on: dt.date | None, draft_summary: str
) -> Decision:
    """The sponsor launches the decision of a listed catalog entry (第10–11条)."""
    entry = (
        CatalogEntry.objects.select_for_update(of=("self",))
        .select_related("catalog", "organization")
        .get(pk=entry.pk)
    )
    ENTRY.require(actor, entry, "launch")
    launched = _date(launched_on, "launched_on", _("启动日期"))
    draft_summary = _required(draft_summary, "draft_summary", _("决策草案说明"))
    decision = Decision.objects.create(
        entry=entry,
        organization=entry.organization,
        title=entry.title,
        launched_on=launched,
        draft_summary=draft_summary,
    )
    ProcedureStep.objects.bulk_create(
        ProcedureStep(decision=decision, kind=kind, position=index)
        for index, kind in enumerate(domain.STEP_ORDER, start=1)
    )
    _event(decision, DecisionEvent.LAUNCHED, actor, decision.organization, launched_on=launched)
    return decision
