"""A modest 综合查一次 demo for Haining, built through the services (synthetic enterprises).

Five departments' items (legal bases cite articles of the law base, or are marked unresolved
by the resolver), 48 synthetic restaurants, factories and shops in three towns with valid
credit codes, the departments' certified officers as inspectors, scenarios at the three
levels, one 双随机 plan committed, drawn and published, the other departments' planned tasks,
a joint plan proposed and issued, and one visit recorded whose failed item was handed over to
an enforcement case file. The period is the current and the next month, since seeds are
committed and results recorded on the server's date.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from fazhi.core.models import Organization, Person
from fazhi.demo import haining
from fazhi.inspections import services
from fazhi.inspections.domain import credit_code
from fazhi.inspections.models import Result, RiskList, ScenarioLevel, Subject

# (department, code, name, legal basis, object type, tags, minutes, per year, list, skill)
ITEMS = [
    (
        "HN-D22",
        "SC-CY-01",
        "餐饮服务食品安全监督检查",
        "《中华人民共和国食品安全法》第八十七条（监督抽检）",
        "餐饮单位",
        ["餐饮", "食品"],
        60,
        2,
        RiskList.KEY,
        "食品",
    ),
    (
        "HN-D22",
        "SC-TZ-01",
        "特种设备使用单位监督检查",
        "《中华人民共和国特种设备安全法》第五十七条（监督检查）",
        "工业企业",
        ["特种设备"],
        90,
        1,
        RiskList.RANDOM,
        "特种设备",
    ),
    (
        "HN-D36",
        "XF-01",
        "单位消防安全监督检查",
        "《中华人民共和国消防法》第五十三条（消防监督检查）",
        "餐饮单位",
        ["餐饮", "消防"],
        45,
        1,
        RiskList.RANDOM,
        "消防",
    ),
    (
        "HN-D36",
        "XF-02",
        "工业企业消防安全检查",
        "《中华人民共和国消防法》第五十三条（消防监督检查）",
        "工业企业",
        ["消防"],
        60,
        1,
        RiskList.RANDOM,
        "消防",
    ),
    (
        "HN-D20",
        "YJ-01",
        "工贸企业安全生产执法检查",
        "《中华人民共和国安全生产法》第六十五条（监督检查职权）",
        "工业企业",
        ["安全生产"],
        120,
        1,
        RiskList.KEY,
        "安全生产",
    ),
    (
        "HN-D11",
        "HB-01",
        "排污单位现场检查",
        "《中华人民共和国环境保护法》第二十四条（现场检查）",
        "工业企业",
        ["环保"],
        90,
        1,
        RiskList.RANDOM,
        "环保",
    ),
    (
        "HN-D25",
        "ZF-CY-01",
        "餐饮油烟和燃气使用检查",
        "《城镇燃气管理条例》第四十二条（燃气安全检查）",
        "餐饮单位",
        ["餐饮", "燃气"],
        45,
        2,
        RiskList.RANDOM,
        "燃气",
    ),
]
TOWNS = ("HN-T06", "HN-T05", "HN-T01")
KINDS = (
    ("餐饮单位", "餐饮", "餐馆"),
    ("工业企业", "制造业", "经编厂"),
    ("餐饮单位", "餐饮", "面馆"),
)


def _period() -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    start = today.replace(day=1)
    after = (start + dt.timedelta(days=62)).replace(day=1)
    return start, after - dt.timedelta(days=1)


def build(*, admin, stdout) -> None:
    if Subject.objects.exists():
        return
    start, end = _period()
    today = timezone.localdate()
    orgs = Organization.objects.in_bulk(
        [*{i[0] for i in ITEMS}, *TOWNS, haining.JUSTICE_BUREAU], field_name="code"
    )
    from fazhi.enforcement.models import EnforcementItem

    handover_item = (
        EnforcementItem.objects.filter(organization__code="HN-D25", name__contains="餐饮服务")
        .order_by("pk")
        .first()
    )
    items = {}
    for dept, code, name, basis, kind, tags, minutes, per_year, risk, skill in ITEMS:
        items[code] = services.item_add(
            actor=admin,
            organization=orgs[dept],
            code=code,
            name=name,
            legal_basis=basis,
            object_type=kind,
            industry_tags=tags,
            duration_minutes=minutes,
            frequency_per_year=per_year,
            risk_list=risk,
            skill=skill,
            enforcement_item=handover_item if code == "ZF-CY-01" else None,
        )
    rng = random.Random(32100)
    subjects = []
    for n in range(48):
        kind, industry, suffix = KINDS[n % len(KINDS)]
        town = orgs[TOWNS[n % len(TOWNS)]]
        subjects.append(
            services.subject_add(
                actor=admin,
                name=f"海宁示例{town.name[:2]}{suffix}{n + 1:02d}",
                credit_code=credit_code.make(f"91330481MA2B{n:05d}"),
                town=town,
                object_type=kind,
                industry=industry,
                risk_grade=rng.choice(("high", "medium", "medium", "low")),
                credit_grade=rng.choice("AABBBC"),
                address=f"{town.name}示例路{n + 1}号",
                blackout_dates=[(start + dt.timedelta(days=14)).isoformat()] if n % 7 == 0 else [],
            )
        )
    skills = {i[0]: [i[9]] for i in ITEMS}
    for dept in {i[0] for i in ITEMS}:
        people = Person.objects.filter(
            organization=orgs[dept], certificate_valid_until__gte=end
        ).exclude(enforcement_certificate_number="")[:6]
        for person in people:
            services.inspector_add(
                actor=admin, person=person, organization=orgs[dept], skills=skills[dept]
            )
    restaurant = [items[c] for c in ("SC-CY-01", "XF-01", "ZF-CY-01")]
    services.scenario_add(
        actor=admin,
        name="餐饮单位综合查一次",
        level=ScenarioLevel.CITY_KEY,
        object_type="餐饮单位",
        items=restaurant,
    )
    services.scenario_add(
        actor=admin,
        name="工贸企业综合查一次",
        level=ScenarioLevel.CITY_GENERAL,
        object_type="工业企业",
        items=[items[c] for c in ("SC-TZ-01", "XF-02", "YJ-01", "HB-01")],
    )
    services.scenario_add(
        actor=admin,
        name="长安镇沿街餐饮专项",
        level=ScenarioLevel.TOWN,
        object_type="餐饮单位",
        items=restaurant,
        town=orgs["HN-T06"],
    )
    plan = services.draw_plan_create(
        actor=admin,
        organization=orgs["HN-D22"],
        title="餐饮服务食品安全双随机抽查",
        items=[items["SC-CY-01"]],
        period_start=start,
        period_end=end,
        ratios=services.ratios_from(
            {"risk_high": 60, "risk_medium": 30, "risk_low": 10, "credit_C": 20}
        ),
    )
    plan = services.draw_commit(actor=admin, plan=plan)
    plan = services.draw_run(actor=admin, plan=plan)
    services.draw_publish(actor=admin, plan=plan)
    for subject in subjects:
        for item in items.values():
            if item.object_type != subject.object_type or item.code == "SC-CY-01":
                continue
            if rng.random() < 0.55:
                services.task_add(
                    actor=admin, subject=subject, item=item, earliest=start, due_by=end
                )
    joint = services.joint_plan_propose(
        actor=admin,
        organization=orgs[haining.JUSTICE_BUREAU],
        title=f"{start:%Y年%m月}起综合查一次统筹计划",
        period_start=start,
        period_end=end,
    )
    services.joint_plan_issue(actor=admin, plan=joint)
    visit = next(
        (v for v in joint.visits.order_by("scheduled_on", "pk") if v.tasks.count() >= 2), None
    )
    if visit is not None:
        results = {}
        for task in visit.tasks.select_related("item"):
            if task.item.code == "ZF-CY-01" and handover_item is not None:
                results[task.pk] = (Result.HANDOVER, "后厨燃气软管老化且未安装熄火保护装置（示例）")
            else:
                results[task.pk] = (Result.PASS, "")
        services.visit_record(
            actor=admin, visit=visit, recorded_on=today, results=results, note="示例检查"
        )
    if stdout is not None:
        summary = joint.summary
        stdout.write(
            f"综合查一次：{summary['tasks']} 项任务合并为 {summary['entries']} 次入企"
            f"（下限 {summary['lower_bound']}）"
        )
