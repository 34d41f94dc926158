"""An estate inquiry goes from the citizen's portal application to the sources' answers, the
heirs' agreement and the applicant's evaluation."""

from __future__ import annotations

import pytest

from fazhi.core.models import Role
from fazhi.services.models import EstateInquiry, EstateStatus
from tests.browser.conftest import screenshot
from tests.factories import OrganizationFactory, user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, username: str) -> None:
    page.context.clear_cookies()
    page.goto(page.base_url + "/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("correct-horse-42")
    page.get_by_role("button", name="登录").click()


def _act(page, action: str, fields: dict[str, str]) -> None:
    block = page.locator(f"details[data-action={action}]").first
    block.locator("summary").click()
    for name, value in fields.items():
        block.locator(f"[name={action}-{name}]").fill(value)
    block.locator("button[type=submit]").click()
    page.wait_for_selector("ul.messages")


def test_estate_inquiry_from_the_portal_to_answers_and_evaluation(page, tree, settings):
    settings.FAZHI_NOTARY_BODY_CODE = "JUSTICE"
    user_with_role(Role.PUBLIC, tree.city, username="heir")
    user_with_role(Role.JUSTICE_LEGAL_OFFICER, tree.justice, username="notary")
    OrganizationFactory(
        code="TOWN-MC", name="长安镇人民调解委员会", kind="mediation_committee", parent=tree.town
    )

    _login(page, "heir")
    page.goto(page.base_url + "/portal/services/estates/apply/")
    page.fill("[name=applicant_name]", "沈小某")
    page.fill("[name=applicant_id_number]", "330481198506150026")
    page.select_option("[name=relation]", "child")
    page.fill("[name=deceased_name]", "沈某")
    page.fill("[name=deceased_id_number]", "330481199001011236")
    page.fill("[name=died_on]", "2022-01-05")
    page.select_option("[name=town]", label="长安镇")
    page.fill("[name=kinship_proof]", "户口簿")
    page.get_by_role("button", name="提交申请").click()
    # The death certificate is required: a clear message, nothing saved.
    assert "缺少必需材料：死亡证明" in page.locator("#id_death_proof-errors").inner_text()
    assert not EstateInquiry.objects.exists()
    page.fill("[name=death_proof]", "居民死亡医学证明书")
    page.get_by_role("button", name="提交申请").click()
    number = page.locator("[data-testid=number]").inner_text()
    assert page.locator("[data-testid=status]").inner_text() == "待受理"
    inquiry = EstateInquiry.objects.get(number=number)

    _login(page, "notary")
    page.goto(page.base_url + f"/services/estates/{inquiry.pk}/")
    _act(page, "accept", {})
    assert page.locator("[data-testid=status]").inner_text() == "查询中"
    answers = page.locator("details[data-action=answer]")
    total = answers.count()
    assert total == 6
    for index in range(total):
        found = index == 0
        block = page.locator("details[data-action=answer]").first
        block.locator("summary").click()
        if found:
            block.locator("[name=answer-found]").check()
        block.locator("[name=answer-answer]").fill("查有房产一处" if found else "未查到")
        block.locator("button[type=submit]").click()
        page.wait_for_selector("ul.messages")
    assert page.locator("details[data-action=answer]").count() == 0
    _act(page, "settle", {"summary": "继承人协商一致，申办继承权公证"})
    assert page.locator("[data-testid=status]").inner_text() == "继承人已协商一致"
    screenshot(page, "services-estate-staff")

    _login(page, "heir")
    page.goto(page.base_url + "/portal/services/mine/")
    page.get_by_role("link", name=number).click()
    assert "查有房产一处" in page.locator("[data-testid=requests]").inner_text()
    page.select_option("[name=evaluate-grade]", "5")
    page.get_by_role("button", name="评价").click()
    assert page.locator("[data-testid=evaluation]").inner_text() == "非常满意"
    assert page.locator("[data-testid=status]").inner_text() == "已评价"
    screenshot(page, "services-estate-evaluated")
    assert EstateInquiry.objects.get().status == EstateStatus.EVALUATED
