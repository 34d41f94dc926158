"""In a real browser: a drafter pastes a draft and sees its findings highlighted; a legal
officer accepts one and dismisses another with a reason, in place (htmx), and a dismissal
without a reason shows its error next to the finding."""

from __future__ import annotations

import pytest
from django.db import connection

from fazhi.review.models import ReviewFinding
from tests.browser.conftest import page, screenshot  # noqa: F401  (the browser fixture)
from tests.review.documents import DRAFT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, username: str) -> None:  # noqa: F811
    page.goto(page.base_url + "/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("correct-horse-42")
    page.get_by_role("button", name="登录").click()
    page.wait_for_selector("[data-testid=current-user]")


def test_drafter_reviews_and_legal_officer_decides(page, users, laws_loaded):  # noqa: F811
    log_in(page, "drafter")
    page.goto(page.base_url + "/review/")
    page.get_by_label("文本", exact=True).fill(DRAFT)
    page.get_by_label("审查基准日").fill("2022-08-15")
    page.get_by_role("button", name="开始审查").click()
    page.wait_for_selector("[data-testid=review-text] mark")
    marks = page.locator("[data-testid=review-text] mark.sev-error").all_inner_texts()
    assert "处五百元以上一千元以下罚款" in marks
    assert page.locator("button[name=outcome]").count() == 0
    run_url = page.url
    screenshot(page, "review-run-drafter")

    page.get_by_role("button", name="退出").click()
    log_in(page, "legal")
    page.goto(run_url)
    penalty = page.locator("li[data-rule='legality.penalty_creation']")
    penalty.get_by_role("button", name="采纳", exact=True).click()
    page.locator("li[data-rule='legality.penalty_creation'] [data-testid=finding-status]").filter(
        has_text="采纳"
    ).wait_for()
    citation = page.locator("li[data-rule='citation.article_out_of_range']")
    citation.get_by_placeholder("理由（不采纳时必填）").fill("已改为第三十条")
    citation.get_by_role("button", name="不采纳").click()
    page.locator(
        "li[data-rule='citation.article_out_of_range'] [data-testid=finding-status]"
    ).filter(has_text="不采纳").wait_for()
    # A dismissal without a reason is refused on screen, next to the finding (not a silent 400).
    local = page.locator("li[data-rule='fc.free_flow.local_preference']")
    local.get_by_role("button", name="不采纳").click()
    page.locator("li[data-rule='fc.free_flow.local_preference'] [role=alert]").filter(
        has_text="不采纳时请说明理由"
    ).wait_for()
    assert page.url == run_url  # decided in place
    statuses = dict(ReviewFinding.objects.values_list("rule", "status"))
    # Inside Playwright's event loop the ORM opens a connection of its own: close it, or it
    # outlives the test and PostgreSQL refuses to drop the test database.
    connection.close()
    assert statuses["legality.penalty_creation"] == "accepted"
    assert statuses["citation.article_out_of_range"] == "dismissed"
    screenshot(page, "review-run-decided")
