"""In a real browser: write a section with an inserted figure, approve, download the DOCX,
open the dashboard."""

from __future__ import annotations

import pytest
from docx import Document

from fazhi.core.models import Role
from fazhi.reports import services
from fazhi.reports.models import ReportSection, Status
from tests.browser.conftest import screenshot
from tests.factories import user_with_role
from tests.reports.conftest import fill, mediation_cases  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, username: str) -> None:
    page.context.clear_cookies()
    page.goto(page.base_url + "/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("correct-horse-42")
    page.get_by_role("button", name="登录").click()


def _act(page, action: str) -> None:
    block = page.locator(f"details[data-action={action}]")
    block.locator("summary").click()
    block.locator("button[type=submit]").click()
    page.wait_for_selector("ul.messages")


@pytest.mark.usefixtures("mediation_cases")
def test_write_insert_approve_download_and_dashboard(page, tree, tmp_path):
    justice = user_with_role(Role.JUSTICE_LEGAL_OFFICER, tree.justice, username="justice-b")
    user_with_role(Role.LEADER, tree.city, username="leader-b")
    report = services.report_create(actor=justice, organization=tree.city, year=2022)
    fill(justice, report, "一是法制力量有待加强。")
    ReportSection.objects.filter(report=report, code="C1").update(body="")

    _login(page, "justice-b")
    page.goto(f"{page.base_url}/reports/{report.pk}/")
    page.locator("[data-testid=edit-C1]").click()
    area = page.locator("textarea[name=body]")
    area.fill("全年调处成功率66.67%")
    assert page.locator("[data-testid=typed-warning]").is_visible()  # typed figure flagged
    area.fill("全年共调处各类矛盾纠纷")
    page.locator("[data-testid='insert-disputes.mediation_cases']").click()
    area.press("End")
    area.type("起。")
    assert "{{disputes.mediation_cases}}" in area.input_value()
    page.locator("[data-testid=save-section]").click()
    assert "调处各类矛盾纠纷3起" in page.locator("[data-testid=section-C1]").inner_text()
    _act(page, "review")

    _login(page, "leader-b")
    page.goto(f"{page.base_url}/reports/{report.pk}/")
    _act(page, "approve")
    assert page.locator("[data-testid=status]").inner_text() == str(Status.APPROVED.label)
    with page.expect_download() as download:
        page.locator("[data-testid=download-docx]").click()
    path = tmp_path / "report.docx"
    download.value.save_as(path)
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "全年共调处各类矛盾纠纷3起。" in text
    screenshot(page, "report-approved")

    page.goto(f"{page.base_url}/dashboards/?year=2022&scope=CITY")
    page.wait_for_selector("#chart-mediation_town canvas")
    page.locator("[data-testid=chart-mediation_town] summary").click()
    assert "长安镇" in page.locator("[data-testid=chart-mediation_town] table").inner_text()
    screenshot(page, "dashboard")
