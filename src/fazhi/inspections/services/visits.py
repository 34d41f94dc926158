"""Visits on the day: each item's result, files into the evidence log, hand-over, closing.

A failed item (移交立案) opens an enforcement case file through the enforcement app's public
services (``fazhi.enforcement.services.case_open``) in the same transaction, so a refused
case (the department does not hold the penalty item, say) refuses the whole record. Closing a
综合督一次 visit issues one supervision notice listing every finding through the supervision
services.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.errors import ValidationFailed
from fazhi.inspections.error_codes import InspectionErrorCode as Code
from fazhi.inspections.models import (
    Inspector,
    PlanKind,
    Result,
    Task,
    Visit,
    VisitFile,
    VisitStatus,
)
from fazhi.inspections.procedures import VISIT

NOTICE_RECTIFY_DAYS = 30


def _locked(visit: Visit) -> Visit:
    return (
        # Lock the visit alone: PostgreSQL cannot lock the nullable side of the joins.
        Visit.objects.select_for_update(of=("self",))
        .select_related("plan", "subject", "unit", "lead")
        .get(pk=visit.pk)
    )


def _officers(visit: Visit, organization, on: dt.date) -> list[str]:
    """The case's officers by certificate number: the visit's inspectors of the unit that opens
    the case first (a joint visit pairs several departments' inspectors, a case file names its
    own unit's), completed to two (处罚法 art 42) from that unit's inspectors in the library who
    hold a certificate valid on the day. Fewer than two is refused by case_open.

    The certificates are the enforcement app's records (one query, ``valid_on_q``), not the
    numbers mirrored on the person."""
    from fazhi.enforcement.certificates import valid_on_q
    from fazhi.enforcement.models import EnforcementCertificate

    mine = [
        i.person_id
        for i in visit.inspectors.select_related("person__organization")
        if i.person.organization.path.startswith(organization.path)
    ]
    if len(mine) < 2:
        pool = list(
            Inspector.objects.filter(organization=organization, is_active=True)
            .exclude(person__in=mine)
            .filter(valid_on_q(on, "person__certificates__"))
            .order_by("pk")
            .values_list("person_id", flat=True)
            .distinct()
        )
        mine += pool[: 2 - len(mine)]
    # Each person's certificate valid on the day first, else their latest one (so case_open
    # refuses an inspector of the visit whose certificate has lapsed, by name).
    numbers: dict[int, str] = {}
    for person_id, number, _valid in (
        EnforcementCertificate.objects.filter(person_id__in=mine)
        .annotate(valid=ExpressionWrapper(valid_on_q(on), output_field=BooleanField()))
        .order_by("-valid", "-valid_from", "-id")
        .values_list("person_id", "number", "valid")
    ):
        numbers.setdefault(person_id, number)
    return [numbers[pk] for pk in mine if pk in numbers]


def _hand_over(actor, visit: Visit, task: Task, on: dt.date) -> None:
    from fazhi.enforcement import services as enforcement

    item = task.item
    if item is None or item.enforcement_item is None:
        raise ValidationFailed(
            Code.HANDOVER_NEEDS_ITEM,
            _("检查事项“%(item)s”未关联行政处罚事项，不能移交立案；请先在事项库中关联。")
            % {"item": item.name if item else task.get_topic_display()},
            field=f"result_{task.pk}",
        )
    subject = visit.subject
    case = enforcement.case_open(
        actor=actor,
        organization=task.organization,
        item=item.enforcement_item,
        party=enforcement.Party(
            type="organization",
            name=subject.name,
            id_number=subject.credit_code,
            address=subject.address,
        ),
        facts=task.finding or _("综合查一次检查发现：%(item)s 不合格。") % {"item": item.name},
        violation_date=on,
        discovered_on=on,
        opened_on=on,
        officers=_officers(visit, task.organization, on),
    )
    task.case_id = case.pk
    task.case_number = case.case_number
    task.save(update_fields=["case_id", "case_number"])
    core_services.event_record(
        subject=visit,
        event_type="inspections.handed_over",
        actor=actor,
        organization=task.organization,
        details={"task": task.pk, "case": case.case_number},
    )


@transaction.atomic
def visit_record(
    *,
    actor,
    visit: Visit,
    recorded_on: dt.date,
    results: dict[int, tuple[str, str]],
    note: str = "",
) -> Visit:
    """Each item's result; a 移交立案 item opens a case file in the enforcement app."""
    visit = _locked(visit)
    VISIT.require(actor, visit, "record")
    if recorded_on > timezone.localdate():
        raise ValidationFailed(Code.INVALID, _("检查实施日期不能晚于今天。"), field="recorded_on")
    tasks = list(visit.tasks.select_related("item", "item__enforcement_item", "organization"))
    missing = [t for t in tasks if t.pk not in results]
    if missing:
        raise ValidationFailed(
            Code.RESULTS_MISSING,
            _("请为每个检查事项填写结果（缺 %(count)s 项）。") % {"count": len(missing)},
            field=f"result_{missing[0].pk}",
        )
    for task in tasks:
        result, finding = results[task.pk]
        if result not in Result.values:
            raise ValidationFailed(Code.INVALID, _("检查结果无效。"), field=f"result_{task.pk}")
        if result != Result.PASS and not (finding or "").strip():
            raise ValidationFailed(
                Code.REQUIRED,
                _("责令整改或移交立案的事项须写明检查发现。"),
                field=f"finding_{task.pk}",
            )
        task.result = result
        task.finding = (finding or "").strip()
        task.save(update_fields=["result", "finding"])
        if result == Result.HANDOVER and visit.plan.kind == PlanKind.INSPECTION:
            _hand_over(actor, visit, task, recorded_on)
    visit.recorded_on = recorded_on
    visit.note = note.strip()
    visit.status = VisitStatus.RECORDED
    visit.save(update_fields=["recorded_on", "note", "status"])
    core_services.event_record(
        subject=visit,
        event_type="inspections.visit_recorded",
        actor=actor,
        organization=visit.lead,
        details={"results": {str(t.pk): t.result for t in tasks}},
    )
    return visit


@transaction.atomic
def visit_file_add(*, actor, visit: Visit, title: str, upload) -> VisitFile:
    """A photo or document of the visit: stored by hash and appended to the evidence log."""
    from fazhi.evidence import services as evidence

    visit = _locked(visit)
    VISIT.require(actor, visit, "add_file")
    deposit = evidence.deposit_create(
        actor=actor, upload=upload, title=title, organization=visit.lead
    )
    attached = VisitFile.objects.create(
        visit=visit,
        deposit_id=deposit.pk,
        title=deposit.title,
        file_sha256=deposit.file_sha256,
        log_index=deposit.entry.index,
    )
    core_services.event_record(
        subject=visit,
        event_type="inspections.visit_file_added",
        actor=actor,
        organization=visit.lead,
        details={"file_sha256": deposit.file_sha256, "log_index": deposit.entry.index},
    )
    return attached


def _findings(visit: Visit) -> list[str]:
    return [
        f"{t.get_topic_display() if t.topic else t.item.name}：{t.get_result_display()}。{t.finding}"
        for t in visit.tasks.select_related("item").order_by("pk")
        if t.result != Result.PASS
    ]


@transaction.atomic
def visit_close(*, actor, visit: Visit) -> Visit:
    """Close the visit; a 综合督一次 visit with findings issues one notice listing them all."""
    visit = _locked(visit)
    VISIT.require(actor, visit, "close")
    today = timezone.localdate()
    if visit.plan.kind == PlanKind.SUPERVISION:
        findings = _findings(visit)
        if findings:
            from fazhi.supervision import services as supervision
            from fazhi.supervision.models import Campaign

            campaign = Campaign.objects.filter(pk=visit.plan.campaign_id).first()
            notice = supervision.notice_issue(
                actor=actor,
                issuer=visit.plan.organization,
                organization=visit.unit,
                problems="\n".join(f"{n}. {line}" for n, line in enumerate(findings, 1)),
                issued_on=today,
                rectify_by=today + dt.timedelta(days=NOTICE_RECTIFY_DAYS),
                campaign=campaign,
            )
            visit.notice_id = notice.pk
    visit.closed_on = today
    visit.status = VisitStatus.CLOSED
    visit.save(update_fields=["closed_on", "status", "notice_id"])
    details: dict[str, Any] = {"notice": visit.notice_id}
    core_services.event_record(
        subject=visit,
        event_type="inspections.visit_closed",
        actor=actor,
        organization=visit.lead,
        details=details,
    )
    return visit
