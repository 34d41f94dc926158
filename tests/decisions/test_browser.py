"""In a real browser: a sponsor takes a catalog entry to collective discussion; the public comment
period, run earlier on paper, is entered as a back-dated record with its reasons."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fazhi.consultations import selectors as consultation_selectors
from fazhi.consultations import services as consultation_services
from fazhi.decisions import services
from fazhi.decisions.models import Category, Decision
from tests.browser.conftest import page, screenshot  # noqa: F401  (the Playwright fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, username: str) -> None:  # noqa: F811 (page is the fixture name)
    page.context.clear_cookies()
    page.goto(page.base_url + "/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("correct-horse-42")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(lambda url: "/login/" not in url)


def _act(page, action: str, fields: dict[str, str], *, check: tuple[str, ...] = ()) -> None:  # noqa: F811
    """Open one action's form on the decision page, fill it and submit."""
    block = page.locator(f"details[data-action={action}]")
    block.locator("summary").click()
    for name, value in fields.items():
        control = block.locator(f"[name='{action}-{name}']")
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
    for name in check:
        block.locator(f"[name='{action}-{name}']").check()
    block.locator("button[type=submit]").click()
    page.wait_for_selector("text=已办理")


def test_catalog_entry_to_collective_discussion(page, tree, users):  # noqa: F811
    today = timezone.localdate()
    day = lambda offset: (today + dt.timedelta(days=offset)).isoformat()  # noqa: E731
    admin = users["administrator"]
    drafter = users["drafter"]
    catalog = services.catalog_create(
        actor=admin, organization=tree.city, year=today.year, title="年度重大行政决策事项目录"
    )
    services.entry_propose(
        actor=drafter,
        catalog=catalog,
        title="海宁市养老服务设施布局专项规划",
        category=Category.DEVELOPMENT_PLAN,
        organization=tree.market,
        basis="《浙江省养老服务条例》",
        planned_completion=today + dt.timedelta(days=60),
    )
    services.catalog_approve(
        actor=admin,
        catalog=catalog,
        approved_on=today - dt.timedelta(60),
        approval_meeting="常务会议",
        party_consent_on=today - dt.timedelta(62),
    )
    services.catalog_publish(actor=admin, catalog=catalog, published_on=today - dt.timedelta(59))

    # The sponsor launches the decision from the catalog page (the declared "launch" step).
    _login(page, "drafter")
    page.goto(f"{page.base_url}/decisions/catalogs/{catalog.pk}/")
    block = page.locator("details[data-action=launch]")
    block.locator("summary").click()
    block.locator("[name=launch-launched_on]").fill(day(-50))
    block.locator("[name=launch-draft_summary]").fill("规划草案及起草说明")
    block.locator("button[type=submit]").click()
    page.wait_for_selector("text=已办理")
    decision = Decision.objects.get()

    # Public comment ran on paper before the file was entered: the whole period is a back-dated
    # record (each date with its reason), so its minimum counts from the paper dates
    # (``core.dating``); a period running in the system could not close the same day.
    services.public_participation_start(
        actor=drafter,
        decision=decision,
        starts_on=today - dt.timedelta(45),
        ends_on=today - dt.timedelta(10),
        channel="海宁市人民政府网站",
        draft_text="第一条 为优化养老服务设施布局，制定本规划。",
        backdate_reason="按纸质记录补录",
    )
    consultation = consultation_selectors.consultation_for(decision)
    consultation_services.consultation_close(
        consultation=consultation,
        actor=drafter,
        on=today - dt.timedelta(9),
        backdate_reason="按纸质记录补录",
    )
    consultation_services.adoption_summary_publish(
        consultation=consultation, text="未收到意见。", actor=drafter
    )

    # The public sees the matter in the published catalog on the portal.
    page.context.clear_cookies()
    page.goto(page.base_url + "/portal/decisions/")
    page.wait_for_selector("text=海宁市养老服务设施布局专项规划")

    _login(page, "drafter")
    page.goto(f"{page.base_url}/decisions/{decision.pk}/")
    _act(page, "participation_complete", {"completed_on": day(0), "report": "采纳情况报告"})
    for kind in ("expert_argumentation", "risk_assessment"):
        _act(
            page,
            "skip_step",
            {
                "kind": kind,
                "reason": "不涉及专业技术问题和稳定风险",
                "basis": "条例第十九条、第二十二条",
                "skipped_on": day(0),
            },
        )
    due = services.legality_minimum_due(today)
    _act(page, "submit_legality_review", {"submitted_on": day(0), "review_due_on": due.isoformat()})
    _act(
        page,
        "record_check",
        {
            "kind": "self_check",
            "checker": "市场监管局法制科",
            "checked_on": day(0),
            "outcome": "passed",
        },
    )

    _login(page, "justice")
    page.goto(f"{page.base_url}/decisions/{decision.pk}/")
    _act(
        page,
        "conclude_legality_review",
        {"concluded_on": day(0), "outcome": "lawful", "opinion": "经审查，合法。"},
    )
    for kind, checker in (
        ("legal_agency_check", "司法局法制科"),
        ("legal_adviser_check", "政府法律顾问"),
    ):
        _act(
            page,
            "record_check",
            {"kind": kind, "checker": checker, "checked_on": day(0), "outcome": "passed"},
        )

    _login(page, "admin")
    page.goto(f"{page.base_url}/decisions/{decision.pk}/")
    _act(
        page,
        "collective_decision",
        {
            "meeting_type": "executive",
            "meeting_name": "市政府常务会议",
            "held_on": day(0),
            "result": "adopted",
            "minutes": "原则通过",
        },
        check=("head_spoke_last",),
    )
    assert page.get_by_test_id("decision-status").inner_text() == "已决定"
    screenshot(page, "decisions-file")
    decision.refresh_from_db()
    assert decision.status == "decided"
    assert list(decision.steps.values_list("status", flat=True)) == [
        "completed",
        "skipped",
        "skipped",
        "completed",
        "completed",
    ]
