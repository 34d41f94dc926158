"""Exact merge of one subject's tasks into the fewest visits, and which rule keeps them apart.

A subject rarely has more than a dozen tasks in a period, so its best partition is found
exactly by dynamic programming over subsets (a minimum cover by compatible groups, 3^n steps):
a group is compatible when every pair meets the 三相一就 rule, the group shares a day the
subject accepts, and each department's items fit in one working day. Subjects with more tasks
go to CP-SAT (``planner``).

``rule_costs`` answers "why not one visit per subject?": for each rule, how many entries the
optimum would drop if that rule alone were lifted — the constraint that binds.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fazhi.inspections.domain.planner import PTask

EXACT_MAX_TASKS = 12
RULES = ("related", "duration", "window", "day_capacity")
RULE_LABELS = {
    "related": "内容相关（同对象类型或共同行业标签）",
    "duration": "时长相近（同频次时长相差不超过3倍）",
    "window": "期限与不宜检查日期（须有共同的可检查日）",
    "day_capacity": "单日时长（每个部门的事项须在一个工作日内完成）",
}


def _compatible(a: PTask, b: PTask, relaxed: str) -> bool:
    from fazhi.inspections.domain.planner import DURATION_RATIO

    if relaxed != "related" and not (a.object_type == b.object_type or a.tags & b.tags):
        return False
    if relaxed != "duration" and a.frequency == b.frequency:
        short, long_ = sorted((max(a.duration, 1), max(b.duration, 1)))
        if long_ > DURATION_RATIO * short:
            return False
    return True


def best_partition(
    tasks: Sequence[PTask],
    days: dict[int, set[dt.date]],
    limit: int,
    relaxed: str = "",
) -> list[list[PTask]]:
    """The fewest groups covering ``tasks`` (at most ``EXACT_MAX_TASKS``), each compatible."""
    n = len(tasks)
    if n <= 1:
        return [list(tasks)]
    if n > EXACT_MAX_TASKS:
        raise ValueError("too many tasks for the exact partition")
    compatible = [
        [i == j or _compatible(tasks[i], tasks[j], relaxed) for j in range(n)] for i in range(n)
    ]
    full = (1 << n) - 1
    valid = [False] * (full + 1)
    common: list[set[dt.date] | None] = [None] * (full + 1)
    minutes: list[dict[str, int]] = [{} for _ in range(full + 1)]
    valid[0] = True
    for mask in range(1, full + 1):
        top = mask.bit_length() - 1
        rest = mask & ~(1 << top)
        if not valid[rest]:
            continue
        task = tasks[top]
        if any(rest >> j & 1 and not compatible[top][j] for j in range(top)):
            continue
        if relaxed == "window":
            shared: set[dt.date] | None = None
        else:
            before = common[rest]
            shared = set(days[task.id]) if before is None else before & days[task.id]
            if not shared:
                continue
        own = dict(minutes[rest])
        own[task.department] = own.get(task.department, 0) + task.duration
        if relaxed != "day_capacity" and own[task.department] > limit:
            continue
        valid[mask], common[mask], minutes[mask] = True, shared, own
    cost = [0] + [n + 1] * full
    choice = [0] * (full + 1)
    for mask in range(1, full + 1):
        low = mask & -mask
        rest = mask ^ low
        sub = rest
        while True:
            group = sub | low
            if valid[group] and cost[mask ^ group] + 1 < cost[mask]:
                cost[mask], choice[mask] = cost[mask ^ group] + 1, group
            if sub == 0:
                break
            sub = (sub - 1) & rest
    groups, mask = [], full
    while mask:
        group = choice[mask]
        groups.append([tasks[i] for i in range(n) if group >> i & 1])
        mask ^= group
    return groups


def rule_costs(
    subjects: dict[str, list[PTask]], days: dict[int, set[dt.date]], limit: int
) -> dict[str, object]:
    """The rule-aware optimum and, per rule, the entries it costs (lifted alone).

    Only subjects the exact partition can take; ``subjects_split`` counts those that need
    more than one visit whatever the planner does.
    """
    optimum = 0
    split = 0
    costs: dict[str, int] = defaultdict(int)
    for tasks in subjects.values():
        if len(tasks) > EXACT_MAX_TASKS:
            continue
        best = len(best_partition(tasks, days, limit))
        optimum += best
        if best == 1:
            continue
        split += 1
        for rule in RULES:
            costs[rule] += best - len(best_partition(tasks, days, limit, relaxed=rule))
    return {"optimum": optimum, "subjects_split": split, "costs": dict(costs)}
