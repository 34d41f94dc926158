"""Every write of grassroots rule of law.

Registrations of thousands (a town's roster, the demo's 3557 people) go through one bulk path,
``registrations_record``: every row is checked first, then all are written with their history
and timeline in a few inserts, or none is. One person is one registration per kind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from fazhi.core import services as core_services
from fazhi.core.errors import Conflict, ImportFailed, ValidationFailed
from fazhi.core.exports import read_xlsx_rows
from fazhi.core.importers import sheet_importer
from fazhi.core.models import DomainEvent, Organization, Person
from fazhi.core.scoping import require_change, scope_for
from fazhi.grassroots.error_codes import GrassrootsErrorCode as Code
from fazhi.grassroots.models import (
    BodyStatus,
    CommitteeMeeting,
    CommitteeMember,
    DemocraticVillage,
    LegalTeam,
    MemberRole,
    Pool,
    Registration,
    RegistrationStatus,
    RegistryKind,
    TeamMember,
    TeamRole,
    TownCommittee,
    VillageLevel,
)
from fazhi.grassroots.procedures import COMMITTEE, REGISTRATION, ROLES, TEAM, VILLAGE

VILLAGE_KINDS = ("village", "village_group")
IMPORT_HEADERS = ("类别", "身份证号", "姓名", "人选来源", "选任日期")


def _event(
    subject: models.Model, event_type: str, actor: User, organization, **details: Any
) -> None:
    core_services.event_record(
        subject=subject,
        event_type=event_type,
        actor=actor,
        organization=organization,
        details=details,
    )


def _not_future(on: dt.date, field: str, label: str) -> None:
    if on > timezone.localdate():
        raise ValidationFailed(
            Code.INVALID, _("%(label)s不能晚于今天。") % {"label": label}, field=field
        )


# --- registries ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegistrationRow:
    kind: str
    person: Person
    pool: str
    selected_on: dt.date


def _row_errors(actor: User, rows: Sequence[RegistrationRow]) -> list[dict[str, Any]]:
    scope = scope_for(actor)
    existing = set(
        Registration.objects.filter(person_id__in=[r.person.pk for r in rows]).values_list(
            "kind", "person_id"
        )
    )
    today = timezone.localdate()
    seen: dict[tuple[str, int], int] = {}
    errors: list[dict[str, Any]] = []
    for number, row in enumerate(rows, start=1):

        def bad(code: str, field: str, detail: str, number: int = number) -> None:
            errors.append({"row": number, "code": code, "field": field, "detail": detail})

        organization = row.person.organization
        key = (row.kind, row.person.pk)
        if row.kind not in RegistryKind.values:
            bad(Code.INVALID, "kind", _("类别无效。"))
        if row.pool not in Pool.values:
            bad(Code.INVALID, "pool", _("人选来源无效。"))
        if organization.kind not in VILLAGE_KINDS:
            bad(Code.NOT_A_VILLAGE, "person_ref", _("该人员不在村民小组或行政村登记。"))
        elif not scope.can_change(organization, ROLES):
            bad("out_of_scope", "person_ref", _("该人员不在您的单位范围内。"))
        if key in existing:
            bad(
                Code.ALREADY_REGISTERED,
                "person_ref",
                _("%(name)s 已登记为%(kind)s，同一人每类只登记一次。")
                % {"name": row.person.name, "kind": RegistryKind(row.kind).label}
                if row.kind in RegistryKind.values
                else _("已登记。"),
            )
        elif key in seen:
            bad(
                Code.ALREADY_REGISTERED, "person_ref", _("与第%(row)s行重复。") % {"row": seen[key]}
            )
        seen.setdefault(key, number)
        if row.selected_on > today:
            bad(Code.INVALID, "selected_on", _("选任日期不能晚于今天。"))
    return errors


@transaction.atomic
def registrations_record(*, actor: User, rows: Sequence[RegistrationRow]) -> int:
    """Register many people at once (all or none)."""
    errors = _row_errors(actor, rows)
    if errors:
        if len(rows) == 1:
            first = errors[0]
            if first["code"] == "out_of_scope":
                require_change(actor, rows[0].person.organization, roles=ROLES)
            error = Conflict if first["code"] == Code.ALREADY_REGISTERED else ValidationFailed
            raise error(first["code"], first["detail"], field=first["field"])
        raise ImportFailed(
            _("登记未完成：%(count)s处错误，未做任何更改。") % {"count": len(errors)},
            [{k: v for k, v in e.items() if k != "code"} for e in errors],
        )
    records = bulk_create_with_history(
        [
            Registration(
                kind=row.kind,
                person=row.person,
                organization=row.person.organization,
                pool=row.pool,
                selected_on=row.selected_on,
            )
            for row in rows
        ],
        Registration,
        batch_size=1000,
        default_user=core_services._user_or_none(actor),
    )
    if any(r.pk is None for r in records):  # a database that returns no ids on bulk insert
        records = list(Registration.objects.filter(person_id__in=[r.person.pk for r in rows]))
    content_type = ContentType.objects.get_for_model(Registration)
    user, now = core_services._user_or_none(actor), timezone.now()
    DomainEvent.objects.bulk_create(
        [
            DomainEvent(
                content_type=content_type,
                object_id=str(r.pk),
                organization_id=r.organization_id,
                event_type="grassroots.registered",
                actor=user,
                at=now,
                details={"kind": r.kind},
            )
            for r in records
        ],
        batch_size=1000,
    )
    return len(records)


def _person(id_number: str) -> Person:
    id_number = (id_number or "").strip().upper()
    if not id_number:
        raise ValidationFailed(Code.REQUIRED, _("请填写身份证号。"), field="person_ref")
    person = (
        Person.objects.select_related("organization")
        .filter(is_active=True, id_number=id_number)
        .first()
    )
    if person is None:
        raise ValidationFailed(
            Code.UNKNOWN_PERSON, _("人员库中没有该身份证号的在册人员。"), field="person_ref"
        )
    return person


def registration_create(
    *, actor: User, kind: str, person_ref: str, pool: str, selected_on: dt.date
) -> Registration:
    """One registration (the page and API path of ``registrations_record``)."""
    person = _person(person_ref)
    registrations_record(
        actor=actor,
        rows=[RegistrationRow(kind=kind, person=person, pool=pool, selected_on=selected_on)],
    )
    return Registration.objects.get(kind=kind, person=person)


def _labels(choices) -> dict[str, str]:
    with translation.override("zh-hans"):
        labels = {str(label): value for value, label in choices}
    labels.update({value: value for value, _label in choices})
    return labels


@transaction.atomic
@sheet_importer
def registrations_import(*, actor: User, data: bytes) -> int:
    """A roster sheet (类别, 身份证号, 姓名, 人选来源, 选任日期): all rows or none."""
    sheet = read_xlsx_rows(
        data, expected_headers=IMPORT_HEADERS, max_bytes=settings.FAZHI_MAX_UPLOAD_BYTES
    )
    if not sheet:
        raise ValidationFailed(Code.REQUIRED, _("表格中没有数据行。"), field="file")
    kinds, pools = _labels(RegistryKind.choices), _labels(Pool.choices)
    ids = [str(r.get("身份证号") or "").strip().upper() for r in sheet]
    people = {
        p.id_number: p
        for p in Person.objects.select_related("organization").filter(
            is_active=True, id_number__in=[i for i in ids if i]
        )
    }
    errors: list[dict[str, Any]] = []
    rows: list[RegistrationRow] = []
    for number, (record, id_number) in enumerate(zip(sheet, ids, strict=True), start=2):

        def bad(field: str, detail: str, number: int = number) -> None:
            errors.append({"row": number, "field": field, "detail": detail})

        kind = kinds.get(str(record.get("类别") or "").strip())
        pool = pools.get(str(record.get("人选来源") or "").strip() or str(Pool.OTHER.label))
        person = people.get(id_number)
        selected_on = record.get("选任日期")
        if isinstance(selected_on, str):
            try:
                selected_on = dt.date.fromisoformat(selected_on)
            except ValueError:
                selected_on = None
        if kind is None:
            bad("kind", _("类别应为：法律明白人、法治带头人或学法用法示范户。"))
        if pool is None:
            bad("pool", _("人选来源无效。"))
        if person is None:
            bad("person_ref", _("人员库中没有该身份证号的在册人员。"))
        elif str(record.get("姓名") or "").strip() not in ("", person.name):
            bad("name", _("姓名与身份证号不符。"))
        if not isinstance(selected_on, dt.date):
            bad("selected_on", _("选任日期格式应为 YYYY-MM-DD。"))
        if kind and pool and person and isinstance(selected_on, dt.date):
            rows.append(RegistrationRow(kind, person, pool, selected_on))
    if not errors:  # every row parsed: rows[i] is sheet row i + 2
        errors = [
            {"row": e["row"] + 1, "field": e["field"], "detail": e["detail"]}
            for e in _row_errors(actor, rows)
        ]
    if errors:
        raise ImportFailed(
            _("导入未完成：%(count)s处错误，未做任何更改。") % {"count": len(errors)}, errors
        )
    return registrations_record(actor=actor, rows=rows)


def _locked_registration(registration: Registration) -> Registration:
    return (
        Registration.objects.select_for_update()
        .select_related("organization", "person")
        .get(pk=registration.pk)
    )


@transaction.atomic
def registration_activity(
    *, actor: User, registration: Registration, disputes: int = 0, sessions: int = 0
) -> Registration:
    """Add what the person did: disputes helped to resolve, law talks given."""
    registration = _locked_registration(registration)
    REGISTRATION.require(actor, registration, "activity")
    if disputes < 0 or sessions < 0 or disputes + sessions == 0:
        raise ValidationFailed(Code.INVALID, _("请填写履职活动次数。"), field="disputes")
    registration.disputes_helped += disputes
    registration.sessions_given += sessions
    registration.save(update_fields=["disputes_helped", "sessions_given"])
    _event(
        registration,
        "grassroots.activity_recorded",
        actor,
        registration.organization,
        disputes=disputes,
        sessions=sessions,
    )
    return registration


@transaction.atomic
def registration_training(
    *, actor: User, registration: Registration, hours: Decimal
) -> Registration:
    registration = _locked_registration(registration)
    REGISTRATION.require(actor, registration, "training")
    if hours is None or Decimal(hours) <= 0:
        raise ValidationFailed(Code.INVALID, _("培训学时应大于零。"), field="hours")
    registration.training_hours += Decimal(hours)
    registration.save(update_fields=["training_hours"])
    _event(
        registration, "grassroots.training_recorded", actor, registration.organization, hours=hours
    )
    return registration


@transaction.atomic
def registration_withdraw(
    *, actor: User, registration: Registration, on: dt.date, reason: str
) -> Registration:
    registration = _locked_registration(registration)
    REGISTRATION.require(actor, registration, "withdraw")
    _not_future(on, "on", _("退出日期"))
    if on < registration.selected_on:
        raise ValidationFailed(Code.INVALID, _("退出日期不能早于选任日期。"), field="on")
    if not reason.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写退出原因。"), field="reason")
    registration.status = RegistrationStatus.WITHDRAWN
    registration.withdrawn_on = on
    registration.withdrawal_reason = reason.strip()
    registration.save(update_fields=["status", "withdrawn_on", "withdrawal_reason"])
    _event(registration, "grassroots.withdrawn", actor, registration.organization)
    return registration


# --- town committees and teams -------------------------------------------------------------------


def _town(town: Organization) -> Organization:
    if town is None or town.kind != "town":
        raise ValidationFailed(Code.NOT_A_TOWN, _("请选择镇或街道。"), field="town")
    return town


@transaction.atomic
def committee_create(
    *, actor: User, town: Organization, name: str, established_on: dt.date, document_ref: str = ""
) -> TownCommittee:
    town = _town(town)
    require_change(actor, town, roles=ROLES)
    if not name.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写委员会名称。"), field="name")
    _not_future(established_on, "established_on", _("成立日期"))
    if TownCommittee.objects.filter(town=town).exists():
        raise Conflict(Code.DUPLICATE, _("该镇(街道)已登记委员会。"), field="town")
    committee = TownCommittee.objects.create(
        town=town, name=name.strip(), established_on=established_on, document_ref=document_ref
    )
    _event(committee, "grassroots.committee_created", actor, town)
    return committee


def _locked_committee(committee: TownCommittee) -> TownCommittee:
    return TownCommittee.objects.select_for_update().select_related("town").get(pk=committee.pk)


@transaction.atomic
def committee_member_add(
    *, actor: User, committee: TownCommittee, name: str, post: str, role: str, joined_on: dt.date
) -> CommitteeMember:
    committee = _locked_committee(committee)
    COMMITTEE.require(actor, committee, "member_add")
    if not name.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写姓名。"), field="name")
    if role not in MemberRole.values:
        raise ValidationFailed(Code.INVALID, _("委员会职务无效。"), field="role")
    _not_future(joined_on, "joined_on", _("任职日期"))
    member = CommitteeMember.objects.create(
        committee=committee, name=name.strip(), post=post.strip(), role=role, joined_on=joined_on
    )
    _event(committee, "grassroots.member_added", actor, committee.town, name=member.name)
    return member


@transaction.atomic
def committee_meeting_record(
    *,
    actor: User,
    committee: TownCommittee,
    held_on: dt.date,
    topics: str,
    attendees: int,
    decisions: str = "",
) -> CommitteeMeeting:
    committee = _locked_committee(committee)
    COMMITTEE.require(actor, committee, "meeting")
    _not_future(held_on, "held_on", _("会议日期"))
    if held_on < committee.established_on:
        raise ValidationFailed(Code.INVALID, _("会议日期不能早于委员会成立日期。"), field="held_on")
    if not topics.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写议题。"), field="topics")
    meeting = CommitteeMeeting.objects.create(
        committee=committee,
        held_on=held_on,
        topics=topics.strip(),
        decisions=decisions.strip(),
        attendees=attendees,
    )
    _event(committee, "grassroots.meeting_recorded", actor, committee.town, held_on=held_on)
    return meeting


@transaction.atomic
def committee_dissolve(*, actor: User, committee: TownCommittee, on: dt.date) -> TownCommittee:
    committee = _locked_committee(committee)
    COMMITTEE.require(actor, committee, "dissolve")
    _not_future(on, "on", _("撤销日期"))
    if on < committee.established_on:
        raise ValidationFailed(Code.INVALID, _("撤销日期不能早于成立日期。"), field="on")
    committee.status = BodyStatus.DISSOLVED
    committee.dissolved_on = on
    committee.save(update_fields=["status", "dissolved_on"])
    _event(committee, "grassroots.committee_dissolved", actor, committee.town)
    return committee


@transaction.atomic
def team_create(*, actor: User, town: Organization, established_on: dt.date) -> LegalTeam:
    town = _town(town)
    require_change(actor, town, roles=ROLES)
    _not_future(established_on, "established_on", _("组建日期"))
    if LegalTeam.objects.filter(town=town).exists():
        raise Conflict(Code.DUPLICATE, _("该镇(街道)已登记法治员队伍。"), field="town")
    team = LegalTeam.objects.create(town=town, established_on=established_on)
    _event(team, "grassroots.team_created", actor, town)
    return team


@transaction.atomic
def team_member_add(
    *, actor: User, team: LegalTeam, name: str, post: str, role: str, joined_on: dt.date
) -> TeamMember:
    team = LegalTeam.objects.select_for_update().select_related("town").get(pk=team.pk)
    TEAM.require(actor, team, "member_add")
    if not name.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写姓名。"), field="name")
    if role not in TeamRole.values:
        raise ValidationFailed(Code.INVALID, _("类别无效。"), field="role")
    _not_future(joined_on, "joined_on", _("加入日期"))
    member = TeamMember.objects.create(
        team=team, name=name.strip(), post=post.strip(), role=role, joined_on=joined_on
    )
    _event(team, "grassroots.team_member_added", actor, team.town, name=member.name, role=role)
    return member


# --- democratic rule-of-law villages ---------------------------------------------------------------


@transaction.atomic
def village_recognise(
    *,
    actor: User,
    village: Organization,
    level: str,
    recognised_on: dt.date,
    document_ref: str = "",
) -> DemocraticVillage:
    if village is None or village.kind != "village":
        raise ValidationFailed(Code.NOT_A_VILLAGE, _("请选择行政村。"), field="village")
    require_change(actor, village, roles=ROLES)
    if level not in VillageLevel.values:
        raise ValidationFailed(Code.INVALID, _("命名层级无效。"), field="level")
    _not_future(recognised_on, "recognised_on", _("命名日期"))
    if DemocraticVillage.objects.filter(village=village, level=level).exists():
        raise Conflict(Code.DUPLICATE, _("该村已获此层级命名。"), field="level")
    record = DemocraticVillage.objects.create(
        village=village, level=level, recognised_on=recognised_on, document_ref=document_ref
    )
    _event(record, "grassroots.village_recognised", actor, village, level=level)
    return record


@transaction.atomic
def village_revoke(
    *, actor: User, record: DemocraticVillage, on: dt.date, reason: str
) -> DemocraticVillage:
    record = (
        DemocraticVillage.objects.select_for_update().select_related("village").get(pk=record.pk)
    )
    VILLAGE.require(actor, record, "revoke")
    _not_future(on, "on", _("撤销日期"))
    if on < record.recognised_on:
        raise ValidationFailed(Code.INVALID, _("撤销日期不能早于命名日期。"), field="on")
    if not reason.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写撤销原因。"), field="reason")
    record.status = BodyStatus.DISSOLVED
    record.revoked_on = on
    record.revocation_reason = reason.strip()
    record.save(update_fields=["status", "revoked_on", "revocation_reason"])
    _event(record, "grassroots.village_revoked", actor, record.village)
    return record
