"""证明事项: the catalog, verification requests to the data holder, and notice-and-commitment.

A certificate the applicant would have fetched from another body is replaced by data sharing,
a verification request to the body holding the data (answered on its clock), or the applicant's
written commitment, checked later by sampling; a false commitment is handled as a breach with
its credit consequence (practice.md §6). Requests carry only what the holder needs.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.errors import ValidationFailed
from fazhi.core.models import Organization
from fazhi.core.scoping import require_change
from fazhi.services import clocks
from fazhi.services.error_codes import ServicesErrorCode as Code
from fazhi.services.models import (
    RESPONSE_DAYS,
    CertificateItem,
    Commitment,
    CommitmentStatus,
    Replacement,
    VerificationRequest,
    VerificationResult,
    VerificationStatus,
)
from fazhi.services.procedures import COMMITMENT, VERIFICATION
from fazhi.services.services.common import (
    SERVICE_ROLES,
    clock_stop,
    day,
    event,
    id_number,
    late_answer,
    required,
)

VERIFIABLE = (Replacement.DEPT_VERIFICATION, Replacement.DATA_SHARING)


@transaction.atomic
def certificate_item_save(
    *,
    actor: User,
    organization: Organization,
    code: str,
    category: str,
    name: str,
    issuing_body: str,
    replacement: str,
    holder: Organization | None = None,
    response_days: int = 3,
    basis: str = "",
) -> CertificateItem:
    """Add a certificate item to the catalog, or change the one with this code."""
    require_change(actor, organization, roles=SERVICE_ROLES)
    code = required(code, "code", _("请填写证明事项编码。"))
    values = {
        "organization": organization,
        "category": required(category, "category", _("请填写类别。")),
        "name": required(name, "name", _("请填写证明事项名称。")),
        "issuing_body": required(issuing_body, "issuing_body", _("请填写原开具单位。")),
        "replacement": replacement,
        "holder": holder,
        "response_days": response_days,
        "basis": basis.strip(),
    }
    if replacement not in Replacement.values:
        raise ValidationFailed(Code.INVALID, _("替代方式无效。"), field="replacement")
    if replacement in VERIFIABLE and holder is None:
        raise ValidationFailed(
            Code.REQUIRED, _("数据共享或部门核验的事项须指定数据持有单位。"), field="holder"
        )
    if response_days not in RESPONSE_DAYS:
        raise ValidationFailed(Code.INVALID, _("核验答复时限无效。"), field="response_days")
    item = CertificateItem.objects.select_for_update().filter(code=code).first()
    if item is not None:
        require_change(actor, item.organization, roles=SERVICE_ROLES)
        for key, value in values.items():
            setattr(item, key, value)
        item.save()
    else:
        item = CertificateItem.objects.create(code=code, **values)
    event(item, "services.certificate_item_saved", actor, code=code, replacement=replacement)
    return item


@transaction.atomic
def verification_request(
    *,
    actor: User,
    organization: Organization,
    item: CertificateItem,
    matter: str,
    subject_name: str,
    subject_id_number: str,
    fact: str,
    on: dt.date | None = None,
) -> VerificationRequest:
    """Ask the holder of the data to confirm one fact; its answer clock starts now."""
    require_change(actor, organization, roles=SERVICE_ROLES)
    holder = item.holder
    if item.replacement not in VERIFIABLE or holder is None:
        raise ValidationFailed(
            Code.WRONG_REPLACEMENT,
            _("该证明事项不以数据共享或部门核验方式替代，不能发起核验。"),
            field="item",
        )
    request = VerificationRequest.objects.create(
        organization=organization,
        holder=holder,
        item=item,
        matter=required(matter, "matter", _("请填写办理事项。")),
        subject_name=required(subject_name, "subject_name", _("请填写核验对象姓名。")),
        subject_id_number=id_number(subject_id_number, "subject_id_number"),
        fact=required(fact, "fact", _("请填写需核验的事实。")),
        requested_on=day(on),
    )
    core_services.clock_start(
        clock_type=clocks.VERIFICATION_CLOCKS[item.response_days].key,
        subject=request,
        organization=holder,
        start_date=request.requested_on,
        label=_("证明事项核验：%(name)s") % {"name": item.name},
        url=f"/services/verifications/{request.pk}/",
        actor=actor,
    )
    event(request, "services.verification_requested", actor, item=item.code)
    return request


@transaction.atomic
def verification_answer(
    *,
    actor: User,
    request: VerificationRequest,
    result: str,
    on: dt.date | None = None,
    late_reason: str = "",
) -> VerificationRequest:
    """The holder's answer; one after the clock's due date needs a reason."""
    request = (
        VerificationRequest.objects.select_for_update()
        .select_related("holder", "item")
        .get(pk=request.pk)
    )
    VERIFICATION.require(actor, request, "answer")
    if result not in VerificationResult.values:
        raise ValidationFailed(Code.INVALID, _("请选择核验结果。"), field="result")
    answered_on = day(on, not_before=request.requested_on)
    on_time = late_answer(request, answered_on, late_reason)
    request.result = result
    request.answered_on = answered_on
    request.late_reason = "" if on_time else late_reason.strip()
    request.status = VerificationStatus.ANSWERED
    request.save(update_fields=["result", "answered_on", "late_reason", "status"])
    clock_stop(request, answered_on, actor)
    event(request, "services.verification_answered", actor, result=result)
    return request


@transaction.atomic
def commitment_record(
    *,
    actor: User,
    organization: Organization,
    item: CertificateItem,
    matter: str,
    applicant_name: str,
    applicant_id_number: str,
    promised_fact: str,
    on: dt.date | None = None,
) -> Commitment:
    """The applicant's written commitment, accepted instead of the certificate."""
    require_change(actor, organization, roles=SERVICE_ROLES)
    if item.replacement != Replacement.COMMITMENT:
        raise ValidationFailed(
            Code.WRONG_REPLACEMENT, _("该证明事项未实行告知承诺制。"), field="item"
        )
    commitment = Commitment.objects.create(
        organization=organization,
        item=item,
        matter=required(matter, "matter", _("请填写办理事项。")),
        applicant_name=required(applicant_name, "applicant_name", _("请填写承诺人。")),
        applicant_id_number=id_number(applicant_id_number, "applicant_id_number"),
        promised_fact=required(promised_fact, "promised_fact", _("请填写承诺内容。")),
        committed_on=day(on),
    )
    event(commitment, "services.commitment_recorded", actor, item=item.code)
    return commitment


@transaction.atomic
def commitment_check(
    *, actor: User, commitment: Commitment, truthful: bool, note: str, on: dt.date | None = None
) -> Commitment:
    """A spot check of a commitment: found true, or found false (a breach to handle)."""
    commitment = (
        Commitment.objects.select_for_update().select_related("organization").get(pk=commitment.pk)
    )
    COMMITMENT.require(actor, commitment, "check")
    commitment.check_note = required(note, "note", _("请填写核查情况。"))
    commitment.checked_on = day(on, not_before=commitment.committed_on)
    commitment.status = CommitmentStatus.CONFIRMED if truthful else CommitmentStatus.BREACHED
    commitment.save(update_fields=["check_note", "checked_on", "status"])
    event(commitment, "services.commitment_checked", actor, truthful=truthful)
    return commitment


@transaction.atomic
def commitment_breach_handle(
    *,
    actor: User,
    commitment: Commitment,
    measures: str,
    credit_record: str,
    on: dt.date | None = None,
) -> Commitment:
    """A false commitment: the measures taken and the credit record it leads to."""
    commitment = (
        Commitment.objects.select_for_update().select_related("organization").get(pk=commitment.pk)
    )
    COMMITMENT.require(actor, commitment, "handle_breach")
    commitment.measures = required(measures, "measures", _("请填写处理措施。"))
    commitment.credit_record = required(credit_record, "credit_record", _("请填写信用记录编号。"))
    commitment.handled_on = day(on, not_before=commitment.checked_on)
    commitment.status = CommitmentStatus.HANDLED
    commitment.save(update_fields=["measures", "credit_record", "handled_on", "status"])
    event(commitment, "services.commitment_breach_handled", actor)
    return commitment
