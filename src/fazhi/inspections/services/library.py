"""The resource library (综合查一次资源库): items, subjects, inspectors, relations, scenarios.

Imports are all-or-nothing: every row is checked first and one bad row refuses the file with a
report naming each row and field (like the enforcement catalog import).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.errors import Conflict, ImportFailed, ValidationFailed
from fazhi.core.exports import read_xlsx_rows
from fazhi.core.models import Organization, OrganizationKind, Person
from fazhi.core.scoping import require_change, require_role
from fazhi.inspections.domain import credit_code
from fazhi.inspections.error_codes import InspectionErrorCode as Code
from fazhi.inspections.models import (
    BasisStatus,
    CreditGrade,
    InspectionItem,
    Inspector,
    Relation,
    RiskGrade,
    RiskList,
    Scenario,
    ScenarioLevel,
    Subject,
)
from fazhi.inspections.permissions import LIBRARY_ROLES

ITEM_HEADERS = [
    "事项编码",
    "事项名称",
    "部门编码",
    "检查依据",
    "对象类型",
    "行业标签",
    "检查时长（分钟）",
    "年检查频次",
    "清单",
    "所需专业",
]
SUBJECT_HEADERS = [
    "名称",
    "统一社会信用代码",
    "地址",
    "镇街编码",
    "对象类型",
    "行业",
    "风险等级",
    "信用等级",
    "不宜检查日期",
]
INSPECTOR_HEADERS = ["执法证号", "部门编码", "专业", "每日可检查户数", "不可用日期"]
RISK_LIST_BY_LABEL = {str(label): value for value, label in RiskList.choices}
RISK_BY_LABEL = {str(label): value for value, label in RiskGrade.choices} | {
    "高": RiskGrade.HIGH,
    "中": RiskGrade.MEDIUM,
    "低": RiskGrade.LOW,
}


def _split(value: Any) -> list[str]:
    text = str(value or "").replace(",", "、").replace("，", "、").replace(";", "、")
    return [part.strip() for part in text.split("、") if part.strip()]


def _dates(value: Any) -> list[str] | None:
    out = []
    for part in _split(value):
        try:
            out.append(dt.date.fromisoformat(part).isoformat())
        except ValueError:
            return None
    return out


def _int(value: Any) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def resolve_basis(text: str) -> tuple[Any, str, str]:
    """The law-base article the basis cites first, or why it cannot be found."""
    from fazhi.lawbase.domain import find_citations
    from fazhi.lawbase.models import Article
    from fazhi.lawbase.selectors import best_resolver

    mentions = [m for m in find_citations(text) if m.looks_like_instrument]
    if not mentions:
        return None, BasisStatus.UNRESOLVED, _("依据中没有可识别的法律法规条文引用。")
    mention = mentions[0]
    result = best_resolver().resolve(mention, None)
    if not result.ok or result.law is None or mention.article is None:
        return None, BasisStatus.UNRESOLVED, result.message[:300]
    article = (
        Article.objects.filter(law__title=result.law.title, number=mention.article)
        .select_related("law")
        .first()
    )
    if article is None:
        return None, BasisStatus.UNRESOLVED, _("法规库未收录该条文。")
    return article, BasisStatus.RESOLVED, ""


def _organizations(codes: set[str]) -> dict[str, Organization]:
    return Organization.objects.in_bulk([c for c in codes if c], field_name="code")


def _fail(errors: list[dict[str, Any]]) -> None:
    if errors:
        raise ImportFailed(
            _("导入失败：%(count)s 处错误，未导入任何数据。") % {"count": len(errors)}, rows=errors
        )


def _error(errors: list[dict[str, Any]], row: int, field: str, detail: str) -> None:
    errors.append({"row": row, "field": field, "detail": detail})


@transaction.atomic
def items_import(*, actor, rows: Sequence[dict[str, Any]]) -> int:
    """Add inspection items from sheet rows (``ITEM_HEADERS``); all or nothing."""
    require_role(actor, *LIBRARY_ROLES)
    organizations = _organizations({str(r.get("部门编码") or "") for r in rows})
    existing = set(
        InspectionItem.objects.filter(
            code__in=[str(r.get("事项编码") or "") for r in rows]
        ).values_list("code", flat=True)
    )
    errors: list[dict[str, Any]] = []
    seen: set[str] = set()
    parsed = []
    for index, row in enumerate(rows):
        number = index + 2
        code = str(row.get("事项编码") or "")
        for header, field in (
            ("事项编码", "code"),
            ("事项名称", "name"),
            ("检查依据", "legal_basis"),
            ("对象类型", "object_type"),
        ):
            if not str(row.get(header) or "").strip():
                _error(errors, number, field, _("必填项为空。"))
        if code in existing or code in seen:
            _error(errors, number, "code", _("事项编码重复：%(code)s") % {"code": code})
        seen.add(code)
        organization = organizations.get(str(row.get("部门编码") or ""))
        if organization is None:
            _error(errors, number, "organization", _("部门编码不存在。"))
        elif not _may_change(actor, organization):
            _error(errors, number, "organization", _("该部门不在您的单位范围内。"))
        duration = _int(row.get("检查时长（分钟）"))
        frequency = _int(row.get("年检查频次"))
        if duration is None:
            _error(errors, number, "duration_minutes", _("检查时长应为正整数（分钟）。"))
        if frequency is None:
            _error(errors, number, "frequency_per_year", _("年检查频次应为正整数。"))
        label = str(row.get("清单") or "")
        risk_list = RISK_LIST_BY_LABEL.get(label, label)
        if risk_list not in RiskList.values:
            _error(errors, number, "risk_list", _("清单应为无事不扰、随机抽查或重点监管。"))
        parsed.append((row, organization, duration, frequency, risk_list))
    _fail(errors)
    for row, organization, duration, frequency, risk_list in parsed:
        item_add(
            actor=actor,
            organization=organization,
            code=str(row["事项编码"]),
            name=str(row["事项名称"]),
            legal_basis=str(row["检查依据"]),
            object_type=str(row["对象类型"]),
            industry_tags=_split(row.get("行业标签")),
            duration_minutes=duration,
            frequency_per_year=frequency,
            risk_list=risk_list,
            skill=str(row.get("所需专业") or ""),
        )
    return len(parsed)


def _may_change(actor, organization: Organization) -> bool:
    from fazhi.core.scoping import scope_for

    return scope_for(actor).can_change(organization, LIBRARY_ROLES)


@transaction.atomic
def item_add(
    *,
    actor,
    organization: Organization,
    code: str,
    name: str,
    legal_basis: str,
    object_type: str,
    industry_tags: list[str],
    duration_minutes: int,
    frequency_per_year: int,
    risk_list: str,
    skill: str = "",
    enforcement_item=None,
) -> InspectionItem:
    require_change(actor, organization, roles=LIBRARY_ROLES)
    if not code.strip() or not name.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写事项编码和名称。"), field="code")
    if not legal_basis.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写检查依据。"), field="legal_basis")
    if InspectionItem.objects.filter(code=code).exists():
        raise Conflict(Code.DUPLICATE, _("事项编码已存在。"), field="code")
    if risk_list not in RiskList.values:
        raise ValidationFailed(Code.INVALID, _("清单类别无效。"), field="risk_list")
    if duration_minutes <= 0 or frequency_per_year <= 0:
        raise ValidationFailed(
            Code.INVALID, _("检查时长和频次应为正数。"), field="duration_minutes"
        )
    article, status, note = resolve_basis(legal_basis)
    item = InspectionItem.objects.create(
        organization=organization,
        code=code.strip(),
        name=name.strip(),
        legal_basis=legal_basis.strip(),
        basis_article=article,
        basis_status=status,
        basis_note=note,
        object_type=object_type.strip(),
        industry_tags=list(industry_tags),
        duration_minutes=duration_minutes,
        frequency_per_year=frequency_per_year,
        risk_list=risk_list,
        skill=skill.strip(),
        enforcement_item=enforcement_item,
    )
    core_services.event_record(
        subject=item,
        event_type="inspections.item_added",
        actor=actor,
        organization=organization,
        details={"code": item.code, "basis": status},
    )
    return item


def _check_credit_code(code: str, field: str = "credit_code") -> str:
    code = (code or "").strip().upper()
    problem = credit_code.problem(code)
    if problem:
        raise ValidationFailed(Code.INVALID_CREDIT_CODE, problem, field=field)
    return code


@transaction.atomic
def subject_add(
    *,
    actor,
    name: str,
    credit_code: str,
    town: Organization,
    object_type: str,
    risk_grade: str,
    credit_grade: str,
    address: str = "",
    industry: str = "",
    blackout_dates: Sequence[str] = (),
) -> Subject:
    require_change(actor, town, roles=LIBRARY_ROLES)
    code = _check_credit_code(credit_code)
    if not name.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写名称。"), field="name")
    if town.kind != OrganizationKind.TOWN:
        raise ValidationFailed(Code.INVALID, _("所在镇街应为镇或街道。"), field="town")
    if risk_grade not in RiskGrade.values:
        raise ValidationFailed(Code.INVALID, _("风险等级无效。"), field="risk_grade")
    if credit_grade not in CreditGrade.values:
        raise ValidationFailed(Code.INVALID, _("信用等级无效。"), field="credit_grade")
    if Subject.objects.filter(credit_code=code).exists():
        raise Conflict(Code.DUPLICATE, _("该统一社会信用代码已登记。"), field="credit_code")
    subject = Subject.objects.create(
        name=name.strip(),
        credit_code=code,
        town=town,
        object_type=object_type.strip(),
        risk_grade=risk_grade,
        credit_grade=credit_grade,
        address=address.strip(),
        industry=industry.strip(),
        blackout_dates=sorted(blackout_dates),
    )
    core_services.event_record(
        subject=subject, event_type="inspections.subject_added", actor=actor, organization=town
    )
    return subject


@transaction.atomic
def subjects_import(*, actor, rows: Sequence[dict[str, Any]]) -> int:
    require_role(actor, *LIBRARY_ROLES)
    towns = _organizations({str(r.get("镇街编码") or "") for r in rows})
    codes = [str(r.get("统一社会信用代码") or "").strip().upper() for r in rows]
    existing = set(
        Subject.objects.filter(credit_code__in=codes).values_list("credit_code", flat=True)
    )
    errors: list[dict[str, Any]] = []
    seen: set[str] = set()
    clean = []
    for index, row in enumerate(rows):
        number = index + 2
        code = codes[index]
        problem = credit_code.problem(code)
        if problem:
            _error(errors, number, "credit_code", problem)
        elif code in existing or code in seen:
            _error(errors, number, "credit_code", _("统一社会信用代码重复：%(c)s") % {"c": code})
        seen.add(code)
        if not str(row.get("名称") or "").strip():
            _error(errors, number, "name", _("必填项为空。"))
        town = towns.get(str(row.get("镇街编码") or ""))
        if town is None or town.kind != OrganizationKind.TOWN:
            _error(errors, number, "town", _("镇街编码不存在或不是镇街。"))
        elif not _may_change(actor, town):
            _error(errors, number, "town", _("该镇街不在您的单位范围内。"))
        risk = RISK_BY_LABEL.get(str(row.get("风险等级") or ""), str(row.get("风险等级") or ""))
        if risk not in RiskGrade.values:
            _error(errors, number, "risk_grade", _("风险等级应为高、中或低。"))
        credit = str(row.get("信用等级") or "").strip().upper()[:1]
        if credit not in CreditGrade.values:
            _error(errors, number, "credit_grade", _("信用等级应为A、B、C或D。"))
        blackout = _dates(row.get("不宜检查日期"))
        if blackout is None:
            _error(errors, number, "blackout_dates", _("日期格式应为YYYY-MM-DD，以顿号分隔。"))
        clean.append((row, code, town, risk, credit, blackout or []))
    _fail(errors)
    for row, code, town, risk, credit, blackout in clean:
        subject_add(
            actor=actor,
            name=str(row["名称"]),
            credit_code=code,
            town=town,
            object_type=str(row.get("对象类型") or ""),
            risk_grade=risk,
            credit_grade=credit,
            address=str(row.get("地址") or ""),
            industry=str(row.get("行业") or ""),
            blackout_dates=blackout,
        )
    return len(clean)


@transaction.atomic
def inspector_add(
    *,
    actor,
    person: Person,
    organization: Organization,
    skills: Sequence[str] = (),
    daily_capacity: int = 4,
    unavailable_dates: Sequence[str] = (),
) -> Inspector:
    """Put a certified officer in the pool; an officer without a valid certificate is refused."""
    require_change(actor, organization, roles=LIBRARY_ROLES)
    today = timezone.localdate()
    if not person.enforcement_certificate_number or (
        person.certificate_valid_until is None or person.certificate_valid_until < today
    ):
        raise ValidationFailed(
            Code.NOT_CERTIFIED,
            _("%(name)s 没有有效的行政执法证，不能列入检查人员库。") % {"name": person.name},
            field="person",
        )
    if Inspector.objects.filter(person=person).exists():
        raise Conflict(Code.DUPLICATE, _("该人员已在检查人员库中。"), field="person")
    if daily_capacity <= 0:
        raise ValidationFailed(Code.INVALID, _("每日可检查户数应为正数。"), field="daily_capacity")
    inspector = Inspector.objects.create(
        person=person,
        organization=organization,
        skills=list(skills),
        daily_capacity=daily_capacity,
        unavailable_dates=sorted(unavailable_dates),
    )
    core_services.event_record(
        subject=inspector,
        event_type="inspections.inspector_added",
        actor=actor,
        organization=organization,
    )
    return inspector


@transaction.atomic
def inspectors_import(*, actor, rows: Sequence[dict[str, Any]]) -> int:
    require_role(actor, *LIBRARY_ROLES)
    numbers = [str(r.get("执法证号") or "").strip() for r in rows]
    people = Person.objects.in_bulk(
        [n for n in numbers if n], field_name="enforcement_certificate_number"
    )
    organizations = _organizations({str(r.get("部门编码") or "") for r in rows})
    pooled = set(
        Inspector.objects.filter(person__in=list(people.values())).values_list(
            "person_id", flat=True
        )
    )
    today = timezone.localdate()
    errors: list[dict[str, Any]] = []
    clean = []
    for index, row in enumerate(rows):
        number = index + 2
        person = people.get(numbers[index])
        if person is None:
            _error(errors, number, "person", _("执法证号不存在于人员库。"))
        elif person.certificate_valid_until is None or person.certificate_valid_until < today:
            _error(errors, number, "person", _("执法证已过有效期。"))
        elif person.pk in pooled:
            _error(errors, number, "person", _("该人员已在检查人员库中。"))
        organization = organizations.get(str(row.get("部门编码") or ""))
        if organization is None:
            _error(errors, number, "organization", _("部门编码不存在。"))
        elif not _may_change(actor, organization):
            _error(errors, number, "organization", _("该部门不在您的单位范围内。"))
        capacity = _int(row.get("每日可检查户数") or 4)
        if capacity is None:
            _error(errors, number, "daily_capacity", _("每日可检查户数应为正整数。"))
        unavailable = _dates(row.get("不可用日期"))
        if unavailable is None:
            _error(errors, number, "unavailable_dates", _("日期格式应为YYYY-MM-DD。"))
        clean.append((person, organization, _split(row.get("专业")), capacity, unavailable or []))
    _fail(errors)
    for person, organization, skills, capacity, unavailable in clean:
        inspector_add(
            actor=actor,
            person=person,
            organization=organization,
            skills=skills,
            daily_capacity=capacity,
            unavailable_dates=unavailable,
        )
    return len(clean)


HEADERS = {"items": ITEM_HEADERS, "subjects": SUBJECT_HEADERS, "inspectors": INSPECTOR_HEADERS}


@transaction.atomic
def library_import_xlsx(*, actor, kind: str, data: bytes) -> int:
    """Import one sheet of the library (items, subjects or inspectors), all-or-nothing."""
    require_role(actor, *LIBRARY_ROLES)
    if kind not in HEADERS:
        raise ValidationFailed(Code.INVALID, _("导入类别无效。"), field="kind")
    rows = read_xlsx_rows(data, expected_headers=HEADERS[kind])
    if kind == "items":
        return items_import(actor=actor, rows=rows)
    if kind == "subjects":
        return subjects_import(actor=actor, rows=rows)
    return inspectors_import(actor=actor, rows=rows)


@transaction.atomic
def relation_declare(*, actor, inspector: Inspector, subject: Subject, relation: str) -> Relation:
    """An inspector declares a relation to a subject; later draws exclude the pair."""
    require_change(actor, inspector.organization, roles=(*LIBRARY_ROLES, "enforcement_officer"))
    if not relation.strip():
        raise ValidationFailed(Code.REQUIRED, _("请说明关系。"), field="relation")
    declared, _created = Relation.objects.get_or_create(
        inspector=inspector,
        subject=subject,
        defaults={"relation": relation.strip(), "declared_on": timezone.localdate()},
    )
    core_services.event_record(
        subject=inspector,
        event_type="inspections.relation_declared",
        actor=actor,
        organization=inspector.organization,
        details={"subject": subject.credit_code},
    )
    return declared


@transaction.atomic
def scenario_add(
    *,
    actor,
    name: str,
    level: str,
    object_type: str,
    items: Sequence[InspectionItem],
    town: Organization | None = None,
) -> Scenario:
    require_role(actor, *LIBRARY_ROLES)
    if level not in ScenarioLevel.values:
        raise ValidationFailed(Code.INVALID, _("场景层级无效。"), field="level")
    if level == ScenarioLevel.TOWN and town is None:
        raise ValidationFailed(Code.REQUIRED, _("镇街个性场景须指定镇街。"), field="town")
    if not items:
        raise ValidationFailed(Code.REQUIRED, _("场景至少包含一个检查事项。"), field="items")
    scenario = Scenario.objects.create(name=name, level=level, object_type=object_type, town=town)
    scenario.items.set(items)
    core_services.event_record(
        subject=scenario,
        event_type="inspections.scenario_added",
        actor=actor,
        organization=town,
        details={"items": len(items)},
    )
    return scenario
