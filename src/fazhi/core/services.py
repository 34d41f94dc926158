"""Every write of the shared kernel: organisations, people, accounts, clocks, numbers, events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from fazhi.core import deadlines
from fazhi.core.calendar import due_date as compute_due
from fazhi.core.domain.calendar import ClockChange
from fazhi.core.domain.identity import is_valid_id_number
from fazhi.core.domain.numbering import render_number, validate_template
from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import Conflict, ImportFailed, NotFound, ValidationFailed
from fazhi.core.models import (
    Clock,
    ClockEvent,
    ClockEventKind,
    ClockStatus,
    DomainEvent,
    IssuedNumber,
    LeaderLevel,
    LoginFailure,
    Notification,
    NumberCounter,
    NumberSeries,
    Organization,
    OrganizationKind,
    Person,
    Role,
    RoleAssignment,
    path_segment,
)
from fazhi.core.scoping import require_change

User = get_user_model()

ORGANIZATION_ADMIN_ROLES = (Role.ADMINISTRATOR,)
PEOPLE_ADMIN_ROLES = (Role.ADMINISTRATOR, Role.JUSTICE_LEGAL_OFFICER, Role.DEPARTMENT_LEGAL_OFFICER)
# --- domain events ----------------------------------------------------------------------------


def event_record(
    *,
    subject: models.Model,
    event_type: str,
    actor=None,
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


# --- organisations ----------------------------------------------------------------------------


def _check_dates(valid_from: dt.date | None, valid_to: dt.date | None) -> None:
    if valid_from and valid_to and valid_to < valid_from:
        raise ValidationFailed(
            CoreErrorCode.INVALID_DATE, _("失效日期不能早于生效日期。"), field="valid_to"
        )


def _check_kind(kind: str) -> None:
    if kind not in OrganizationKind.values:
        raise ValidationFailed(CoreErrorCode.INVALID, _("组织类型无效。"), field="kind")


@transaction.atomic
def organization_create(
    *,
    actor,
    code: str,
    name: str,
    kind: str,
    parent: Organization | None = None,
    division_code: str = "",
    short_name: str = "",
    is_street: bool = False,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> Organization:
    require_change(actor, parent, roles=ORGANIZATION_ADMIN_ROLES)
    code, name = code.strip(), name.strip()
    if not code:
        raise ValidationFailed(CoreErrorCode.REQUIRED, _("请填写编码。"), field="code")
    if not name:
        raise ValidationFailed(CoreErrorCode.REQUIRED, _("请填写名称。"), field="name")
    _check_kind(kind)
    _check_dates(valid_from, valid_to)
    if Organization.objects.filter(code=code).exists():
        raise ValidationFailed(CoreErrorCode.DUPLICATE, _("编码已被使用。"), field="code")
    organization = Organization.objects.create(
        code=code,
        name=name,
        kind=kind,
        parent=parent,
        division_code=division_code,
        short_name=short_name,
        is_street=is_street,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    organization.path = (parent.path if parent else "") + path_segment(organization.pk)
    organization.depth = parent.depth + 1 if parent else 0
    # path and depth are derived and kept out of history: update without a second history row
    Organization.objects.filter(pk=organization.pk).update(
        path=organization.path, depth=organization.depth
    )
    event_record(
        subject=organization,
        event_type="organization_created",
        actor=actor,
        organization=organization,
    )
    return organization


ORGANIZATION_EDITABLE = (
    "name",
    "short_name",
    "division_code",
    "kind",
    "is_street",
    "valid_from",
    "valid_to",
    "parent",
)


@transaction.atomic
def organization_update(*, actor, organization: Organization, **changes: Any) -> Organization:
    """Edit an organisation; moving it re-roots its whole subtree's paths."""
    unknown = set(changes) - set(ORGANIZATION_EDITABLE)
    if unknown:
        raise ValidationFailed(CoreErrorCode.INVALID, _("字段不可修改。"), field=sorted(unknown)[0])
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    require_change(actor, organization, roles=ORGANIZATION_ADMIN_ROLES)
    if "name" in changes and not str(changes["name"]).strip():
        raise ValidationFailed(CoreErrorCode.REQUIRED, _("请填写名称。"), field="name")
    if "kind" in changes:
        _check_kind(changes["kind"])
    _check_dates(
        changes.get("valid_from", organization.valid_from),
        changes.get("valid_to", organization.valid_to),
    )
    new_parent = changes.pop("parent", organization.parent)
    moved = (new_parent.pk if new_parent else None) != organization.parent_id
    if moved:
        if new_parent is not None and new_parent.path.startswith(organization.path):
            raise ValidationFailed(
                CoreErrorCode.ORGANIZATION_CYCLE,
                _("不能把组织移到其自身或下级之下。"),
                field="parent",
            )
        require_change(actor, new_parent, roles=ORGANIZATION_ADMIN_ROLES)
    for name, value in changes.items():
        setattr(organization, name, value)
    if moved:
        old_path = organization.path
        organization.parent = new_parent
        organization.path = (new_parent.path if new_parent else "") + path_segment(organization.pk)
        depth_shift = (new_parent.depth + 1 if new_parent else 0) - organization.depth
        organization.depth += depth_shift
        descendants = list(
            Organization.objects.filter(path__startswith=old_path).exclude(pk=organization.pk)
        )
        for child in descendants:
            child.path = organization.path + child.path[len(old_path) :]
            child.depth += depth_shift
        Organization.objects.bulk_update(descendants, ["path", "depth"], batch_size=500)
    organization.save()
    event_record(
        subject=organization,
        event_type="organization_updated",
        actor=actor,
        organization=organization,
        details={"fields": sorted([*changes, *(["parent"] if moved else [])])},
    )
    return organization


@dataclass(frozen=True)
class OrganizationRow:
    code: str
    name: str
    kind: str
    parent_code: str = ""
    division_code: str = ""
    short_name: str = ""
    is_street: bool = False
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


@transaction.atomic
def organizations_import(*, actor, rows: Sequence[OrganizationRow]) -> list[Organization]:
    """Create many organisations at once, all or nothing, with a row-by-row error report.

    Parents may be existing organisations or rows earlier or later in the same import.
    """
    require_change(actor, None, roles=ORGANIZATION_ADMIN_ROLES)
    errors: list[dict[str, Any]] = []
    codes_in_file: dict[str, int] = {}
    existing = dict(
        Organization.objects.filter(
            code__in={r.code for r in rows} | {r.parent_code for r in rows if r.parent_code}
        ).values_list("code", "pk")
    )
    for number, row in enumerate(rows, start=2):  # row 1 is the header in a sheet

        def bad(field: str, detail: str, number: int = number) -> None:
            errors.append({"row": number, "field": field, "detail": detail})

        if not row.code.strip():
            bad("code", _("请填写编码。"))
        elif row.code in codes_in_file:
            bad("code", _("编码与第%(row)s行重复。") % {"row": codes_in_file[row.code]})
        elif row.code in existing:
            bad("code", _("编码已被使用。"))
        codes_in_file.setdefault(row.code, number)
        if not row.name.strip():
            bad("name", _("请填写名称。"))
        if row.kind not in OrganizationKind.values:
            bad("kind", _("组织类型无效。"))
        if row.valid_from and row.valid_to and row.valid_to < row.valid_from:
            bad("valid_to", _("失效日期不能早于生效日期。"))
    known = set(codes_in_file) | set(existing)
    for number, row in enumerate(rows, start=2):
        if row.parent_code and row.parent_code not in known:
            errors.append({"row": number, "field": "parent_code", "detail": _("上级组织不存在。")})
    if errors:
        raise ImportFailed(
            _("导入未完成：%(count)s处错误，未做任何更改。") % {"count": len(errors)}, errors
        )

    parents = {
        o.code: o for o in Organization.objects.filter(code__in={r.parent_code for r in rows})
    }
    pending = list(rows)
    created: list[Organization] = []
    while pending:
        ready = [r for r in pending if not r.parent_code or r.parent_code in parents]
        if not ready:
            raise ImportFailed(
                _("导入未完成：上级关系存在循环。"),
                [{"row": None, "field": "parent_code", "detail": _("上级关系存在循环。")}],
            )
        batch = [
            Organization(
                code=r.code.strip(),
                name=r.name.strip(),
                kind=r.kind,
                parent=parents.get(r.parent_code),
                division_code=r.division_code,
                short_name=r.short_name,
                is_street=r.is_street,
                valid_from=r.valid_from,
                valid_to=r.valid_to,
            )
            for r in ready
        ]
        batch = bulk_create_with_history(
            batch, Organization, batch_size=500, default_user=_user_or_none(actor)
        )
        if any(o.pk is None for o in batch):  # backends that return no ids
            by_code = Organization.objects.in_bulk([o.code for o in batch], field_name="code")
            batch = [by_code[o.code] for o in batch]
        for organization in batch:
            parent = (
                parents.get(organization.parent.code) if organization.parent is not None else None
            )
            organization.path = (parent.path if parent else "") + path_segment(organization.pk)
            organization.depth = parent.depth + 1 if parent else 0
        Organization.objects.bulk_update(batch, ["path", "depth"], batch_size=500)
        for organization in batch:
            parents[organization.code] = organization
        created.extend(batch)
        ready_codes = {r.code for r in ready}
        pending = [r for r in pending if r.code not in ready_codes]
    return created


def user_or_none(actor):
    """The actor to record on a row: a saved, logged-in user, or nobody."""
    if actor is None or not getattr(actor, "is_authenticated", False) or actor.pk is None:
        return None
    return actor


_user_or_none = user_or_none  # the older private name, still imported by some apps


# --- people -----------------------------------------------------------------------------------

PERSON_EDITABLE = (
    "name",
    "id_number",
    "organization",
    "post",
    "leader_level",
    "enforcement_certificate_number",
    "certificate_valid_until",
    "is_active",
)


def _validate_person_fields(fields: Mapping[str, Any]) -> None:
    if "name" in fields and not str(fields["name"]).strip():
        raise ValidationFailed(CoreErrorCode.REQUIRED, _("请填写姓名。"), field="name")
    id_number = fields.get("id_number") or ""
    if id_number and not is_valid_id_number(id_number):
        raise ValidationFailed(
            CoreErrorCode.INVALID_ID_NUMBER, _("身份证号码格式或校验位不正确。"), field="id_number"
        )
    if "leader_level" in fields and fields["leader_level"] not in LeaderLevel.values:
        raise ValidationFailed(CoreErrorCode.INVALID, _("领导层级无效。"), field="leader_level")
    if fields.get("enforcement_certificate_number") and not fields.get("certificate_valid_until"):
        raise ValidationFailed(
            CoreErrorCode.REQUIRED, _("请填写执法证有效期。"), field="certificate_valid_until"
        )


def _unique_person_fields(fields: Mapping[str, Any], exclude_pk: int | None = None) -> None:
    others = Person.objects.all() if exclude_pk is None else Person.objects.exclude(pk=exclude_pk)
    if fields.get("id_number") and others.filter(id_number=fields["id_number"]).exists():
        raise ValidationFailed(CoreErrorCode.DUPLICATE, _("身份证号已登记。"), field="id_number")
    certificate = fields.get("enforcement_certificate_number")
    if certificate and others.filter(enforcement_certificate_number=certificate).exists():
        raise ValidationFailed(
            CoreErrorCode.DUPLICATE, _("执法证号已登记。"), field="enforcement_certificate_number"
        )


@transaction.atomic
def person_create(*, actor, organization: Organization, name: str, **fields: Any) -> Person:
    require_change(actor, organization, roles=PEOPLE_ADMIN_ROLES)
    unknown = set(fields) - set(PERSON_EDITABLE)
    if unknown:
        raise ValidationFailed(CoreErrorCode.INVALID, _("字段无效。"), field=sorted(unknown)[0])
    if "id_number" in fields:
        fields["id_number"] = (fields["id_number"] or "").strip().upper()
    _validate_person_fields({"name": name, **fields})
    _unique_person_fields(fields)
    person = Person.objects.create(organization=organization, name=name.strip(), **fields)
    event_record(
        subject=person, event_type="person_created", actor=actor, organization=organization
    )
    return person


@transaction.atomic
def person_update(*, actor, person: Person, **changes: Any) -> Person:
    unknown = set(changes) - set(PERSON_EDITABLE)
    if unknown:
        raise ValidationFailed(CoreErrorCode.INVALID, _("字段无效。"), field=sorted(unknown)[0])
    person = Person.objects.select_for_update().select_related("organization").get(pk=person.pk)
    require_change(actor, person.organization, roles=PEOPLE_ADMIN_ROLES)
    if "organization" in changes:
        require_change(actor, changes["organization"], roles=PEOPLE_ADMIN_ROLES)
    if "id_number" in changes:
        changes["id_number"] = (changes["id_number"] or "").strip().upper()
    merged = {
        "enforcement_certificate_number": person.enforcement_certificate_number,
        "certificate_valid_until": person.certificate_valid_until,
        **changes,
    }
    _validate_person_fields(merged)
    _unique_person_fields(changes, exclude_pk=person.pk)
    for name, value in changes.items():
        setattr(person, name, value)
    person.save()
    event_record(
        subject=person,
        event_type="person_updated",
        actor=actor,
        organization=person.organization,
        details={"fields": sorted(changes)},
    )
    return person


@dataclass(frozen=True)
class PersonRow:
    name: str
    organization_code: str
    id_number: str = ""
    post: str = ""
    leader_level: str = LeaderLevel.NONE
    enforcement_certificate_number: str = ""
    certificate_valid_until: dt.date | None = None


@transaction.atomic
def people_import(*, actor, rows: Sequence[PersonRow]) -> int:
    """Register many people at once: all or nothing, with a row-by-row error report."""
    organizations = Organization.objects.in_bulk(
        {r.organization_code for r in rows}, field_name="code"
    )
    errors: list[dict[str, Any]] = []
    seen_ids: dict[str, int] = {}
    seen_certificates: dict[str, int] = {}
    existing_ids = set(
        Person.objects.filter(id_number__in=[r.id_number for r in rows if r.id_number]).values_list(
            "id_number", flat=True
        )
    )
    existing_certificates = set(
        Person.objects.filter(
            enforcement_certificate_number__in=[
                r.enforcement_certificate_number for r in rows if r.enforcement_certificate_number
            ]
        ).values_list("enforcement_certificate_number", flat=True)
    )
    from fazhi.core.scoping import scope_for

    scope = scope_for(actor)
    for number, row in enumerate(rows, start=2):

        def bad(field: str, detail: str, number: int = number) -> None:
            errors.append({"row": number, "field": field, "detail": detail})

        organization = organizations.get(row.organization_code)
        if organization is None:
            bad("organization_code", _("单位不存在。"))
        elif not scope.can_change(organization, PEOPLE_ADMIN_ROLES):
            bad("organization_code", _("该单位不在您的管理范围内。"))
        if not row.name.strip():
            bad("name", _("请填写姓名。"))
        if row.id_number:
            if not is_valid_id_number(row.id_number):
                bad("id_number", _("身份证号码格式或校验位不正确。"))
            elif row.id_number in existing_ids:
                bad("id_number", _("身份证号已登记。"))
            elif row.id_number in seen_ids:
                bad(
                    "id_number", _("身份证号与第%(row)s行重复。") % {"row": seen_ids[row.id_number]}
                )
            seen_ids.setdefault(row.id_number, number)
        if row.leader_level not in LeaderLevel.values:
            bad("leader_level", _("领导层级无效。"))
        certificate = row.enforcement_certificate_number
        if certificate:
            if certificate in existing_certificates:
                bad("enforcement_certificate_number", _("执法证号已登记。"))
            elif certificate in seen_certificates:
                bad(
                    "enforcement_certificate_number",
                    _("执法证号与第%(row)s行重复。") % {"row": seen_certificates[certificate]},
                )
            seen_certificates.setdefault(certificate, number)
            if row.certificate_valid_until is None:
                bad("certificate_valid_until", _("请填写执法证有效期。"))
    if errors:
        raise ImportFailed(
            _("导入未完成：%(count)s处错误，未做任何更改。") % {"count": len(errors)}, errors
        )
    people = [
        Person(
            name=r.name.strip(),
            organization=organizations[r.organization_code],
            id_number=r.id_number.upper(),
            post=r.post,
            leader_level=r.leader_level,
            enforcement_certificate_number=r.enforcement_certificate_number,
            certificate_valid_until=r.certificate_valid_until,
        )
        for r in rows
    ]
    bulk_create_with_history(people, Person, batch_size=500, default_user=_user_or_none(actor))
    return len(people)


# --- accounts ---------------------------------------------------------------------------------


@transaction.atomic
def user_create(
    *,
    actor,
    username: str,
    password: str,
    roles: Iterable[tuple[str, Organization]],
    person: Person | None = None,
    display_name: str = "",
    site_administrator: bool = False,
) -> Any:
    """Create a login with its role assignments (administrators only)."""
    from fazhi.core.scoping import require_role

    if actor is not None:
        require_role(actor, Role.ADMINISTRATOR)
    username = username.strip()
    if not username:
        raise ValidationFailed(CoreErrorCode.REQUIRED, _("请填写用户名。"), field="username")
    if User.objects.filter(username=username).exists():
        raise ValidationFailed(CoreErrorCode.DUPLICATE, _("用户名已被使用。"), field="username")
    user = User.objects.create_user(
        username=username,
        password=password,
        first_name=display_name,
        is_staff=site_administrator,
        is_superuser=site_administrator,
    )
    for role, organization in roles:
        role_assign(actor=actor or user, user=user, role=role, organization=organization)
    if person is not None:
        if person.user_id:
            raise ValidationFailed(CoreErrorCode.DUPLICATE, _("该人员已有账号。"), field="person")
        person.user = user
        person.save(update_fields=["user"])
    return user


@transaction.atomic
def role_assign(*, actor, user, role: str, organization: Organization) -> RoleAssignment:
    """Grant a role over an organisation's subtree (administrators only)."""
    require_change(actor, organization, roles=(Role.ADMINISTRATOR,))
    if role not in Role.values:
        raise ValidationFailed(CoreErrorCode.INVALID, _("角色无效。"), field="role")
    assignment, created = RoleAssignment.objects.get_or_create(
        user=user, role=role, organization=organization
    )
    if not created:
        raise ValidationFailed(CoreErrorCode.DUPLICATE, _("已授予该角色。"), field="role")
    user.__dict__.pop("_fazhi_scope", None)
    return assignment


def login_locked_out(username: str, *, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    window = now - dt.timedelta(minutes=settings.FAZHI_LOGIN_LOCKOUT_MINUTES)
    recent = LoginFailure.objects.filter(username__iexact=username, at__gte=window).count()
    return recent >= settings.FAZHI_LOGIN_MAX_FAILURES


def login_failure_record(*, username: str, ip_address: str | None) -> None:
    LoginFailure.objects.create(username=username[:150], ip_address=ip_address, at=timezone.now())


def login_success_record(*, username: str) -> None:
    LoginFailure.objects.filter(username__iexact=username).delete()


# --- clocks -----------------------------------------------------------------------------------


def _clock_type(key: str) -> deadlines.ClockType:
    clock_type = deadlines.get(key)
    if clock_type is None:
        raise ValidationFailed(
            CoreErrorCode.UNKNOWN_CLOCK_TYPE, _("未知的期限类型。"), field="clock_type"
        )
    return clock_type


def _clock_changes(clock: Clock) -> list[ClockChange]:
    return [
        ClockChange(kind=e.kind, date=e.date, days=e.days or 0, note=e.reason)
        for e in clock.events.exclude(kind__in=[ClockEventKind.START, ClockEventKind.STOP])
    ]


def clock_for(subject: models.Model, clock_type: str) -> Clock | None:
    """The clock of a type running (or run) on a record, if it was started."""
    return Clock.objects.filter(
        clock_type=clock_type,
        content_type=ContentType.objects.get_for_model(subject),
        object_id=str(subject.pk),
    ).first()


def clock_of(subject: models.Model, clock_type: str) -> Clock:
    """The clock a step relies on. A missing one means the record skipped the step that starts
    it, so the step is refused rather than computed on a period that never ran."""
    clock = clock_for(subject, clock_type)
    if clock is None:
        raise Conflict(
            CoreErrorCode.CLOCK_MISSING,
            _("该记录尚未开始计算“%(clock)s”期限。") % {"clock": _clock_type(clock_type).name},
            field="clock",
        )
    return clock


def clock_due(clock: Clock) -> dt.date:
    """The last day of a clock that is running (a paused clock has no last day yet)."""
    if clock.due_date is None:
        raise Conflict(
            CoreErrorCode.CLOCK_NOT_RUNNING,
            _("“%(label)s”期限已暂停，当前没有届满日。") % {"label": clock.label},
            field="clock",
        )
    return clock.due_date


def clock_explanation(clock: Clock):
    clock_type = _clock_type(clock.clock_type)
    return compute_due(
        start=clock.start_date,
        length=clock_type.length,
        basis=clock_type.basis,
        changes=_clock_changes(clock),
    )


def _recompute(clock: Clock) -> None:
    clock.due_date = clock_explanation(clock).due
    clock.save(update_fields=["due_date", "status", "stopped_on"])


@transaction.atomic
def clock_start(
    *,
    clock_type: str,
    subject: models.Model,
    organization: Organization,
    start_date: dt.date,
    label: str,
    url: str = "",
    responsible=None,
    actor=None,
) -> Clock:
    """Start a statutory clock on a record (one clock of each type per record)."""
    _clock_type(clock_type)
    content_type = ContentType.objects.get_for_model(subject)
    if Clock.objects.filter(
        clock_type=clock_type, content_type=content_type, object_id=str(subject.pk)
    ).exists():
        raise Conflict(CoreErrorCode.DUPLICATE, _("该期限已开始计算。"), field="clock_type")
    clock = Clock.objects.create(
        clock_type=clock_type,
        content_type=content_type,
        object_id=str(subject.pk),
        label=label,
        url=url,
        organization=organization,
        responsible=responsible,
        start_date=start_date,
    )
    ClockEvent.objects.create(
        clock=clock, kind=ClockEventKind.START, date=start_date, actor=_user_or_none(actor)
    )
    _recompute(clock)
    return clock


def _locked(clock: Clock) -> Clock:
    return Clock.objects.select_for_update().get(pk=clock.pk)


def _after_start(clock: Clock, on: dt.date, field: str = "date") -> None:
    last = clock.events.order_by("-date", "-id").values_list("date", flat=True).first()
    if on < clock.start_date or (last and on < last):
        raise ValidationFailed(
            CoreErrorCode.INVALID_DATE, _("日期不能早于起算日或上一事件。"), field=field
        )


@transaction.atomic
def clock_pause(*, clock: Clock, on: dt.date, reason: str, actor=None) -> Clock:
    clock = _locked(clock)
    if not _clock_type(clock.clock_type).pausable:
        raise ValidationFailed(
            CoreErrorCode.CLOCK_NOT_PAUSABLE, _("该期限不能中止计算。"), field="clock"
        )
    if clock.status != ClockStatus.RUNNING:
        raise Conflict(
            CoreErrorCode.INVALID_TRANSITION, _("只有计时中的期限可以暂停。"), field="status"
        )
    if not reason.strip():
        raise ValidationFailed(CoreErrorCode.REQUIRED, _("请填写暂停理由。"), field="reason")
    _after_start(clock, on)
    ClockEvent.objects.create(
        clock=clock, kind=ClockEventKind.PAUSE, date=on, reason=reason, actor=_user_or_none(actor)
    )
    clock.status = ClockStatus.PAUSED
    _recompute(clock)
    return clock


@transaction.atomic
def clock_resume(*, clock: Clock, on: dt.date, reason: str = "", actor=None) -> Clock:
    clock = _locked(clock)
    if clock.status != ClockStatus.PAUSED:
        raise Conflict(
            CoreErrorCode.INVALID_TRANSITION, _("只有已暂停的期限可以恢复。"), field="status"
        )
    _after_start(clock, on)
    ClockEvent.objects.create(
        clock=clock, kind=ClockEventKind.RESUME, date=on, reason=reason, actor=_user_or_none(actor)
    )
    clock.status = ClockStatus.RUNNING
    _recompute(clock)
    return clock


@transaction.atomic
def clock_extend(*, clock: Clock, on: dt.date, days: int, reason: str, actor=None) -> Clock:
    clock = _locked(clock)
    clock_type = _clock_type(clock.clock_type)
    if not clock_type.extendable:
        raise ValidationFailed(
            CoreErrorCode.CLOCK_NOT_EXTENDABLE, _("该期限不能延长。"), field="clock"
        )
    if clock.status == ClockStatus.STOPPED:
        raise Conflict(
            CoreErrorCode.INVALID_TRANSITION, _("已停止的期限不能延长。"), field="status"
        )
    if days <= 0:
        raise ValidationFailed(CoreErrorCode.INVALID, _("延长天数必须大于零。"), field="days")
    already = sum(e.days or 0 for e in clock.events.filter(kind=ClockEventKind.EXTEND))
    if clock_type.max_extension_days is not None and already + days > clock_type.max_extension_days:
        raise ValidationFailed(
            CoreErrorCode.EXTENSION_TOO_LONG,
            _("延长合计不得超过%(days)s日。") % {"days": clock_type.max_extension_days},
            field="days",
        )
    if not reason.strip():
        raise ValidationFailed(CoreErrorCode.REQUIRED, _("请填写延长理由。"), field="reason")
    _after_start(clock, on)
    ClockEvent.objects.create(
        clock=clock,
        kind=ClockEventKind.EXTEND,
        date=on,
        days=days,
        reason=reason,
        actor=_user_or_none(actor),
    )
    _recompute(clock)
    return clock


@transaction.atomic
def clock_stop(*, clock: Clock, on: dt.date, actor=None) -> Clock:
    clock = _locked(clock)
    if clock.status == ClockStatus.STOPPED:
        raise Conflict(CoreErrorCode.INVALID_TRANSITION, _("该期限已停止。"), field="status")
    _after_start(clock, on)
    ClockEvent.objects.create(
        clock=clock, kind=ClockEventKind.STOP, date=on, actor=_user_or_none(actor)
    )
    clock.status = ClockStatus.STOPPED
    clock.stopped_on = on
    _recompute(clock)
    return clock


# --- numbering --------------------------------------------------------------------------------


@transaction.atomic
def number_series_create(
    *, key: str, name: str, template: str, organization: Organization, actor=None
) -> NumberSeries:
    if actor is not None:
        require_change(actor, organization, roles=(Role.ADMINISTRATOR, Role.JUSTICE_LEGAL_OFFICER))
    problem = validate_template(template)
    if problem:
        raise ValidationFailed(
            CoreErrorCode.INVALID_TEMPLATE,
            _("编号模板无效：%(problem)s") % {"problem": problem},
            field="template",
        )
    if NumberSeries.objects.filter(key=key).exists():
        raise ValidationFailed(CoreErrorCode.DUPLICATE, _("编号序列已存在。"), field="key")
    return NumberSeries.objects.create(
        key=key, name=name, template=template, organization=organization
    )


def number_series_ensure(
    *, key: str, name: str, template: str, organization: Organization
) -> NumberSeries:
    """The series, created on first use; safe when two transactions both find it missing.

    Call inside the caller's transaction (the first case of a year creates the series).
    """
    series = NumberSeries.objects.filter(key=key).first()
    if series is not None:
        return series
    problem = validate_template(template)
    if problem:
        raise ValidationFailed(
            CoreErrorCode.INVALID_TEMPLATE,
            _("编号模板无效：%(problem)s") % {"problem": problem},
            field="template",
        )
    try:
        with transaction.atomic():
            return NumberSeries.objects.create(
                key=key, name=name, template=template, organization=organization
            )
    except IntegrityError:  # created meanwhile by a concurrent caller: use theirs
        return NumberSeries.objects.get(key=key)


def _locked_counter(series: NumberSeries, year: int) -> NumberCounter:
    try:
        return NumberCounter.objects.select_for_update().get(series=series, year=year)
    except NumberCounter.DoesNotExist:
        pass
    try:
        with transaction.atomic():
            NumberCounter.objects.create(series=series, year=year, last_value=0)
    except IntegrityError:
        pass  # another transaction created it first; take its lock below
    return NumberCounter.objects.select_for_update().get(series=series, year=year)


@transaction.atomic
def number_issue(
    *, series_key: str, year: int, subject: models.Model | None = None, actor=None
) -> IssuedNumber:
    """Take the next number of a series for a year: unique and gap-free.

    The counter row's lock serialises concurrent callers; because the number is taken inside
    the caller's transaction, a rolled-back issue gives its number back and leaves no gap.
    """
    try:
        series = NumberSeries.objects.get(key=series_key)
    except NumberSeries.DoesNotExist:
        raise NotFound(CoreErrorCode.NOT_FOUND, _("编号序列不存在。"), field="series") from None
    if not 1900 <= year <= 2999:
        raise ValidationFailed(CoreErrorCode.INVALID, _("年度无效。"), field="year")
    counter = _locked_counter(series, year)
    counter.last_value += 1
    counter.save(update_fields=["last_value"])
    return IssuedNumber.objects.create(
        series=series,
        year=year,
        sequence=counter.last_value,
        number=render_number(series.template, year=year, sequence=counter.last_value),
        content_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        object_id=str(subject.pk) if subject is not None else "",
        issued_by=_user_or_none(actor),
    )


# --- notifications ----------------------------------------------------------------------------


def notification_raise(*, user, title: str, body: str = "", url: str = "", dedupe_key: str) -> bool:
    """Raise a notification once per (user, dedupe_key); True if it was new."""
    _, created = Notification.objects.get_or_create(
        user=user,
        dedupe_key=dedupe_key[:200],
        defaults={"title": title[:200], "body": body, "url": url},
    )
    return created


def notification_mark_read(*, user, notification_id: int) -> None:
    updated = Notification.objects.filter(
        user=user, pk=notification_id, read_at__isnull=True
    ).update(read_at=timezone.now())
    if not updated and not Notification.objects.filter(user=user, pk=notification_id).exists():
        raise NotFound(CoreErrorCode.NOT_FOUND, _("通知不存在。"), field="notification")


def deadline_notifications_raise(*, today: dt.date, within_days: int = 3) -> int:
    """Notify each clock's responsible user (or its unit's legal officers) of due and overdue
    clocks. Idempotent: the same clock and due date notify a user once."""
    horizon = today + dt.timedelta(days=within_days)
    clocks = Clock.objects.filter(status=ClockStatus.RUNNING, due_date__lte=horizon).select_related(
        "responsible"
    )
    # One query for every unit's legal officers, not one per clock.
    officers: dict[int, list] = {}
    for assignment in RoleAssignment.objects.filter(
        organization__in=clocks.filter(responsible__isnull=True).values("organization"),
        role__in=[Role.DEPARTMENT_LEGAL_OFFICER, Role.JUSTICE_LEGAL_OFFICER],
    ).select_related("user"):
        unit = officers.setdefault(assignment.organization_id, [])
        if assignment.user not in unit:
            unit.append(assignment.user)
    raised = 0
    for clock in clocks.iterator(chunk_size=500):
        recipients = (
            [clock.responsible] if clock.responsible_id else officers.get(clock.organization_id, [])
        )
        if clock.due_date is None:
            continue
        overdue = clock.due_date < today
        title = (_("已逾期：%(label)s") if overdue else _("即将到期：%(label)s")) % {
            "label": clock.label
        }
        for user in recipients:
            raised += notification_raise(
                user=user,
                title=title,
                body=_("届满日：%(due)s") % {"due": clock.due_date.isoformat()},
                url=clock.url,
                dedupe_key=f"clock:{clock.pk}:{clock.due_date.isoformat()}:{'overdue' if overdue else 'due'}",
            )
    return raised


PEOPLE_SHEET_HEADERS = (
    "姓名",
    "单位编码",
    "身份证号",
    "职务",
    "领导层级",
    "执法证号",
    "执法证有效期至",
)


def _sheet_date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip())


def people_import_xlsx(*, actor, data: bytes) -> int:
    """Register people from a sheet laid out as ``PEOPLE_SHEET_HEADERS`` (all or nothing)."""
    from fazhi.core.exports import read_xlsx_rows

    sheet = read_xlsx_rows(
        data, expected_headers=PEOPLE_SHEET_HEADERS[:2], max_bytes=settings.FAZHI_MAX_UPLOAD_BYTES
    )
    if not sheet:
        raise ValidationFailed(CoreErrorCode.IMPORT_INVALID, _("表格中没有数据行。"), field="file")
    with translation.override("zh-hans"):  # the sheet uses the Chinese labels (or the codes)
        levels = {str(label): value for value, label in LeaderLevel.choices}
    levels.update({value: value for value in LeaderLevel.values})
    rows: list[PersonRow] = []
    errors: list[dict[str, Any]] = []
    for number, record in enumerate(sheet, start=2):
        level_label = str(record.get("领导层级") or "").strip()
        level = levels.get(level_label, level_label) if level_label else LeaderLevel.NONE
        try:
            valid_until = _sheet_date(record.get("执法证有效期至"))
        except ValueError:
            errors.append(
                {
                    "row": number,
                    "field": "certificate_valid_until",
                    "detail": _("日期格式应为 YYYY-MM-DD。"),
                }
            )
            valid_until = None
        rows.append(
            PersonRow(
                name=str(record.get("姓名") or ""),
                organization_code=str(record.get("单位编码") or ""),
                id_number=str(record.get("身份证号") or "").upper(),
                post=str(record.get("职务") or ""),
                leader_level=level,
                enforcement_certificate_number=str(record.get("执法证号") or ""),
                certificate_valid_until=valid_until,
            )
        )
    if errors:
        raise ImportFailed(
            _("导入未完成：%(count)s处错误，未做任何更改。") % {"count": len(errors)}, errors
        )
    return people_import(actor=actor, rows=rows)
