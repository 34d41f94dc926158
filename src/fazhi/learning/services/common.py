"""Helpers shared by the learning services: events, people by reference, dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.errors import ValidationFailed
from fazhi.core.models import DomainEvent, Person
from fazhi.learning.error_codes import LearningErrorCode as Code


def event(
    subject: models.Model, event_type: str, actor: User, organization, **details: Any
) -> None:
    core_services.event_record(
        subject=subject,
        event_type=event_type,
        actor=actor,
        organization=organization,
        details=details,
    )


def events_bulk(
    subjects: Iterable[models.Model], event_type: str, actor: User, organization_of
) -> None:
    """One timeline entry per record written by a bulk path, in one insert (the same rows
    ``event_record`` writes one by one)."""
    subjects = list(subjects)
    if not subjects:
        return
    content_type = ContentType.objects.get_for_model(subjects[0])
    user = core_services._user_or_none(actor)
    now = timezone.now()
    DomainEvent.objects.bulk_create(
        [
            DomainEvent(
                content_type=content_type,
                object_id=str(subject.pk),
                organization=organization_of(subject),
                event_type=event_type,
                actor=user,
                at=now,
                details={},
            )
            for subject in subjects
        ],
        batch_size=1000,
    )


def person_by_ref(reference: str, field: str = "person_ref") -> Person:
    """An active person by enforcement certificate number or ID number."""
    reference = (reference or "").strip().upper()
    if not reference:
        raise ValidationFailed(Code.REQUIRED, _("请填写执法证号或身份证号。"), field=field)
    person = (
        Person.objects.select_related("organization")
        .filter(is_active=True)
        .filter(models.Q(enforcement_certificate_number=reference) | models.Q(id_number=reference))
        .first()
    )
    if person is None:
        raise ValidationFailed(
            Code.UNKNOWN_PERSON,
            _("未找到证件号为 %(ref)s 的在职人员。") % {"ref": reference},
            field=field,
        )
    return person


def not_before(on: dt.date, earlier: dt.date | None, field: str, message: str) -> None:
    if earlier is not None and on < earlier:
        raise ValidationFailed(Code.INVALID, message, field=field)
