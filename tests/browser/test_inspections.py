"""综合查一次 in a browser: the coordinator proposes and issues a joint plan; on the visit a
failed item is handed over and opens an enforcement case file."""

from __future__ import annotations

import pytest
from django.utils import timezone

from fazhi.enforcement.models import PenaltyCase
from fazhi.inspections import services
from fazhi.inspections.models import Result, Visit
from tests.browser.conftest import screenshot
from tests.inspections.conftest import END, START, world  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, username: str) -> None:
    page.context.clear_cookies()
    page.goto(page.base_url + "/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("correct-horse-42")
    page.get_by_role("button", name="登录").click()


def test_issue_a_joint_plan_and_hand_over_a_failed_item(page, world):  # noqa: F811
    for subject in world.subjects[:2]:
        services.task_add(
            actor=world.market_officer, subject=subject, item=world.food, earliest=START, due_by=END
        )
        services.task_add(
            actor=world.enf_officer, subject=subject, item=world.gas, earliest=START, due_by=END
        )
    _login(page, "justice")
    page.goto(page.base_url + "/inspections/joint-plans/new/")
    page.fill("[name=title]", "12月综合查一次")
    page.fill("[name=period_start]", START.isoformat())
    page.fill("[name=period_end]", END.isoformat())
    page.locator("form button[type=submit]").last.click()
    assert page.locator("[data-testid=entries]").inner_text() == "2"
    assert "50.0%" in page.locator("[data-testid=saving]").inner_text()
    block = page.locator("details[data-action=issue]")
    block.locator("summary").click()
    block.locator("button[type=submit]").click()
    page.wait_for_selector("ul.messages")
    assert page.locator("[data-testid=status]").inner_text() == "已下达"
    screenshot(page, "inspections-joint-plan-issued")

    visit = Visit.objects.filter(lead=world.food.organization).order_by("pk").first()
    food = visit.tasks.get(item=world.food)
    gas = visit.tasks.get(item=world.gas)
    _login(page, "mkt")
    page.goto(page.base_url + f"/inspections/visits/{visit.pk}/")
    block = page.locator("details[data-action=record]")
    block.locator("summary").click()
    block.locator("[name=record-recorded_on]").fill(timezone.localdate().isoformat())
    block.locator(f"[name=record-result_{food.pk}]").select_option(Result.HANDOVER)
    block.locator(f"[name=record-finding_{food.pk}]").fill("冷藏柜内存放超过保质期的肉制品")
    block.locator(f"[name=record-result_{gas.pk}]").select_option(Result.PASS)
    block.locator("button[type=submit]").click()
    page.wait_for_selector("ul.messages")
    assert page.locator("[data-testid=status]").inner_text() == "已记录结果"
    case = PenaltyCase.objects.get()
    assert case.case_number in page.locator("[data-testid=case]").first.inner_text() + "".join(
        page.locator("[data-testid=case]").all_inner_texts()
    )
    screenshot(page, "inspections-visit-handover")
