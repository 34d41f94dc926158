"""A person logs in with a demo-style account and works on the dashboard."""

from __future__ import annotations

import pytest

from fazhi.core.models import Role
from tests.browser.conftest import screenshot
from tests.factories import PersonFactory, user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_shows_dashboard_and_people(page, tree):
    user_with_role(
        Role.JUSTICE_LEGAL_OFFICER, tree.justice, username="justice", first_name="司法局法制科"
    )
    for _ in range(3):
        PersonFactory(organization=tree.market)
    page.goto(page.base_url + "/")
    assert "/login/" in page.url
    page.get_by_label("用户名").fill("justice")
    page.get_by_label("密码").fill("correct-horse-42")
    page.get_by_role("button", name="登录").click()
    page.wait_for_selector("[data-testid=dashboard-title]")
    assert page.locator("[data-testid=current-user]").inner_text() == "司法局法制科"
    assert page.locator("[data-testid=overdue-count]").inner_text() == "0"
    screenshot(page, "dashboard")

    page.get_by_role("link", name="人员", exact=True).click()
    page.wait_for_selector("text=共 3 条")
    page.locator("#person-search").fill("不存在的人")
    page.wait_for_selector("text=没有符合条件的人员")  # htmx swapped the rows in place
    assert page.url.endswith("/people/")

    page.get_by_role("link", name="组织机构").click()
    page.get_by_role("button", name="展开 海宁市人民政府").click()
    page.get_by_role("button", name="展开 长安镇").click()
    page.wait_for_selector("text=测试村")
    screenshot(page, "organizations")


def test_wrong_password_is_refused(page, tree):
    user_with_role(Role.LEADER, tree.city, username="leader")
    page.goto(page.base_url + "/login/")
    page.get_by_label("用户名").fill("leader")
    page.get_by_label("密码").fill("wrong")
    page.get_by_role("button", name="登录").click()
    assert page.get_by_role("alert").is_visible()
    assert "/login/" in page.url
