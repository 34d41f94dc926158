"""The 2022 supervision demo: 18 special supervisors, 5 campaigns, evaluations and notices."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from fazhi.core.models import Organization
from fazhi.demo import haining
from fazhi.enforcement.models import PenaltyCase
from fazhi.supervision import services
from fazhi.supervision.models import Campaign, CampaignKind, SpecialSupervisor, SupervisionNotice

SECTORS = [
    ("人大代表", "海宁市人大代表"),
    ("政协委员", "海宁市政协委员"),
    ("律师", "浙江某律师事务所律师"),
    ("企业代表", "海宁某皮革有限公司负责人"),
    ("媒体", "海宁日报社记者"),
    ("社区代表", "社区居委会主任"),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高"
CAMPAIGNS = [
    ("2022年度行政执法案卷评查", CampaignKind.CASE_FILE_EVALUATION, dt.date(2022, 3, 1)),
    (
        "综合行政执法“大综合一体化”改革专项监督检查",
        CampaignKind.SPECIAL_INSPECTION,
        dt.date(2022, 5, 9),
    ),
    ("轻微违法行为免罚清单执行情况专项检查", CampaignKind.SPECIAL_INSPECTION, dt.date(2022, 7, 4)),
    ("镇街赋权事项执法质效评议", CampaignKind.QUALITY_EVALUATION, dt.date(2022, 9, 13)),
    ("涉企行政执法专项监督检查", CampaignKind.SPECIAL_INSPECTION, dt.date(2022, 11, 7)),
]


def build(*, admin, stdout) -> None:
    User = get_user_model()
    supervisor = User.objects.get(username="supervisor")
    justice = Organization.objects.get(code=haining.JUSTICE_BUREAU)
    city = Organization.objects.get(code=haining.CITY[0])
    if not SpecialSupervisor.objects.exists():
        for number in range(18):
            sector, unit = SECTORS[number % len(SECTORS)]
            services.supervisor_appoint(
                actor=supervisor,
                organization=city,
                name=f"{SURNAMES[number]}{'建国志明丽华晓东海燕'[number % 5 * 2 : number % 5 * 2 + 2]}",
                work_unit=unit,
                sector=sector,
                appointment_document="海政办发〔2021〕58号",
                term_start=dt.date(2021, 7, 1),
                term_end=dt.date(2024, 6, 30),
            )
    if Campaign.objects.exists():
        return
    campaigns = [
        services.campaign_create(
            actor=supervisor, organization=justice, title=title, kind=kind, started_on=start
        )
        for title, kind, start in CAMPAIGNS
    ]
    evaluation = campaigns[0]
    sheets = [
        [],
        ["nonstandard_forms"],
        ["late_publicity", "file_order"],
        ["discretion_unexplained"],
    ]
    for index, case in enumerate(PenaltyCase.objects.order_by("id")[:12]):
        services.evaluation_record(
            actor=supervisor,
            campaign=evaluation,
            case_id=case.pk,
            veto_hits=[],
            deductions=sheets[index % len(sheets)],
            on=dt.date(2022, 3, 20),
        )
    for campaign in campaigns[:4]:
        services.campaign_close(
            actor=supervisor,
            campaign=campaign,
            on=campaign.started_on + dt.timedelta(days=30),
            summary="检查发现问题已通报相关单位并督促整改。",
        )
    town = Organization.objects.get(code="HN-T06")
    bureau = Organization.objects.get(code=haining.ENFORCEMENT_BUREAU)
    notices = [
        services.notice_issue(
            actor=supervisor,
            issuer=justice,
            organization=target,
            campaign=campaigns[1],
            problems=problem,
            issued_on=dt.date(2022, 6, 10),
            rectify_by=dt.date(2022, 7, 10),
        )
        for target, problem in (
            (bureau, "部分行政处罚决定未在规定期限内公示。"),
            (town, "部分案卷裁量理由说明不充分，未载明适用的裁量阶次。"),
        )
    ]
    services.notice_respond(
        actor=User.objects.get(username="officer"),
        notice=notices[0],
        on=dt.date(2022, 7, 5),
        response="已对逾期公示案件补充公示，并建立公示提醒机制。",
    )
    services.notice_close(
        actor=supervisor, notice=notices[0], on=dt.date(2022, 7, 15), opinion="整改到位，予以办结。"
    )
    services.accountability_record(
        actor=supervisor,
        organization=bureau,
        person_name="某执法队员",
        fault="处罚决定逾期公示且未说明理由",
        measure="批评教育",
        decided_on=dt.date(2022, 7, 20),
        notice=notices[0],
    )
    if stdout is not None:
        stdout.write(
            f"执法监督：特邀监督员 {SpecialSupervisor.objects.count()} 名，活动 {len(campaigns)} 次，"
            f"通知书 {SupervisionNotice.objects.count()} 份"
        )
