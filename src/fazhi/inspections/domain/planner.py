"""进一次门、查多项事: merge tasks into joint visits and schedule them (no Django here).

1. **Merge** (fewest enterprise entries). Tasks on the same subject may share a visit under
   Haining's 三相一就 rule: the same target; related content (same object type or a shared
   industry tag); similar duration (the longer at most ``DURATION_RATIO`` times the shorter) —
   unless one item is checked less often than the other, when the low-frequency check rides
   along with the high-frequency one (低频就高频); their date windows share a working day the
   subject accepts; each department's own items fit in one working day (departments check
   side by side, so a visit lasts as long as its longest department's share). A greedy first-fit gives a start; every subject the greedy split is
   then re-partitioned exactly (``partition``: dynamic programming over subsets, up to
   ``EXACT_MAX_TASKS`` tasks) or, when larger, by CP-SAT (OR-Tools) hinted with the greedy
   answer and under a time limit. The lower bound is the number of distinct subjects; the
   rule-aware bound (``solver_bound``) is what the merge rules allow.
2. **Schedule** (then fewest inspector-days). Visits by deadline, each on the working day in
   its window that opens the fewest new inspector-days: one certified inspector of every
   department taking part (two when one department goes alone; the drawn pair when the task
   came from a 双随机 draw), with the items' skill, within each inspector's daily capacity and
   availability, outside the subject's blackout dates. A visit that fits no day makes the plan
   infeasible, naming the binding constraint.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from fazhi.inspections.domain import partition

DURATION_RATIO = 3
MAX_VISIT_MINUTES = 480
CP_SAT_MAX_TASKS_PER_SUBJECT = 40


@dataclass(frozen=True)
class PTask:
    id: int
    subject: str
    department: str
    item: str
    object_type: str
    tags: frozenset[str]
    duration: int
    frequency: int
    earliest: dt.date
    due_by: dt.date
    skill: str = ""
    drawn: tuple[int, ...] = ()


@dataclass(frozen=True)
class PInspector:
    id: int
    department: str
    skills: frozenset[str]
    capacity: int = 4
    unavailable: frozenset[dt.date] = frozenset()


@dataclass
class PlanInput:
    tasks: list[PTask]
    inspectors: list[PInspector]
    start: dt.date
    end: dt.date
    working_days: list[dt.date]
    blackout: dict[str, frozenset[dt.date]] = field(default_factory=dict)
    time_limit: float = 10.0
    use_cp_sat: bool = True
    max_visit_minutes: int = MAX_VISIT_MINUTES
    team_size: int = 2


@dataclass
class PVisit:
    subject: str
    tasks: list[int]
    lead: str = ""
    day: dt.date | None = None
    inspectors: list[int] = field(default_factory=list)


@dataclass
class PlanResult:
    visits: list[PVisit]
    unmerged: list[dict[str, object]]
    stats: dict[str, object]


class Infeasible(Exception):
    """No schedule: ``constraint`` names what binds (deadline, blackout, skill, capacity)."""

    def __init__(self, constraint: str, message: str):
        super().__init__(message)
        self.constraint = constraint
        self.message = message


REASONS = {
    "alone": "本期该对象仅此一项任务",
    "unrelated": "与同一对象的其他任务内容不相关（对象类型、行业标签均不同）",
    "duration": "检查时长差异过大且频次相同，不宜合并",
    "window": "与其他任务的期限没有共同的可检查日",
    "too_long": "合并后本部门检查时长超过一个工作日，或可合并的任务已编入不相容的联合检查",
}


def _related(a: PTask, b: PTask) -> bool:
    return a.object_type == b.object_type or bool(a.tags & b.tags)


def _similar(a: PTask, b: PTask) -> bool:
    if a.frequency != b.frequency:
        return True  # 低频就高频: the rarer check rides along
    short, long_ = sorted((max(a.duration, 1), max(b.duration, 1)))
    return long_ <= DURATION_RATIO * short


def pair_reason(a: PTask, b: PTask) -> str | None:
    """Why two tasks on one subject may not share a visit, or None when they may."""
    if not _related(a, b):
        return "unrelated"
    if not _similar(a, b):
        return "duration"
    if max(a.earliest, b.earliest) > min(a.due_by, b.due_by):
        return "window"
    return None


class _Days:
    """Feasible days of a task: its window ∩ the plan's working days − the subject's blackout."""

    def __init__(self, data: PlanInput):
        self.working = sorted(d for d in data.working_days if data.start <= d <= data.end)
        self.blackout = data.blackout

    def of(self, task: PTask) -> set[dt.date]:
        banned = self.blackout.get(task.subject, frozenset())
        return {d for d in self.working if task.earliest <= d <= task.due_by and d not in banned}


def _fits(members: list[PTask], task: PTask, limit: int) -> bool:
    """Departments check side by side: each department's own items must fit in one day."""
    own = sum(m.duration for m in members if m.department == task.department)
    return own + task.duration <= limit


def _greedy_groups(
    tasks: list[PTask], days: dict[int, set[dt.date]], limit: int
) -> list[list[PTask]]:
    groups: list[tuple[list[PTask], set[dt.date]]] = []
    for task in sorted(tasks, key=lambda t: (-t.frequency, -t.duration, t.id)):
        placed = False
        for index, (members, common) in enumerate(groups):
            if not _fits(members, task, limit):
                continue
            shared = common & days[task.id]
            if not shared or any(pair_reason(task, m) for m in members):
                continue
            groups[index] = ([*members, task], shared)
            placed = True
            break
        if not placed:
            groups.append(([task], set(days[task.id])))
    return [members for members, _common in groups]


def _cp_sat_groups(
    subjects: dict[str, list[PTask]],
    greedy: dict[str, list[list[PTask]]],
    days: dict[int, set[dt.date]],
    limit: int,
    time_limit: float,
) -> tuple[dict[str, list[list[PTask]]], str, int | None]:
    """Re-partition the subjects the greedy split, minimising visits (one model, hinted)."""
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    chosen = {
        s: ts
        for s, ts in subjects.items()
        if len(greedy[s]) > 1 and len(ts) <= CP_SAT_MAX_TASKS_PER_SUBJECT
    }
    if not chosen:
        return greedy, "NOT_NEEDED", None
    assign: dict[tuple[str, int, int], object] = {}
    used: dict[tuple[str, int], object] = {}
    objective = []
    for subject, tasks in chosen.items():
        groups = len(greedy[subject])
        start_group = {t.id: g for g, members in enumerate(greedy[subject]) for t in members}
        for g in range(groups):
            used[subject, g] = model.NewBoolVar("")
            model.AddHint(used[subject, g], 1)
            objective.append(used[subject, g])
            if g:
                model.AddImplication(used[subject, g], used[subject, g - 1])
        for task in tasks:
            row = []
            for g in range(groups):
                var = model.NewBoolVar("")
                assign[subject, task.id, g] = var
                model.AddHint(var, 1 if start_group[task.id] == g else 0)
                model.AddImplication(var, used[subject, g])
                row.append(var)
            model.AddExactlyOne(row)
        for department in {t.department for t in tasks}:
            own = [t for t in tasks if t.department == department]
            if sum(t.duration for t in own) <= limit:
                continue
            for g in range(groups):
                model.Add(sum(t.duration * assign[subject, t.id, g] for t in own) <= limit)
        for i, a in enumerate(tasks):
            for b in tasks[i + 1 :]:
                if pair_reason(a, b) or not (days[a.id] & days[b.id]):
                    for g in range(groups):
                        model.AddBoolOr(
                            [assign[subject, a.id, g].Not(), assign[subject, b.id, g].Not()]
                        )
    model.Minimize(sum(objective))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(time_limit, 0.1)
    solver.parameters.num_workers = 2
    status = solver.Solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return greedy, solver.StatusName(status), None
    result = dict(greedy)
    for subject, tasks in chosen.items():
        groups: dict[int, list[PTask]] = defaultdict(list)
        for task in tasks:
            for g in range(len(greedy[subject])):
                if solver.Value(assign[subject, task.id, g]):
                    groups[g].append(task)
        candidate = [members for _g, members in sorted(groups.items())]
        # Pairwise windows may meet while the group's do not (a blackout day in between):
        # keep the greedy partition for such a subject.
        if all(set.intersection(*(days[t.id] for t in members)) for members in candidate):
            result[subject] = candidate
    bound = int(solver.BestObjectiveBound()) + sum(
        len(greedy[s]) for s in subjects if s not in chosen
    )
    return result, solver.StatusName(status), bound


def _why_alone(task: PTask, others: list[PTask], days: dict[int, set[dt.date]]) -> str:
    """The nearest miss: a partner that fits pairwise but not in a day, else the first rule."""
    reasons = set()
    for other in others:
        reason = pair_reason(task, other)
        if reason is None and not (days[task.id] & days[other.id]):
            reason = "window"
        reasons.add(reason or "too_long")
    for code in ("too_long", "window", "duration", "unrelated"):
        if code in reasons:
            return code
    return "alone"


def merge(data: PlanInput) -> tuple[list[PVisit], list[dict[str, object]], dict[str, object]]:
    days_of = _Days(data)
    days = {t.id: days_of.of(t) for t in data.tasks}
    for task in data.tasks:
        if not days[task.id]:
            _no_day(task, days_of)
    subjects: dict[str, list[PTask]] = defaultdict(list)
    for task in data.tasks:
        subjects[task.subject].append(task)
    started = time.perf_counter()
    greedy = {
        s: _greedy_groups(ts, days, data.max_visit_minutes) for s, ts in sorted(subjects.items())
    }
    greedy_seconds = time.perf_counter() - started
    greedy_entries = sum(len(g) for g in greedy.values())
    groups, status, bound = dict(greedy), "SKIPPED", None
    exact_seconds = 0.0
    if data.use_cp_sat:
        # Every subject the greedy split is re-partitioned: exactly when small (almost all),
        # by CP-SAT (hinted with the greedy groups, under the time limit) when large.
        started = time.perf_counter()
        large = {}
        for s, ts in subjects.items():
            if len(greedy[s]) == 1:
                continue
            if len(ts) <= partition.EXACT_MAX_TASKS:
                groups[s] = partition.best_partition(ts, days, data.max_visit_minutes)
            else:
                large[s] = ts
        exact_seconds = time.perf_counter() - started
        exact_entries = sum(len(g) for s, g in groups.items() if s not in large)
        status = "OPTIMAL"
        bound = exact_entries
        if large:
            solved, status, large_bound = _cp_sat_groups(
                large, greedy, days, data.max_visit_minutes, data.time_limit
            )
            groups.update({s: solved[s] for s in large})
            bound = None if large_bound is None else exact_entries + large_bound
    visits = [
        PVisit(subject=s, tasks=sorted(t.id for t in members))
        for s, subject_groups in sorted(groups.items())
        for members in subject_groups
    ]
    unmerged = []
    by_id = {t.id: t for t in data.tasks}
    for visit in visits:
        if len(visit.tasks) != 1:
            continue
        task = by_id[visit.tasks[0]]
        others = [t for t in subjects[task.subject] if t.id != task.id]
        if not others:
            continue
        code = _why_alone(task, others, days)
        unmerged.append({"task": task.id, "reason": code, "text": REASONS[code]})
    stats = {
        "tasks": len(data.tasks),
        "naive_entries": len(data.tasks),
        "lower_bound": len(subjects),
        "greedy_entries": greedy_entries,
        "greedy_seconds": round(greedy_seconds, 3),
        "entries": len(visits),
        "exact_seconds": round(exact_seconds, 3),
        "solver_status": status,
        "solver_bound": bound,
        "alone": sum(1 for ts in subjects.values() if len(ts) == 1),
    }
    return visits, unmerged, stats


def _no_day(task: PTask, days_of: _Days) -> None:
    window = [d for d in days_of.working if task.earliest <= d <= task.due_by]
    if not window:
        raise Infeasible(
            "deadline",
            f"任务 {task.item}（{task.department}，对象 {task.subject}）的期限"
            f"（{task.earliest}至{task.due_by}）内没有工作日。",
        )
    raise Infeasible(
        "blackout",
        f"对象 {task.subject} 在任务 {task.item}（{task.department}）期限内的工作日"
        f"均为不宜检查日期。",
    )


def _lead(tasks: list[PTask]) -> str:
    minutes: dict[str, int] = defaultdict(int)
    for task in tasks:
        minutes[task.department] += task.duration * max(task.frequency, 1)
    return min(minutes, key=lambda d: (-minutes[d], d))


@dataclass
class _Need:
    department: str
    count: int
    skills: frozenset[str]
    fixed: tuple[int, ...] = ()


def _needs(tasks: list[PTask], team_size: int) -> list[_Need]:
    departments = sorted({t.department for t in tasks})
    needs = []
    for department in departments:
        own = [t for t in tasks if t.department == department]
        fixed = tuple(sorted({i for t in own for i in t.drawn}))
        count = team_size if len(departments) == 1 else 1
        skills = frozenset(t.skill for t in own if t.skill)
        needs.append(_Need(department, max(count, len(fixed)), skills, fixed))
    return needs


def schedule(data: PlanInput, visits: list[PVisit]) -> int:
    """Give each visit a day, a lead and inspectors; returns the inspector-days used."""
    by_id = {t.id: t for t in data.tasks}
    days_of = _Days(data)
    inspectors = {i.id: i for i in data.inspectors}
    by_department: dict[str, list[PInspector]] = defaultdict(list)
    for inspector in data.inspectors:
        by_department[inspector.department].append(inspector)
    load: dict[tuple[int, dt.date], int] = defaultdict(int)

    def window(visit: PVisit) -> list[dt.date]:
        tasks = [by_id[i] for i in visit.tasks]
        common = set.intersection(*(days_of.of(t) for t in tasks))
        return sorted(common)

    planned = [(window(v), v) for v in visits]
    planned.sort(key=lambda pair: (pair[0][-1] if pair[0] else dt.date.min, len(pair[0])))
    for candidates, visit in planned:
        tasks = [by_id[i] for i in visit.tasks]
        visit.lead = _lead(tasks)
        needs = _needs(tasks, data.team_size)
        best: tuple[int, dt.date, list[int]] | None = None
        for day in candidates:
            picked = _pick(needs, day, by_department, inspectors, load)
            if picked is None:
                continue
            cost = sum(1 for i in picked if load[i, day] == 0)
            if best is None or cost < best[0]:
                best = (cost, day, picked)
                if cost == 0:
                    break
        if best is None:
            raise _binding(visit, tasks, needs, candidates, by_department, inspectors)
        _cost, visit.day, visit.inspectors = best
        for i in visit.inspectors:
            load[i, visit.day] += 1
    return len(load)


def _pick(needs, day, by_department, inspectors, load) -> list[int] | None:
    chosen: list[int] = []
    for need in needs:
        if need.fixed:
            for i in need.fixed:
                inspector = inspectors.get(i)
                if inspector is None or day in inspector.unavailable:
                    return None
                if load[i, day] >= inspector.capacity:
                    return None
            chosen.extend(need.fixed)
            continue
        fits = [
            p
            for p in by_department.get(need.department, ())
            if p.id not in chosen
            and day not in p.unavailable
            and load[p.id, day] < p.capacity
            and need.skills <= p.skills
        ]
        if len(fits) < need.count:
            return None
        # Already working that day first (no new inspector-day), then the busiest, then by id.
        fits.sort(key=lambda p: (load[p.id, day] == 0, -load[p.id, day], p.id))
        chosen.extend(p.id for p in fits[: need.count])
    return chosen


def _binding(visit, tasks, needs, candidates, by_department, inspectors) -> Infeasible:
    names = "、".join(sorted({t.item for t in tasks}))
    for need in needs:
        pool = by_department.get(need.department, [])
        skilled = [p for p in pool if need.skills <= p.skills]
        if not need.fixed and len(skilled) < need.count:
            wanted = "、".join(sorted(need.skills)) or "检查"
            return Infeasible(
                "skill",
                f"{need.department} 具备“{wanted}”专业且持有效执法证的检查人员不足"
                f"{need.count}名，无法检查对象 {visit.subject}（{names}）。",
            )
    departments = "、".join(n.department for n in needs)
    return Infeasible(
        "capacity",
        f"对象 {visit.subject}（{names}）在可检查的{len(candidates)}个工作日内，"
        f"{departments} 的检查人员每日检查户数已满或不可用（检查人员容量不足）。",
    )


def plan(data: PlanInput) -> PlanResult:
    started = time.perf_counter()
    visits, unmerged, stats = merge(data)
    merged_at = time.perf_counter()
    stats["inspector_days"] = schedule(data, visits)
    stats["merge_seconds"] = round(merged_at - started, 3)
    stats["wall_seconds"] = round(time.perf_counter() - started, 3)
    stats["entries_saved"] = int(stats["naive_entries"]) - len(visits)  # type: ignore[arg-type]
    stats["joint_visits"] = sum(1 for v in visits if len(v.tasks) > 1)
    return PlanResult(visits=visits, unmerged=unmerged, stats=stats)


def working_days(start: dt.date, end: dt.date, is_workday) -> list[dt.date]:
    days = []
    day = start
    while day <= end:
        if is_workday(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def summarise(tasks: Iterable[PTask]) -> dict[str, int]:
    tasks = list(tasks)
    return {"tasks": len(tasks), "subjects": len({t.subject for t in tasks})}
