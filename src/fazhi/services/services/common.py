"""What the services' write modules share: roles, dates, events, clocks and the look-up log."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.domain.identity import is_valid_id_number
from fazhi.core.errors import ApplicationError, NotFound, ValidationFailed
from fazhi.core.models import Clock, ClockStatus, NumberSeries, Organization, Role
from fazhi.services.error_codes import ServicesErrorCode as Code
from fazhi.services.models import LookupLog

# Service staff of a unit: its legal officers (the platform has no separate window role).
SERVICE_ROLES = (Role.DEPARTMENT_LEGAL_OFFICER, Role.JUSTICE_LEGAL_OFFICER)
# Notary matters, wills and estate inquiries: the justice bureau (which runs the notary office).
NOTARY_ROLES = (Role.JUSTICE_LEGAL_OFFICER,)
DEFAULT_NOTARY_BODY_CODE = "HN-D08"


class TooManyRequests(ApplicationError):
    status = 429


def notary_body() -> Organization:
    """The unit over the notary office (Haining: the justice bureau)."""
    code = getattr(settings, "FAZHI_NOTARY_BODY_CODE", DEFAULT_NOTARY_BODY_CODE)
    body = Organization.objects.filter(code=code).first()
    if body is None:
        raise NotFound(Code.INVALID, _("尚未配置公证主管单位。"), field="organization")
    return body


def day(on: dt.date | None, *, not_before: dt.date | None = None, field: str = "on") -> dt.date:
    """The date of a step: today by the server clock, or an earlier date given explicitly."""
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise ValidationFailed(Code.FUTURE_DATE, _("日期不能晚于今天。"), field=field)
    if not_before is not None and on < not_before:
        raise ValidationFailed(
            Code.DATES_OUT_OF_ORDER,
            _("日期不能早于%(date)s。") % {"date": not_before.isoformat()},
            field=field,
        )
    return on


def required(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationFailed(Code.REQUIRED, message, field=field)
    return value


def id_number(value: str, field: str) -> str:
    value = required(value, field, _("请填写身份证号码。")).upper()
    if not is_valid_id_number(value):
        raise ValidationFailed(Code.INVALID, _("身份证号码格式或校验位不正确。"), field=field)
    return value


def event(subject: models.Model, event_type: str, actor: User, **details: Any) -> None:
    core_services.event_record(
        subject=subject,
        event_type=event_type,
        actor=actor,
        organization=getattr(subject, "organization", None),
        details=details,
    )


def clock_of(subject: models.Model) -> Clock | None:
    return Clock.objects.filter(
        content_type=ContentType.objects.get_for_model(type(subject)), object_id=str(subject.pk)
    ).first()


def clock_stop(subject: models.Model, on: dt.date, actor: User) -> Clock | None:
    """Stop the record's clock; answers the clock (with its due date) for the on-time check."""
    clock = clock_of(subject)
    if clock is not None and clock.status != ClockStatus.STOPPED:
        clock = core_services.clock_stop(clock=clock, on=on, actor=actor)
    return clock


def late_answer(subject: models.Model, on: dt.date, late_reason: str) -> bool:
    """Whether an answer on ``on`` is within the record's clock; late needs a reason."""
    clock = clock_of(subject)
    due = clock.due_date if clock is not None else None
    if due is not None and on > due and not late_reason.strip():
        raise ValidationFailed(
            Code.LATE_WITHOUT_REASON,
            _("答复已超过期限（%(due)s），请填写逾期答复理由。") % {"due": due.isoformat()},
            field="late_reason",
        )
    return due is None or on <= due


def number(key: str, name: str, template: str, organization: Organization, year: int, actor: User):
    if not NumberSeries.objects.filter(key=key).exists():
        core_services.number_series_create(
            key=key, name=name, template=template, organization=organization
        )
    return core_services.number_issue(series_key=key, year=year, actor=actor).number


def client_reference(address: str) -> str:
    """A salted hash of a client address: enough to count its requests, not to identify it."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def lookup_log(*, kind: str, target: str, result: str, user=None, client: str = "") -> LookupLog:
    """Record one look-up (its own row, kept even when the look-up is refused)."""
    return LookupLog.objects.create(
        kind=kind,
        user=core_services._user_or_none(user),
        client=client,
        target=target[:100],
        result=result,
    )
