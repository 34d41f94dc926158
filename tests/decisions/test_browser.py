"""In a real browser: a sponsor takes a catalog entry to collective discussion while a member of
the public comments on the draft in between."""

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


@pytest.mark.skip(
    reason="to rewrite: since back-dating never shortens a period that runs in the system, "
    "public comment entered today cannot also close today; the one-day walk-through needs a "
    "decision seeded through a paper record (issue 16 follow-up)"
)
def test_catalog_entry_to_collective_discussion(page, tree, users):  # noqa: F811
    today = timezone.localdate()
    day = lambda offset: (today + dt.timedelta(days=offset)).isoformat()  # noqa: E731
    admin = users["administrator"]
    catalog = services.catalog_create(
        actor=admin, organization=tree.city, year=today.year, title="年度重大行政决策事项目录"
    )
    services.entry_propose(
        actor=users["drafter"],
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
        approved_on=today - dt.timedelta(50),
        approval_meeting="常务会议",
        party_consent_on=today - dt.timedelta(52),
    )
    services.catalog_publish(actor=admin, catalog=catalog, published_on=today - dt.timedelta(49))

    # The sponsor launches the decision from the catalog and opens public comment.
    _login(page, "drafter")
    page.goto(f"{page.base_url}/decisions/catalogs/{catalog.pk}/")
    page.get_by_text("启动决策程序").click()
    page.locator("[name=launch-launched_on]").fill(day(-45))
    page.locator("[name=launch-draft_summary]").fill("规划草案及起草说明")
    page.get_by_role("button", name="启动").click()
    page.wait_for_selector("[data-testid=decision-status]")
    decision = Decision.objects.get()
    _act(
        page,
        "participation_start",
        {
            "starts_on": day(-40),
            "backdate_reason": "按纸质记录补录",
            "ends_on": day(0),
            "channel": "海宁市人民政府网站",
            "draft_text": "第一条 为优化养老服务设施布局，制定本规划。\n第二条 本规划期限为2022—2035年。",
        },
    )

    # A member of the public finds it on the portal catalog and comments on the draft.
    page.context.clear_cookies()
    page.goto(page.base_url + "/portal/decisions/")
    page.get_by_test_id("comment-link").click()
    page.get_by_label("意见内容").fill("建议在长安镇增设一处嵌入式养老机构。")
    page.get_by_role("button", name="提交意见").click()
    page.wait_for_selector("text=查询码")
    screenshot(page, "decisions-public-comment")

    # The sponsor's unit handles the comment (the consultation's own pages, here its services).
    consultation = consultation_selectors.consultation_for(decision)
    comment = consultation.comments.get()
    drafter = users["drafter"]
    consultation_services.comment_moderate(comment=comment, approve=True, actor=drafter)
    consultation_services.comment_respond(comment=comment, outcome="adopted", actor=drafter)
    consultation_services.consultation_close(
        consultation=consultation,
        actor=drafter,
        on=today + dt.timedelta(days=1),
        backdate_reason="按纸质记录补录",
    )
    consultation_services.adoption_summary_publish(
        consultation=consultation, text="采纳1条。", actor=drafter
    )

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
