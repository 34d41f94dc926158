"""Pages, the portal and the API: the same services through every door, and bounded queries."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.enforcement.models import PenaltyCase
from fazhi.inspections import selectors, services
from fazhi.inspections.models import DrawPlan, JointPlan, Result, Visit
from tests.inspections.conftest import END, START, code

RATIOS = {"risk_high": 100, "risk_medium": 50, "risk_low": 0}


def _draw_payload(world, tree, **extra):
    return {
        "organization": tree.market.code,
        "title": "餐饮单位双随机抽查",
        "items": [world.food.code],
        "period_start": START.isoformat(),
        "period_end": END.isoformat(),
        **RATIOS,
        **extra,
    }


def test_draw_through_the_api_and_the_portal_without_personal_data(client, world, tree):
    client.force_login(world.market_officer)
    url = reverse("inspections-api:draw-list")
    response = client.post(url, _draw_payload(world, tree, risk_high=95, credit_B=10))
    assert (response.status_code, response.json()["code"]) == (400, "ratio_over_100")
    assert DrawPlan.objects.count() == 0
    plan_id = client.post(url, _draw_payload(world, tree)).json()["id"]
    base = "inspections-api:draw-"
    committed = client.post(reverse(base + "commit", args=[plan_id])).json()
    assert committed["status"] == "committed" and committed["seed"] == ""
    assert len(committed["seed_sha256"]) == 64
    # Before the draw the portal shows the hash, not the seed.
    portal = client.get(reverse("inspections-portal:draw", args=[plan_id])).content.decode()
    assert committed["seed_sha256"] in portal and "抽取后公开" in portal
    drawn = client.post(reverse(base + "draw", args=[plan_id])).json()
    assert drawn["seed"] and drawn["result"]
    again = client.post(reverse(base + "draw", args=[plan_id]))
    assert (again.status_code, again.json()["code"]) == (409, "invalid_transition")
    # draw_publish through the API
    assert client.post(reverse(base + "publish", args=[plan_id])).json()["status"] == "published"
    client.logout()
    portal = client.get(reverse("inspections-portal:draw", args=[plan_id])).content.decode()
    assert drawn["seed"] in portal and "P00" in portal
    for inspector in world.market_inspectors:
        assert inspector.person.name not in portal
        assert inspector.person.enforcement_certificate_number not in portal
    assert client.get(reverse("inspections-portal:draws")).status_code == 200


def _tasks(world, subjects):
    for subject in subjects:
        services.task_add(
            actor=world.market_officer, subject=subject, item=world.food, earliest=START, due_by=END
        )
        services.task_add(
            actor=world.enf_officer, subject=subject, item=world.gas, earliest=START, due_by=END
        )


def test_joint_plan_api_issue_and_a_recorded_failure_through_the_page(client, world, tree):
    _tasks(world, world.subjects[:2])
    client.force_login(world.coordinator)
    response = client.post(
        reverse("inspections-api:joint-plan-list"),
        {
            "title": "12月综合查一次",
            "period_start": START.isoformat(),
            "period_end": END.isoformat(),
        },
    )
    assert response.status_code == 201, response.content
    plan = JointPlan.objects.get(pk=response.json()["id"])
    page = client.get(reverse("inspections:joint_plan_detail", args=[plan.pk])).content.decode()
    assert "比每项任务单独入企减少" in page and "2（50.0%）" in page
    assert (
        client.post(reverse("inspections-api:joint-plan-issue", args=[plan.pk])).status_code == 200
    )
    visit = plan.visits.first()
    tasks = {t.item_id: t for t in visit.tasks.all()}
    client.force_login(world.market_officer)
    url = reverse("core:transition", args=["inspections.visit", visit.pk, "record"])
    today = dt.date(2026, 12, 7).isoformat()
    data = {
        "record-recorded_on": today,
        f"record-result_{tasks[world.food.pk].pk}": Result.HANDOVER,
        f"record-finding_{tasks[world.food.pk].pk}": "",
        f"record-result_{tasks[world.gas.pk].pk}": Result.PASS,
    }
    response = client.post(url, data)
    assert response.status_code == 400 and "检查发现" in response.content.decode()
    assert PenaltyCase.objects.count() == 0
    data[f"record-finding_{tasks[world.food.pk].pk}"] = "使用超过保质期的食品原料"
    response = client.post(url, data)
    assert response.status_code == 302
    detail = client.get(reverse("inspections:visit_detail", args=[visit.pk])).content.decode()
    case = PenaltyCase.objects.get()
    assert case.case_number in detail and "移交立案" in detail
    api = client.get(reverse("inspections-api:visit-detail", args=[visit.pk])).json()
    assert api["status"] == "recorded"


def test_pages_list_export_and_refuse_the_public(client, world, users):
    client.force_login(world.admin)
    for name in ("items", "subjects", "inspectors", "scenarios", "draws", "joint_plans", "visits"):
        response = client.get(reverse(f"inspections:{name}"))
        assert response.status_code == 200, name
    export = client.get(reverse("inspections:subjects") + "?export=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    response = client.post(
        reverse("inspections:library_import"), {"kind": "items", "file": _bad_file()}
    )
    assert response.status_code == 400
    client.force_login(users["public"])
    assert client.get(reverse("inspections:items")).status_code == 403


def _bad_file():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("x.xlsx", b"not a workbook")


def test_visit_list_queries_do_not_grow_with_rows(client, world, tree):
    client.force_login(world.admin)
    extra = [
        services.subject_add(
            actor=world.admin,
            name=f"测试餐馆B{n}",
            credit_code=code(100 + n),
            town=tree.town,
            object_type="餐饮单位",
            risk_grade="low",
            credit_grade="A",
        )
        for n in range(19)
    ]
    counts = []
    for subjects in ([world.subjects[0]], [*world.subjects[1:], *extra]):
        _tasks(world, subjects)
        services.joint_plan_propose(
            actor=world.coordinator,
            organization=selectors.coordinating_unit(world.coordinator),
            title="计划",
            period_start=START,
            period_end=END,
        )
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("inspections-api:visit-list"))
        assert response.status_code == 200
        counts.append((response.json()["count"], len(queries)))
    assert counts[0][0] == 1 and counts[1][0] >= 20
    assert counts[0][1] == counts[1][1]
    assert Visit.objects.count() >= 20


def test_library_and_task_endpoints(client, world, tree):
    from tests.factories import CertifiedOfficerFactory, PersonFactory

    client.force_login(world.admin)
    url = reverse("inspections-api:inspector-list")
    uncertified = PersonFactory(organization=tree.market)
    response = client.post(url, {"person": uncertified.pk, "organization": tree.market.code})
    assert (response.status_code, response.json()["code"]) == (400, "not_certified")
    person = CertifiedOfficerFactory(
        organization=tree.market, certificate_valid_until=dt.date(2027, 6, 30)
    )
    created = client.post(url, {"person": person.pk, "organization": tree.market.code}).json()
    response = client.post(
        reverse("inspections-api:inspector-relation", args=[created["id"]]),
        {"credit_code": world.subjects[0].credit_code, "relation": "配偶经营"},
    )
    assert response.status_code == 200
    tasks = reverse("inspections-api:task-list")
    client.force_login(world.market_officer)
    body = {
        "credit_code": world.subjects[0].credit_code,
        "item": world.food.code,
        "earliest": START.isoformat(),
        "due_by": END.isoformat(),
    }
    assert client.post(tasks, body).status_code == 201
    client.force_login(world.coordinator)
    body = {
        "unit": tree.market.code,
        "topic": "case_files",
        "earliest": START.isoformat(),
        "due_by": END.isoformat(),
    }
    assert client.post(tasks, body).status_code == 201


def test_scenario_at_town_level_needs_a_town(client, world, tree):
    client.force_login(world.admin)
    url = reverse("inspections-api:scenario-list")
    body = {
        "name": "餐饮场景",
        "level": "town",
        "object_type": "餐饮单位",
        "items": [world.food.code, world.gas.code],
    }
    response = client.post(url, body)
    assert (response.status_code, response.json()["field"]) == (400, "town")
    body["town"] = tree.town.code
    assert client.post(url, body).json()["items"] == ["SC-01", "ZF-01"]


def test_draw_list_queries_do_not_grow_with_rows(client, world, tree):
    client.force_login(world.market_officer)
    counts = []
    for wanted in (1, 20):
        while DrawPlan.objects.count() < wanted:
            services.draw_plan_create(
                actor=world.market_officer,
                organization=tree.market,
                title="抽查",
                items=[world.food],
                period_start=START,
                period_end=END,
                ratios=services.ratios_from(RATIOS),
            )
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("inspections-api:draw-list"))
        assert response.json()["count"] == wanted
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_indicators_count_from_records(world, tree):
    from fazhi.core import indicators

    _tasks(world, world.subjects[:3])
    services.task_add(
        actor=world.market_officer,
        subject=world.subjects[3],
        item=world.food,
        earliest=START,
        due_by=END,
    )
    plan = services.joint_plan_propose(
        actor=world.coordinator,
        organization=selectors.coordinating_unit(world.coordinator),
        title="计划",
        period_start=START,
        period_end=END,
    )
    services.joint_plan_issue(actor=world.coordinator, plan=plan)
    value = {
        key: indicators.evaluate(indicators.get(key), 2026).value
        for key in (
            "inspections.joint_visits",
            "inspections.entries_saved",
            "inspections.joint_share",
            "inspections.household_times",
        )
    }
    assert value["inspections.joint_visits"] == 3
    assert value["inspections.entries_saved"] == 3
    assert float(value["inspections.joint_share"]) == round(100 * 6 / 7, 2)
    assert value["inspections.household_times"] == 0
    by_department = indicators.evaluate(
        indicators.get("inspections.entries_saved"), 2026, tree.enforcement
    )
    # Scoped to one department: its 3 tasks, in the 3 visits it took part in.
    assert by_department.value == 0


def test_task_page_registers_a_task_or_names_the_field(client, world):
    client.force_login(world.market_officer)
    url = reverse("inspections:task_create")
    data = {
        "credit_code": "913304810000000000",
        "item": world.food.pk,
        "earliest": START.isoformat(),
        "due_by": END.isoformat(),
        "source": "adhoc",
    }
    response = client.post(url, data)
    assert response.status_code == 400 and "统一社会信用代码" in response.content.decode()
    data["credit_code"] = world.subjects[0].credit_code
    assert client.post(url, data).status_code == 302
    assert world.subjects[0].tasks.count() == 1
