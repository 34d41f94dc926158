"""The 2022 demo for normdocs, built through the services (never by inserting totals).

The seed report states the totals only: 32 documents issued by the city government in 2022, all
through public comment; 13 joint-review types owned by 8 units; 4 special inspections with
"more than 90" findings. The titles, drafting units, dates, comments and findings below are
synthetic, chosen to look like a county's year of work.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from fazhi.consultations import selectors as consultation_selectors
from fazhi.consultations import services as consultation_services
from fazhi.core import services as core_services
from fazhi.core.models import NumberSeries, Organization
from fazhi.normdocs import services
from fazhi.normdocs.models import (
    FindingCategory,
    Inspection,
    NormativeDocument,
    ReviewType,
)
from fazhi.normdocs.rules import FAIR_COMPETITION_CODE, REGISTRATION_SERIES

CITY = "HN"
# The demo enters a past year: every act is a paper record entered today, with this reason.
PAPER = "演示数据：按2022年纸质台账补录"
JUSTICE = "HN-D08"

# (code, name, owner unit, mandatory for market-related documents): 13 types, 8 units.
REVIEW_TYPES = [
    ("fair-competition", "公平竞争审查", "HN-D22", True),
    ("price-policy", "价格政策审查", "HN-D22", False),
    ("fiscal-policy", "财政政策审查", "HN-D09", False),
    ("procurement-policy", "政府采购政策审查", "HN-D09", False),
    ("credit", "信用审查", "HN-D02", False),
    ("investment-policy", "投资政策审查", "HN-D02", False),
    ("business-environment", "营商环境影响审查", "HN-D02", False),
    ("model-creation", "法治政府示范创建审查", "HN-D08", False),
    ("certification-items", "证明事项审查", "HN-D08", False),
    ("employment-impact", "就业影响审查", "HN-D10", False),
    ("ecology", "生态环境影响审查", "HN-D11", False),
    ("public-data", "公共数据安全审查", "HN-D29", False),
    ("social-stability", "社会稳定风险审查", "HN-D28", False),
]

# (title, drafting unit, extra review types)
DOCUMENTS = [
    ("海宁市促进制造业高质量发展若干政策", "HN-D03", ["fiscal-policy", "business-environment"]),
    ("海宁市人才安居工程实施办法", "HN-D10", ["fiscal-policy", "employment-impact"]),
    ("海宁市企业技术中心认定管理办法", "HN-D05", ["fiscal-policy"]),
    ("海宁市农村宅基地管理办法", "HN-D15", ["social-stability"]),
    ("海宁市城市道路占用挖掘管理办法", "HN-D12", ["social-stability"]),
    ("海宁市公共租赁住房管理办法", "HN-D12", ["fiscal-policy", "credit"]),
    ("海宁市促进商贸服务业发展若干意见", "HN-D16", ["fiscal-policy"]),
    ("海宁市数字经济发展扶持政策", "HN-D29", ["fiscal-policy", "public-data"]),
    ("海宁市政府投资项目管理办法", "HN-D02", ["investment-policy", "procurement-policy"]),
    ("海宁市被征地农民基本生活保障实施办法", "HN-D10", ["social-stability", "fiscal-policy"]),
    ("海宁市生活垃圾分类管理办法", "HN-D25", ["ecology"]),
    ("海宁市养老服务补贴实施办法", "HN-D07", ["fiscal-policy"]),
    ("海宁市企业信用分级分类监管办法", "HN-D22", ["credit"]),
    ("海宁市市区建筑垃圾管理办法", "HN-D25", ["ecology"]),
    ("海宁市国有土地上房屋征收与补偿实施办法", "HN-D26", ["social-stability"]),
    ("海宁市农业产业化龙头企业认定和监测管理办法", "HN-D15", ["fiscal-policy"]),
    ("海宁市文化产业发展专项资金管理办法", "HN-D17", ["fiscal-policy"]),
    ("海宁市工业用地全生命周期管理办法", "HN-D26", ["investment-policy"]),
    ("海宁市科技创新券管理办法", "HN-D05", ["fiscal-policy"]),
    ("海宁市医疗救助实施办法", "HN-D24", ["fiscal-policy"]),
    ("海宁市最低生活保障实施细则", "HN-D07", ["fiscal-policy", "social-stability"]),
    ("海宁市停车场建设和管理办法", "HN-D12", ["price-policy"]),
    ("海宁市既有住宅加装电梯实施办法", "HN-D12", ["social-stability"]),
    ("海宁市证明事项告知承诺制实施办法", "HN-D08", ["certification-items", "credit"]),
    ("海宁市公共数据开放管理办法", "HN-D29", ["public-data"]),
    ("海宁市排水管理办法", "HN-D14", ["ecology"]),
    ("海宁市促进外贸稳增长若干政策", "HN-D16", ["fiscal-policy", "business-environment"]),
    ("海宁市困难群众临时救助实施办法", "HN-D07", ["fiscal-policy"]),
    ("海宁市政府采购负面清单管理暂行办法", "HN-D09", ["procurement-policy"]),
    ("海宁市法治政府建设示范创建评价办法", "HN-D08", ["model-creation"]),
    ("海宁市就业创业补贴实施办法", "HN-D10", ["employment-impact", "fiscal-policy"]),
    ("海宁市节能降碳技术改造奖励办法", "HN-D03", ["fiscal-policy", "ecology"]),
]

COMMENTS = [
    ("art-2", "建议明确适用对象的认定标准。", "adopted", ""),
    ("art-3", "建议简化申报材料，推行网上办理。", "partly", "网上办理已纳入，材料清单另行公布。"),
    ("", "建议延长政策有效期。", "not_adopted", "行政规范性文件有效期不得超过五年。"),
    ("art-4", "建议补充监督检查条款。", "adopted", ""),
]

INSPECTIONS = [
    ("2022年规范性文件合法性专项检查", dt.date(2022, 5, 16), 23),
    ("2022年涉企规范性文件公平竞争专项检查", dt.date(2022, 7, 18), 24),
    ("2022年规范性文件备案审查专项检查", dt.date(2022, 9, 19), 24),
    ("2022年规范性文件有效期管理专项检查", dt.date(2022, 11, 14), 24),
]

FINDING_TEXTS = {
    FindingCategory.PROCEDURE: "起草说明未载明征求意见采纳情况。",
    FindingCategory.FORM: "文件未标注有效期或施行日期表述不规范。",
    FindingCategory.FAIR_COMPETITION: "存在以本地注册为享受政策条件的表述。",
    FindingCategory.CONTENT: "设定了上位法未规定的申请条件。",
    FindingCategory.FILING: "报备材料不齐全。",
    FindingCategory.PUBLICATION: "未在政府门户网站规范性文件库同步公开。",
}


def _body(title: str) -> str:
    return "\n".join(
        [
            title,
            "第一章 总则",
            f"第一条 为做好相关工作，根据有关法律、法规和上级规定，结合本市实际，制定{title[3:]}。",
            "第二条 本办法适用于本市行政区域内的相关活动。",
            "第三条 市有关部门按照职责分工做好相关工作。",
            "第二章 附则",
            "第四条 本办法由起草单位负责解释。",
            "第五条 本办法自发布之日起施行，有效期五年。",
        ]
    )


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 10, tzinfo=dt.UTC)


def _review_types(admin, organizations: dict[str, Organization], say) -> None:
    existing = set(ReviewType.objects.values_list("code", flat=True))
    for code, name, unit, mandatory in REVIEW_TYPES:
        if code in existing:
            continue
        services.review_type_configure(
            actor=admin,
            code=code,
            name=name,
            owner_unit=organizations[unit],
            configured_on=dt.date(2022, 1, 1),
            required_for_market_related=mandatory,
        )
    say(f"规范性文件：联合审查类型 {ReviewType.objects.count()} 项")


def _document(admin, index: int, title: str, unit: Organization, city: Organization, extra) -> None:
    rng = random.Random(index)
    document = services.document_create(
        actor=admin,
        organization=unit,
        issuing_body=city,
        title=title,
        body=_body(title),
        drafting_explanation=f"{title}起草说明：根据上级部署并结合本市实际起草。",
        legal_bases="《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》",
        market_related=True,
    )
    starts = dt.date(2022, 1, 4) + dt.timedelta(days=9 * index)
    minimum = services.comment_minimum(document)
    ends = consultation_services.earliest_end(
        starts_on=starts, minimum_days=minimum.value, day_basis=minimum.unit
    ) + dt.timedelta(days=1)
    services.comment_open(
        actor=admin, document=document, starts_on=starts, ends_on=ends, backdate_reason=PAPER
    )
    consultation = consultation_selectors.consultation_for(document)
    for anchor, body, outcome, reason in rng.sample(COMMENTS, rng.randint(0, 3)):
        comment = consultation_services.comment_submit(
            consultation=consultation,
            body=body,
            anchor=anchor,
            at=_at(starts + dt.timedelta(days=rng.randint(1, 25))),
        )
        consultation_services.comment_moderate(comment=comment, approve=True, actor=admin)
        consultation_services.comment_respond(
            comment=comment, outcome=outcome, reason=reason, actor=admin
        )
    closed = ends + dt.timedelta(days=1)
    consultation_services.consultation_close(
        consultation=consultation, actor=admin, on=closed, backdate_reason=PAPER
    )
    consultation_services.adoption_summary_publish(
        consultation=consultation,
        text="征求意见期间收到的意见均已逐条研究并作出答复，详见下表。",
        actor=admin,
    )
    submitted = closed + dt.timedelta(days=2)
    legality = services.review_submit(
        actor=admin,
        document=document,
        review_type_codes=["fair-competition", *extra],
        on=submitted,
        backdate_reason=PAPER,
    )
    for review in document.joint_reviews.filter(round=1).select_related("review_type"):
        # The fair-competition review states its conclusion (公平竞争审查条例第十七条).
        conclusion = "no_effect" if review.review_type.code == FAIR_COMPETITION_CODE else ""
        services.joint_review_record(
            actor=admin,
            review=review,
            outcome="passed",
            on=submitted + dt.timedelta(days=3),
            competition_conclusion=conclusion,
        )
    # A paper record: the minimum review time counts from the submission's own date.
    concluded = services.legality_earliest_conclusion(
        legality, on=legality.submitted_on
    ) + dt.timedelta(days=1)
    services.legality_conclude(
        actor=admin,
        document=document,
        outcome="lawful",
        opinion="经审核，合法。",
        on=concluded,
        backdate_reason=PAPER,
    )
    meeting = concluded + dt.timedelta(days=3)
    services.deliberation_record(
        actor=admin,
        document=document,
        meeting_kind="executive",
        meeting_date=meeting,
        approved=True,
        minutes="市政府常务会议审议通过。",
    )
    issued = meeting + dt.timedelta(days=4)
    services.document_issue(
        actor=admin, document=document, series_key="city-normative", issued_on=issued
    )
    for filing in document.filings.all():
        services.filing_record(
            actor=admin, filing=filing, filed_on=issued + dt.timedelta(days=rng.randint(3, 12))
        )


def _inspections(admin, justice: Organization, say) -> None:
    categories = list(FINDING_TEXTS)
    for number, (title, started, findings) in enumerate(INSPECTIONS):
        if Inspection.objects.filter(title=title).exists():
            continue
        inspection = services.inspection_open(
            actor=admin, organization=justice, title=title, kind="special", started_on=started
        )
        issued_before = NormativeDocument.objects.filter(issued_on__lt=started)
        services.inspection_select_documents(
            actor=admin,
            inspection=inspection,
            issued_to=started - dt.timedelta(days=1),
            sample_size=min(8, issued_before.count()),
            seed=number,
        )
        documents = list(NormativeDocument.objects.filter(inspections=inspection).order_by("pk"))
        found = started + dt.timedelta(days=7)
        for index in range(findings):
            category = categories[(index + number) % len(categories)]
            finding = services.inspection_finding_record(
                actor=admin,
                inspection=inspection,
                document=documents[index % len(documents)],
                category=category,
                description=FINDING_TEXTS[category],
                recorded_on=found,
                rectification_due=found + dt.timedelta(days=30),
            )
            services.inspection_finding_rectify(
                actor=admin,
                finding=finding,
                rectified_on=found + dt.timedelta(days=10 + index % 15),
                note="已按要求整改并报送整改情况。",
            )
        services.inspection_close(
            actor=admin,
            inspection=inspection,
            closed_on=found + dt.timedelta(days=30),
            summary=f"共检查文件{len(documents)}件，发现问题{findings}条，均已整改。",
        )
    say(f"规范性文件：专项检查 {Inspection.objects.count()} 次")


@transaction.atomic
def build(*, admin, stdout=None) -> None:
    def say(text: str) -> None:
        if stdout is not None:
            stdout.write(text)

    codes = {unit for _code, _name, unit, _mandatory in REVIEW_TYPES}
    codes |= {unit for _title, unit, _extra in DOCUMENTS} | {CITY, JUSTICE}
    organizations = Organization.objects.in_bulk(sorted(codes), field_name="code")
    _review_types(admin, organizations, say)
    if not NumberSeries.objects.filter(key=REGISTRATION_SERIES).exists():
        core_services.number_series_create(
            key=REGISTRATION_SERIES,
            name="行政规范性文件统一登记号",
            # The letters of Haining's unified number are not confirmed (spec §1.4).
            template="ZJHN00-{year}-{seq:04d}",
            organization=organizations[JUSTICE],
            actor=admin,
        )
    existing = set(NormativeDocument.objects.values_list("title", flat=True))
    added = 0
    for index, (title, unit, extra) in enumerate(DOCUMENTS):
        if title in existing:
            continue
        _document(admin, index, title, organizations[unit], organizations[CITY], extra)
        added += 1
    say(f"规范性文件：新增 {added} 件")
    _inspections(admin, organizations[JUSTICE], say)
