"""Writes of the minor-violation exemption list: add, adjust (a new version), repeal, sample."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.errors import Conflict, ValidationFailed
from fazhi.core.scoping import require_role
from fazhi.enforcement.error_codes import EnforcementErrorCode as Code
from fazhi.enforcement.models import (
    ExemptionItem,
)
from fazhi.enforcement.permissions import CATALOG_ROLES

# --- exemption list ---------------------------------------------------------------------------


EXEMPTION_FIELDS = (
    "list_name",
    "issuer",
    "list_type",
    "category",
    "violation",
    "legal_basis",
    "conditions",
    "item",
    "source_url",
)


def _check_exemption_fields(fields: dict[str, Any]) -> None:
    for name in ("list_name", "issuer", "category", "violation", "legal_basis", "conditions"):
        if not str(fields.get(name) or "").strip():
            raise ValidationFailed(Code.REQUIRED, _("必填项为空。"), field=name)


@transaction.atomic
def exemption_add(*, actor, code: str, effective_from: dt.date, **fields: Any) -> ExemptionItem:
    require_role(actor, *CATALOG_ROLES)
    if not code.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写清单编码。"), field="code")
    if ExemptionItem.objects.filter(code=code).exists():
        raise Conflict(Code.DUPLICATE, _("清单编码已存在。"), field="code")
    _check_exemption_fields(fields)
    exemption = ExemptionItem.objects.create(code=code, effective_from=effective_from, **fields)
    core_services.event_record(
        subject=exemption,
        event_type="enforcement.exemption_added",
        actor=actor,
        details={"code": code, "effective_from": str(effective_from)},
    )
    return exemption


def _open_version(exemption: ExemptionItem) -> ExemptionItem:
    current = (
        ExemptionItem.objects.select_for_update()
        .filter(code=exemption.code, effective_to__isnull=True)
        .first()
    )
    if current is None:
        raise Conflict(Code.INVALID_TRANSITION, _("该事项已废止。"), field="code")
    return current


@transaction.atomic
def exemption_adjust(
    *, actor, exemption: ExemptionItem, on: dt.date, reason: str, **changes: Any
) -> ExemptionItem:
    """Close the version in force and add the next one from ``on`` (the history stays)."""
    require_role(actor, *CATALOG_ROLES)
    current = _open_version(exemption)
    if on <= current.effective_from:
        raise ValidationFailed(Code.INVALID_DATE, _("调整日期须晚于现行版本生效日期。"), field="on")
    if not reason.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写调整理由。"), field="reason")
    unknown = set(changes) - set(EXEMPTION_FIELDS)
    if unknown:
        raise ValidationFailed(Code.INVALID, _("不能调整该字段。"), field=sorted(unknown)[0])
    fields = {name: getattr(current, name) for name in EXEMPTION_FIELDS} | changes
    _check_exemption_fields(fields)
    current.effective_to = on
    current.save(update_fields=["effective_to"])
    new = ExemptionItem.objects.create(
        code=current.code,
        version=current.version + 1,
        effective_from=on,
        adjustment_reason=reason,
        **fields,
    )
    core_services.event_record(
        subject=new,
        event_type="enforcement.exemption_adjusted",
        actor=actor,
        details={"code": new.code, "version": new.version, "on": str(on), "reason": reason},
    )
    return new


@transaction.atomic
def exemption_repeal(*, actor, exemption: ExemptionItem, on: dt.date, reason: str) -> ExemptionItem:
    require_role(actor, *CATALOG_ROLES)
    current = _open_version(exemption)
    if on <= current.effective_from:
        raise ValidationFailed(Code.INVALID_DATE, _("废止日期须晚于生效日期。"), field="on")
    if not reason.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写废止理由。"), field="reason")
    current.effective_to = on
    current.adjustment_reason = reason
    current.save(update_fields=["effective_to", "adjustment_reason"])
    core_services.event_record(
        subject=current,
        event_type="enforcement.exemption_repealed",
        actor=actor,
        details={"code": current.code, "on": str(on), "reason": reason},
    )
    return current


def exemption_sample_path() -> Path:
    return Path(settings.FAZHI_SHARED_DIR) / "data" / "catalogs" / "minor_violations_sample.csv"


@transaction.atomic
def exemptions_load_sample(
    *, actor, effective_from: dt.date, path: Path | None = None, prefix: str = "ZJ"
) -> int:
    """Load the Zhejiang rows of the real sample (other provinces' rows are for comparison)."""
    require_role(actor, *CATALOG_ROLES)
    with (path or exemption_sample_path()).open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if "非浙江" not in r["region"]]
    added = 0
    for number, row in enumerate(rows, start=1):
        code = f"{prefix}-{number:03d}"
        if ExemptionItem.objects.filter(code=code).exists():
            continue
        exemption_add(
            actor=actor,
            code=code,
            effective_from=effective_from,
            list_name=row["list_name"][:200],
            issuer=row["issuer"],
            list_type=row["list_type"],
            category=row["category"],
            violation=row["violation"],
            legal_basis=row["legal_basis"] or row["penalty_provision"] or "—",
            conditions=row["conditions"] or _("首次违法、危害后果轻微并及时改正"),
            source_url=row["source_url"],
        )
        added += 1
    return added
