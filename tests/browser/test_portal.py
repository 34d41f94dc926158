"""Work as citizens and officers in the field do it: a citizen applies online for mediation,
picking the committee by searching; the mediator gets the notification, opens it from the
inbox and takes the case to its conclusion; the citizen follows it in 我的办件 and opens the
notification from their own inbox. And an officer opens an enforcement case on a phone."""

from __future__ import annotations

import pytest
from django.utils import timezone

from fazhi.disputes.models import CaseStatus, MediationCase
from tests.browser.conftest import screenshot
from tests.disputes.factories import committee, mediator
from tests.enforcement.conftest import enf, open_case  # noqa: F401  (shared fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-42"


def _log_in(page, path: str, username: str) -> None:
    page.goto(page.base_url + path)
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def _log_out(page) -> None:
    page.get_by_role("button", name="退出").click()


def test_citizen_applies_for_mediation_and_follows_it_to_its_conclusion(page, tree, users):
    town_committee = committee(tree.town)
    mediator(town_committee, name="调解员甲")

    # The citizen logs in on the portal and lands in 我的办件, never the workbench.
    _log_in(page, "/portal/login/", "citizen")
    page.wait_for_selector("h1:has-text('我的办件')")
    page.goto(page.base_url + "/disputes/cases/")
    page.wait_for_selector("text=该页面仅供工作人员使用")

    page.goto(page.base_url + "/portal/me/")
    page.get_by_role("link", name="申请人民调解").click()
    # The committee is found by searching its name, not by a code.
    page.locator("#id_committee").fill("长安")
    page.get_by_role("option", name="长安镇人民调解委员会").click()
    page.locator("#id_kind").select_option("neighbour")
    page.locator("#id_applicant_name").fill("王小明")
    page.locator("#id_contact_phone").fill("13800001111")
    page.locator("#id_respondent_name").fill("李大华")
    page.locator("#id_request").fill("请对方拆除占用通道的围墙")
    page.locator("#id_summary").fill("对方砌墙占用共用通道，协商未果。")
    page.get_by_role("button", name="提交").click()
    page.wait_for_selector("text=调解申请已提交")
    assert page.get_by_test_id("status").inner_text() == "已登记"
    assert "李**" in page.content() and "李大华" not in page.content()
    _log_out(page)

    # The mediator is told, opens the notification from the inbox, and sees what was submitted.
    _log_in(page, "/login/", "mediator")
    # The header shows the unread count; the inbox lists the hand-off.
    page.locator("header a.badge-link").click()
    page.get_by_role("link", name="待办").first.click()
    page.wait_for_selector("h1:has-text('调解案件')")
    assert page.get_by_test_id("contact-phone").inner_text() == "13800001111"
    assert "协商未果" in page.content()
    page.locator('[data-action="start"] summary').click()
    today = timezone.localdate().isoformat()
    page.locator("#id_start-on").fill(today)
    page.locator("#id_start-mediator").select_option(label="调解员甲")
    page.locator('[data-action="start"] button[type="submit"]').click()
    page.wait_for_selector("[data-testid=status]:has-text('调解中')")
    page.locator('[data-action="conclude"] summary').click()
    page.locator("#id_conclude-on").fill(today)
    page.locator("#id_conclude-outcome").select_option("agreement_written")
    page.locator("#id_conclude-agreement_terms").fill("被申请人于十日内返还押金三千元。")
    page.locator("#id_conclude-performance_method").fill("银行转账")
    page.locator('[data-action="conclude"] button[type="submit"]').click()
    page.wait_for_selector("[data-testid=status]:has-text('已结案')")
    _log_out(page)

    # The citizen sees it concluded and opens the notification from their inbox.
    _log_in(page, "/portal/login/", "citizen")
    page.wait_for_selector("[data-testid=application-status]:has-text('已结案')")
    page.get_by_test_id("notification").filter(has_text="已结案").click()
    page.wait_for_selector("[data-testid=outcome]:has-text('调解成功')")
    screenshot(page, "portal-mediation-concluded")
    assert MediationCase.objects.get().status == CaseStatus.CONCLUDED


def test_an_officer_opens_a_case_on_a_phone(page, tree, users, enf):  # noqa: F811
    case = open_case(enf, tree)
    page.set_viewport_size({"width": 390, "height": 844})
    _log_in(page, "/login/", "officer")
    page.goto(page.base_url + f"/enforcement/cases/{case.pk}/")
    page.wait_for_selector(f"text={case.case_number}")
    # Nothing sticks out of the screen: wide tables scroll inside themselves.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, overflow
    # The navigation is behind the menu button.
    nav = page.locator("#sidenav")
    assert not nav.is_visible()
    page.get_by_test_id("menu-button").click()
    assert nav.is_visible()
    page.get_by_test_id("menu-button").click()
    assert not nav.is_visible()
    # A step's form fits the screen.
    step = page.locator("details.action").first
    step.locator("summary").click()
    box = step.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 391
    screenshot(page, "enforcement-case-phone")
