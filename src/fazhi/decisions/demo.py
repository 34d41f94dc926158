"""The 2022 major-decision demo: Haining's catalog of six matters, run through the services.

The first three matters are named in the 2022 annual report; the other three are plausible
Haining matters of that year chosen for the demo. Each sponsoring unit gets a legal officer's
account; the justice bureau's demo account does the legality reviews and re-checks; the
administrator records what the government itself does (catalog, meetings, publication).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from fazhi.consultations import selectors as consultation_selectors
from fazhi.consultations import services as consultation_services
from fazhi.core import services as core_services
from fazhi.core.models import Organization, Role
from fazhi.decisions import services
from fazhi.decisions.models import Catalog, CatalogEntry, Category
from fazhi.decisions.rules import rule

D = dt.date
YEAR = 2022


@dataclass(frozen=True)
class Matter:
    title: str
    category: str
    sponsor: str  # organisation code
    basis: str
    planned: dt.date
    launched: dt.date
    comments: tuple[tuple[str, str, str], ...]  # (body, outcome, reason)
    expert_organizer: str = ""
    risk_assessor: str = ""
    risk_level: str = ""
    # None: decided and published in 2022; otherwise what is left undone at year end.
    unfinished: str | None = None


MATTERS = [
    Matter(
        "海宁市储能产业发展规划",
        Category.DEVELOPMENT_PLAN,
        "HN-D02",
        "《浙江省能源发展“十四五”规划》《嘉兴市能源发展“十四五”规划》",
        D(2022, 9, 30),
        D(2022, 3, 21),
        (
            ("建议明确用户侧储能的补贴标准。", "adopted", ""),
            (
                "建议增加储能电站消防安全要求。",
                "partly",
                "消防要求由专项规范规定，规划作原则性表述",
            ),
            ("建议放开所有企业自建储能。", "not_adopted", "与电网安全运行要求不符"),
        ),
        expert_organizer="浙江大学能源工程学院",
        risk_assessor="海宁市社会风险评估中心",
        risk_level="low",
    ),
    Matter(
        "海宁市养老服务设施布局专项规划",
        Category.DEVELOPMENT_PLAN,
        "HN-D07",
        "《中华人民共和国老年人权益保障法》《浙江省养老服务条例》",
        D(2022, 10, 31),
        D(2022, 4, 6),
        (
            ("建议在长安镇增设一处嵌入式养老机构。", "adopted", ""),
            ("建议老旧小区配建助餐点。", "adopted", ""),
            ("建议取消民办机构床位补贴。", "not_adopted", "与省级扶持政策不符"),
        ),
        expert_organizer="浙江省城乡规划设计研究院",
    ),
    Matter(
        "海宁市高速公路差异化收费(高速免费通行)政策",
        Category.PUBLIC_POLICY,
        "HN-D13",
        "《收费公路管理条例》《浙江省高速公路差异化收费实施方案》",
        D(2022, 6, 30),
        D(2022, 2, 14),
        (
            ("建议免费范围覆盖海宁境内全部收费站。", "partly", "首批覆盖本地车辆进出主要收费站"),
            ("建议明确财政补偿资金来源。", "adopted", ""),
            ("建议外地车辆同样免费。", "not_adopted", "补偿资金有限，先行保障本地车辆"),
        ),
        risk_assessor="海宁市社会风险评估中心",
        risk_level="medium",
    ),
    Matter(
        "海宁市中小学(幼儿园)布局专项规划(2021—2035年)",
        Category.DEVELOPMENT_PLAN,
        "HN-D04",
        "《中华人民共和国教育法》《浙江省义务教育条例》",
        D(2022, 11, 30),
        D(2022, 5, 9),
        (
            ("建议海昌街道新建一所初中。", "adopted", ""),
            ("建议保留村小教学点。", "partly", "保留生源稳定的教学点"),
        ),
        expert_organizer="浙江师范大学教育规划研究所",
    ),
    Matter(
        "海宁市钱塘江海塘安澜工程(海宁段)建设",
        Category.CONSTRUCTION,
        "HN-D14",
        "《中华人民共和国防洪法》《浙江省海塘建设管理条例》",
        D(2022, 12, 31),
        D(2022, 6, 6),
        (("建议兼顾观潮景观和游客安全。", "adopted", ""),),
        expert_organizer="浙江省水利河口研究院",
        risk_assessor="海宁市社会风险评估中心",
        risk_level="medium",
    ),
    Matter(
        "海宁市区公共停车收费管理办法",
        Category.PUBLIC_POLICY,
        "HN-D02",
        "《浙江省定价目录》《浙江省机动车停放服务收费管理办法》",
        D(2022, 12, 31),
        D(2022, 8, 15),
        (
            ("建议首小时免费。", "adopted", ""),
            ("建议夜间停车降价。", "partly", "居住区周边夜间实行优惠"),
            ("建议取消医院周边收费。", "not_adopted", "需以价格调节周转"),
            ("建议增设充电车位。", "adopted", ""),
        ),
        risk_assessor="海宁市社会风险评估中心",
        risk_level="medium",
        unfinished="postponed",
    ),
]


# The demo enters a past year: its dated acts are paper records entered today, with this reason.
PAPER = "演示数据：按2022年纸质台账补录"


def _sponsor(admin, code: str):
    """One legal officer's account per sponsoring unit."""
    from fazhi.demo.services import DEMO_PASSWORD

    User = get_user_model()
    username = f"decisions-{code.lower()}"
    user = User.objects.filter(username=username).first()
    if user is None:
        unit = Organization.objects.get(code=code)
        user = core_services.user_create(
            actor=admin,
            username=username,
            password=DEMO_PASSWORD,
            display_name=f"{unit.short_name or unit.name}法制员",
            roles=[(Role.DEPARTMENT_LEGAL_OFFICER, unit)],
        )
    return user


def _participation(decision, sponsor, matter: Matter) -> None:
    starts = matter.launched + dt.timedelta(days=10)
    # Two days beyond the earliest lawful end (which holidays may push past 30 days).
    ends = consultation_services.earliest_end(
        starts_on=starts, minimum_days=rule("public_comment_min_days").value, day_basis="calendar"
    ) + dt.timedelta(days=2)
    services.public_participation_start(
        actor=sponsor,
        decision=decision,
        starts_on=starts,
        ends_on=ends,
        channel="海宁市人民政府门户网站“意见征集”栏目",
        draft_text=(
            f"{matter.title}（征求意见稿）\n"
            "第一条 为贯彻落实上级决策部署，结合本市实际，制定本文件。\n"
            "第二条 本文件适用于海宁市行政区域。\n"
            "第三条 市有关部门按照职责分工做好实施工作。"
        ),
        backdate_reason=PAPER,
    )
    consultation = consultation_selectors.consultation_for(decision)
    for index, (body, outcome, reason) in enumerate(matter.comments):
        at = dt.datetime.combine(starts + dt.timedelta(days=3 + index), dt.time(9), dt.UTC)
        comment = consultation_services.comment_submit(
            consultation=consultation, body=body, anchor="", at=at
        )
        consultation_services.comment_moderate(comment=comment, approve=True, actor=sponsor)
        consultation_services.comment_respond(
            comment=comment, outcome=outcome, reason=reason, actor=sponsor
        )
    consultation_services.consultation_close(
        consultation=consultation,
        actor=sponsor,
        on=ends + dt.timedelta(days=1),
        backdate_reason=PAPER,
    )
    consultation_services.adoption_summary_publish(
        consultation=consultation,
        actor=sponsor,
        text=f"共收到意见{len(matter.comments)}条，已逐条研究并作出答复。",
    )
    services.public_participation_complete(
        actor=sponsor,
        decision=decision,
        completed_on=ends + dt.timedelta(days=3),
        report="公众意见已逐条研究，采纳情况已在门户网站公布。",
    )


def _conditional_steps(decision, sponsor, matter: Matter, on: dt.date) -> dt.date:
    if matter.expert_organizer:
        services.expert_argumentation_start(
            actor=sponsor,
            decision=decision,
            started_on=on,
            organizer=matter.expert_organizer,
            experts="专家组5人（含持不同意见专家1人）",
        )
        on += dt.timedelta(days=7)
        services.expert_argumentation_complete(
            actor=sponsor,
            decision=decision,
            completed_on=on,
            opinions="专家组原则同意，提出3条修改建议，已全部吸收。",
        )
    else:
        services.step_skip(
            actor=sponsor,
            decision=decision,
            kind="expert_argumentation",
            reason="事项不涉及专业性、技术性较强的问题",
            basis="《重大行政决策程序暂行条例》第十九条",
            skipped_on=on,
        )
    if matter.risk_assessor:
        services.risk_assessment_start(
            actor=sponsor, decision=decision, started_on=on, assessor=matter.risk_assessor
        )
        on += dt.timedelta(days=10)
        services.risk_assessment_complete(
            actor=sponsor,
            decision=decision,
            completed_on=on,
            risk_level=matter.risk_level,
            report="识别风险点3个，总体风险可控。",
            mitigation="建立舆情监测和信访快速响应机制，制定应急处置预案。",
        )
    else:
        services.step_skip(
            actor=sponsor,
            decision=decision,
            kind="risk_assessment",
            reason="实施不会对社会稳定、公共安全等方面造成不利影响",
            basis="《重大行政决策程序暂行条例》第二十二条",
            skipped_on=on,
        )
    return on


def _through_decision(decision, sponsor, justice, admin, matter: Matter, meeting: int) -> None:
    on = decision.steps.get(kind="public_participation").completed_on + dt.timedelta(days=2)
    on = _conditional_steps(decision, sponsor, matter, on)
    submitted = on + dt.timedelta(days=2)
    services.legality_review_submit(
        actor=sponsor,
        decision=decision,
        submitted_on=submitted,
        review_due_on=services.legality_minimum_due(submitted) + dt.timedelta(days=3),
    )
    concluded = services.legality_minimum_due(submitted)
    services.legality_review_conclude(
        actor=justice,
        decision=decision,
        concluded_on=concluded,
        outcome="lawful_with_changes",
        opinion="决策草案经审查，建议修改第三条表述后提交审议。",
    )
    checked = concluded + dt.timedelta(days=2)
    services.check_record(
        actor=sponsor,
        decision=decision,
        kind="self_check",
        checker="承办单位法制科",
        checked_on=checked,
        outcome="passed",
    )
    services.check_record(
        actor=justice,
        decision=decision,
        kind="legal_agency_check",
        checker="市司法局法制科",
        checked_on=checked,
        outcome="passed_after_rectification",
        findings="程序说明缺少专家名单",
        rectification="已补充专家名单及签名意见",
    )
    services.check_record(
        actor=justice,
        decision=decision,
        kind="legal_adviser_check",
        checker="市政府法律顾问（浙江某律师事务所）",
        checked_on=checked,
        outcome="passed",
    )
    held = checked + dt.timedelta(days=5)
    services.collective_discussion_record(
        actor=admin,
        decision=decision,
        meeting_type="executive",
        meeting_name=f"市政府第{meeting}次常务会议",
        held_on=held,
        result="adopted",
        head_spoke_last=True,
        minutes="会议讨论，原则通过，请承办单位按会议意见修改后印发实施。",
    )
    services.decision_publish(
        actor=admin,
        decision=decision,
        published_on=held + dt.timedelta(days=10),
        channel="海宁市人民政府门户网站、《海宁日报》",
        document_number=f"海政发〔2022〕{meeting + 10}号",
        party_report_on=held + dt.timedelta(days=3),
        executing_unit=decision.organization,
    )


def build(*, admin, stdout) -> None:
    city = Organization.objects.filter(code="HN").first()
    if city is None or Catalog.objects.filter(organization=city, year=YEAR).exists():
        return
    User = get_user_model()
    justice = User.objects.get(username="justice")
    catalog = services.catalog_create(
        actor=admin,
        organization=city,
        year=YEAR,
        title="海宁市人民政府2022年度重大行政决策事项目录",
    )
    sponsors = {m.sponsor: _sponsor(admin, m.sponsor) for m in MATTERS}
    for matter in MATTERS:
        services.entry_propose(
            actor=sponsors[matter.sponsor],
            catalog=catalog,
            title=matter.title,
            category=matter.category,
            organization=Organization.objects.get(code=matter.sponsor),
            basis=matter.basis,
            planned_completion=matter.planned,
        )
    services.catalog_approve(
        actor=admin,
        catalog=catalog,
        approved_on=D(2022, 2, 9),
        approval_meeting="市政府第3次常务会议",
        party_consent_on=D(2022, 2, 7),
    )
    services.catalog_publish(actor=admin, catalog=catalog, published_on=D(2022, 2, 11))
    for meeting, matter in enumerate(MATTERS, start=12):
        sponsor = sponsors[matter.sponsor]
        entry = CatalogEntry.objects.get(catalog=catalog, title=matter.title)
        decision = services.decision_launch(
            actor=sponsor,
            entry=entry,
            launched_on=matter.launched,
            draft_summary=f"{matter.title}：起草背景、主要内容和需要说明的问题。",
        )
        _participation(decision, sponsor, matter)
        if matter.unfinished:
            services.catalog_adjust(
                actor=admin,
                catalog=catalog,
                kind="reschedule",
                entry=entry,
                reason="需与城区停车设施专项规划衔接，计划完成时间顺延",
                adjusted_on=D(2022, 11, 18),
                planned_completion=D(2023, 6, 30),
            )
            continue
        _through_decision(decision, sponsor, justice, admin, matter, meeting)
    highway = CatalogEntry.objects.get(catalog=catalog, sequence=3).decision
    services.implementation_report(
        actor=sponsors["HN-D13"],
        decision=highway,
        reported_on=D(2022, 10, 10),
        progress="政策实施以来，本地车辆累计免费通行约120万车次。",
    )
    services.evaluation_commission(
        actor=admin,
        decision=highway,
        trigger="many_opinions",
        evaluator="嘉兴学院法政学院",
        is_third_party=True,
        commissioned_on=D(2022, 11, 1),
    )
    stdout.write("重大行政决策：2022年度目录6项，作出决策5项")
