"""Generated planner instances (benchmarks and tests): synthetic, no real enterprise."""

from __future__ import annotations

import datetime as dt
import random

from fazhi.inspections.domain.planner import PInspector, PlanInput, PTask, working_days

OBJECT_TYPES = (
    "餐饮单位",
    "工业企业",
    "危化品经营",
    "商场超市",
    "建筑工地",
    "娱乐场所",
    "医疗机构",
    "加油站",
)
SKILLS = ("食品", "消防", "燃气", "环保", "卫生", "安全生产", "特种设备", "质量")


def instance(
    *,
    subjects: int,
    departments: int,
    inspectors: int,
    start: dt.date = dt.date(2025, 1, 1),
    end: dt.date = dt.date(2025, 3, 31),
    share_with_tasks: float = 0.6,
    seed: int = 7,
    time_limit: float = 10.0,
) -> PlanInput:
    """A quarter's tasks: most subjects get one to four checks from several departments."""
    rng = random.Random(seed)
    days = working_days(start, end, lambda d: d.weekday() < 5)
    depts = [f"D{n:03d}" for n in range(departments)]
    # Each department covers a few object types with an item each.
    items = []
    for d_index, dept in enumerate(depts):
        for k in range(3):
            object_type = OBJECT_TYPES[(d_index + k * 3) % len(OBJECT_TYPES)]
            items.append(
                {
                    "code": f"{dept}-{k}",
                    "dept": dept,
                    "object_type": object_type,
                    "tags": frozenset({SKILLS[(d_index + k) % len(SKILLS)]}),
                    "duration": rng.choices((30, 45, 60, 90, 120), weights=(3, 3, 3, 2, 1))[0],
                    "frequency": rng.choice((1, 1, 2, 4)),
                    "skill": SKILLS[(d_index + k) % len(SKILLS)] if k == 0 else "",
                }
            )
    by_type: dict[str, list[dict]] = {}
    for item in items:
        by_type.setdefault(item["object_type"], []).append(item)
    tasks: list[PTask] = []
    blackout: dict[str, frozenset[dt.date]] = {}
    for s in range(subjects):
        if rng.random() > share_with_tasks:
            continue
        code = f"S{s:07d}"
        object_type = OBJECT_TYPES[s % len(OBJECT_TYPES)]
        count = rng.choices((1, 2, 3, 4), weights=(35, 30, 22, 13))[0]
        chosen = rng.sample(by_type[object_type], min(count, len(by_type[object_type])))
        if rng.random() < 0.05:
            blackout[code] = frozenset(rng.sample(days, 5))
        for item in chosen:
            # Most departments set the quarter as the deadline; some a month of it.
            if rng.random() < 0.75:
                earliest, due = start, end
            else:
                month = rng.randint(0, 2)
                earliest = start + dt.timedelta(days=30 * month)
                due = min(end, earliest + dt.timedelta(days=29))
            tasks.append(
                PTask(
                    id=len(tasks) + 1,
                    subject=code,
                    department=item["dept"],
                    item=item["code"],
                    object_type=item["object_type"],
                    tags=item["tags"],
                    duration=item["duration"],
                    frequency=item["frequency"],
                    earliest=earliest,
                    due_by=due,
                    skill=item["skill"],
                )
            )
    pool = []
    for n in range(inspectors):
        dept = depts[n % departments]
        d_index = depts.index(dept)
        skills = {SKILLS[(d_index + k) % len(SKILLS)] for k in range(3)}
        unavailable = frozenset(rng.sample(days, 3))
        pool.append(PInspector(n + 1, dept, frozenset(skills), 4, unavailable))
    return PlanInput(
        tasks=tasks,
        inspectors=pool,
        start=start,
        end=end,
        working_days=days,
        blackout=blackout,
        time_limit=time_limit,
    )
