"""Every write of the enforcement app: catalog, delegation, exemption list, benchmarks, cases."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from fazhi.core import services as core_services
from fazhi.core.errors import Conflict, ImportFailed, PermissionDenied, ValidationFailed
from fazhi.core.exports import read_xlsx_rows
from fazhi.core.models import (
    Clock,
    ClockStatus,
    NumberSeries,
    Organization,
    OrganizationKind,
    Role,
)
from fazhi.core.scoping import require_change, require_role, scope_for
from fazhi.enforcement import clocks, domain
from fazhi.enforcement.error_codes import EnforcementErrorCode as Code
from fazhi.enforcement.models import (
    BenchmarkRow,
    CaseEvidence,
    CaseOutcome,
    CaseStatus,
    Commitment,
    CommitmentResult,
    CommitmentStatus,
    DiscretionGrade,
    EnforcementItem,
    EvidenceKind,
    ExemptionItem,
    HearingThreshold,
    ItemDelegation,
    ItemMode,
    LegalReviewer,
    PartyType,
    PenaltyCase,
    PenaltyKind,
    ReviewOutcome,
)
from fazhi.enforcement.permissions import CASE_ROLES, CATALOG_ROLES, REVIEW_ROLES


def in_force(on: dt.date, prefix: str = "") -> Q:
    """Rows in force on ``on`` (effective_from ≤ on < effective_to)."""
    return Q(**{f"{prefix}effective_from__lte": on}) & (
        Q(**{f"{prefix}effective_to__isnull": True}) | Q(**{f"{prefix}effective_to__gt": on})
    )


# --- catalog ----------------------------------------------------------------------------------


ITEM_HEADERS = [
    "事项编码",
    "事项名称",
    "执法领域",
    "违法依据",
    "处罚依据",
    "法定罚款上限",
    "归属方式",
    "实施主体编码",
    "原主管部门编码",
    "生效日期",
    "赋权镇街编码",
    "赋权文件",
    "赋权生效日期",
]
MODE_BY_LABEL = {str(label): value for value, label in ItemMode.choices}


@dataclass(frozen=True)
class ItemRow:
    code: str
    name: str
    category: str
    legal_basis: str
    penalty_basis: str
    max_fine: Decimal | None
    mode: str
    holder_code: str
    original_department_code: str
    effective_from: dt.date | None
    delegated_to: tuple[str, ...] = ()
    delegation_document: str = ""
    delegation_from: dt.date | None = None


def _row_error(errors: list[dict[str, Any]], row: int, field_name: str, detail: str) -> None:
    errors.append({"row": row, "field": field_name, "detail": detail})


@transaction.atomic
def items_import(*, actor, rows: Sequence[ItemRow], first_row_number: int = 2) -> int:
    """Add catalog items (and their delegations) all-or-nothing; returns the items added.

    Every row is checked before anything is written; one bad row refuses the whole file with
    a report naming each bad row and field. Writes use bulk inserts (the 2022 catalog has
    1831 items and several thousand delegations).
    """
    require_role(actor, *CATALOG_ROLES)
    codes = {r.holder_code for r in rows} | {r.original_department_code for r in rows}
    codes |= {code for r in rows for code in r.delegated_to}
    organizations = Organization.objects.in_bulk([c for c in codes if c], field_name="code")
    existing = set(
        EnforcementItem.objects.filter(code__in=[r.code for r in rows]).values_list(
            "code", flat=True
        )
    )
    errors: list[dict[str, Any]] = []
    seen: set[str] = set()
    for index, row in enumerate(rows):
        number = first_row_number + index
        required = {
            "code": row.code,
            "name": row.name,
            "category": row.category,
            "legal_basis": row.legal_basis,
            "penalty_basis": row.penalty_basis,
            "holder_code": row.holder_code,
        }
        for name, value in required.items():
            if not value:
                _row_error(errors, number, name, _("必填项为空。"))
        if row.code in existing or row.code in seen:
            _row_error(errors, number, "code", _("事项编码重复：%(code)s") % {"code": row.code})
        seen.add(row.code)
        if row.mode not in ItemMode.values:
            _row_error(errors, number, "mode", _("归属方式应为“划转综合执法”或“部门保留”。"))
        if row.effective_from is None:
            _row_error(errors, number, "effective_from", _("生效日期无效。"))
        if row.max_fine is not None and row.max_fine < 0:
            _row_error(errors, number, "max_fine", _("法定罚款上限不能为负数。"))
        if row.holder_code and row.holder_code not in organizations:
            _row_error(errors, number, "holder_code", _("实施主体编码不存在。"))
        if row.original_department_code and row.original_department_code not in organizations:
            _row_error(errors, number, "original_department_code", _("原主管部门编码不存在。"))
        for code in row.delegated_to:
            town = organizations.get(code)
            if town is None or town.kind != OrganizationKind.TOWN:
                _row_error(
                    errors, number, "delegated_to", _("赋权对象不是镇街：%(code)s") % {"code": code}
                )
        if row.delegated_to and (not row.delegation_document or row.delegation_from is None):
            _row_error(errors, number, "delegation_document", _("赋权须填写赋权文件和生效日期。"))
    if errors:
        raise ImportFailed(
            _("导入失败：%(count)s 处错误，未导入任何数据。") % {"count": len(errors)}, rows=errors
        )
    items = bulk_create_with_history(
        [
            EnforcementItem(
                code=r.code,
                name=r.name,
                category=r.category,
                legal_basis=r.legal_basis,
                penalty_basis=r.penalty_basis,
                max_fine=r.max_fine,
                mode=r.mode,
                organization=organizations[r.holder_code],
                original_department=organizations.get(r.original_department_code),
                effective_from=r.effective_from,
            )
            for r in rows
        ],
        EnforcementItem,
        default_user=actor,
    )
    by_code = {i.code: i for i in EnforcementItem.objects.filter(code__in=[r.code for r in rows])}
    bulk_create_with_history(
        [
            ItemDelegation(
                item=by_code[r.code],
                organization=organizations[code],
                decision_document=r.delegation_document,
                effective_from=r.delegation_from,
            )
            for r in rows
            for code in r.delegated_to
        ],
        ItemDelegation,
        default_user=actor,
    )
    return len(items)


def _parse_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError:
        return None


def items_rows_from_xlsx(data: bytes) -> list[ItemRow]:
    """Parse an uploaded catalog sheet; values that cannot be read are reported by row."""
    raw = read_xlsx_rows(data, expected_headers=ITEM_HEADERS)
    rows: list[ItemRow] = []
    errors: list[dict[str, Any]] = []
    for index, values in enumerate(raw):
        number = index + 2
        max_fine: Decimal | None = None
        if values.get("法定罚款上限") not in (None, ""):
            try:
                max_fine = Decimal(str(values["法定罚款上限"]))
            except InvalidOperation:
                _row_error(errors, number, "max_fine", _("法定罚款上限不是数字。"))
        mode_label = str(values.get("归属方式") or "")
        delegated = str(values.get("赋权镇街编码") or "").replace(",", "、").replace("，", "、")
        rows.append(
            ItemRow(
                code=str(values.get("事项编码") or ""),
                name=str(values.get("事项名称") or ""),
                category=str(values.get("执法领域") or ""),
                legal_basis=str(values.get("违法依据") or ""),
                penalty_basis=str(values.get("处罚依据") or ""),
                max_fine=max_fine,
                mode=MODE_BY_LABEL.get(mode_label, mode_label),
                holder_code=str(values.get("实施主体编码") or ""),
                original_department_code=str(values.get("原主管部门编码") or ""),
                effective_from=_parse_date(values.get("生效日期")),
                delegated_to=tuple(c.strip() for c in delegated.split("、") if c.strip()),
                delegation_document=str(values.get("赋权文件") or ""),
                delegation_from=_parse_date(values.get("赋权生效日期")),
            )
        )
    if errors:
        raise ImportFailed(_("导入失败：文件中有无法识别的数值，未导入任何数据。"), rows=errors)
    return rows


@transaction.atomic
def items_import_xlsx(*, actor, data: bytes) -> int:
    require_role(actor, *CATALOG_ROLES)
    return items_import(actor=actor, rows=items_rows_from_xlsx(data))


@transaction.atomic
def item_delegate(
    *,
    actor,
    item: EnforcementItem,
    organization: Organization,
    decision_document: str,
    effective_from: dt.date,
) -> ItemDelegation:
    require_role(actor, *CATALOG_ROLES)
    if organization.kind != OrganizationKind.TOWN:
        raise ValidationFailed(Code.INVALID, _("只能赋权给镇（街道）。"), field="organization")
    if not decision_document.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写赋权文件。"), field="decision_document")
    if (
        ItemDelegation.objects.filter(item=item, organization=organization)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gt=effective_from))
        .exists()
    ):
        raise Conflict(Code.DUPLICATE, _("该事项已赋权给该镇街。"), field="organization")
    delegation = ItemDelegation.objects.create(
        item=item,
        organization=organization,
        decision_document=decision_document,
        effective_from=effective_from,
    )
    core_services.event_record(
        subject=item,
        event_type="enforcement.item_delegated",
        actor=actor,
        organization=organization,
        details={"organization": organization.code, "effective_from": str(effective_from)},
    )
    return delegation


@transaction.atomic
def delegation_withdraw(
    *, actor, delegation: ItemDelegation, on: dt.date, reason: str
) -> ItemDelegation:
    require_role(actor, *CATALOG_ROLES)
    delegation = ItemDelegation.objects.select_for_update().get(pk=delegation.pk)
    if delegation.effective_to is not None:
        raise Conflict(Code.INVALID_TRANSITION, _("该赋权已收回。"), field="effective_to")
    if on <= delegation.effective_from:
        raise ValidationFailed(Code.INVALID_DATE, _("收回日期须晚于生效日期。"), field="on")
    if not reason.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写收回理由。"), field="reason")
    delegation.effective_to = on
    delegation.withdrawal_reason = reason
    delegation.save(update_fields=["effective_to", "withdrawal_reason"])
    core_services.event_record(
        subject=delegation.item,
        event_type="enforcement.delegation_withdrawn",
        actor=actor,
        organization=delegation.organization,
        details={"organization": delegation.organization.code, "on": str(on), "reason": reason},
    )
    return delegation


def holds_item(organization: Organization, item: EnforcementItem, on: dt.date) -> bool:
    """Whether the organisation may penalise under the item on that day (holder or delegate)."""
    if not EnforcementItem.objects.filter(pk=item.pk).filter(in_force(on)).exists():
        return False
    if item.organization_id == organization.pk:
        return True
    return item.delegations.filter(in_force(on), organization=organization).exists()


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


# --- discretion benchmarks, thresholds, reviewers ----------------------------------------------


@transaction.atomic
def benchmark_row_add(
    *,
    actor,
    item: EnforcementItem,
    grade: str,
    circumstances: str,
    min_fine: Decimal,
    max_fine: Decimal,
    source: str,
    effective_from: dt.date,
) -> BenchmarkRow:
    require_role(actor, *CATALOG_ROLES)
    if grade not in DiscretionGrade.values:
        raise ValidationFailed(Code.INVALID, _("裁量阶次无效。"), field="grade")
    if min_fine < 0 or max_fine < min_fine:
        raise ValidationFailed(Code.INVALID, _("罚款上限不得低于下限。"), field="max_fine")
    if item.max_fine is not None and max_fine > item.max_fine:
        raise ValidationFailed(
            Code.ABOVE_MAXIMUM, _("基准上限超过法定罚款上限。"), field="max_fine"
        )
    if not circumstances.strip() or not source.strip():
        raise ValidationFailed(
            Code.REQUIRED, _("请填写适用情形和基准来源。"), field="circumstances"
        )
    # One row per grade is in force at a time: a new row supersedes the open one from its
    # effective date, so cases keep the benchmark in force on their violation date.
    superseded = list(
        BenchmarkRow.objects.select_for_update().filter(
            item=item, grade=grade, effective_to__isnull=True
        )
    )
    if any(old.effective_from >= effective_from for old in superseded):
        raise ValidationFailed(
            Code.INVALID_DATE,
            _("生效日期须晚于该阶次现行基准的生效日期。"),
            field="effective_from",
        )
    for old in superseded:
        old.effective_to = effective_from
        old.save(update_fields=["effective_to"])
    row = BenchmarkRow.objects.create(
        item=item,
        grade=grade,
        circumstances=circumstances,
        min_fine=min_fine,
        max_fine=max_fine,
        source=source,
        effective_from=effective_from,
    )
    core_services.event_record(
        subject=item,
        event_type="enforcement.benchmark_added",
        actor=actor,
        details={
            "grade": grade,
            "min": str(min_fine),
            "max": str(max_fine),
            "effective_from": str(effective_from),
            "superseded": [old.pk for old in superseded],
        },
    )
    return row


@transaction.atomic
def hearing_threshold_set(
    *, actor, party_type: str, min_amount: Decimal, source: str
) -> HearingThreshold:
    require_role(actor, *CATALOG_ROLES)
    if party_type not in PartyType.values:
        raise ValidationFailed(Code.INVALID, _("当事人类型无效。"), field="party_type")
    if min_amount <= 0:
        raise ValidationFailed(Code.INVALID, _("金额必须大于零。"), field="min_amount")
    if not source.strip():
        raise ValidationFailed(Code.REQUIRED, _("请注明依据。"), field="source")
    threshold, _created = HearingThreshold.objects.update_or_create(
        party_type=party_type, defaults={"min_amount": min_amount, "source": source}
    )
    return threshold


@transaction.atomic
def legal_reviewer_register(
    *, actor, user, organization: Organization, qualification_number: str, qualified_on: dt.date
) -> LegalReviewer:
    require_change(actor, organization, roles=(Role.ADMINISTRATOR, Role.JUSTICE_LEGAL_OFFICER))
    if not qualification_number.strip():
        raise ValidationFailed(
            Code.REQUIRED, _("请填写法律职业资格证书编号。"), field="qualification_number"
        )
    if LegalReviewer.objects.filter(user=user).exists():
        raise Conflict(Code.DUPLICATE, _("该人员已登记为法制审核人员。"), field="user")
    return LegalReviewer.objects.create(
        user=user,
        organization=organization,
        qualification_number=qualification_number,
        qualified_on=qualified_on,
    )


# --- cases ------------------------------------------------------------------------------------


def _case_series(organization: Organization) -> str:
    key = f"enforcement-case-{organization.code}".lower()
    if not NumberSeries.objects.filter(key=key).exists():
        short = organization.short_name or organization.name
        core_services.number_series_create(
            key=key,
            name=_("%(name)s行政处罚案件") % {"name": short},
            template=f"海{short}罚立〔{{year}}〕{{seq}}号",
            organization=organization,
        )
    return key


def _decision_series(organization: Organization) -> str:
    key = f"enforcement-decision-{organization.code}".lower()
    if not NumberSeries.objects.filter(key=key).exists():
        short = organization.short_name or organization.name
        core_services.number_series_create(
            key=key,
            name=_("%(name)s行政处罚决定书") % {"name": short},
            template=f"海{short}罚决〔{{year}}〕{{seq}}号",
            organization=organization,
        )
    return key


def _locked_case(case: PenaltyCase, actor, roles=CASE_ROLES) -> PenaltyCase:
    case = PenaltyCase.objects.select_for_update().select_related("item").get(pk=case.pk)
    require_change(actor, case.organization, roles=roles)
    return case


def _require_status(case: PenaltyCase, *statuses: str) -> None:
    if case.status not in statuses:
        raise Conflict(
            Code.INVALID_TRANSITION,
            _("案件当前状态为“%(status)s”，不能办理此环节。")
            % {"status": case.get_status_display()},
            field="status",
        )


def _not_before(on: dt.date, earlier: dt.date | None, field_name: str) -> None:
    if earlier is not None and on < earlier:
        raise ValidationFailed(
            Code.INVALID_DATE,
            _("日期不能早于上一环节（%(date)s）。") % {"date": earlier},
            field=field_name,
        )


def _clock(case: PenaltyCase, key: str) -> Clock | None:
    from django.contrib.contenttypes.models import ContentType

    return Clock.objects.filter(
        clock_type=key,
        content_type=ContentType.objects.get_for_model(PenaltyCase),
        object_id=str(case.pk),
    ).first()


@dataclass(frozen=True)
class Party:
    type: str
    name: str
    id_number: str


@transaction.atomic
def case_open(
    *,
    actor,
    organization: Organization,
    item: EnforcementItem,
    party: Party,
    facts: str,
    violation_date: dt.date,
    discovered_on: dt.date,
    opened_on: dt.date,
    officers: Sequence[str],
    limitation_years: int = 2,
    is_major: bool = False,
    major_reason: str = "",
) -> PenaltyCase:
    """立案: checks the unit holds the item and the limitation period, starts the decision clock."""
    require_change(actor, organization, roles=CASE_ROLES)
    if party.type not in PartyType.values:
        raise ValidationFailed(Code.INVALID, _("当事人类型无效。"), field="party_type")
    if not party.name.strip() or not party.id_number.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写当事人名称和证件号码。"), field="party_name")
    if not facts.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写违法事实。"), field="facts")
    officers = [o.strip() for o in officers if o.strip()]
    if len(set(officers)) < 2:
        raise ValidationFailed(
            Code.REQUIRED, _("执法人员不得少于两人（行政处罚法第四十二条）。"), field="officers"
        )
    if not violation_date <= discovered_on <= opened_on:
        raise ValidationFailed(
            Code.INVALID_DATE,
            _("日期顺序应为：违法行为日 ≤ 发现日 ≤ 立案日。"),
            field="discovered_on",
        )
    if limitation_years not in (2, 5):
        raise ValidationFailed(
            Code.INVALID, _("追责时效只能为二年或五年。"), field="limitation_years"
        )
    if discovered_on > domain.limitation_ends(violation_date, years=limitation_years):
        raise ValidationFailed(
            Code.LIMITATION_EXPIRED,
            _("违法行为在%(years)s年内未被发现，不再给予行政处罚（行政处罚法第三十六条）。")
            % {"years": limitation_years},
            field="discovered_on",
        )
    if is_major and not major_reason.strip():
        raise ValidationFailed(
            Code.REQUIRED, _("重大执法决定须写明法制审核理由。"), field="major_reason"
        )
    if not holds_item(organization, item, opened_on):
        raise ValidationFailed(
            Code.ITEM_NOT_HELD,
            _("本单位在立案日不享有该事项的处罚权（未列入本单位事项或赋权清单）。"),
            field="item",
        )
    case = PenaltyCase(
        organization=organization,
        item=item,
        party_type=party.type,
        party_name=party.name,
        party_id_number=party.id_number,
        facts=facts,
        violation_date=violation_date,
        discovered_on=discovered_on,
        opened_on=opened_on,
        limitation_years=limitation_years,
        officers="、".join(officers),
        is_major=is_major,
        major_reason=major_reason,
    )
    case.case_number = core_services.number_issue(
        series_key=_case_series(organization), year=opened_on.year, actor=actor
    ).number
    case.save()
    core_services.clock_start(
        clock_type=clocks.DECISION.key,
        subject=case,
        organization=organization,
        start_date=opened_on,
        label=_("%(number)s 处罚决定") % {"number": case.case_number},
        url=f"/enforcement/cases/{case.pk}/",
        actor=actor,
    )
    core_services.event_record(
        subject=case,
        event_type="enforcement.case_opened",
        actor=actor,
        organization=organization,
        details={"item": item.code, "opened_on": str(opened_on)},
    )
    return case


@transaction.atomic
def case_evidence_add(
    *,
    actor,
    case: PenaltyCase,
    kind: str,
    description: str,
    file_name: str,
    content: bytes,
    collected_on: dt.date,
) -> CaseEvidence:
    """Attach evidence, stored content-addressed under its SHA-256."""
    case = _locked_case(case, actor)
    _require_status(case, CaseStatus.OPENED, CaseStatus.NOTIFIED)
    if kind not in EvidenceKind.values:
        raise ValidationFailed(Code.INVALID, _("证据种类无效。"), field="kind")
    if not description.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写证据说明。"), field="description")
    if not content:
        raise ValidationFailed(Code.REQUIRED, _("请上传证据文件。"), field="file")
    if len(content) > settings.FAZHI_MAX_UPLOAD_BYTES:
        raise ValidationFailed(Code.FILE_TOO_LARGE, _("文件过大。"), field="file")
    _not_before(collected_on, case.violation_date, "collected_on")
    digest = hashlib.sha256(content).hexdigest()
    if case.evidence.filter(sha256=digest).exists():
        raise Conflict(Code.DUPLICATE, _("该文件已在案卷中。"), field="file")
    storage_name = f"evidence/{digest[:2]}/{digest}"
    if not default_storage.exists(storage_name):
        storage_name = default_storage.save(storage_name, ContentFile(content))
    evidence = CaseEvidence.objects.create(
        case=case,
        kind=kind,
        description=description,
        file_name=Path(file_name).name[:200] or digest,
        size=len(content),
        sha256=digest,
        storage_name=storage_name,
        collected_on=collected_on,
        added_by=actor,
    )
    core_services.event_record(
        subject=case,
        event_type="enforcement.evidence_added",
        actor=actor,
        organization=case.organization,
        details={"sha256": digest, "kind": kind, "file_name": evidence.file_name},
    )
    return evidence


def _threshold(party_type: str) -> Decimal | None:
    threshold = HearingThreshold.objects.filter(party_type=party_type).first()
    return threshold.min_amount if threshold else None


@transaction.atomic
def case_notify(
    *,
    actor,
    case: PenaltyCase,
    on: dt.date,
    intended_kinds: Sequence[str],
    intended_fine: Decimal | None = None,
) -> PenaltyCase:
    """告知 (art 44): the intended decision and the rights; a hearing is offered where required."""
    case = _locked_case(case, actor)
    _require_status(case, CaseStatus.OPENED)
    _not_before(on, case.opened_on, "on")
    if not case.evidence.exists():
        raise ValidationFailed(
            Code.NO_EVIDENCE, _("案卷尚无证据材料，不能告知。"), field="evidence"
        )
    unknown = [k for k in intended_kinds if k not in PenaltyKind.values]
    if unknown:
        raise ValidationFailed(Code.INVALID, _("处罚种类无效。"), field="intended_kinds")
    if intended_fine is not None and intended_fine < 0:
        raise ValidationFailed(Code.INVALID, _("拟罚款金额不能为负数。"), field="intended_fine")
    case.notice_on = on
    case.intended_fine = intended_fine
    case.hearing_offered = domain.needs_hearing(
        fine=intended_fine, kinds=list(intended_kinds), threshold=_threshold(case.party_type)
    )
    case.status = CaseStatus.NOTIFIED
    case.save(update_fields=["notice_on", "intended_fine", "hearing_offered", "status"])
    if case.hearing_offered:
        core_services.clock_start(
            clock_type=clocks.HEARING_REQUEST.key,
            subject=case,
            organization=case.organization,
            start_date=on,
            label=_("%(number)s 听证申请") % {"number": case.case_number},
            url=f"/enforcement/cases/{case.pk}/",
            actor=actor,
        )
    core_services.event_record(
        subject=case,
        event_type="enforcement.case_notified",
        actor=actor,
        organization=case.organization,
        details={"on": str(on), "hearing_offered": case.hearing_offered},
    )
    return case


@transaction.atomic
def case_statement_record(*, actor, case: PenaltyCase, statement: str) -> PenaltyCase:
    case = _locked_case(case, actor)
    _require_status(case, CaseStatus.NOTIFIED)
    if not statement.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写陈述申辩内容。"), field="statement")
    case.statement = statement
    case.save(update_fields=["statement"])
    core_services.event_record(
        subject=case,
        event_type="enforcement.statement_recorded",
        actor=actor,
        organization=case.organization,
    )
    return case


@transaction.atomic
def case_hearing_request(*, actor, case: PenaltyCase, on: dt.date) -> PenaltyCase:
    case = _locked_case(case, actor)
    _require_status(case, CaseStatus.NOTIFIED)
    if not case.hearing_offered:
        raise ValidationFailed(
            Code.HEARING_NOT_OFFERED, _("本案未达到听证条件。"), field="hearing_requested_on"
        )
    if case.hearing_requested_on is not None:
        raise Conflict(Code.DUPLICATE, _("已申请听证。"), field="hearing_requested_on")
    _not_before(on, case.notice_on, "on")
    clock = _clock(case, clocks.HEARING_REQUEST.key)
    if clock is not None and clock.due_date is not None and on > clock.due_date:
        raise ValidationFailed(
            Code.HEARING_LATE,
            _("听证申请已超过告知后五个工作日（截止%(due)s）。") % {"due": clock.due_date},
            field="on",
        )
    case.hearing_requested_on = on
    case.save(update_fields=["hearing_requested_on"])
    if clock is not None:
        core_services.clock_stop(clock=clock, on=on, actor=actor)
    core_services.event_record(
        subject=case,
        event_type="enforcement.hearing_requested",
        actor=actor,
        organization=case.organization,
        details={"on": str(on)},
    )
    return case


@transaction.atomic
def case_hearing_hold(*, actor, case: PenaltyCase, on: dt.date) -> PenaltyCase:
    """A hearing held makes legal review compulsory (art 58 (ii))."""
    case = _locked_case(case, actor)
    _require_status(case, CaseStatus.NOTIFIED)
    if case.hearing_requested_on is None:
        raise ValidationFailed(Code.HEARING_NOT_OFFERED, _("当事人未申请听证。"), field="on")
    _not_before(on, case.hearing_requested_on, "on")
    case.hearing_held_on = on
    case.save(update_fields=["hearing_held_on"])
    core_services.event_record(
        subject=case,
        event_type="enforcement.hearing_held",
        actor=actor,
        organization=case.organization,
        details={"on": str(on)},
    )
    return case


def review_required(case: PenaltyCase) -> bool:
    return case.is_major or case.hearing_held_on is not None


@transaction.atomic
def case_extend(*, actor, case: PenaltyCase, on: dt.date, days: int, reason: str) -> PenaltyCase:
    case = _locked_case(case, actor)
    _require_status(case, CaseStatus.OPENED, CaseStatus.NOTIFIED, CaseStatus.REVIEWED)
    clock = _clock(case, clocks.DECISION.key)
    core_services.clock_extend(clock=clock, on=on, days=days, reason=reason, actor=actor)
    core_services.event_record(
        subject=case,
        event_type="enforcement.decision_extended",
        actor=actor,
        organization=case.organization,
        details={"days": days, "reason": reason},
    )
    return case


@transaction.atomic
def case_legal_review(
    *, actor, case: PenaltyCase, on: dt.date, outcome: str, opinion: str
) -> PenaltyCase:
    """法制审核 by a registered reviewer holding the legal professional qualification.

    Reviewers of the justice bureau may review any unit's case: Zhejiang pools review capacity
    across departments (浙江省综合行政执法条例 art 24).
    """
    case = PenaltyCase.objects.select_for_update().select_related("item").get(pk=case.pk)
    scope = scope_for(actor)
    if not (
        scope.can_change(case.organization, REVIEW_ROLES)
        or scope.has_role(Role.JUSTICE_LEGAL_OFFICER)
    ):
        raise PermissionDenied(Code.REVIEWER_NOT_QUALIFIED, _("您无权审核该单位的案件。"))
    reviewer = LegalReviewer.objects.filter(user=actor).first()
    if reviewer is None or not reviewer.qualification_number or reviewer.qualified_on > on:
        raise ValidationFailed(
            Code.REVIEWER_NOT_QUALIFIED,
            _("审核人员须取得国家统一法律职业资格（行政处罚法第五十八条）。"),
            field="reviewer",
        )
    _require_status(case, CaseStatus.NOTIFIED)
    if outcome not in ReviewOutcome.values:
        raise ValidationFailed(Code.INVALID, _("审核意见无效。"), field="outcome")
    if not opinion.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写审核意见说明。"), field="opinion")
    _not_before(on, case.hearing_held_on or case.notice_on, "on")
    if case.hearing_requested_on and case.hearing_held_on is None:
        raise ValidationFailed(Code.HEARING_PENDING, _("当事人已申请听证，尚未举行。"), field="on")
    case.reviewer = reviewer
    case.reviewed_on = on
    case.review_outcome = outcome
    case.review_opinion = opinion
    if outcome == ReviewOutcome.APPROVED:
        case.status = CaseStatus.REVIEWED
    case.save(
        update_fields=["reviewer", "reviewed_on", "review_outcome", "review_opinion", "status"]
    )
    core_services.event_record(
        subject=case,
        event_type="enforcement.legal_review",
        actor=actor,
        organization=case.organization,
        details={"on": str(on), "outcome": outcome},
    )
    return case


@transaction.atomic
def case_collective_discussion(
    *, actor, case: PenaltyCase, on: dt.date, minutes: str
) -> PenaltyCase:
    case = _locked_case(case, actor)
    _require_status(case, CaseStatus.NOTIFIED, CaseStatus.REVIEWED)
    if not minutes.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写集体讨论纪要编号。"), field="minutes")
    _not_before(on, case.notice_on, "on")
    case.discussion_on = on
    case.discussion_minutes = minutes
    case.save(update_fields=["discussion_on", "discussion_minutes"])
    core_services.event_record(
        subject=case,
        event_type="enforcement.collective_discussion",
        actor=actor,
        organization=case.organization,
        details={"on": str(on), "minutes": minutes},
    )
    return case


@dataclass(frozen=True)
class DiscretionResult:
    grade: str
    reasons: tuple[str, ...]
    row: BenchmarkRow | None
    statutory_max: Decimal | None
    rows: list[BenchmarkRow] = field(default_factory=list)

    @property
    def grade_label(self) -> str:
        return str(DiscretionGrade(self.grade).label)


def discretion_propose(*, item: EnforcementItem, on: dt.date, circumstances: Sequence[str]):
    """The calculator: grade and fine range from the benchmark in force on the violation date."""
    try:
        parsed = domain.parse_circumstances(list(circumstances))
    except ValueError as error:
        raise ValidationFailed(
            Code.UNKNOWN_CIRCUMSTANCE,
            _("未知的裁量情节：%(value)s") % {"value": error.args[0]},
            field="circumstances",
        ) from None
    proposal = domain.propose_grade(parsed)
    rows = list(item.benchmarks.filter(in_force(on)).order_by("min_fine"))
    row = next((r for r in rows if r.grade == proposal.grade), None)
    maxima = [r.max_fine for r in rows] + ([item.max_fine] if item.max_fine is not None else [])
    return DiscretionResult(
        grade=proposal.grade,
        reasons=proposal.reasons,
        row=row,
        statutory_max=max(maxima) if maxima else None,
        rows=rows,
    )


def _check_penalty(
    *,
    kinds: Sequence[str],
    fine: Decimal | None,
    proposal: DiscretionResult,
    deviation_reason: str,
) -> bool | None:
    """Validate a penalty against the benchmark; returns whether the proposal was followed."""
    if not kinds:
        raise ValidationFailed(
            Code.PENALTY_KIND_REQUIRED, _("请选择处罚种类。"), field="penalty_kinds"
        )
    if any(k not in PenaltyKind.values for k in kinds):
        raise ValidationFailed(Code.INVALID, _("处罚种类无效。"), field="penalty_kinds")
    if (PenaltyKind.FINE in kinds) != (fine is not None and fine > 0):
        raise ValidationFailed(
            Code.INVALID, _("罚款种类与罚款金额须同时填写。"), field="fine_amount"
        )
    if proposal.grade == DiscretionGrade.NO_PENALTY and not deviation_reason.strip():
        raise ValidationFailed(
            Code.DEVIATION_REASON_REQUIRED,
            _("裁量情节指向不予处罚，给予处罚须说明理由。"),
            field="deviation_reason",
        )
    if fine is None:
        # A non-monetary penalty follows the proposal unless the proposal was not to penalise.
        return proposal.grade != DiscretionGrade.NO_PENALTY if proposal.rows else None
    if proposal.statutory_max is not None and fine > proposal.statutory_max:
        raise ValidationFailed(
            Code.ABOVE_MAXIMUM,
            _("罚款金额超过法定（基准）上限%(max)s元，任何阶次均不得突破。")
            % {"max": proposal.statutory_max},
            field="fine_amount",
        )
    if not proposal.rows:
        return None  # no benchmark in force on the violation date: nothing to follow
    row = proposal.row
    followed = row is not None and row.min_fine <= fine <= row.max_fine
    if not followed and not deviation_reason.strip():
        raise ValidationFailed(
            Code.DEVIATION_REASON_REQUIRED,
            _("罚款金额不在建议阶次（%(grade)s）的基准范围内，须说明未采纳理由。")
            % {"grade": DiscretionGrade(proposal.grade).label},
            field="deviation_reason",
        )
    return followed


@transaction.atomic
def case_decide(
    *,
    actor,
    case: PenaltyCase,
    on: dt.date,
    outcome: str,
    circumstances: Sequence[str] = (),
    penalty_kinds: Sequence[str] = (),
    fine_amount: Decimal | None = None,
    exemption: ExemptionItem | None = None,
    education_given: str = "",
    deviation_reason: str = "",
) -> PenaltyCase:
    """The decision (art 57): every gate is checked before anything is written."""
    case = _locked_case(case, actor)
    _require_status(case, CaseStatus.NOTIFIED, CaseStatus.REVIEWED)
    _not_before(on, case.reviewed_on or case.hearing_held_on or case.notice_on, "on")
    if outcome not in CaseOutcome.values:
        raise ValidationFailed(Code.INVALID, _("处理结果无效。"), field="outcome")
    if case.hearing_requested_on and case.hearing_held_on is None:
        raise ValidationFailed(
            Code.HEARING_PENDING, _("当事人已申请听证，尚未举行。"), field="outcome"
        )
    if review_required(case) and case.status != CaseStatus.REVIEWED:
        raise ValidationFailed(
            Code.REVIEW_REQUIRED,
            _("本案须经法制审核通过后方可作出决定（行政处罚法第五十八条）。"),
            field="outcome",
        )
    if case.is_major and not case.discussion_minutes:
        raise ValidationFailed(
            Code.DISCUSSION_REQUIRED,
            _("重大案件须经集体讨论决定（行政处罚法第五十七条）。"),
            field="outcome",
        )
    if not holds_item(case.organization, case.item, on):
        raise ValidationFailed(
            Code.ITEM_NOT_HELD, _("本单位在决定日不享有该事项的处罚权。"), field="item"
        )
    proposal = discretion_propose(
        item=case.item, on=case.violation_date, circumstances=circumstances
    )
    followed: bool | None = None
    kinds: list[str] = []
    if outcome == CaseOutcome.PENALTY:
        kinds = list(dict.fromkeys(penalty_kinds))
        followed = _check_penalty(
            kinds=kinds,
            fine=fine_amount,
            proposal=proposal,
            deviation_reason=deviation_reason,
        )
    else:
        fine_amount = None
        if outcome == CaseOutcome.NO_PENALTY_MINOR:
            _check_exemption(case, exemption, on)
            if not education_given.strip():
                raise ValidationFailed(
                    Code.REQUIRED,
                    _("不予处罚的，应当对当事人进行教育（行政处罚法第三十三条）。"),
                    field="education_given",
                )
            followed = proposal.grade == DiscretionGrade.NO_PENALTY
            if not followed and not deviation_reason.strip():
                raise ValidationFailed(
                    Code.DEVIATION_REASON_REQUIRED,
                    _("裁量情节不支持不予处罚，须说明理由。"),
                    field="deviation_reason",
                )
    if outcome != CaseOutcome.NO_PENALTY_MINOR:
        exemption = None
    case.outcome = outcome
    case.decided_on = on
    case.penalty_kinds = kinds
    case.fine_amount = fine_amount
    case.exemption = exemption
    case.education_given = education_given
    case.circumstances = sorted(set(circumstances))
    case.proposed_grade = proposal.grade
    case.benchmark = proposal.row
    case.proposed_min = proposal.row.min_fine if proposal.row else None
    case.proposed_max = proposal.row.max_fine if proposal.row else None
    case.followed_benchmark = followed
    case.deviation_reason = deviation_reason
    case.decision_number = core_services.number_issue(
        series_key=_decision_series(case.organization), year=on.year, subject=case, actor=actor
    ).number
    case.status = CaseStatus.DECIDED
    case.save()
    # The decision ends its own clock and the party's hearing window, if that never closed.
    for key in (clocks.DECISION.key, clocks.HEARING_REQUEST.key):
        clock = _clock(case, key)
        if clock is not None and clock.status != ClockStatus.STOPPED:
            core_services.clock_stop(clock=clock, on=on, actor=actor)
    if outcome == CaseOutcome.PENALTY:
        core_services.clock_start(
            clock_type=clocks.PUBLICITY.key,
            subject=case,
            organization=case.organization,
            start_date=on,
            label=_("%(number)s 公示") % {"number": case.decision_number},
            url=f"/enforcement/cases/{case.pk}/",
            actor=actor,
        )
    core_services.event_record(
        subject=case,
        event_type="enforcement.case_decided",
        actor=actor,
        organization=case.organization,
        details={
            "on": str(on),
            "outcome": outcome,
            "fine": str(fine_amount) if fine_amount is not None else None,
            "proposed_grade": proposal.grade,
            "followed": followed,
        },
    )
    return case


def _check_exemption(case: PenaltyCase, exemption: ExemptionItem | None, on: dt.date) -> None:
    if exemption is None:
        raise ValidationFailed(
            Code.REQUIRED, _("轻微违法不予处罚须选择免罚清单事项。"), field="exemption"
        )
    if not ExemptionItem.objects.filter(pk=exemption.pk).filter(in_force(on)).exists():
        raise ValidationFailed(
            Code.EXEMPTION_NOT_IN_FORCE,
            _("所选免罚清单事项在决定日（%(date)s）不在有效清单内。") % {"date": on},
            field="exemption",
        )
    if exemption.item_id != case.item_id:
        raise ValidationFailed(
            Code.EXEMPTION_OTHER_ITEM,
            _("所选免罚清单事项不对应本案的处罚事项。"),
            field="exemption",
        )


@transaction.atomic
def case_serve(*, actor, case: PenaltyCase, on: dt.date, method: str) -> PenaltyCase:
    case = _locked_case(case, actor)
    _require_status(case, CaseStatus.DECIDED)
    _not_before(on, case.decided_on, "on")
    if not method.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写送达方式。"), field="method")
    case.served_on = on
    case.service_method = method
    case.status = CaseStatus.SERVED
    case.save(update_fields=["served_on", "service_method", "status"])
    core_services.event_record(
        subject=case,
        event_type="enforcement.case_served",
        actor=actor,
        organization=case.organization,
        details={"on": str(on), "method": method},
    )
    return case


@transaction.atomic
def case_publish(*, actor, case: PenaltyCase, on: dt.date) -> PenaltyCase:
    """Publicity of a penalty decision (art 48); stops the publicity clock."""
    case = _locked_case(case, actor)
    if case.outcome != CaseOutcome.PENALTY or case.decided_on is None:
        raise Conflict(Code.INVALID_TRANSITION, _("只有处罚决定需要公示。"), field="status")
    if case.published_on is not None:
        raise Conflict(Code.DUPLICATE, _("该决定已公示。"), field="published_on")
    _not_before(on, case.decided_on, "on")
    case.published_on = on
    case.save(update_fields=["published_on"])
    clock = _clock(case, clocks.PUBLICITY.key)
    if clock is not None:
        core_services.clock_stop(clock=clock, on=on, actor=actor)
    core_services.event_record(
        subject=case,
        event_type="enforcement.case_published",
        actor=actor,
        organization=case.organization,
        details={"on": str(on)},
    )
    return case


@transaction.atomic
def case_execute(*, actor, case: PenaltyCase, on: dt.date, note: str) -> PenaltyCase:
    case = _locked_case(case, actor)
    _require_status(case, CaseStatus.SERVED)
    if case.outcome != CaseOutcome.PENALTY:
        raise Conflict(Code.INVALID_TRANSITION, _("不予处罚的案件无需执行。"), field="status")
    _not_before(on, case.served_on, "on")
    if not note.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写执行情况。"), field="note")
    case.executed_on = on
    case.execution_note = note
    case.status = CaseStatus.EXECUTED
    case.save(update_fields=["executed_on", "execution_note", "status"])
    core_services.event_record(
        subject=case,
        event_type="enforcement.case_executed",
        actor=actor,
        organization=case.organization,
        details={"on": str(on)},
    )
    return case


@transaction.atomic
def case_close(*, actor, case: PenaltyCase, on: dt.date) -> PenaltyCase:
    case = _locked_case(case, actor)
    if case.served_on is None:
        raise ValidationFailed(Code.NOT_SERVED, _("决定书尚未送达，不能结案。"), field="status")
    if case.outcome == CaseOutcome.PENALTY and case.executed_on is None:
        raise ValidationFailed(
            Code.NOT_EXECUTED, _("处罚决定尚未执行完毕，不能结案。"), field="status"
        )
    _require_status(case, CaseStatus.SERVED, CaseStatus.EXECUTED)
    _not_before(on, case.executed_on or case.served_on, "on")
    case.closed_on = on
    case.status = CaseStatus.CLOSED
    case.save(update_fields=["closed_on", "status"])
    core_services.event_record(
        subject=case,
        event_type="enforcement.case_closed",
        actor=actor,
        organization=case.organization,
        details={"on": str(on)},
    )
    _anchor_closed_case(case, actor)
    return case


def _anchor_closed_case(case: PenaltyCase, actor) -> None:
    """Fix the closed case file's digest in the evidence log (全过程记录, provable later)."""
    from fazhi.enforcement.selectors import case_record_digest
    from fazhi.evidence.services import anchor

    anchored = anchor(
        kind="enforcement_case",
        reference=f"enforcement.case:{case.pk}",
        digest=case_record_digest(case),
    )
    core_services.event_record(
        subject=case,
        event_type="enforcement.case_anchored",
        actor=actor,
        organization=case.organization,
        details={"log_index": anchored.entry.index, "digest": anchored.digest},
    )


# --- notice-and-commitment (告知承诺) ---------------------------------------------------------


def _locked_commitment(commitment: Commitment, actor) -> Commitment:
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    require_change(actor, commitment.organization, roles=CASE_ROLES)
    return commitment


def _commitment_status(commitment: Commitment, *statuses: str) -> None:
    if commitment.status not in statuses:
        raise Conflict(
            Code.INVALID_TRANSITION,
            _("告知承诺当前状态为“%(status)s”，不能办理此环节。")
            % {"status": commitment.get_status_display()},
            field="status",
        )


@transaction.atomic
def commitment_notify(
    *,
    actor,
    organization: Organization,
    exemption: ExemptionItem,
    party: Party,
    facts: str,
    violation_date: dt.date,
    notice_on: dt.date,
    correct_by: dt.date,
) -> Commitment:
    """告知: the matter must be on the list on the notice date and held by the unit."""
    require_change(actor, organization, roles=CASE_ROLES)
    if not ExemptionItem.objects.filter(pk=exemption.pk).filter(in_force(notice_on)).exists():
        raise ValidationFailed(
            Code.EXEMPTION_NOT_IN_FORCE,
            _("该事项在告知日不在有效清单内，不适用告知承诺。"),
            field="exemption",
        )
    if exemption.item is not None and not holds_item(organization, exemption.item, notice_on):
        raise ValidationFailed(
            Code.ITEM_NOT_HELD, _("本单位不享有该事项的处罚权。"), field="exemption"
        )
    if party.type not in PartyType.values or not party.name.strip() or not party.id_number.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写当事人信息。"), field="party_name")
    if not facts.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写违法事实。"), field="facts")
    if not violation_date <= notice_on <= correct_by:
        raise ValidationFailed(
            Code.INVALID_DATE,
            _("日期顺序应为：违法行为日 ≤ 告知日 ≤ 改正期限。"),
            field="correct_by",
        )
    commitment = Commitment.objects.create(
        organization=organization,
        exemption=exemption,
        party_type=party.type,
        party_name=party.name,
        party_id_number=party.id_number,
        facts=facts,
        violation_date=violation_date,
        notice_on=notice_on,
        correct_by=correct_by,
    )
    core_services.event_record(
        subject=commitment,
        event_type="enforcement.commitment_notified",
        actor=actor,
        organization=organization,
        details={"exemption": exemption.code, "correct_by": str(correct_by)},
    )
    return commitment


@transaction.atomic
def commitment_sign(*, actor, commitment: Commitment, on: dt.date) -> Commitment:
    commitment = _locked_commitment(commitment, actor)
    _commitment_status(commitment, CommitmentStatus.NOTIFIED)
    _not_before(on, commitment.notice_on, "on")
    commitment.signed_on = on
    commitment.status = CommitmentStatus.COMMITTED
    commitment.save(update_fields=["signed_on", "status"])
    core_services.event_record(
        subject=commitment,
        event_type="enforcement.commitment_signed",
        actor=actor,
        organization=commitment.organization,
    )
    return commitment


@transaction.atomic
def commitment_refuse(*, actor, commitment: Commitment, on: dt.date) -> Commitment:
    """The party declines to commit: the ordinary procedure applies (a case is opened)."""
    commitment = _locked_commitment(commitment, actor)
    _commitment_status(commitment, CommitmentStatus.NOTIFIED)
    _not_before(on, commitment.notice_on, "on")
    commitment.refused_on = on
    commitment.status = CommitmentStatus.REFUSED
    commitment.save(update_fields=["refused_on", "status"])
    core_services.event_record(
        subject=commitment,
        event_type="enforcement.commitment_refused",
        actor=actor,
        organization=commitment.organization,
    )
    return commitment


@transaction.atomic
def commitment_verify(*, actor, commitment: Commitment, on: dt.date, result: str) -> Commitment:
    commitment = _locked_commitment(commitment, actor)
    _commitment_status(commitment, CommitmentStatus.COMMITTED)
    _not_before(on, commitment.signed_on, "on")
    if result not in CommitmentResult.values:
        raise ValidationFailed(Code.INVALID, _("核查结果无效。"), field="result")
    if result == CommitmentResult.NOT_CORRECTED and on <= commitment.correct_by:
        raise ValidationFailed(Code.INVALID_DATE, _("改正期限届满前不能认定为未改正。"), field="on")
    commitment.verified_on = on
    commitment.result = result
    commitment.status = CommitmentStatus.VERIFIED
    commitment.save(update_fields=["verified_on", "result", "status"])
    core_services.event_record(
        subject=commitment,
        event_type="enforcement.commitment_verified",
        actor=actor,
        organization=commitment.organization,
        details={"result": result},
    )
    return commitment


@transaction.atomic
def commitment_convert(
    *, actor, commitment: Commitment, opened_on: dt.date, officers: Sequence[str]
) -> PenaltyCase:
    """Breach or refusal turns the matter back into a normal case (spec §2 step 5)."""
    commitment = _locked_commitment(commitment, actor)
    breached = commitment.status == CommitmentStatus.VERIFIED and commitment.result in (
        CommitmentResult.NOT_CORRECTED,
        CommitmentResult.FALSE_COMMITMENT,
    )
    if not (breached or commitment.status == CommitmentStatus.REFUSED):
        raise Conflict(
            Code.INVALID_TRANSITION, _("只有拒绝承诺或未履行承诺的可转为立案。"), field="status"
        )
    if commitment.follow_up_case_id is not None:
        raise Conflict(Code.DUPLICATE, _("已转立案。"), field="follow_up_case")
    if commitment.exemption.item is None:
        raise ValidationFailed(
            Code.REQUIRED, _("清单事项未对应处罚事项，请先调整清单。"), field="exemption"
        )
    case = case_open(
        actor=actor,
        organization=commitment.organization,
        item=commitment.exemption.item,
        party=Party(commitment.party_type, commitment.party_name, commitment.party_id_number),
        facts=commitment.facts,
        violation_date=commitment.violation_date,
        discovered_on=commitment.notice_on,
        opened_on=opened_on,
        officers=officers,
    )
    commitment.follow_up_case = case
    commitment.save(update_fields=["follow_up_case"])
    core_services.event_record(
        subject=commitment,
        event_type="enforcement.commitment_converted",
        actor=actor,
        organization=commitment.organization,
        details={"case": case.case_number},
    )
    return case


@transaction.atomic
def commitment_file(*, actor, commitment: Commitment, on: dt.date) -> Commitment:
    """备案 with the justice bureau once the matter is finished (supervision spot-checks)."""
    commitment = _locked_commitment(commitment, actor)
    _commitment_status(commitment, CommitmentStatus.VERIFIED, CommitmentStatus.REFUSED)
    if commitment.filed_on is not None:
        raise Conflict(Code.DUPLICATE, _("已备案。"), field="filed_on")
    if commitment.result != CommitmentResult.CORRECTED and commitment.follow_up_case_id is None:
        raise ValidationFailed(
            Code.FOLLOW_UP_REQUIRED, _("未履行承诺的须先转立案再备案。"), field="follow_up_case"
        )
    _not_before(on, commitment.verified_on or commitment.refused_on, "on")
    commitment.filed_on = on
    commitment.save(update_fields=["filed_on"])
    core_services.event_record(
        subject=commitment,
        event_type="enforcement.commitment_filed",
        actor=actor,
        organization=commitment.organization,
    )
    return commitment
