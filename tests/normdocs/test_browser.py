"""In a real browser: a drafter drafts a document and sends it for review; the legal officer of
another unit (ENF, which owns the fiscal review) opens the draft from their queue and records
the review; a legal officer of the justice bureau sees the pre-review findings and passes it."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.normdocs import prereview, services
from fazhi.normdocs.models import DocumentStatus, NormativeDocument
from tests.browser.conftest import page, screenshot  # noqa: F401  (the Chromium fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DRAFT = (
    "海宁市促进小微企业发展的若干意见\n"
    "第一条 为促进小微企业健康发展，制定本意见。\n"
    "第二条 享受本意见扶持政策的企业，应当在本市注册登记并依法纳税。\n"
    "第三条 本意见自发布之日起施行，有效期五年。"
)


def _login(page, username: str) -> None:  # noqa: F811
    page.context.clear_cookies()
    page.goto(page.base_url + "/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("correct-horse-42")
    page.get_by_role("button", name="登录").click()
    page.wait_for_selector("[data-testid=current-user]")


def test_drafter_submits_and_justice_passes(page, setup):  # noqa: F811
    _login(page, "drafter")
    page.goto(page.base_url + "/normdocs/new/")
    page.get_by_label("起草单位").select_option("MARKET")
    page.get_by_label("制定机关").select_option("CITY")
    page.get_by_label("标题").fill("海宁市促进小微企业发展的若干意见")
    page.get_by_label("正文（粘贴）").fill(DRAFT)
    page.get_by_label("涉及市场主体经济活动").check()
    page.get_by_role("button", name="保存").click()
    page.wait_for_selector("[data-testid=document-status]")
    assert page.locator("[data-testid=document-status]").inner_text() == "起草中"
    document = NormativeDocument.objects.get()

    # Public comment runs on the portal for a month (driven through the services here).
    setup.through_comment(document)
    page.reload()
    page.locator("details[data-action=submit_for_review] summary").click()
    page.get_by_label("公平竞争审查").check()
    page.get_by_label("财政政策审查").check()
    page.get_by_label("送审日期").fill("2022-04-06")
    page.locator("details[data-action=submit_for_review]").get_by_label("补录理由").fill("纸质补录")
    page.locator("details[data-action=submit_for_review] button[type=submit]").click()
    page.wait_for_selector("text=已办理")
    assert page.locator("[data-testid=document-status]").inner_text() == "审查中"

    # The market bureau records its own review; the fiscal review is ENF's, another unit: its
    # legal officer finds it in their queue, opens the draft and records the conclusion.
    services.joint_review_record(
        actor=setup.users["department_legal_officer"],
        review=document.joint_reviews.get(review_type__code="fair-competition"),
        outcome="passed",
        competition_conclusion="no_effect",
        on=dt.date(2022, 4, 8),
    )
    _login(page, "finance-legal")
    page.goto(page.base_url + "/normdocs/review-queue/")
    page.get_by_role("link", name="海宁市促进小微企业发展的若干意见").click()
    page.wait_for_selector("[data-testid=document-status]")
    assert "第一条" in page.content()
    page.locator("details[data-action=conclude] summary").click()
    page.get_by_label("审查结论").select_option("passed")
    page.get_by_label("审查日期").fill("2022-04-08")
    page.locator("details[data-action=conclude] button[type=submit]").click()
    page.wait_for_selector("text=已办理")
    assert document.joint_reviews.get(review_type__code="fiscal").outcome == "passed"

    _login(page, "justice")
    page.goto(page.base_url + f"/normdocs/{document.pk}/")
    if prereview.available():
        page.wait_for_selector("[data-testid=prereview] mark")
        assert page.locator("[data-testid=prereview] mark").count() >= 1
    screenshot(page, "normdocs-review")
    page.locator("details[data-action=legality_conclude] summary").click()
    page.get_by_label("审核结论").select_option("lawful")
    page.get_by_label("审核意见").fill("经审核，合法。")
    page.get_by_label("审核日期").fill("2022-04-15")
    page.locator("details[data-action=legality_conclude]").get_by_label("补录理由").fill("纸质补录")
    page.locator("details[data-action=legality_conclude] button[type=submit]").click()
    page.wait_for_selector("text=已办理")
    assert page.locator("[data-testid=document-status]").inner_text() == "合法性审核通过"
    document.refresh_from_db()
    assert document.status == DocumentStatus.LEGALITY_PASSED
