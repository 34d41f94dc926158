"""普法 publicity: programmes and their episodes (air dates, recorded views) and each unit's
谁执法谁普法 responsibility list with its yearly tasks and their completion."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.errors import Conflict, ValidationFailed
from fazhi.core.models import Organization
from fazhi.core.scoping import require_change
from fazhi.learning.error_codes import LearningErrorCode as Code
from fazhi.learning.models import DutyItem, DutyStatus, Episode, Programme
from fazhi.learning.procedures import DUTY, EPISODE, ROLES
from fazhi.learning.services.common import event, not_before


@transaction.atomic
def programme_create(
    *, actor: User, organization: Organization, name: str, description: str = ""
) -> Programme:
    require_change(actor, organization, roles=ROLES)
    if not name.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写栏目名称。"), field="name")
    if Programme.objects.filter(name=name.strip()).exists():
        raise Conflict(Code.DUPLICATE, _("已有同名栏目。"), field="name")
    programme = Programme.objects.create(
        organization=organization, name=name.strip(), description=description.strip()
    )
    event(programme, "publicity.programme_created", actor, organization)
    return programme


@transaction.atomic
def episode_create(
    *,
    actor: User,
    programme: Programme,
    number: int,
    title: str,
    aired_on: dt.date,
    topic: str = "",
) -> Episode:
    """An episode that has been broadcast (views are recorded on it afterwards)."""
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    require_change(actor, programme.organization, roles=ROLES)
    if not title.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写节目标题。"), field="title")
    if aired_on > timezone.localdate():
        raise ValidationFailed(Code.INVALID, _("播出日期不能晚于今天。"), field="aired_on")
    if programme.episodes.filter(number=number).exists():
        raise Conflict(Code.DUPLICATE, _("该期数已登记。"), field="number")
    episode = Episode.objects.create(
        programme=programme,
        organization=programme.organization,
        number=number,
        title=title.strip(),
        topic=topic.strip(),
        aired_on=aired_on,
    )
    event(episode, "publicity.episode_aired", actor, programme.organization, aired_on=aired_on)
    return episode


@transaction.atomic
def episode_views_record(*, actor: User, episode: Episode, views: int, on: dt.date) -> Episode:
    """The platform's recorded view count as of ``on`` (replaces the previous count)."""
    episode = Episode.objects.select_for_update().select_related("organization").get(pk=episode.pk)
    EPISODE.require(actor, episode, "views")
    if views is None or views < 0:
        raise ValidationFailed(Code.INVALID, _("观看人次不能为负数。"), field="views")
    if on > timezone.localdate():
        raise ValidationFailed(Code.INVALID, _("统计日期不能晚于今天。"), field="on")
    not_before(on, episode.aired_on, "on", _("统计日期不能早于播出日期。"))
    episode.views = views
    episode.views_recorded_on = on
    episode.save(update_fields=["views", "views_recorded_on"])
    event(episode, "publicity.views_recorded", actor, episode.organization, views=views)
    return episode


@transaction.atomic
def duty_create(
    *,
    actor: User,
    organization: Organization,
    year: int,
    task: str,
    audience: str,
    method: str,
    schedule: str,
    law=None,
    law_title: str = "",
) -> DutyItem:
    require_change(actor, organization, roles=ROLES)
    law_title = (law_title or "").strip() or (law.title if law is not None else "")
    if not law_title:
        raise ValidationFailed(Code.REQUIRED, _("请选择或填写法律法规。"), field="law_title")
    for field, value, label in (
        ("task", task, _("普法任务")),
        ("audience", audience, _("普法对象")),
        ("method", method, _("方式")),
        ("schedule", schedule, _("时间安排")),
    ):
        if not value.strip():
            raise ValidationFailed(
                Code.REQUIRED, _("请填写%(label)s。") % {"label": label}, field=field
            )
    duty = DutyItem.objects.create(
        organization=organization,
        year=year,
        law=law,
        law_title=law_title,
        task=task.strip(),
        audience=audience.strip(),
        method=method.strip(),
        schedule=schedule.strip(),
    )
    event(duty, "publicity.duty_created", actor, organization)
    return duty


@transaction.atomic
def duty_complete(*, actor: User, duty: DutyItem, on: dt.date, outcome: str) -> DutyItem:
    duty = DutyItem.objects.select_for_update().select_related("organization").get(pk=duty.pk)
    DUTY.require(actor, duty, "complete")
    if not outcome.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写完成情况。"), field="outcome")
    if on > timezone.localdate():
        raise ValidationFailed(Code.INVALID, _("完成日期不能晚于今天。"), field="on")
    duty.status = DutyStatus.DONE
    duty.completed_on = on
    duty.outcome = outcome.strip()
    duty.save(update_fields=["status", "completed_on", "outcome"])
    event(duty, "publicity.duty_completed", actor, duty.organization)
    return duty
