"""Writes of enforcement certificates (行政执法证): issue, suspend or revoke, lapse on leaving
enforcement, and the hook the training records call (行政处罚法 art 42, 55;
浙江省综合行政执法条例 art 28)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from fazhi.core import services as core_services
from fazhi.core.errors import Conflict, ValidationFailed
from fazhi.core.models import Organization, Person
from fazhi.core.scoping import require_change
from fazhi.enforcement.error_codes import EnforcementErrorCode as Code
from fazhi.enforcement.models import (
    CertificateEndReason,
    CertificateStatus,
    EnforcementCertificate,
)
from fazhi.enforcement.permissions import CERTIFICATE_ROLES
from fazhi.enforcement.rules import certificate_rules_on


def _mirror(person: Person) -> None:
    """Keep the person's certificate fields on the latest certificate (read by people pages)."""
    latest = person.certificates.order_by("-valid_from", "-id").first()
    if latest is None:
        return
    until = latest.valid_to
    if latest.ended_on is not None:
        until = min(until, latest.ended_on - dt.timedelta(days=1))
    Person.objects.filter(pk=person.pk).update(
        enforcement_certificate_number=latest.number, certificate_valid_until=until
    )


@transaction.atomic
def certificate_issue(
    *,
    actor,
    person: Person,
    number: str,
    issuer: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
) -> EnforcementCertificate:
    """Record a certificate; without ``valid_to`` it runs the dated validity (5 years, art 28)."""
    require_change(actor, person.organization, roles=CERTIFICATE_ROLES)
    number = number.strip()
    if not number:
        raise ValidationFailed(Code.REQUIRED, _("请填写执法证号。"), field="number")
    if not issuer.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写发证机关。"), field="issuer")
    if not person.is_active:
        raise ValidationFailed(Code.INVALID, _("该人员已不在职，不能发放执法证。"), field="person")
    if valid_to is None:
        years = certificate_rules_on(valid_from).validity_years
        valid_to = valid_from.replace(year=valid_from.year + years) - dt.timedelta(days=1)
    if valid_to < valid_from:
        raise ValidationFailed(Code.INVALID_DATE, _("有效期至不能早于有效期自。"), field="valid_to")
    taken = EnforcementCertificate.objects.filter(number=number).exists()
    taken = (
        taken
        or Person.objects.filter(enforcement_certificate_number=number)
        .exclude(pk=person.pk)
        .exists()
    )
    if taken:
        raise Conflict(Code.DUPLICATE, _("执法证号已登记。"), field="number")
    certificate = EnforcementCertificate.objects.create(
        person=person,
        number=number,
        issuer=issuer.strip(),
        valid_from=valid_from,
        valid_to=valid_to,
    )
    _mirror(person)
    core_services.event_record(
        subject=person,
        event_type="enforcement.certificate_issued",
        actor=actor,
        organization=person.organization,
        details={"number": number, "valid_from": valid_from, "valid_to": valid_to},
    )
    return certificate


def _end(
    certificate: EnforcementCertificate,
    *,
    actor,
    status: str,
    on: dt.date,
    reason: str,
    note: str,
) -> EnforcementCertificate:
    if certificate.status != CertificateStatus.VALID:
        raise Conflict(
            Code.CERTIFICATE_ENDED,
            _("该执法证已%(status)s。") % {"status": certificate.get_status_display()},
            field="status",
        )
    if reason not in CertificateEndReason.values:
        raise ValidationFailed(Code.INVALID, _("终止原因无效。"), field="reason")
    if on < certificate.valid_from:
        raise ValidationFailed(Code.INVALID_DATE, _("终止日期不能早于有效期自。"), field="on")
    certificate.status = status
    certificate.ended_on = on
    certificate.end_reason = reason
    certificate.end_note = note.strip()[:200]
    certificate.save(update_fields=["status", "ended_on", "end_reason", "end_note"])
    _mirror(certificate.person)
    core_services.event_record(
        subject=certificate.person,
        event_type="enforcement.certificate_ended",
        actor=actor,
        organization=certificate.person.organization,
        details={"number": certificate.number, "status": status, "on": on, "reason": reason},
    )
    return certificate


@transaction.atomic
def certificate_revoke(
    *,
    actor,
    certificate: EnforcementCertificate,
    on: dt.date,
    reason: str,
    note: str = "",
    suspend: bool = False,
) -> EnforcementCertificate:
    """Revoke (注销) or suspend (暂扣) a certificate from ``on``: it no longer counts that day."""
    certificate = EnforcementCertificate.objects.select_for_update().get(pk=certificate.pk)
    require_change(actor, certificate.person.organization, roles=CERTIFICATE_ROLES)
    if reason == CertificateEndReason.OTHER and not note.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写终止说明。"), field="note")
    status = CertificateStatus.SUSPENDED if suspend else CertificateStatus.REVOKED
    return _end(certificate, actor=actor, status=status, on=on, reason=reason, note=note)


@transaction.atomic
def certificates_lapse_departed(*, on: dt.date, actor=None) -> int:
    """Certificates of people no longer in post lapse (cancelled on leaving enforcement,
    浙江省行政执法证件管理办法, as summarised in the spec §9); run daily and from the page."""
    lapsed = 0
    for certificate in EnforcementCertificate.objects.select_for_update().filter(
        status=CertificateStatus.VALID, person__is_active=False
    ):
        _end(
            certificate,
            actor=actor,
            status=CertificateStatus.LAPSED,
            on=max(on, certificate.valid_from),
            reason=CertificateEndReason.LEFT_ENFORCEMENT,
            note=_("人员已不在职"),
        )
        lapsed += 1
    return lapsed


@transaction.atomic
def certificate_training_record(
    *, person: Person, year: int, hours: Decimal, on: dt.date, actor=None
) -> EnforcementCertificate | None:
    """The hook for the training records (learning): a year's class hours on the certificate.

    Falling short of the dated minimum suspends it only where the dated rules say so: the
    annual hours (≥60, 国办发〔2023〕27号) and the grounds for suspending are UNCONFIRMED (spec §9,
    §12 item 8), so by default the shortfall is recorded and nothing is suspended.
    """
    certificate = (
        EnforcementCertificate.objects.select_for_update()
        .filter(person=person, status=CertificateStatus.VALID)
        .order_by("-valid_from", "-id")
        .first()
    )
    if certificate is None:
        return None
    certificate.training_year = year
    certificate.training_hours = hours
    certificate.save(update_fields=["training_year", "training_hours"])
    rules = certificate_rules_on(dt.date(year, 12, 31))
    if rules.suspend_on_training_shortfall and hours < rules.annual_training_hours:
        _end(
            certificate,
            actor=actor,
            status=CertificateStatus.SUSPENDED,
            on=on,
            reason=CertificateEndReason.TRAINING,
            note=_("%(year)s年度培训%(hours)s学时，不足%(min)s学时")
            % {"year": year, "hours": hours, "min": rules.annual_training_hours},
        )
    return certificate


@transaction.atomic
def certificates_from_people(*, actor, organization: Organization, issuer: str) -> int:
    """Register certificate records for the people of ``organization``'s subtree whose person
    record carries a certificate number and validity but no certificate record yet (data kept on
    the person before certificates were records). The start is taken as the validity end less
    the dated validity (5 years, 浙江省综合行政执法条例 art 28) — an assumption stated here."""
    require_change(actor, organization, roles=CERTIFICATE_ROLES)
    if not issuer.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写发证机关。"), field="issuer")
    people = (
        Person.objects.filter(organization__path__startswith=organization.path)
        .exclude(enforcement_certificate_number="")
        .filter(certificate_valid_until__isnull=False, certificates__isnull=True)
        .exclude(enforcement_certificate_number__in=EnforcementCertificate.objects.values("number"))
        .order_by("id")
    )
    rows = []
    for person in people:
        until = person.certificate_valid_until
        years = certificate_rules_on(until).validity_years
        start = until.replace(year=until.year - years) + dt.timedelta(days=1)
        rows.append(
            EnforcementCertificate(
                person=person,
                number=person.enforcement_certificate_number,
                issuer=issuer.strip(),
                valid_from=start,
                valid_to=until,
            )
        )
    bulk_create_with_history(rows, EnforcementCertificate, batch_size=500)
    core_services.event_record(
        subject=organization,
        event_type="enforcement.certificates_registered",
        actor=actor,
        organization=organization,
        details={"count": len(rows), "issuer": issuer.strip()},
    )
    return len(rows)
