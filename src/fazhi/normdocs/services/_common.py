"""Helpers shared by the normdocs services (not services themselves)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.errors import ValidationFailed
from fazhi.core.models import Clock
from fazhi.normdocs.error_codes import NormdocsErrorCode as Code
from fazhi.normdocs.models import NormativeDocument


def locked(document: NormativeDocument) -> NormativeDocument:
    return (
        NormativeDocument.objects.select_for_update()
        .select_related("organization", "issuing_body")
        .get(pk=document.pk)
    )


def check_date(on: dt.date | None, *, field: str, not_before: dt.date | None = None) -> dt.date:
    if on is None:
        raise ValidationFailed(Code.REQUIRED, _("请填写日期。"), field=field)
    if on > timezone.localdate():
        raise ValidationFailed(Code.INVALID_DATE, _("日期不能晚于今天。"), field=field)
    if not_before is not None and on < not_before:
        raise ValidationFailed(
            Code.INVALID_DATE,
            _("日期不能早于上一环节（%(date)s）。") % {"date": not_before.isoformat()},
            field=field,
        )
    return on


def required_text(value: str, *, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationFailed(Code.REQUIRED, message, field=field)
    return value


def event(document: NormativeDocument, event_type: str, actor: User, **details) -> None:
    core_services.event_record(
        subject=document,
        event_type=event_type,
        actor=actor,
        organization=document.organization,
        details=details,
    )


def clock_of(record, clock_type: str) -> Clock:
    return Clock.objects.get(
        clock_type=clock_type,
        content_type=ContentType.objects.get_for_model(record),
        object_id=str(record.pk),
    )
