"""Document inspections: open, select documents, findings and their rectification, close."""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.errors import Conflict, ValidationFailed
from fazhi.core.models import Organization
from fazhi.core.scoping import require_change
from fazhi.normdocs import events
from fazhi.normdocs.error_codes import NormdocsErrorCode as Code
from fazhi.normdocs.models import (
    FindingCategory,
    FindingStatus,
    Inspection,
    InspectionFinding,
    InspectionItem,
    InspectionKind,
    InspectionStatus,
    NormativeDocument,
)
from fazhi.normdocs.permissions import INSPECTION_ROLES
from fazhi.normdocs.procedures import FINDING, INSPECTION
from fazhi.normdocs.services._common import check_date, required_text

# --- inspections -------------------------------------------------------------------------------


@transaction.atomic
def inspection_open(
    *, actor: User, organization: Organization, title: str, kind: str, started_on: dt.date
) -> Inspection:
    require_change(actor, organization, roles=INSPECTION_ROLES)
    title = required_text(title, field="title", message=_("请填写检查名称。"))
    if kind not in InspectionKind.values:
        raise ValidationFailed(Code.INVALID, _("检查类型无效。"), field="kind")
    started_on = check_date(started_on, field="started_on")
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


def _locked_inspection(inspection: Inspection, actor: User, step: str) -> Inspection:
    inspection = (
        Inspection.objects.select_for_update().select_related("organization").get(pk=inspection.pk)
    )
    INSPECTION.require(actor, inspection, step)
    return inspection


@transaction.atomic
def inspection_select_documents(
    *,
    actor: User,
    inspection: Inspection,
    unit: Organization | None = None,
    issued_from: dt.date | None = None,
    issued_to: dt.date | None = None,
    sample_size: int | None = None,
    seed: int | None = None,
) -> int:
    """Add issued documents to an inspection: by drafting unit, by issue period, and/or a random
    sample of what matches. Returns how many were added."""
    inspection = _locked_inspection(inspection, actor, "select_documents")
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
    actor: User,
    inspection: Inspection,
    document: NormativeDocument,
    category: str,
    description: str,
    recorded_on: dt.date,
    rectification_due: dt.date,
) -> InspectionFinding:
    inspection = _locked_inspection(inspection, actor, "record_finding")
    if not inspection.items.filter(document=document).exists():
        raise ValidationFailed(Code.INVALID, _("该文件不在本次检查范围内。"), field="document")
    if category not in FindingCategory.values:
        raise ValidationFailed(Code.INVALID, _("问题类别无效。"), field="category")
    description = required_text(description, field="description", message=_("请填写问题描述。"))
    recorded_on = check_date(recorded_on, field="recorded_on", not_before=inspection.started_on)
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
    *, actor: User, finding: InspectionFinding, rectified_on: dt.date, note: str
) -> InspectionFinding:
    """The document's drafting unit (or the inspectors) records the rectification."""
    finding = (
        InspectionFinding.objects.select_for_update()
        .select_related("document__organization", "inspection__organization")
        .get(pk=finding.pk)
    )
    FINDING.require(actor, finding, "rectify")
    note = required_text(note, field="note", message=_("请填写整改情况。"))
    finding.rectified_on = check_date(
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
    *, actor: User, inspection: Inspection, closed_on: dt.date, summary: str
) -> Inspection:
    """Close an inspection once every finding has been rectified."""
    inspection = _locked_inspection(inspection, actor, "close")
    summary = required_text(summary, field="summary", message=_("请填写检查总结。"))
    open_count = inspection.findings.filter(status=FindingStatus.OPEN).count()
    if open_count:
        raise Conflict(
            Code.FINDINGS_OPEN,
            _("尚有%(n)s个问题未整改完毕。") % {"n": open_count},
            field="status",
        )
    inspection.closed_on = check_date(
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
