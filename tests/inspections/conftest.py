"""A tiny 综合查一次 world: two departments, a town, a few restaurants and six inspectors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from fazhi.core.models import Role
from fazhi.enforcement import services as enforcement
from fazhi.enforcement.models import EnforcementItem, ItemMode
from fazhi.enforcement.services.certificates import certificates_from_people
from fazhi.inspections import services
from fazhi.inspections.domain import credit_code
from fazhi.inspections.models import InspectionItem, Inspector, RiskList, Subject
from tests.factories import CertifiedOfficerFactory, user_with_role

START = dt.date(2026, 12, 1)
END = dt.date(2026, 12, 31)


def code(n: int) -> str:
    return credit_code.make(f"9133048{n:010d}")


@dataclass
class World:
    admin: object
    coordinator: object
    market_officer: object
    enf_officer: object
    food: InspectionItem
    special: InspectionItem
    gas: InspectionItem
    subjects: list[Subject]
    market_inspectors: list[Inspector]
    enf_inspectors: list[Inspector]
    extra: dict = field(default_factory=dict)


@pytest.fixture
def world(tree, users) -> World:
    admin = users["administrator"]
    enforcement.items_import(
        actor=admin,
        rows=[
            enforcement.ItemRow(
                code="SC-FOOD-1",
                name="对经营不符合食品安全标准的食品的行政处罚",
                category="市场监管",
                legal_basis="《中华人民共和国食品安全法》第三十四条",
                penalty_basis="《中华人民共和国食品安全法》第一百二十四条",
                max_fine=Decimal("100000"),
                mode=ItemMode.DEPARTMENT,
                holder_code=tree.market.code,
                original_department_code="",
                effective_from=dt.date(2020, 1, 1),
            )
        ],
    )
    penalty_item = EnforcementItem.objects.get(code="SC-FOOD-1")

    def item(org, code_, name, duration, frequency, skill="", tags=("餐饮",), link=None):
        return services.item_add(
            actor=admin,
            organization=org,
            code=code_,
            name=name,
            legal_basis="《中华人民共和国食品安全法》第八十七条",
            object_type="餐饮单位",
            industry_tags=list(tags),
            duration_minutes=duration,
            frequency_per_year=frequency,
            risk_list=RiskList.RANDOM,
            skill=skill,
            enforcement_item=link,
        )

    food = item(
        tree.market, "SC-01", "食品经营许可和食品安全检查", 60, 2, "食品", link=penalty_item
    )
    special = item(tree.market, "SC-02", "特种设备使用检查", 45, 1)
    gas = item(tree.enforcement, "ZF-01", "餐饮场所燃气安全检查", 45, 1)
    subjects = [
        services.subject_add(
            actor=admin,
            name=f"长安镇测试餐馆{n}",
            credit_code=code(n),
            town=tree.town,
            object_type="餐饮单位",
            risk_grade=["high", "medium", "low"][n % 3],
            credit_grade="B",
            address=f"海宁市长安镇测试路{n}号",
        )
        for n in range(1, 7)
    ]

    def pool(org, count, skills):
        people = [
            CertifiedOfficerFactory(organization=org, certificate_valid_until=dt.date(2027, 12, 31))
            for _ in range(count)
        ]
        return [
            services.inspector_add(actor=admin, person=p, organization=org, skills=skills)
            for p in people
        ]

    market_inspectors = pool(tree.market, 4, ["食品"])
    enf_inspectors = pool(tree.enforcement, 2, ["燃气"])
    # Their certificates as records, so a failed item's hand-over names certified officers.
    certificates_from_people(actor=admin, organization=tree.city, issuer="海宁市人民政府")
    return World(
        admin=admin,
        coordinator=users["justice_legal_officer"],
        market_officer=user_with_role(Role.ENFORCEMENT_OFFICER, tree.market, username="mkt"),
        enf_officer=user_with_role(Role.ENFORCEMENT_OFFICER, tree.enforcement, username="zf"),
        food=food,
        special=special,
        gas=gas,
        subjects=subjects,
        market_inspectors=market_inspectors,
        enf_inspectors=enf_inspectors,
    )
