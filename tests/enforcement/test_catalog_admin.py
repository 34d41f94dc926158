"""Staff maintenance of the exemption list, delegations and discretion benchmarks, by page and
API: catalog roles only, every refusal on its field with nothing changed, history kept."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core.models import DomainEvent
from fazhi.enforcement import services
from fazhi.enforcement.models import BenchmarkRow, DiscretionGrade, ExemptionItem, ItemDelegation

pytestmark = pytest.mark.django_db

EXEMPTION_FIELDS = {
    "list_name": "轻微违法行为不予处罚清单",
    "issuer": "海宁市综合行政执法局",
    "list_type": "不予处罚",
    "category": "市容环卫",
    "violation": "占道晾晒",
    "legal_basis": "《浙江省城市市容和环境卫生管理条例》第二十条",
    "conditions": "首次违法、及时改正",
}


def _rows() -> list[dict]:
    return list(ExemptionItem.objects.order_by("pk").values())


# --- exemption list: pages --------------------------------------------------------------------


def test_page_adds_an_exemption_item(client, users, enf):
    client.force_login(users["justice_legal_officer"])
    response = client.post(
        "/enforcement/exemptions/new/",
        EXEMPTION_FIELDS | {"code": "MZ-2", "effective_from": "2022-02-01", "item": "ITEM-1"},
    )
    assert response.status_code == 302
    added = ExemptionItem.objects.get(code="MZ-2")
    assert (added.version, added.item, added.effective_from) == (
        1,
        enf.item,
        dt.date(2022, 2, 1),
    )
    assert DomainEvent.objects.filter(event_type="enforcement.exemption_added").count() == 2


def test_page_refuses_a_duplicate_code_on_the_field(client, users, enf):
    client.force_login(users["administrator"])
    before = _rows()
    response = client.post(
        "/enforcement/exemptions/new/",
        EXEMPTION_FIELDS | {"code": "MZ-1", "effective_from": "2022-02-01"},
    )
    assert response.status_code == 400
    assert 'id="id_code-errors"' in response.content.decode()
    assert "清单编码已存在" in response.content.decode()
    assert _rows() == before


def test_page_adjust_keeps_the_old_version_in_history(client, users, enf):
    client.force_login(users["administrator"])
    form = client.get("/enforcement/exemptions/MZ-1/adjust/").content.decode()
    assert "擅自在城市道路两侧设置摊点" in form  # the current version prefills the form
    response = client.post(
        "/enforcement/exemptions/MZ-1/adjust/",
        {
            **EXEMPTION_FIELDS,
            "violation": "擅自在城市道路两侧设置摊点（新表述）",
            "item": "ITEM-1",
            "on": "2022-07-01",
            "reason": "上位法修订",
        },
    )
    assert response.status_code == 302
    versions = list(ExemptionItem.objects.filter(code="MZ-1").order_by("version"))
    assert [(v.version, v.effective_to) for v in versions] == [
        (1, dt.date(2022, 7, 1)),
        (2, None),
    ]
    history = client.get("/enforcement/exemptions/MZ-1/").content.decode()
    assert "上位法修订" in history and "（新表述）" in history and "v1" in history


def test_page_adjust_refuses_a_date_before_the_current_version(client, users, enf):
    client.force_login(users["administrator"])
    before = _rows()
    response = client.post(
        "/enforcement/exemptions/MZ-1/adjust/",
        {**EXEMPTION_FIELDS, "on": "2021-12-31", "reason": "调整"},
    )
    assert response.status_code == 400
    assert "调整日期须晚于现行版本生效日期" in response.content.decode()
    assert _rows() == before


def test_page_repeal_then_nothing_left_to_repeal(client, users, enf):
    client.force_login(users["administrator"])
    response = client.post(
        "/enforcement/exemptions/MZ-1/repeal/", {"on": "2022-09-01", "reason": "清单调整"}
    )
    assert response.status_code == 302
    enf.exemption.refresh_from_db()
    assert (enf.exemption.effective_to, enf.exemption.adjustment_reason) == (
        dt.date(2022, 9, 1),
        "清单调整",
    )
    assert client.get("/enforcement/exemptions/MZ-1/repeal/").status_code == 404


def test_officer_can_neither_see_nor_post_the_exemption_forms(client, users, enf):
    client.force_login(users["enforcement_officer"])
    before = _rows()
    assert "新增清单事项" not in client.get("/enforcement/exemptions/").content.decode()
    assert client.get("/enforcement/exemptions/new/").status_code == 403
    response = client.post(
        "/enforcement/exemptions/MZ-1/repeal/", {"on": "2022-09-01", "reason": "清单调整"}
    )
    assert response.status_code == 403
    assert _rows() == before


# --- exemption list: API ----------------------------------------------------------------------


def test_api_add_adjust_repeal(client, users, enf):
    client.force_login(users["administrator"])
    response = client.post(
        "/api/enforcement/exemptions/",
        EXEMPTION_FIELDS | {"code": "MZ-3", "effective_from": "2022-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    response = client.post(
        f"/api/enforcement/exemptions/{pk}/adjust/",
        {"on": "2022-04-01", "reason": "条件细化", "conditions": "首次违法、当场改正"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    new = response.json()
    assert (new["version"], new["conditions"], new["violation"]) == (
        2,
        "首次违法、当场改正",
        "占道晾晒",
    )
    response = client.post(
        f"/api/enforcement/exemptions/{new['id']}/repeal/",
        {"on": "2022-10-01", "reason": "废止"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["effective_to"] == "2022-10-01"
    listed = client.get("/api/enforcement/exemptions/?on=2022-05-01&search=MZ-3").json()
    assert [e["version"] for e in listed["results"]] == [2]
    history = client.get(f"/api/enforcement/exemptions/{pk}/versions/").json()
    assert [(v["version"], v["effective_to"]) for v in history] == [
        (1, "2022-04-01"),
        (2, "2022-10-01"),
    ]


def test_api_refuses_a_bad_date_and_an_officer(client, users, enf):
    before = _rows()
    client.force_login(users["administrator"])
    response = client.post(
        f"/api/enforcement/exemptions/{enf.exemption.pk}/repeal/",
        {"on": "2021-09-01", "reason": "废止"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert (response.json()["code"], response.json()["field"]) == ("invalid_date", "on")
    response = client.post(
        f"/api/enforcement/exemptions/{enf.exemption.pk}/adjust/",
        {"on": "2022-09-01"},
        content_type="application/json",
    )
    assert response.status_code == 400  # the reason is required
    client.force_login(users["enforcement_officer"])
    response = client.post(
        f"/api/enforcement/exemptions/{enf.exemption.pk}/repeal/",
        {"on": "2022-09-01", "reason": "废止"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden_role"
    assert _rows() == before


# --- delegations ------------------------------------------------------------------------------


def _delegations() -> list[dict]:
    return list(ItemDelegation.objects.order_by("pk").values())


def test_page_delegates_and_withdraws(client, users, enf, tree):
    client.force_login(users["justice_legal_officer"])
    response = client.post(
        f"/enforcement/items/{enf.item.pk}/delegations/new/",
        {
            "organization": tree.other_town.code,
            "decision_document": "海政发〔2022〕9号",
            "effective_from": "2022-05-01",
        },
    )
    assert response.status_code == 302
    delegation = ItemDelegation.objects.get(item=enf.item, organization=tree.other_town)
    assert services.holds_item(tree.other_town, enf.item, dt.date(2022, 5, 1))
    assert not services.holds_item(tree.other_town, enf.item, dt.date(2022, 4, 30))
    response = client.post(
        f"/enforcement/items/{enf.item.pk}/delegations/{delegation.pk}/withdraw/",
        {"on": "2022-11-01", "reason": "承接能力不足"},
    )
    assert response.status_code == 302
    assert not services.holds_item(tree.other_town, enf.item, dt.date(2022, 11, 1))
    page = client.get(f"/enforcement/items/{enf.item.pk}/").content.decode()
    assert "承接能力不足" in page and "2022-11-01" in page
    assert DomainEvent.objects.filter(event_type="enforcement.delegation_withdrawn").count() == 1


def test_page_refuses_delegating_to_a_department(client, users, enf, tree):
    client.force_login(users["administrator"])
    before = _delegations()
    response = client.post(
        f"/enforcement/items/{enf.item.pk}/delegations/new/",
        {
            "organization": tree.market.code,
            "decision_document": "海政发〔2022〕9号",
            "effective_from": "2022-05-01",
        },
    )
    assert response.status_code == 400
    assert 'id="id_organization-errors"' in response.content.decode()
    assert "只能赋权给镇（街道）" in response.content.decode()
    assert _delegations() == before


def test_officer_cannot_withdraw_a_delegation(client, users, enf, tree):
    delegation = ItemDelegation.objects.get(item=enf.item, organization=tree.town)
    before = _delegations()
    client.force_login(users["enforcement_officer"])
    url = f"/enforcement/items/{enf.item.pk}/delegations/{delegation.pk}/withdraw/"
    assert client.post(url, {"on": "2022-11-01", "reason": "收回"}).status_code == 403
    response = client.post(
        f"/api/enforcement/items/{enf.item.pk}/withdraw/",
        {"delegation": delegation.pk, "on": "2022-11-01", "reason": "收回"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert _delegations() == before


def test_api_delegates_and_refuses_a_duplicate(client, users, enf, tree):
    client.force_login(users["administrator"])
    url = f"/api/enforcement/items/{enf.item.pk}/delegate/"
    body = {
        "organization": tree.other_town.code,
        "decision_document": "文件",
        "effective_from": "2022-05-01",
    }
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 201
    before = _delegations()
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 409
    assert (response.json()["code"], response.json()["field"]) == ("duplicate", "organization")
    assert _delegations() == before
    response = client.post(
        f"/api/enforcement/items/{enf.item.pk}/withdraw/",
        {
            "delegation": ItemDelegation.objects.get(organization=tree.other_town).pk,
            "on": "2022-04-01",
            "reason": "收回",
        },
        content_type="application/json",
    )
    assert (response.status_code, response.json()["code"]) == (400, "invalid_date")
    assert _delegations() == before
    listed = client.get(f"/api/enforcement/items/{enf.item.pk}/delegations/").json()
    assert sorted(d["organization"] for d in listed) == sorted(
        [tree.town.code, tree.other_town.code]
    )


# --- discretion benchmarks --------------------------------------------------------------------


def _benchmarks() -> list[dict]:
    return list(BenchmarkRow.objects.order_by("pk").values())


def test_page_adds_a_benchmark_row_superseding_the_same_grade(client, users, enf):
    client.force_login(users["administrator"])
    response = client.post(
        f"/enforcement/items/{enf.item.pk}/benchmarks/new/",
        {
            "grade": DiscretionGrade.ORDINARY,
            "circumstances": "无从轻、从重情节",
            "min_fine": "6000",
            "max_fine": "18000",
            "source": "2022年修订基准",
            "effective_from": "2022-07-01",
        },
    )
    assert response.status_code == 302
    before = services.discretion_propose(item=enf.item, on=dt.date(2022, 6, 30), circumstances=[])
    after = services.discretion_propose(item=enf.item, on=dt.date(2022, 7, 1), circumstances=[])
    assert (before.row.min_fine, after.row.min_fine) == (Decimal(5000), Decimal(6000))
    assert "2022年修订基准" in client.get(f"/enforcement/items/{enf.item.pk}/").content.decode()


def test_page_refuses_a_benchmark_above_the_statutory_maximum(client, users, enf):
    client.force_login(users["administrator"])
    before = _benchmarks()
    response = client.post(
        f"/enforcement/items/{enf.item.pk}/benchmarks/new/",
        {
            "grade": DiscretionGrade.HEAVIER,
            "circumstances": "再次违法",
            "min_fine": "20000",
            "max_fine": "80000",
            "source": "基准",
            "effective_from": "2022-07-01",
        },
    )
    assert response.status_code == 400
    assert 'id="id_max_fine-errors"' in response.content.decode()
    assert "基准上限超过法定罚款上限" in response.content.decode()
    assert _benchmarks() == before


def test_api_benchmark_row_and_refusals(client, users, enf):
    url = f"/api/enforcement/items/{enf.item.pk}/benchmarks/"
    body = {
        "grade": DiscretionGrade.LIGHTER,
        "circumstances": "主动消除危害后果",
        "min_fine": "1000",
        "max_fine": "4000",
        "source": "基准",
        "effective_from": "2022-01-01",
    }
    client.force_login(users["enforcement_officer"])
    before = _benchmarks()
    assert client.post(url, body, content_type="application/json").status_code == 403
    client.force_login(users["administrator"])
    response = client.post(url, body, content_type="application/json")  # not after the open row
    assert (response.status_code, response.json()["field"]) == (400, "effective_from")
    assert _benchmarks() == before
    response = client.post(
        url, body | {"effective_from": "2022-08-01"}, content_type="application/json"
    )
    assert response.status_code == 201
    assert response.json()["min_fine"] == "1000.00"
    rows = client.get(url).json()
    lighter = [(r["min_fine"], r["effective_to"]) for r in rows if r["grade"] == "lighter"]
    assert lighter == [("500.00", "2022-08-01"), ("1000.00", None)]
