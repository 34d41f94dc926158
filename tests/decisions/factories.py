"""Builders that take a decision through the real services, step by step."""

from __future__ import annotations

import datetime as dt

from fazhi.consultations import selectors as consultation_selectors
from fazhi.consultations import services as consultation_services
from fazhi.decisions import services
from fazhi.decisions.models import Catalog, CatalogEntry, Category, Decision

D = dt.date


def published_catalog(tree, users, *, titles=("海宁市储能产业发展规划",)) -> Catalog:
    admin = users["administrator"]
    catalog = services.catalog_create(
        actor=admin, organization=tree.city, year=2022, title="海宁市2022年度重大行政决策事项目录"
    )
    for title in titles:
        services.entry_propose(
            actor=users["drafter"],
            catalog=catalog,
            title=title,
            category=Category.DEVELOPMENT_PLAN,
            organization=tree.market,
            basis="《重大行政决策程序暂行条例》第三条",
            planned_completion=D(2022, 10, 31),
        )
    services.catalog_approve(
        actor=admin,
        catalog=catalog,
        approved_on=D(2022, 3, 10),
        approval_meeting="市政府第5次常务会议",
        party_consent_on=D(2022, 3, 8),
    )
    return services.catalog_publish(actor=admin, catalog=catalog, published_on=D(2022, 3, 15))


def launched(tree, users) -> Decision:
    catalog = published_catalog(tree, users)
    entry = CatalogEntry.objects.get(catalog=catalog, sequence=1)
    return services.decision_launch(
        actor=users["drafter"], entry=entry, launched_on=D(2022, 4, 1), draft_summary="草案说明"
    )


def participation_done(decision: Decision, users, *, comments: int = 2) -> None:
    drafter = users["drafter"]
    services.public_participation_start(
        actor=drafter,
        decision=decision,
        starts_on=D(2022, 4, 6),
        ends_on=D(2022, 5, 6),
        channel="海宁市人民政府网站",
        draft_text="第一条 为了促进储能产业发展，制定本规划。\n第二条 本规划适用于本市行政区域。",
        backdate_reason="按纸质记录补录",
    )
    consultation = consultation_selectors.consultation_for(decision)
    for index in range(comments):
        comment = consultation_services.comment_submit(
            consultation=consultation,
            body=f"建议{index}",
            anchor="",
            at=dt.datetime(2022, 4, 10, 9, tzinfo=dt.UTC),
        )
        consultation_services.comment_moderate(comment=comment, approve=True, actor=drafter)
        consultation_services.comment_respond(
            comment=comment,
            outcome="adopted" if index == 0 else "not_adopted",
            reason="" if index == 0 else "与上位规划不符",
            actor=drafter,
        )
    consultation_services.consultation_close(
        consultation=consultation,
        actor=drafter,
        on=D(2022, 5, 7),
        backdate_reason="按纸质记录补录",
    )
    consultation_services.adoption_summary_publish(
        consultation=consultation, text="共收到意见，采纳1条。", actor=drafter
    )
    services.public_participation_complete(
        actor=drafter, decision=decision, completed_on=D(2022, 5, 10), report="意见采纳情况报告"
    )


def ready_for_legality(decision: Decision, users) -> None:
    drafter = users["drafter"]
    participation_done(decision, users)
    services.expert_argumentation_start(
        actor=drafter,
        decision=decision,
        started_on=D(2022, 5, 12),
        organizer="浙江省能源研究会",
        experts="王教授、李研究员",
    )
    services.expert_argumentation_complete(
        actor=drafter, decision=decision, completed_on=D(2022, 5, 20), opinions="同意，建议细化"
    )
    services.step_skip(
        actor=drafter,
        decision=decision,
        kind="risk_assessment",
        reason="规划不直接涉及群众切身利益，不致引发社会稳定风险",
        basis="《重大行政决策程序暂行条例》第二十二条",
        skipped_on=D(2022, 5, 20),
    )


def ready_for_collective(decision: Decision, users) -> None:
    ready_for_legality(decision, users)
    services.legality_review_submit(
        actor=users["drafter"],
        decision=decision,
        submitted_on=D(2022, 5, 23),
        review_due_on=D(2022, 6, 1),
    )
    services.legality_review_conclude(
        actor=users["justice_legal_officer"],
        decision=decision,
        concluded_on=D(2022, 5, 31),
        outcome="lawful",
        opinion="合法",
    )
    checks = [
        ("self_check", users["drafter"], "市场监管局法制科"),
        ("legal_agency_check", users["justice_legal_officer"], "司法局法制科"),
        ("legal_adviser_check", users["justice_legal_officer"], "政府法律顾问张律师"),
    ]
    for kind, actor, checker in checks:
        services.check_record(
            actor=actor,
            decision=decision,
            kind=kind,
            checker=checker,
            checked_on=D(2022, 6, 2),
            outcome="passed",
        )


def collective(decision: Decision, users, **overrides):
    data = {
        "meeting_type": "executive",
        "meeting_name": "市政府第12次常务会议",
        "held_on": D(2022, 6, 8),
        "result": "adopted",
        "head_spoke_last": True,
        "minutes": "会议原则通过。",
    }
    data.update(overrides)
    return services.collective_discussion_record(
        actor=users["administrator"], decision=decision, **data
    )
