"""Writes of people: create, edit, and the all-or-nothing import (rows or an XLSX sheet)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypedDict, Unpack

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from fazhi.core.domain.identity import is_valid_id_number
from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import ImportFailed, ValidationFailed
from fazhi.core.importers import sheet_importer
from fazhi.core.lengths import check_bulk_lengths
from fazhi.core.models import (
    LeaderLevel,
    Organization,
    Person,
    Role,
)
from fazhi.core.scoping import require_change
from fazhi.core.services.base import _user_or_none, event_record

PEOPLE_ADMIN_ROLES = (Role.ADMINISTRATOR, Role.JUSTICE_LEGAL_OFFICER, Role.DEPARTMENT_LEGAL_OFFICER)


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


class PersonDetails(TypedDict, total=False):
    """A person's details besides name and unit; every key optional."""

    id_number: str
    post: str
    leader_level: str
    enforcement_certificate_number: str
    certificate_valid_until: dt.date | None
    is_active: bool


class PersonFields(PersonDetails, total=False):
    """What an edit may change on a person (``PERSON_EDITABLE``); every key optional."""

    name: str
    organization: Organization


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
def person_create(
    *, actor: User, organization: Organization, name: str, **fields: Unpack[PersonDetails]
) -> Person:
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
def person_update(*, actor: User, person: Person, **changes: Unpack[PersonFields]) -> Person:
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
def people_import(*, actor: User, rows: Sequence[PersonRow]) -> int:
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
    check_bulk_lengths(people)  # bulk_create sends no pre_save: check every cell here
    bulk_create_with_history(people, Person, batch_size=500, default_user=_user_or_none(actor))
    return len(people)


PEOPLE_SHEET_HEADERS = (
    "姓名",
    "单位编码",
    "身份证号",
    "职务",
    "领导层级",
    "执法证号",
    "执法证有效期至",
)


@sheet_importer
def people_import_xlsx(*, actor: User, data: bytes) -> int:
    """Register people from a sheet laid out as ``PEOPLE_SHEET_HEADERS`` (all or nothing)."""
    from fazhi.core.exports import read_xlsx_rows, sheet_date

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
            valid_until = sheet_date(record.get("执法证有效期至"))
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
