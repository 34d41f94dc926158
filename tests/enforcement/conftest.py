"""Enforcement fixtures: an item held by the bureau and delegated to 长安镇, its exemption and
benchmark, hearing thresholds, a qualified reviewer, and a helper that walks a case forward."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest

from fazhi.core.models import Person, Role
from fazhi.enforcement import services
from fazhi.enforcement.models import (
    DiscretionGrade,
    EnforcementItem,
    EvidenceKind,
    ExemptionItem,
    ItemMode,
    PartyType,
    PenaltyCase,
)
from tests.factories import user_with_role

FROM = dt.date(2022, 1, 1)


@dataclass
class Setup:
    item: EnforcementItem
    other_item: EnforcementItem
    exemption: ExemptionItem
    reviewer: object
    town_officer: object
    other_town_officer: object
    bureau_officer: object


def _row(code: str, holder, *, delegated_to=()) -> services.ItemRow:
    return services.ItemRow(
        code=code,
        name=f"对擅自在城市道路两侧设置摊点的行政处罚{code}",
        category="市容环卫",
        legal_basis="《城市市容和环境卫生管理条例》第十四条",
        penalty_basis="《城市市容和环境卫生管理条例》第三十六条",
        max_fine=Decimal("50000"),
        mode=ItemMode.CENTRALISED,
        holder_code=holder.code,
        original_department_code="",
        effective_from=FROM,
        delegated_to=tuple(delegated_to),
        delegation_document="海政发〔2022〕3号" if delegated_to else "",
        delegation_from=FROM if delegated_to else None,
    )


def certify(
    admin,
    organization,
    name: str,
    *,
    valid_from: dt.date = dt.date(2020, 1, 1),
    valid_to: dt.date = dt.date(2026, 12, 31),
) -> Person:
    """A person of ``organization`` holding certificate ``执法员<name>``."""
    person = Person.objects.create(organization=organization, name=name)
    services.certificate_issue(
        actor=admin,
        person=person,
        number=f"执法员{name}",
        issuer="浙江省司法厅",
        valid_from=valid_from,
        valid_to=valid_to,
    )
    return person


@pytest.fixture
def enf(tree, users) -> Setup:
    admin = users["administrator"]
    services.items_import(
        actor=admin,
        rows=[
            _row("ITEM-1", tree.enforcement, delegated_to=[tree.town.code]),
            _row("ITEM-2", tree.enforcement),
        ],
    )
    item = EnforcementItem.objects.get(code="ITEM-1")
    exemption = services.exemption_add(
        actor=admin,
        code="MZ-1",
        effective_from=FROM,
        list_name="轻微违法行为不予处罚清单",
        issuer="海宁市综合行政执法局",
        list_type="不予处罚",
        category="市容环卫",
        violation="擅自在城市道路两侧设置摊点",
        legal_basis="《城市市容和环境卫生管理条例》第三十六条",
        conditions="初次违法、及时改正",
        item=item,
    )
    for grade, low, high in (
        (DiscretionGrade.NO_PENALTY, 0, 0),
        (DiscretionGrade.LIGHTER, 500, 5000),
        (DiscretionGrade.ORDINARY, 5000, 20000),
        (DiscretionGrade.HEAVIER, 20000, 50000),
    ):
        services.benchmark_row_add(
            actor=admin,
            item=item,
            grade=grade,
            circumstances="情形",
            min_fine=Decimal(low),
            max_fine=Decimal(high),
            source="测试基准",
            effective_from=FROM,
        )
    services.hearing_threshold_set(
        actor=admin, party_type=PartyType.CITIZEN, min_amount=Decimal(10000), source="测试"
    )
    for name in ("甲", "乙", "丙"):
        certify(admin, tree.town, name)
    reviewer = users["justice_legal_officer"]
    services.legal_reviewer_register(
        actor=admin,
        user=reviewer,
        organization=tree.justice,
        qualification_number="A2015001",
        qualified_on=dt.date(2015, 1, 1),
    )
    return Setup(
        item=item,
        other_item=EnforcementItem.objects.get(code="ITEM-2"),
        exemption=exemption,
        reviewer=reviewer,
        town_officer=users["enforcement_officer"],
        other_town_officer=user_with_role(
            Role.ENFORCEMENT_OFFICER, tree.other_town, username="huangwan"
        ),
        bureau_officer=user_with_role(
            Role.ENFORCEMENT_OFFICER, tree.enforcement, username="bureau"
        ),
    )


def open_case(enf: Setup, tree, **changes) -> PenaltyCase:
    values = {
        "actor": enf.town_officer,
        "organization": tree.town,
        "item": enf.item,
        "party": services.Party(
            PartyType.CITIZEN, "张三", "330481198001010016", "浙江省海宁市长安镇长安路1号"
        ),
        "facts": "在城市道路两侧设置摊点",
        "violation_date": dt.date(2022, 3, 1),
        "discovered_on": dt.date(2022, 3, 2),
        "opened_on": dt.date(2022, 3, 3),
        "officers": ["执法员甲", "执法员乙"],
    } | changes
    return services.case_open(**values)


def notified_case(enf: Setup, tree, *, fine: Decimal | None = None, **changes) -> PenaltyCase:
    case = open_case(enf, tree, **changes)
    services.case_evidence_add(
        actor=case_actor(enf, case),
        case=case,
        kind=EvidenceKind.INSPECTION_RECORD,
        description="现场检查笔录",
        file_name="record.txt",
        content=f"笔录 {case.pk}".encode(),
        collected_on=dt.date(2022, 3, 3),
    )
    return services.case_notify(
        actor=case_actor(enf, case),
        case=case,
        on=dt.date(2022, 3, 10),
        intended_kinds=["fine"] if fine else [],
        intended_fine=fine,
    )


def case_actor(enf: Setup, case: PenaltyCase):
    return enf.bureau_officer if case.organization.code == "ENF" else enf.town_officer
