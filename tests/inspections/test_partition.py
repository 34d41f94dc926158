"""The exact per-subject merge: as good as any partition, and the rule that binds."""

from __future__ import annotations

import datetime as dt
import random

from fazhi.inspections.domain import partition, planner
from tests.inspections.test_domain import data, inspectors, task

D = dt.date


def _partitions(items):
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for smaller in _partitions(rest):
        for i in range(len(smaller)):
            yield [*smaller[:i], [first, *smaller[i]], *smaller[i + 1 :]]
        yield [[first], *smaller]


def _ok(group, days, limit):
    if any(planner.pair_reason(a, b) for i, a in enumerate(group) for b in group[i + 1 :]):
        return False
    if not set.intersection(*(days[t.id] for t in group)):
        return False
    minutes: dict[str, int] = {}
    for t in group:
        minutes[t.department] = minutes.get(t.department, 0) + t.duration
    return max(minutes.values()) <= limit


def test_exact_partition_matches_brute_force_on_random_subjects():
    rng = random.Random(3)
    all_days = {D(2025, 3, d) for d in range(3, 8)}
    for _round in range(60):
        tasks = []
        for n in range(rng.randint(2, 6)):
            first = rng.randint(3, 7)
            tasks.append(
                task(
                    n + 1,
                    "S",
                    rng.choice("AB"),
                    duration=rng.choice((30, 60, 120, 300)),
                    frequency=rng.choice((1, 2)),
                    tags=(rng.choice(("餐饮", "消防")),),
                    object_type=rng.choice(("餐饮单位", "加油站")),
                    earliest=D(2025, 3, first),
                    due_by=D(2025, 3, rng.randint(first, 7)),
                )
            )
        days = {t.id: {d for d in all_days if t.earliest <= d <= t.due_by} for t in tasks}
        best = min(len(p) for p in _partitions(tasks) if all(_ok(g, days, 480) for g in p))
        found = partition.best_partition(tasks, days, 480)
        assert len(found) == best
        assert sorted(t.id for g in found for t in g) == sorted(t.id for t in tasks)
        assert all(_ok(g, days, 480) for g in found)


def test_rule_costs_name_the_binding_rule():
    tasks = [
        task(1, "S", "A", due_by=D(2025, 3, 3)),
        task(2, "S", "B", earliest=D(2025, 3, 6)),  # no common day with task 1
        task(3, "T", "A", duration=30),
        task(4, "T", "B", duration=200),  # same frequency, more than 3× longer
    ]
    days = {
        t.id: {D(2025, 3, d) for d in range(3, 8) if t.earliest <= D(2025, 3, d) <= t.due_by}
        for t in tasks
    }
    found = partition.rule_costs({"S": tasks[:2], "T": tasks[2:]}, days, 480)
    assert found["optimum"] == 4 and found["subjects_split"] == 2
    assert found["costs"]["window"] == 1 and found["costs"]["duration"] == 1
    assert found["costs"]["related"] == 0


def test_planner_merges_optimally_and_a_large_subject_goes_to_cp_sat():
    small = [task(n, "S", "AB"[n % 2], duration=60) for n in range(1, 5)]
    # 15 one-hour tasks of one department: more than a working day, so two visits at least.
    large = [task(100 + n, "BIG", "A", duration=60) for n in range(15)]
    result = planner.plan(data(small + large, inspectors("A", "B", per=4, capacity=8)))
    stats = result.stats
    assert stats["entries"] == 3
    assert stats["solver_status"] in ("OPTIMAL", "FEASIBLE")
    assert stats["solver_bound"] is not None and stats["solver_bound"] <= 3
    covered = sorted(t for v in result.visits for t in v.tasks)
    assert covered == sorted(t.id for t in small + large)
