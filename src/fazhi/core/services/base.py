"""Shared by every write of the kernel: the actor to record, and the record's timeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from fazhi.core.models import (
    DomainEvent,
    Organization,
)


def user_or_none(actor: User | AnonymousUser | None) -> User | None:
    """The actor to record on a row: a saved, logged-in user, or nobody."""
    if actor is None or not getattr(actor, "is_authenticated", False) or actor.pk is None:
        return None
    return actor


_user_or_none = user_or_none  # the older private name, still imported by some apps


# --- domain events ----------------------------------------------------------------------------


def event_record(
    *,
    subject: models.Model,
    event_type: str,
    actor: User | None = None,
    organization: Organization | None = None,
    details: Mapping[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> DomainEvent:
    """Append one step to a record's timeline (call inside the transition's transaction)."""
    return DomainEvent.objects.create(
        content_type=ContentType.objects.get_for_model(subject),
        object_id=str(subject.pk),
        organization=organization,
        event_type=event_type,
        actor=_user_or_none(actor),
        at=at or timezone.now(),
        details=dict(details or {}),
    )
