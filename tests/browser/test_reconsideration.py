"""A reconsideration application goes from the public portal to a mediated conclusion."""

from __future__ import annotations

import pytest
from django.utils import timezone

from fazhi.core.models import Role
from fazhi.reconsideration.models import Closure, ReconsiderationCase
from tests.browser.conftest import screenshot
from tests.factories import user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _act(page, action: str, fields: dict[str, str]) -> None:
    """Open one transition's form on the case page, fill it and submit it."""
    block = page.locator(f"details[data-action={action}]")
    block.locator("summary").click()
    for name, value in fields.items():
        field = block.locator(f"[name={action}-{name}]")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    block.locator("button[type=submit]").click()
    page.wait_for_selector("ul.messages")


def test_portal_application_to_mediated_conclusion(page, tree, settings):
    settings.FAZHI_RECONSIDERATION_BODY_CODE = "JUSTICE"
    user_with_role(Role.RECONSIDERATION_OFFICER, tree.justice, username="recon")
    today = timezone.localdate().isoformat()

    page.goto(page.base_url + "/portal/reconsideration/apply/")
    page.fill("[name=applicant_name]", "陈某某")
    page.fill("[name=applicant_phone]", "13800000000")
    page.select_option("[name=respondent]", label="海宁市市场监督管理局")
    page.fill("[name=contested_act]", "罚款5000元的行政处罚决定")
    page.fill("[name=request]", "请求撤销该行政处罚决定")
    page.get_by_role("button", name="提交申请").click()
    case_no = page.locator("[data-testid=case-no]").inner_text()
    assert case_no.startswith("海宁复〔")
    screenshot(page, "reconsideration-portal-submitted")

    page.goto(page.base_url + "/login/")
    page.get_by_label("用户名").fill("recon")
    page.get_by_label("密码").fill("correct-horse-42")
    page.get_by_role("button", name="登录").click()
    page.goto(page.base_url + "/reconsideration/cases/")
    page.get_by_role("link", name=case_no).click()
    assert page.locator("[data-testid=status]").inner_text() == "待审查受理"

    _act(page, "accept", {"on": today, "procedure": "ordinary"})
    assert page.locator("[data-testid=status]").inner_text() == "审理中"
    _act(page, "suspend", {"on": today, "reason": "mediation"})
    assert page.locator("[data-testid=status]").inner_text() == "中止审理"
    _act(page, "mediate", {"on": today, "summary": "双方达成调解协议，被申请人变更罚款数额"})
    assert page.locator("[data-testid=closure]").inner_text() == "调解结案"
    screenshot(page, "reconsideration-mediated")

    case = ReconsiderationCase.objects.get(case_no=case_no)
    assert (case.channel, case.closure) == ("online", Closure.MEDIATED)
