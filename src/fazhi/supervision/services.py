"""Every write of the supervision app; each transition locks its row and records an event."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.errors import Conflict, ValidationFailed
from fazhi.core.models import NumberSeries, Organization
from fazhi.core.scoping import require_change, require_role
from fazhi.enforcement import selectors as enforcement_selectors
from fazhi.supervision import domain
from fazhi.supervision.error_codes import SupervisionErrorCode as Code
from fazhi.supervision.models import (
    AccountabilityRecord,
    Campaign,
    CampaignKind,
    CaseFileEvaluation,
    NoticeStatus,
    SpecialSupervisor,
    SupervisionNotice,
)
from fazhi.supervision.permissions import SUPERVISION_ROLES
from fazhi.supervision.procedures import CAMPAIGN, NOTICE, SUPERVISOR

NOTICE_SERIES = "supervision-notice"


def _required(**values: str) -> None:
    for name, value in values.items():
        if not str(value or "").strip():
            raise ValidationFailed(Code.REQUIRED, _("必填项为空。"), field=name)


@transaction.atomic
def supervisor_appoint(
    *,
    actor: User,
    organization: Organization,
    name: str,
    work_unit: str,
    sector: str,
    appointment_document: str,
    term_start: dt.date,
    term_end: dt.date,
) -> SpecialSupervisor:
    require_role(actor, *SUPERVISION_ROLES)
    _required(name=name, work_unit=work_unit, appointment_document=appointment_document)
    if term_end <= term_start:
        raise ValidationFailed(Code.INVALID_DATE, _("聘期结束须晚于开始。"), field="term_end")
    supervisor = SpecialSupervisor.objects.create(
        organization=organization,
        name=name,
        work_unit=work_unit,
        sector=sector,
        appointment_document=appointment_document,
        term_start=term_start,
        term_end=term_end,
    )
    core_services.event_record(
        subject=supervisor,
        event_type="supervision.supervisor_appointed",
        actor=actor,
        organization=organization,
        details={"term_start": str(term_start), "term_end": str(term_end)},
    )
    return supervisor


@transaction.atomic
def supervisor_dismiss(
    *, actor: User, supervisor: SpecialSupervisor, on: dt.date, reason: str
) -> SpecialSupervisor:
    """解聘 before the term ends; the supervisor stays on record, out of office from ``on``."""
    supervisor = SpecialSupervisor.objects.select_for_update().get(pk=supervisor.pk)
    SUPERVISOR.require(actor, supervisor, "dismiss")
    _required(reason=reason)
    if not supervisor.term_start <= on <= supervisor.term_end:
        raise ValidationFailed(Code.INVALID_DATE, _("解聘日期须在聘期内。"), field="on")
    supervisor.dismissed_on = on
    supervisor.dismissal_reason = reason
    supervisor.save(update_fields=["dismissed_on", "dismissal_reason"])
    core_services.event_record(
        subject=supervisor,
        event_type="supervision.supervisor_dismissed",
        actor=actor,
        organization=supervisor.organization,
        details={"on": on, "reason": reason},
    )
    return supervisor


@transaction.atomic
def campaign_create(
    *, actor: User, organization: Organization, title: str, kind: str, started_on: dt.date
) -> Campaign:
    require_role(actor, *SUPERVISION_ROLES)
    _required(title=title)
    if kind not in CampaignKind.values:
        raise ValidationFailed(Code.INVALID, _("活动类型无效。"), field="kind")
    campaign = Campaign.objects.create(
        organization=organization, title=title, kind=kind, started_on=started_on
    )
    core_services.event_record(
        subject=campaign,
        event_type="supervision.campaign_started",
        actor=actor,
        organization=organization,
    )
    return campaign


@transaction.atomic
def campaign_close(*, actor: User, campaign: Campaign, on: dt.date, summary: str) -> Campaign:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    CAMPAIGN.require(actor, campaign, "close")
    if on < campaign.started_on:
        raise ValidationFailed(Code.INVALID_DATE, _("结束日期不能早于开始日期。"), field="on")
    _required(summary=summary)
    campaign.ended_on = on
    campaign.summary = summary
    campaign.save(update_fields=["ended_on", "summary"])
    core_services.event_record(
        subject=campaign,
        event_type="supervision.campaign_closed",
        actor=actor,
        organization=campaign.organization,
    )
    return campaign


@transaction.atomic
def evaluation_record(
    *,
    actor: User,
    campaign: Campaign,
    case_id: int,
    veto_hits: list[str],
    deductions: list[str],
    on: dt.date,
) -> CaseFileEvaluation:
    """Score one sampled case file on the sheet (while the campaign runs)."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    CAMPAIGN.require(actor, campaign, "evaluate")
    case = enforcement_selectors.case_for_supervision(user=actor, pk=case_id)
    try:
        result = domain.score(veto_hits, deductions)
    except ValueError as error:
        raise ValidationFailed(
            Code.UNKNOWN_CRITERION,
            _("评查标准中没有该项：%(item)s") % {"item": error.args[0]},
            field="deductions",
        ) from None
    if CaseFileEvaluation.objects.filter(campaign=campaign, case_id=case.pk).exists():
        raise Conflict(Code.DUPLICATE, _("该案卷已在本次活动中评查。"), field="case_id")
    evaluation = CaseFileEvaluation.objects.create(
        campaign=campaign,
        case_id=case.pk,
        organization=case.organization,
        evaluator=actor,
        veto_hits=sorted(set(veto_hits)),
        deductions=sorted(set(deductions)),
        score=result.points,
        grade=result.grade,
        evaluated_on=on,
    )
    core_services.event_record(
        subject=campaign,
        event_type="supervision.case_file_evaluated",
        actor=actor,
        organization=case.organization,
        details={"case": case.case_number, "score": result.points, "grade": result.grade},
    )
    return evaluation


@transaction.atomic
def notice_issue(
    *,
    actor: User,
    issuer: Organization,
    organization: Organization,
    problems: str,
    issued_on: dt.date,
    rectify_by: dt.date,
    campaign: Campaign | None = None,
) -> SupervisionNotice:
    require_change(actor, issuer, roles=SUPERVISION_ROLES)
    _required(problems=problems)
    if rectify_by <= issued_on:
        raise ValidationFailed(Code.INVALID_DATE, _("整改期限须晚于发出日期。"), field="rectify_by")
    if not NumberSeries.objects.filter(key=NOTICE_SERIES).exists():
        core_services.number_series_create(
            key=NOTICE_SERIES,
            name=_("执法监督通知书"),
            template="海司执监〔{year}〕{seq}号",
            organization=issuer,
        )
    notice = SupervisionNotice(
        organization=organization,
        issuer=issuer,
        campaign=campaign,
        problems=problems,
        issued_on=issued_on,
        rectify_by=rectify_by,
    )
    notice.number = core_services.number_issue(
        series_key=NOTICE_SERIES, year=issued_on.year, actor=actor
    ).number
    notice.save()
    core_services.event_record(
        subject=notice,
        event_type="supervision.notice_issued",
        actor=actor,
        organization=organization,
        details={"rectify_by": str(rectify_by)},
    )
    return notice


@transaction.atomic
def notice_respond(
    *, actor: User, notice: SupervisionNotice, on: dt.date, response: str
) -> SupervisionNotice:
    """The supervised unit reports its rectification."""
    notice = SupervisionNotice.objects.select_for_update().get(pk=notice.pk)
    NOTICE.require(actor, notice, "respond")
    _required(response=response)
    if on < notice.issued_on:
        raise ValidationFailed(Code.INVALID_DATE, _("报送日期不能早于发出日期。"), field="on")
    notice.response = response
    notice.responded_on = on
    notice.status = NoticeStatus.RESPONDED
    notice.save(update_fields=["response", "responded_on", "status"])
    core_services.event_record(
        subject=notice,
        event_type="supervision.notice_responded",
        actor=actor,
        organization=notice.organization,
        details={"on": str(on), "late": on > notice.rectify_by},
    )
    return notice


@transaction.atomic
def notice_close(
    *, actor: User, notice: SupervisionNotice, on: dt.date, opinion: str
) -> SupervisionNotice:
    notice = SupervisionNotice.objects.select_for_update().get(pk=notice.pk)
    NOTICE.require(actor, notice, "close")
    _required(opinion=opinion)
    if notice.responded_on is not None and on < notice.responded_on:
        raise ValidationFailed(Code.INVALID_DATE, _("办结日期不能早于报送日期。"), field="on")
    notice.closed_on = on
    notice.closing_opinion = opinion
    notice.status = NoticeStatus.CLOSED
    notice.save(update_fields=["closed_on", "closing_opinion", "status"])
    core_services.event_record(
        subject=notice,
        event_type="supervision.notice_closed",
        actor=actor,
        organization=notice.organization,
    )
    return notice


@transaction.atomic
def accountability_record(
    *,
    actor: User,
    organization: Organization,
    person_name: str,
    fault: str,
    measure: str,
    decided_on: dt.date,
    notice: SupervisionNotice | None = None,
) -> AccountabilityRecord:
    require_role(actor, *SUPERVISION_ROLES)
    _required(person_name=person_name, fault=fault, measure=measure)
    if notice is not None:
        # Accountability that follows a notice must concern the unit the notice was sent to
        # and cannot be decided before the notice was issued.
        if notice.organization_id != organization.pk:
            raise ValidationFailed(
                Code.INVALID, _("所选通知书的被监督单位与责任单位不一致。"), field="notice"
            )
        if decided_on < notice.issued_on:
            raise ValidationFailed(
                Code.INVALID_DATE, _("决定日期不得早于通知书发出日期。"), field="decided_on"
            )
    record = AccountabilityRecord.objects.create(
        organization=organization,
        person_name=person_name,
        fault=fault,
        measure=measure,
        decided_on=decided_on,
        notice=notice,
    )
    core_services.event_record(
        subject=record,
        event_type="supervision.accountability_recorded",
        actor=actor,
        organization=organization,
        details={"measure": measure, "decided_on": str(decided_on)},
    )
    return record
