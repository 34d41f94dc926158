"""The pure parts: GB 32100 check character, the seeded draw, the planner on tiny instances."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.inspections.domain import credit_code, draw, planner, synthetic

D = dt.date


def test_credit_code_check_character():
    assert credit_code.is_valid("91350100M000100Y43")
    assert credit_code.problem("91350100M000100Y44") == "统一社会信用代码校验位不正确（GB 32100）。"
    assert "18位" in credit_code.problem("9135")
    assert "不允许的字符" in credit_code.problem("91350100M000100YI3")
    assert credit_code.is_valid(credit_code.make("91330481MA2B3C4D5"))


INPUTS = {
    "ratios": {"risk": {"high": 50, "medium": 20, "low": 0}, "credit": {"D": 50}},
    "team_size": 2,
    "subjects": [
        {"code": f"S{n:02d}", "risk": ["high", "medium", "low"][n % 3], "credit": "BD"[n % 2]}
        for n in range(30)
    ],
    "inspectors": [{"id": f"P{n:03d}"} for n in range(1, 6)],
    "exclusions": [["S00", "P001"], ["S00", "P002"]],
}


def test_draw_is_reproducible_and_seed_dependent():
    first = draw.draw("a" * 64, INPUTS)
    assert first == draw.draw("a" * 64, INPUTS)
    assert first != draw.draw("b" * 64, INPUTS)
    assert draw.differences(first, first) == []
    # Ratios per stratum: high+D = 100 % → every high-risk D-grade subject is drawn.
    high_d = {s["code"] for s in INPUTS["subjects"] if s["risk"] == "high" and s["credit"] == "D"}
    assert high_d <= {row["subject"] for row in first}
    assert not any(
        row["subject"] == s["code"]
        for row in first
        for s in INPUTS["subjects"]
        if s["risk"] == "low" and s["credit"] == "B"
    )


def test_draw_never_pairs_a_declared_relation():
    for seed in ("1" * 64, "2" * 64, "3" * 64):
        for row in draw.draw(seed, INPUTS):
            assert len(row["inspectors"]) == 2
            if row["subject"] == "S00":
                assert not {"P001", "P002"} & set(row["inspectors"])


def test_ratios_over_100_refused():
    with pytest.raises(draw.DrawError) as caught:
        draw.check_ratios({"risk": {"high": 90}, "credit": {"D": 20}})
    assert "超过100%" in caught.value.message


def test_differences_name_the_subject():
    published = [{"subject": "S01", "inspectors": ["P001", "P002"]}]
    computed = [{"subject": "S01", "inspectors": ["P001", "P003"]}]
    assert "S01" in draw.differences(published, computed)[0]


def task(id_, subject, dept, duration=60, frequency=1, tags=("餐饮",), **kw):
    return planner.PTask(
        id=id_,
        subject=subject,
        department=dept,
        item=f"item{id_}",
        object_type=kw.pop("object_type", "餐饮单位"),
        tags=frozenset(tags),
        duration=duration,
        frequency=frequency,
        earliest=kw.pop("earliest", D(2025, 3, 3)),
        due_by=kw.pop("due_by", D(2025, 3, 7)),
        **kw,
    )


def inspectors(*departments, capacity=4, per=2, skills=()):
    out = []
    for dept in departments:
        for _ in range(per):
            out.append(planner.PInspector(len(out) + 1, dept, frozenset(skills), capacity))
    return out


def data(tasks, pool, **kw):
    days = planner.working_days(D(2025, 3, 3), D(2025, 3, 7), lambda d: d.weekday() < 5)
    return planner.PlanInput(
        tasks=tasks,
        inspectors=pool,
        start=D(2025, 3, 3),
        end=D(2025, 3, 7),
        working_days=days,
        time_limit=2.0,
        **kw,
    )


def test_three_departments_on_one_subject_enter_once():
    result = planner.plan(
        data([task(1, "S", "A"), task(2, "S", "B"), task(3, "S", "C")], inspectors("A", "B", "C"))
    )
    assert len(result.visits) == 1
    visit = result.visits[0]
    assert visit.tasks == [1, 2, 3] and visit.day is not None
    assert len(visit.inspectors) == 3  # one of each department
    assert result.stats["entries_saved"] == 2


def test_unmerged_tasks_say_why():
    tasks = [
        task(1, "S", "A", duration=30),
        task(2, "S", "B", duration=200),  # same frequency, 6× longer
        task(3, "S", "C", tags=("危化",), object_type="加油站"),
        task(4, "S", "A", due_by=D(2025, 3, 3)),
        task(5, "S", "B", earliest=D(2025, 3, 6)),  # no common day with task 4
    ]
    result = planner.plan(data(tasks, inspectors("A", "B", "C")))
    reasons = {row["task"]: row["reason"] for row in result.unmerged}
    assert reasons.get(3) == "unrelated"
    assert result.stats["entries"] < len(tasks)
    assert all(row["text"] for row in result.unmerged)


def test_low_frequency_rides_along_with_high_frequency():
    tasks = [task(1, "S", "A", duration=30, frequency=12), task(2, "S", "B", duration=200)]
    assert len(planner.plan(data(tasks, inspectors("A", "B"))).visits) == 1


def test_blackout_and_deadline_are_named_when_infeasible():
    with pytest.raises(planner.Infeasible) as caught:
        planner.plan(
            data(
                [task(1, "S", "A")],
                inspectors("A"),
                blackout={"S": frozenset(D(2025, 3, d) for d in range(3, 8))},
            )
        )
    assert caught.value.constraint == "blackout"
    with pytest.raises(planner.Infeasible) as caught:
        planner.plan(
            data([task(1, "S", "A", earliest=D(2025, 3, 8), due_by=D(2025, 3, 9))], inspectors("A"))
        )
    assert caught.value.constraint == "deadline"


def test_capacity_and_skill_bind():
    tasks = [task(n, f"S{n}", "A") for n in range(1, 12)]
    with pytest.raises(planner.Infeasible) as caught:
        planner.plan(data(tasks, inspectors("A", capacity=1)))  # 2 inspectors × 5 days / 2
    assert caught.value.constraint == "capacity"
    with pytest.raises(planner.Infeasible) as caught:
        planner.plan(data([task(1, "S", "A", skill="燃气")], inspectors("A", skills=("食品",))))
    assert caught.value.constraint == "skill"


def test_drawn_pair_goes_and_capacity_is_respected():
    pool = inspectors("A", per=3, capacity=2)
    tasks = [task(n, f"S{n}", "A", drawn=(1, 3)) for n in range(1, 4)]
    result = planner.plan(data(tasks, pool))
    for visit in result.visits:
        assert visit.inspectors == [1, 3]
    per_day: dict = {}
    for visit in result.visits:
        per_day[visit.day] = per_day.get(visit.day, 0) + 1
    assert max(per_day.values()) <= 2


def test_cp_sat_never_worse_than_greedy_on_a_generated_instance():
    instance = synthetic.instance(subjects=300, departments=6, inspectors=30, time_limit=2.0)
    result = planner.plan(instance)
    stats = result.stats
    assert stats["entries"] <= stats["greedy_entries"]
    assert stats["lower_bound"] <= stats["entries"] < stats["naive_entries"]
    assert sorted(t for v in result.visits for t in v.tasks) == sorted(t.id for t in instance.tasks)
