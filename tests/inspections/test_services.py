"""The library, the verifiable draw, the planner proposal, visits, hand-over and 综合督一次."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import Workbook

from fazhi.core.errors import ApplicationError, ImportFailed
from fazhi.core.models import DomainEvent
from fazhi.enforcement.models import PenaltyCase
from fazhi.inspections import selectors, services
from fazhi.inspections.models import (
    DrawPlan,
    DrawStatus,
    JointPlan,
    PlanKind,
    Result,
    Subject,
    SupervisionTopic,
    Task,
    Visit,
    VisitStatus,
)
from fazhi.supervision.models import SupervisionNotice
from tests.factories import PersonFactory
from tests.inspections.conftest import END, START, code

RATIOS = {"risk_high": 100, "risk_medium": 50, "risk_low": 0}


def counts():
    return (
        Subject.objects.count(),
        DrawPlan.objects.count(),
        JointPlan.objects.count(),
        Visit.objects.count(),
        Task.objects.filter(visit__isnull=False).count(),
        PenaltyCase.objects.count(),
        DomainEvent.objects.count(),
    )


def refused(error_code: str, call) -> ApplicationError:
    before = counts()
    with pytest.raises(ApplicationError) as caught:
        call()
    assert caught.value.code == error_code, caught.value.message
    assert counts() == before
    return caught.value


def test_invalid_credit_code_refused(world, tree):
    error = refused(
        "invalid_credit_code",
        lambda: services.subject_add(
            actor=world.admin,
            name="某公司",
            credit_code=code(99)[:-1] + ("0" if code(99)[-1] != "0" else "1"),
            town=tree.town,
            object_type="餐饮单位",
            risk_grade="low",
            credit_grade="A",
        ),
    )
    assert error.field == "credit_code" and "校验位" in error.message


def _xlsx(headers, rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_subject_import_is_all_or_nothing(world, tree):
    headers = services.library.SUBJECT_HEADERS
    good = ["甲餐馆", code(50), "", tree.town.code, "餐饮单位", "", "高", "A", ""]
    bad = ["乙餐馆", "913304810000000000", "", tree.town.code, "餐饮单位", "", "高", "Z", "明天"]
    before = Subject.objects.count()
    with pytest.raises(ImportFailed) as caught:
        services.library_import_xlsx(
            actor=world.admin, kind="subjects", data=_xlsx(headers, [good, bad])
        )
    fields = {(row["row"], row["field"]) for row in caught.value.rows}
    assert {(3, "credit_code"), (3, "credit_grade"), (3, "blackout_dates")} <= fields
    assert Subject.objects.count() == before
    assert (
        services.library_import_xlsx(
            actor=world.admin, kind="subjects", data=_xlsx(headers, [good])
        )
        == 1
    )


def test_uncertified_officer_cannot_join_the_pool(world, tree):
    person = PersonFactory(organization=tree.market)
    error = refused(
        "not_certified",
        lambda: services.inspector_add(actor=world.admin, person=person, organization=tree.market),
    )
    assert person.name in error.message


def test_item_basis_is_resolved_or_marked_unresolved(world):
    assert world.food.basis_status in ("resolved", "unresolved")
    if world.food.basis_status == "unresolved":
        assert world.food.basis_note


def _plan(world, tree, **ratios):
    return services.draw_plan_create(
        actor=world.market_officer,
        organization=tree.market,
        title="2026年12月餐饮单位双随机抽查",
        items=[world.food, world.special],
        period_start=START,
        period_end=END,
        ratios=services.ratios_from({**RATIOS, **ratios}),
    )


def test_ratios_over_100_refused(world, tree):
    error = refused("ratio_over_100", lambda: _plan(world, tree, risk_high=90, credit_B=20))
    assert "超过100%" in error.message


def test_commit_reveal_draw_is_verifiable(world, tree, capsys):
    plan = _plan(world, tree)
    plan = services.draw_commit(actor=world.market_officer, plan=plan)
    assert plan.status == DrawStatus.COMMITTED and len(plan.seed_sha256) == 64
    assert plan.anchor_index is not None
    assert "P001" in str(plan.inputs["inspectors"]) and world.market_inspectors[
        0
    ].person.name not in str(plan.inputs)
    plan = services.draw_run(actor=world.market_officer, plan=plan)
    assert plan.status == DrawStatus.DRAWN
    drawn = {row["subject"] for row in plan.result}
    high = {s.credit_code for s in world.subjects if s.risk_grade == "high"}
    assert high <= drawn
    assert Task.objects.filter(draw_plan=plan).count() == 2 * len(drawn)
    assert services.draw_verify(plan=plan).ok
    call_command("inspections", "redraw", plan.number)
    assert "一致" in capsys.readouterr().out
    error = refused("seed_mismatch", lambda: services.draw_verify(plan=plan, seed="0" * 64))
    assert plan.seed_sha256 in error.message
    with pytest.raises(SystemExit):
        call_command("inspections", "redraw", plan.number, "--seed", "0" * 64)
    # A published result that was altered afterwards is caught.
    DrawPlan.objects.filter(pk=plan.pk).update(result=plan.result[1:])
    plan.refresh_from_db()
    assert not services.draw_verify(plan=plan).ok
    assert any("公开结果没有" in line for line in services.draw_verify(plan=plan).lines)


def test_declared_relation_is_excluded_and_late_declaration_refused(world, tree):
    target = next(s for s in world.subjects if s.risk_grade == "high")  # always drawn
    for inspector in world.market_inspectors[:2]:
        services.relation_declare(
            actor=world.admin, inspector=inspector, subject=target, relation="亲属"
        )
    plan = services.draw_run(
        actor=world.market_officer,
        plan=services.draw_commit(actor=world.market_officer, plan=_plan(world, tree)),
    )
    pseudonyms = {int(v): k for k, v in plan.pseudonyms.items()}
    excluded = {pseudonyms[i.pk] for i in world.market_inspectors[:2]}
    row = next(r for r in plan.result if r["subject"] == target.credit_code)
    assert not excluded & set(row["inspectors"])
    # A relation declared after the commit: the draw is refused, nothing changes.
    second = services.draw_commit(actor=world.market_officer, plan=_plan(world, tree))
    for inspector in world.market_inspectors[2:]:
        services.relation_declare(
            actor=world.admin, inspector=inspector, subject=target, relation="股东"
        )
    error = refused(
        "conflict_of_interest", lambda: services.draw_run(actor=world.market_officer, plan=second)
    )
    assert target.name in error.message


def test_other_department_cannot_draw(world, tree):
    plan = _plan(world, tree)
    refused("out_of_scope", lambda: services.draw_commit(actor=world.enf_officer, plan=plan))


def _tasks(world):
    for subject in world.subjects[:3]:
        for item, actor in ((world.food, world.market_officer), (world.gas, world.enf_officer)):
            services.task_add(actor=actor, subject=subject, item=item, earliest=START, due_by=END)


def _propose(world, **kw):
    return services.joint_plan_propose(
        actor=world.coordinator,
        organization=selectors.coordinating_unit(world.coordinator),
        title="2026年12月综合查一次",
        period_start=START,
        period_end=END,
        **kw,
    )


def test_joint_plan_merges_and_issues_and_a_failed_item_opens_a_case(world, tree):
    _tasks(world)
    plan = _propose(world)
    assert plan.summary["entries"] == 3 and plan.summary["naive_entries"] == 6
    visit = plan.visits.first()
    assert visit.tasks.count() == 2 and visit.lead == tree.market
    # Record before the plan is issued: refused by the declaration's guard.
    refused(
        "invalid_transition",
        lambda: services.visit_record(
            actor=world.market_officer, visit=visit, recorded_on=dt.date(2026, 12, 7), results={}
        ),
    )
    services.joint_plan_issue(actor=world.coordinator, plan=plan)
    food_task = visit.tasks.get(item=world.food)
    gas_task = visit.tasks.get(item=world.gas)
    services.visit_file_add(
        actor=world.market_officer,
        visit=visit,
        title="后厨照片",
        upload=SimpleUploadedFile("kitchen.jpg", b"jpeg bytes", content_type="image/jpeg"),
    )
    visit = services.visit_record(
        actor=world.market_officer,
        visit=visit,
        recorded_on=dt.date(2026, 12, 7),
        results={
            food_task.pk: (Result.HANDOVER, "冷库存放过期肉类制品"),
            gas_task.pk: (Result.PASS, ""),
        },
    )
    food_task.refresh_from_db()
    case = PenaltyCase.objects.get(pk=food_task.case_id)
    assert case.organization == tree.market and case.party_name == visit.subject.name
    assert food_task.case_number == case.case_number
    assert visit.files.count() == 1 and len(visit.files.first().file_sha256) == 64
    visit = services.visit_close(actor=world.market_officer, visit=visit)
    assert visit.status == VisitStatus.CLOSED


def test_results_missing_and_wrong_department_refused(world, tree):
    _tasks(world)
    plan = _propose(world)
    services.joint_plan_issue(actor=world.coordinator, plan=plan)
    visit = plan.visits.first()
    refused(
        "results_missing",
        lambda: services.visit_record(
            actor=world.market_officer, visit=visit, recorded_on=dt.date(2026, 12, 7), results={}
        ),
    )
    refused(
        "out_of_scope",
        lambda: services.visit_record(
            actor=world.enf_officer, visit=visit, recorded_on=dt.date(2026, 12, 7), results={}
        ),
    )


def test_infeasible_schedule_names_the_constraint(world, tree):
    subject = world.subjects[0]
    Subject.objects.filter(pk=subject.pk).update(
        blackout_dates=[(START + dt.timedelta(days=n)).isoformat() for n in range(31)]
    )
    services.task_add(
        actor=world.market_officer, subject=subject, item=world.food, earliest=START, due_by=END
    )
    error = refused("schedule_infeasible", lambda: _propose(world))
    assert error.field == "blackout" and "不宜检查日期" in error.message


def test_move_and_split_before_issue(world, tree):
    _tasks(world)
    plan = _propose(world)
    visit = plan.visits.first()
    refused(
        "invalid",
        lambda: services.visit_move(actor=world.coordinator, visit=visit, day=dt.date(2026, 12, 5)),
    )
    Subject.objects.filter(pk=visit.subject_id).update(blackout_dates=["2026-12-29"])
    error = refused(
        "schedule_infeasible",
        lambda: services.visit_move(
            actor=world.coordinator, visit=visit, day=dt.date(2026, 12, 29)
        ),
    )
    assert "不宜检查" in error.message
    target = dt.date(2026, 12, 28)
    assert (
        services.visit_move(actor=world.coordinator, visit=visit, day=target).scheduled_on == target
    )
    new = services.visit_split(actor=world.coordinator, visit=visit, department=tree.enforcement)
    assert new.tasks.count() == 1 and visit.tasks.count() == 1
    plan.refresh_from_db()
    assert plan.summary["entries"] == 4
    refused(
        "forbidden_role",
        lambda: services.visit_move(actor=world.market_officer, visit=visit, day=target),
    )


def test_combined_supervision_visit_issues_one_notice(world, tree, users):
    coordinator = world.coordinator
    justice = tree.justice
    services.inspector_add(
        actor=world.admin,
        person=PersonFactory(
            organization=justice,
            enforcement_certificate_number="3304JUS0001",
            certificate_valid_until=dt.date(2027, 12, 31),
        ),
        organization=justice,
    )
    services.inspector_add(
        actor=world.admin,
        person=PersonFactory(
            organization=justice,
            enforcement_certificate_number="3304JUS0002",
            certificate_valid_until=dt.date(2027, 12, 31),
        ),
        organization=justice,
    )
    for topic in (
        SupervisionTopic.CASE_FILES,
        SupervisionTopic.EXEMPTIONS,
        SupervisionTopic.COMMITMENTS,
    ):
        services.supervision_task_add(
            actor=coordinator,
            organization=justice,
            unit=tree.market,
            topic=topic,
            earliest=START,
            due_by=END,
        )
    plan = _propose(world, kind=PlanKind.SUPERVISION)
    assert plan.visits.count() == 1 and plan.summary["naive_entries"] == 3
    plan = services.joint_plan_issue(actor=coordinator, plan=plan)
    assert plan.campaign_id
    visit = plan.visits.get()
    tasks = list(visit.tasks.order_by("pk"))
    services.visit_record(
        actor=users["supervisor"],
        visit=visit,
        recorded_on=dt.date(2026, 12, 7),
        results={
            tasks[0].pk: (Result.RECTIFY, "3件案卷缺少法制审核意见"),
            tasks[1].pk: (Result.PASS, ""),
            tasks[2].pk: (Result.RECTIFY, "告知承诺书未载明核查期限"),
        },
    )
    visit = services.visit_close(actor=users["supervisor"], visit=visit)
    notice = SupervisionNotice.objects.get(pk=visit.notice_id)
    assert notice.organization == tree.market
    assert "法制审核" in notice.problems and "核查期限" in notice.problems
