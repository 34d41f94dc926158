"""Writes of the organisation tree: create, edit (moving a subtree) and import."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypedDict, Unpack

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import ImportFailed, ValidationFailed
from fazhi.core.importers import sheet_importer
from fazhi.core.lengths import check_bulk_lengths
from fazhi.core.models import (
    Organization,
    OrganizationKind,
    Role,
    path_segment,
)
from fazhi.core.scoping import require_change
from fazhi.core.services.base import _user_or_none, event_record

ORGANIZATION_ADMIN_ROLES = (Role.ADMINISTRATOR,)


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
    actor: User,
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
    """Add an organisation under ``parent`` (administrators)."""
    require_change(actor, parent, roles=ORGANIZATION_ADMIN_ROLES)
    return organization_insert(
        actor=actor,
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


@transaction.atomic
def organization_insert(
    *,
    actor: User,
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
    """Validate and insert an organisation, without asking who may: for the service of an app
    that owns a kind and checks its own permission (e.g. ``mediation_committee_create``)."""
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


class OrganizationChanges(TypedDict, total=False):
    """What an edit may change (``ORGANIZATION_EDITABLE``); every key optional."""

    name: str
    short_name: str
    division_code: str
    kind: str
    is_street: bool
    valid_from: dt.date | None
    valid_to: dt.date | None
    parent: Organization | None


@transaction.atomic
def organization_update(
    *, actor: User, organization: Organization, **changes: Unpack[OrganizationChanges]
) -> Organization:
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


def _import_errors(rows: Sequence[OrganizationRow]) -> list[dict[str, Any]]:
    """Each bad row as {row, field, detail} (row 1 of a sheet is its header)."""
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
    return errors


@transaction.atomic
def organizations_import(*, actor: User, rows: Sequence[OrganizationRow]) -> list[Organization]:
    """Create many organisations at once, all or nothing, with a row-by-row error report.

    Parents may be existing organisations or rows earlier or later in the same import.
    """
    require_change(actor, None, roles=ORGANIZATION_ADMIN_ROLES)
    errors = _import_errors(rows)
    if errors:
        raise ImportFailed(
            _("导入未完成：%(count)s处错误，未做任何更改。") % {"count": len(errors)}, errors
        )

    parents = {
        o.code: o for o in Organization.objects.filter(code__in={r.parent_code for r in rows})
    }
    pending = list(rows)
    number_of = {r.code.strip(): n for n, r in enumerate(rows, start=2)}
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
        check_bulk_lengths(batch, row_numbers=[number_of[o.code] for o in batch])
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


ORGANIZATION_SHEET_HEADERS = (
    "编码",
    "名称",
    "类型",
    "上级编码",
    "区划代码",
    "简称",
    "是否街道",
    "生效日期",
    "失效日期",
)
_YES = {"是", "true", "1", "yes"}
_NO = {"", "否", "false", "0", "no"}


def organizations_import_xlsx(*, actor: User, data: bytes) -> list[Organization]:
    """Create organisations from a sheet laid out as ``ORGANIZATION_SHEET_HEADERS``.

    All rows or none; a refusal lists each bad row with its row number and field. The type is
    the Chinese label or the code; a parent is an existing code or another row's code.
    """
    from fazhi.core.exports import read_xlsx_rows, sheet_date

    require_change(actor, None, roles=ORGANIZATION_ADMIN_ROLES)
    sheet = read_xlsx_rows(
        data,
        expected_headers=ORGANIZATION_SHEET_HEADERS[:3],
        max_bytes=settings.FAZHI_MAX_UPLOAD_BYTES,
    )
    if not sheet:
        raise ValidationFailed(CoreErrorCode.IMPORT_INVALID, _("表格中没有数据行。"), field="file")
    with translation.override("zh-hans"):  # the sheet uses the Chinese labels (or the codes)
        kinds = {str(label): value for value, label in OrganizationKind.choices}
    rows: list[OrganizationRow] = []
    errors: list[dict[str, Any]] = []
    for number, record in enumerate(sheet, start=2):
        kind = str(record.get("类型") or "").strip()
        street = str(record.get("是否街道") or "").strip().lower()
        if street not in _YES | _NO:
            errors.append({"row": number, "field": "is_street", "detail": _("请填写“是”或“否”。")})
        dates: dict[str, dt.date | None] = {}
        for field, header in (("valid_from", "生效日期"), ("valid_to", "失效日期")):
            try:
                dates[field] = sheet_date(record.get(header))
            except ValueError:
                errors.append(
                    {"row": number, "field": field, "detail": _("日期格式应为 YYYY-MM-DD。")}
                )
                dates[field] = None
        rows.append(
            OrganizationRow(
                code=str(record.get("编码") or "").strip(),
                name=str(record.get("名称") or ""),
                kind=kinds.get(kind, kind),
                parent_code=str(record.get("上级编码") or "").strip(),
                division_code=str(record.get("区划代码") or "").strip(),
                short_name=str(record.get("简称") or "").strip(),
                is_street=street in _YES,
                valid_from=dates["valid_from"],
                valid_to=dates["valid_to"],
            )
        )
    errors.extend(_import_errors(rows))
    if errors:
        errors.sort(key=lambda error: error["row"] or 0)
        raise ImportFailed(
            _("导入未完成：%(count)s处错误，未做任何更改。") % {"count": len(errors)}, errors
        )
    return organizations_import(actor=actor, rows=rows)


@sheet_importer
def organizations_import_sheet(*, actor: User, data: bytes) -> int:
    """``organizations_import_xlsx`` as a queued sheet import (the worker runs it; the count)."""
    return len(organizations_import_xlsx(actor=actor, data=data))
