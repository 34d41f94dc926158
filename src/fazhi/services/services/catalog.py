"""一件事: catalog versions, applications routed to each department's part, and 好差评.

A service is "one thing" a citizen asks once for several departments' items
(《浙江省保障“最多跑一次”改革规定》第二条); the applicant gives one set of materials (第七条), so
the catalog keeps each material once however many items ask it. An application splits into one
part per item, each on its department's promised clock (第十二条); the applicant sees one status.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.errors import ValidationFailed
from fazhi.core.models import Organization
from fazhi.core.scoping import require_change
from fazhi.services import clocks
from fazhi.services.error_codes import ServicesErrorCode as Code
from fazhi.services.models import (
    BAD_GRADES,
    TIME_LIMITS,
    ApplicationPart,
    ApplicationStatus,
    Evaluation,
    Grade,
    OneThing,
    OneThingApplication,
    OneThingItem,
    OneThingMaterial,
    PartStatus,
    Rectification,
    RectificationStatus,
)
from fazhi.services.procedures import APPLICATION, PART, RECTIFICATION
from fazhi.services.services.common import (
    SERVICE_ROLES,
    clock_stop,
    day,
    event,
    id_number,
    required,
)


@dataclass(frozen=True)
class ItemInput:
    department: Organization
    name: str
    time_limit_days: int
    materials: Sequence[str] = field(default_factory=tuple)
    visits: int = 1


def _clean_materials(names: Sequence[str]) -> list[str]:
    seen: list[str] = []
    for name in names:
        name = " ".join(str(name).split())
        if name and name not in seen:
            seen.append(name)
    return seen


def in_force_q(on: dt.date) -> Q:
    return Q(effective_from__lte=on) & (Q(effective_to__isnull=True) | Q(effective_to__gte=on))


@transaction.atomic
def one_thing_publish(
    *,
    actor: User,
    organization: Organization,
    code: str,
    name: str,
    effective_from: dt.date,
    time_limit_days: int,
    items: Sequence[ItemInput],
    combined_visits: int = 1,
) -> OneThing:
    """Publish a 一件事 or a new version of it; the version before it ends the day before."""
    require_change(actor, organization, roles=SERVICE_ROLES)
    code = required(code, "code", _("请填写一件事编码。"))
    name = required(name, "name", _("请填写一件事名称。"))
    if time_limit_days not in TIME_LIMITS:
        raise ValidationFailed(Code.INVALID, _("承诺办结时限无效。"), field="time_limit_days")
    if len(items) < 2:
        raise ValidationFailed(
            Code.REQUIRED, _("一件事至少应集成两个部门办事事项。"), field="items"
        )
    for index, item in enumerate(items, start=1):
        if not item.name.strip():
            raise ValidationFailed(
                Code.REQUIRED, _("第%(n)s个事项未填写名称。") % {"n": index}, field="items"
            )
        if item.time_limit_days not in TIME_LIMITS or item.time_limit_days > time_limit_days:
            raise ValidationFailed(
                Code.INVALID,
                _("第%(n)s个事项的承诺时限无效或超过一件事的承诺时限。") % {"n": index},
                field="items",
            )
        if not _clean_materials(item.materials):
            raise ValidationFailed(
                Code.REQUIRED, _("第%(n)s个事项未列出所需材料。") % {"n": index}, field="items"
            )
    if combined_visits < 0 or combined_visits > 1:
        raise ValidationFailed(
            Code.INVALID, _("联办跑动次数应为0或1（最多跑一次）。"), field="combined_visits"
        )
    previous = OneThing.objects.select_for_update().filter(code=code).order_by("-version").first()
    if previous is not None:
        if effective_from <= previous.effective_from:
            raise ValidationFailed(
                Code.DATES_OUT_OF_ORDER,
                _("新版本的生效日期应晚于上一版本的生效日期（%(date)s）。")
                % {"date": previous.effective_from.isoformat()},
                field="effective_from",
            )
        if previous.effective_to is None or previous.effective_to >= effective_from:
            previous.effective_to = effective_from - dt.timedelta(days=1)
            previous.save(update_fields=["effective_to"])
    version = (OneThing.objects.filter(code=code).aggregate(v=Max("version"))["v"] or 0) + 1
    materials_by_item = [_clean_materials(item.materials) for item in items]
    combined = _clean_materials([m for names in materials_by_item for m in names])
    one_thing = OneThing.objects.create(
        organization=organization,
        code=code,
        version=version,
        name=name,
        effective_from=effective_from,
        time_limit_days=time_limit_days,
        combined_visits=combined_visits,
        separate_visits=sum(item.visits for item in items),
        separate_materials=sum(len(names) for names in materials_by_item),
        combined_materials=len(combined),
    )
    OneThingItem.objects.bulk_create(
        OneThingItem(
            one_thing=one_thing,
            department=item.department,
            name=item.name.strip(),
            time_limit_days=item.time_limit_days,
            visits=item.visits,
            materials=names,
        )
        for item, names in zip(items, materials_by_item, strict=True)
    )
    OneThingMaterial.objects.bulk_create(
        OneThingMaterial(one_thing=one_thing, name=material) for material in combined
    )
    event(one_thing, "services.one_thing_published", actor, version=version, code=code)
    return one_thing


@transaction.atomic
def one_thing_apply(
    *,
    actor: User,
    one_thing: OneThing,
    applicant_name: str,
    applicant_id_number: str,
    materials: Sequence[str],
    on: dt.date | None = None,
) -> OneThingApplication:
    """A citizen's application: refused whole if a required material is missing."""
    if not getattr(actor, "is_authenticated", False):
        raise ValidationFailed(Code.REQUIRED, _("请先登录后申请。"), field="applicant")
    submitted_on = day(on)
    if not OneThing.objects.filter(in_force_q(submitted_on), pk=one_thing.pk).exists():
        raise ValidationFailed(
            Code.NOT_IN_FORCE, _("该版本一件事不在有效期内。"), field="one_thing"
        )
    name = required(applicant_name, "applicant_name", _("请填写申请人姓名。"))
    id_no = id_number(applicant_id_number, "applicant_id_number")
    given = set(_clean_materials(materials))
    needed = list(one_thing.materials.filter(required=True).values_list("name", flat=True))
    missing = [m for m in needed if m not in given]
    if missing:
        raise ValidationFailed(
            Code.MATERIAL_MISSING,
            _("缺少必需材料：%(names)s。") % {"names": "、".join(missing)},
            field="materials",
        )
    application = OneThingApplication.objects.create(
        organization=one_thing.organization,
        one_thing=one_thing,
        applicant=actor,
        applicant_name=name,
        applicant_id_number=id_no,
        submitted_on=submitted_on,
        materials_provided=sorted(given & set(needed)) + sorted(given - set(needed)),
    )
    # One unified intake counts as received by every department at once (第五条).
    for item in one_thing.items.select_related("department"):
        part = ApplicationPart.objects.create(
            application=application, item=item, organization=item.department
        )
        core_services.clock_start(
            clock_type=clocks.PART_CLOCKS[item.time_limit_days].key,
            subject=part,
            organization=item.department,
            start_date=submitted_on,
            label=_("一件事办件：%(name)s") % {"name": item.name},
            url=f"/services/applications/{application.pk}/",
            actor=actor,
        )
    event(application, "services.application_submitted", actor, one_thing=one_thing.code)
    return application


def _locked_part(part: ApplicationPart) -> ApplicationPart:
    return (
        ApplicationPart.objects.select_for_update()
        .select_related("organization", "application", "item")
        .get(pk=part.pk)
    )


def _close_if_done(application: OneThingApplication, on: dt.date, actor: User) -> None:
    application = OneThingApplication.objects.select_for_update().get(pk=application.pk)
    statuses = set(application.parts.values_list("status", flat=True))
    if PartStatus.PENDING in statuses:
        return
    application.status = (
        ApplicationStatus.COMPLETED if statuses == {PartStatus.DONE} else ApplicationStatus.REFUSED
    )
    application.closed_on = on
    application.save(update_fields=["status", "closed_on"])
    event(application, "services.application_closed", actor, status=application.status)


@transaction.atomic
def part_complete(
    *, actor: User, part: ApplicationPart, on: dt.date | None = None, note: str = ""
) -> ApplicationPart:
    part = _locked_part(part)
    PART.require(actor, part, "complete")
    part.done_on = day(on, not_before=part.application.submitted_on)
    part.status = PartStatus.DONE
    part.note = note.strip()
    part.save(update_fields=["status", "done_on", "note"])
    clock_stop(part, part.done_on, actor)
    event(part.application, "services.part_done", actor, department=part.organization.name)
    _close_if_done(part.application, part.done_on, actor)
    return part


@transaction.atomic
def part_refuse(*, actor: User, part: ApplicationPart, note: str, on: dt.date | None = None):
    part = _locked_part(part)
    PART.require(actor, part, "refuse")
    part.note = required(note, "note", _("请填写不予办理的理由。"))
    part.done_on = day(on, not_before=part.application.submitted_on)
    part.status = PartStatus.REFUSED
    part.save(update_fields=["status", "done_on", "note"])
    clock_stop(part, part.done_on, actor)
    event(part.application, "services.part_refused", actor, department=part.organization.name)
    _close_if_done(part.application, part.done_on, actor)
    return part


# --- 好差评 ------------------------------------------------------------------------------------


def evaluation_record(
    *,
    actor: User,
    organization: Organization,
    service_name: str,
    grade: int,
    comment: str,
    on: dt.date,
    one_thing_code: str = "",
    application: OneThingApplication | None = None,
    estate_inquiry=None,
) -> Evaluation:
    """Record a rating; a 差评 opens a rectification on its 15-day clock (practice.md §8).

    Called inside the evaluating service's transaction.
    """
    if grade not in Grade.values:
        raise ValidationFailed(Code.INVALID, _("请选择评价等级。"), field="grade")
    if grade in BAD_GRADES and not comment.strip():
        raise ValidationFailed(
            Code.REQUIRED, _("差评请写明不满意的原因，以便整改。"), field="comment"
        )
    evaluation = Evaluation.objects.create(
        organization=organization,
        service_name=service_name,
        one_thing_code=one_thing_code,
        application=application,
        estate_inquiry=estate_inquiry,
        grade=grade,
        comment=comment.strip(),
        evaluated_on=on,
    )
    subject = application or estate_inquiry
    event(subject, "services.evaluated", actor, grade=grade)
    if evaluation.is_bad:
        rectification = Rectification.objects.create(
            evaluation=evaluation, organization=organization, opened_on=on
        )
        core_services.clock_start(
            clock_type=clocks.RECTIFICATION.key,
            subject=rectification,
            organization=organization,
            start_date=on,
            label=_("差评整改：%(name)s") % {"name": service_name},
            url=f"/services/rectifications/{rectification.pk}/",
            actor=actor,
        )
        event(rectification, "services.rectification_opened", actor, grade=grade)
    return evaluation


@transaction.atomic
def application_evaluate(
    *,
    actor: User,
    application: OneThingApplication,
    grade: int,
    comment: str = "",
    on: dt.date | None = None,
) -> Evaluation:
    application = (
        OneThingApplication.objects.select_for_update()
        .select_related("one_thing", "organization")
        .get(pk=application.pk)
    )
    APPLICATION.require(actor, application, "evaluate")
    return evaluation_record(
        actor=actor,
        organization=application.organization,
        service_name=application.one_thing.name,
        one_thing_code=application.one_thing.code,
        grade=int(grade),
        comment=comment,
        on=day(on, not_before=application.closed_on),
        application=application,
    )


@transaction.atomic
def rectification_respond(
    *, actor: User, rectification: Rectification, response: str, on: dt.date | None = None
) -> Rectification:
    rectification = (
        Rectification.objects.select_for_update()
        .select_related("organization")
        .get(pk=rectification.pk)
    )
    RECTIFICATION.require(actor, rectification, "respond")
    rectification.response = required(response, "response", _("请填写整改情况。"))
    rectification.responded_on = day(on, not_before=rectification.opened_on)
    clock = clock_stop(rectification, rectification.responded_on, actor)
    rectification.on_time = (
        clock is None or clock.due_date is None or (rectification.responded_on <= clock.due_date)
    )
    rectification.status = RectificationStatus.DONE
    rectification.save(update_fields=["response", "responded_on", "on_time", "status"])
    event(rectification, "services.rectification_done", actor, on_time=rectification.on_time)
    return rectification
