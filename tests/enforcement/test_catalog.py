"""Catalog import (XLSX, all-or-nothing), delegation and the catalog figures."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.errors import ImportFailed, PermissionDenied
from fazhi.core.exports import xlsx_bytes
from fazhi.core.indicators import evaluate, get
from fazhi.enforcement import services
from fazhi.enforcement.models import EnforcementItem, ItemDelegation
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def sheet(rows: list[list]) -> bytes:
    return xlsx_bytes(title="事项", headers=services.ITEM_HEADERS, rows=rows)


def good_row(code: str, holder: str, towns: str = "") -> list:
    return [
        code,
        f"对违规设置户外广告设施的行政处罚{code}",
        "市容环卫",
        "《浙江省城市市容和环境卫生管理条例》第二十条",
        "《浙江省城市市容和环境卫生管理条例》第四十条",
        20000,
        "划转综合执法",
        holder,
        "",
        dt.date(2022, 1, 1),
        towns,
        "海政发〔2022〕3号" if towns else "",
        dt.date(2022, 1, 1) if towns else None,
    ]


def test_xlsx_import_adds_items_and_delegations(tree, users):
    added = services.items_import_xlsx(
        actor=users["administrator"],
        data=sheet(
            [
                good_row("A-1", "ENF", "TOWN、TOWN2"),
                good_row("A-2", "ENF", "TOWN"),
                good_row("A-3", "ENF"),
            ]
        ),
    )
    assert added == 3
    assert ItemDelegation.objects.count() == 3
    assert EnforcementItem.objects.get(code="A-1").history.count() == 1


def test_import_with_a_bad_row_reports_each_row_and_imports_nothing(tree, users):
    with pytest.raises(ImportFailed) as caught:
        services.items_import_xlsx(
            actor=users["justice_legal_officer"],
            data=sheet(
                [
                    good_row("B-1", "ENF", "TOWN"),
                    good_row("B-2", "NOPE"),
                    good_row("B-1", "ENF", "VILLAGE"),
                ]
            ),
        )
    assert caught.value.rows == [
        {"row": 3, "field": "holder_code", "detail": "实施主体编码不存在。"},
        {"row": 4, "field": "code", "detail": "事项编码重复：B-1"},
        {"row": 4, "field": "delegated_to", "detail": "赋权对象不是镇街：VILLAGE"},
    ]
    assert EnforcementItem.objects.count() == 0
    assert ItemDelegation.objects.count() == 0


def test_unreadable_numbers_are_reported_by_row(tree, users):
    row = good_row("C-1", "ENF")
    row[5] = "两万元"
    with pytest.raises(ImportFailed) as caught:
        services.items_import_xlsx(actor=users["administrator"], data=sheet([row]))
    assert caught.value.rows == [
        {"row": 2, "field": "max_fine", "detail": "法定罚款上限不是数字。"}
    ]
    assert EnforcementItem.objects.count() == 0


def test_enforcement_officer_may_not_import(tree, users):
    with pytest.raises(PermissionDenied):
        services.items_import_xlsx(
            actor=users["enforcement_officer"], data=sheet([good_row("D-1", "ENF")])
        )
    assert EnforcementItem.objects.count() == 0


def test_catalog_figures_count_distinct_items_in_force_at_year_end(tree, users):
    third = OrganizationFactory(code="TOWN3", name="许村镇", kind="town", parent=tree.city)
    services.items_import(
        actor=users["administrator"],
        rows=[
            services.ItemRow(
                code=f"E-{n}",
                name=f"事项{n}",
                category="市容环卫",
                legal_basis="依据",
                penalty_basis="依据",
                max_fine=None,
                mode="centralised" if n < 4 else "department",
                holder_code="ENF",
                original_department_code="MARKET",
                effective_from=dt.date(2022, 1, 1),
                delegated_to=("TOWN", "TOWN2", "TOWN3") if n < 2 else ("TOWN",) if n < 3 else (),
                delegation_document="文件",
                delegation_from=dt.date(2022, 1, 1),
            )
            for n in range(5)
        ],
    )
    withdrawn = ItemDelegation.objects.get(item__code="E-1", organization=third)
    services.delegation_withdraw(
        actor=users["administrator"], delegation=withdrawn, on=dt.date(2022, 6, 1), reason="评估"
    )
    values = {
        key: evaluate(get(key), 2022).value
        for key in (
            "enforcement.items_transferred",
            "enforcement.items_delegated_changan_huangwan",
            "enforcement.items_delegated_other_towns",
        )
    }
    assert values == {
        "enforcement.items_transferred": 4,
        "enforcement.items_delegated_changan_huangwan": 3,
        "enforcement.items_delegated_other_towns": 1,
    }


def test_demo_catalog_invents_no_article_numbers():
    """Issue 15: a generated item's basis cites no article it cannot resolve; it says so."""
    import re
    from types import SimpleNamespace

    from fazhi.enforcement import demo

    rows = demo.catalog_rows(SimpleNamespace(code="HN-ENF"))
    for row in rows:
        cited = re.findall(r"(《[^》]+》)第[一二三四五六七八九十百零〇0-9]+条", row.legal_basis)
        if demo.UNRESOLVED in row.penalty_basis:
            # Unresolved: no article but the holder's power (条例 art 8) is cited.
            assert cited in ([], ["《浙江省综合行政执法条例》"]), row.legal_basis
            assert "第" not in row.penalty_basis
        else:
            # Resolved: only laws the law base holds (each article is checked against the law
            # base's text in test_catalog_bases.py).
            held = {demo.FIRE, demo.SAFETY, demo.FOOD, "《浙江省综合行政执法条例》"}
            assert set(cited) <= held, row.legal_basis


def test_demo_catalog_names_are_unique_within_a_department():
    """Issue 15: no two items of one department differ only by a number."""
    from collections import Counter
    from types import SimpleNamespace

    from fazhi.enforcement import demo

    rows = demo.catalog_rows(SimpleNamespace(code="HN-ENF"))
    names = Counter((row.original_department_code, row.name) for row in rows)
    assert max(names.values()) == 1
    assert not [row.name for row in rows if "（第" in row.name]
