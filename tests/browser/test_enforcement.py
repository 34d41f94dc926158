"""A town officer walks a minor case from opening to a no-penalty decision under the exemption list."""

from __future__ import annotations

import pytest

from fazhi.enforcement.models import CaseOutcome, CaseStatus, PenaltyCase
from tests.browser.conftest import screenshot
from tests.enforcement.conftest import enf  # noqa: F401  (shared fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_minor_case_to_no_penalty_under_an_exemption(page, tree, users, enf, tmp_path, settings):  # noqa: F811
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    page.goto(page.base_url + "/login/")
    page.get_by_label("用户名").fill("officer")
    page.get_by_label("密码").fill("correct-horse-42")
    page.get_by_role("button", name="登录").click()

    page.goto(page.base_url + "/enforcement/cases/new/")
    page.locator("#id_organization").fill(tree.town.code)
    page.locator("#id_item").fill(enf.item.code)
    page.locator("#id_party_type").select_option("citizen")
    page.locator("#id_party_name").fill("李四")
    page.locator("#id_party_id_number").fill("330481198001010016")
    page.locator("#id_party_address").fill("海宁市长安镇示例路1号")
    page.locator("#id_facts").fill("在城市道路两侧设置摊点，经指出后当场撤除")
    page.locator("#id_violation_date").fill("2022-05-01")
    page.locator("#id_discovered_on").fill("2022-05-01")
    page.locator("#id_opened_on").fill("2022-05-05")
    page.locator("#id_officers").fill("执法员甲、执法员乙")
    page.get_by_role("button", name="保存").click()
    page.wait_for_selector("text=已立案")

    evidence = tmp_path / "现场照片.jpg"
    evidence.write_bytes(b"\xff\xd8photo")
    # Each step the officer can take now is a folded form of the declared procedure.
    page.locator('[data-action="evidence"] summary').click()
    page.locator("#id_evidence-kind").select_option("physical")
    page.locator("#id_evidence-description").fill("现场照片")
    page.locator("#id_evidence-collected_on").fill("2022-05-05")
    page.locator("#id_evidence-file").set_input_files(str(evidence))
    page.locator('[data-action="evidence"] button[type="submit"]').click()
    page.wait_for_selector("text=现场照片.jpg")

    page.locator('[data-action="notify"] summary').click()
    page.locator("#id_notify-on").fill("2022-05-10")
    page.locator('[data-action="notify"] button[type="submit"]').click()
    page.wait_for_selector("text=已告知")

    # An exemption for the wrong date is refused on the form, with the reason.
    page.locator('[data-action="decide"] summary').click()
    page.locator("#id_decide-on").fill("2021-12-31")
    page.locator("#id_decide-outcome").select_option(CaseOutcome.NO_PENALTY_MINOR)
    page.locator('[data-action="decide"]').get_by_label("及时改正").check()
    page.locator('[data-action="decide"]').get_by_label("没有造成危害后果").check()
    page.locator("#id_decide-exemption").select_option(str(enf.exemption.pk))
    page.locator("#id_decide-education_given").fill("当场批评教育")
    page.locator('[data-action="decide"] button[type="submit"]').click()
    page.wait_for_selector("text=日期不能早于上一环节")

    # The refused step comes back alone on its own page, with what was entered.

    page.locator("#id_decide-on").fill("2022-05-16")
    page.locator("#id_decide-outcome").select_option(CaseOutcome.NO_PENALTY_MINOR)
    page.locator("form").get_by_label("及时改正").check()
    page.locator("form").get_by_label("没有造成危害后果").check()
    page.locator("#id_decide-exemption").select_option(str(enf.exemption.pk))
    page.locator("#id_decide-education_given").fill("当场批评教育")
    page.get_by_role("button", name="作出决定").click()
    page.wait_for_selector("text=适用免罚清单")
    screenshot(page, "enforcement-no-penalty")

    case = PenaltyCase.objects.get()
    assert case.status == CaseStatus.DECIDED
    assert case.outcome == CaseOutcome.NO_PENALTY_MINOR
    assert case.exemption == enf.exemption
    assert case.followed_benchmark is True
