"""The 2022 enforcement demo: catalog and delegations, exemption list, benchmarks and cases.

Everything goes through the services. The catalog is generated from real penalty fields and the
laws that found them (item names follow the ``对……的行政处罚`` pattern of Zhejiang catalogs);
the exemption list loads the real Zhejiang sample rows and adds items tied to catalog entries.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model

from fazhi.core.domain.identity import id_number_check_char
from fazhi.core.models import Organization, Person
from fazhi.demo import haining
from fazhi.enforcement import selectors, services
from fazhi.enforcement.certificates import certified_people
from fazhi.enforcement.models import (
    CaseOutcome,
    Commitment,
    CommitmentResult,
    DiscretionGrade,
    EnforcementCertificate,
    EnforcementItem,
    EvidenceKind,
    ExemptionItem,
    ItemMode,
    LegalReviewer,
    PartyType,
    PenaltyCase,
    PenaltyKind,
    ReviewOutcome,
)
from fazhi.enforcement.services import ItemRow, Party

CATALOG_SIZE = 1831
PILOT_DELEGATED = 405
OTHER_DELEGATED = 234
EXEMPTIONS_GENERATED = 150
EXEMPTIONS_REPEALED = 5
PILOT_TOWN_CODES = ("HN-T06", "HN-T12")
CATALOG_FROM = dt.date(2022, 1, 1)
DELEGATION_DOCUMENT = "海政发〔2022〕3号"

# (field, original department, founding law, acts, objects, statutory maximum fine)
FIELDS: list[tuple[str, str, str, list[str], list[str], int]] = [
    (
        "市容环卫",
        "HN-D12",
        "《城市市容和环境卫生管理条例》",
        ["擅自", "未按规定", "违反规定"],
        [
            "在城市道路两侧设置摊点",
            "在建筑物外立面悬挂晾晒物品",
            "倾倒建筑垃圾",
            "设置户外广告设施",
            "堆放物料",
            "运输渣土沿途撒漏",
            "占用人行道经营",
            "张贴小广告",
            "焚烧垃圾",
            "饲养家禽家畜",
            "设置大型户外广告",
            "在树木上悬挂物品",
            "清洗车辆造成污水漫溢",
        ],
        50000,
    ),
    (
        "城乡规划",
        "HN-D26",
        "《中华人民共和国城乡规划法》",
        ["未取得建设工程规划许可证", "未按照规划许可", "擅自改变规划条件"],
        [
            "建设住宅",
            "建设厂房",
            "建设临时建筑",
            "改变建筑外立面",
            "加层扩建",
            "建设围墙",
            "建设附属用房",
            "建设地下室",
            "搭建钢棚",
            "建设构筑物",
        ],
        500000,
    ),
    (
        "生态环境",
        "HN-D11",
        "《中华人民共和国大气污染防治法》",
        ["违规", "未采取防治措施", "超标准"],
        [
            "露天焚烧秸秆",
            "排放油烟",
            "施工扬尘",
            "堆放易产生扬尘的物料",
            "露天喷涂作业",
            "排放恶臭气体",
            "使用高排放非道路移动机械",
            "运输散装物料",
        ],
        100000,
    ),
    (
        "水务",
        "HN-D14",
        "《浙江省河道管理条例》",
        ["擅自", "未经批准", "违反规定"],
        [
            "在河道管理范围内建设建筑物",
            "向河道倾倒垃圾",
            "在河道内采砂",
            "占用水域",
            "设置排污口",
            "围垦河道",
            "在堤防上取土",
            "填堵河道",
        ],
        50000,
    ),
    (
        "市场监管",
        "HN-D22",
        "《浙江省无证无照经营查处办法》",
        ["无照", "无证", "超范围"],
        [
            "从事食品经营",
            "从事餐饮服务",
            "从事网络经营",
            "从事废旧物品回收",
            "从事美容美发服务",
            "从事家电维修",
            "从事汽车维修",
            "从事棋牌娱乐",
        ],
        20000,
    ),
    (
        "住房建设",
        "HN-D12",
        "《浙江省物业管理条例》",
        ["违规", "擅自", "未按规定"],
        [
            "改变物业共用部位用途",
            "占用消防通道",
            "拆改房屋承重结构",
            "装修产生噪声扰民",
            "利用住宅从事经营",
            "破坏房屋外观",
            "占用绿地",
            "私拉电线充电",
        ],
        100000,
    ),
    (
        "交通运输",
        "HN-D13",
        "《浙江省公路路政管理条例》",
        ["擅自", "未经许可", "违反规定"],
        [
            "在公路用地范围内设置标牌",
            "占用公路堆放物品",
            "在公路上打场晒粮",
            "超限运输",
            "损坏公路附属设施",
            "在建筑控制区内建设",
            "开设平面交叉道口",
            "挖掘公路",
        ],
        30000,
    ),
    (
        "农业农村",
        "HN-D15",
        "《中华人民共和国农产品质量安全法》",
        ["违规", "未按规定", "擅自"],
        [
            "使用禁用农药",
            "销售不合格农产品",
            "未建立生产记录",
            "违规屠宰生猪",
            "违规使用兽药",
            "在禁渔区捕捞",
            "焚烧农作物秸秆",
            "违规处置病死动物",
        ],
        100000,
    ),
    (
        "自然资源",
        "HN-D26",
        "《中华人民共和国土地管理法》",
        ["非法", "擅自", "未经批准"],
        [
            "占用耕地建房",
            "占用基本农田",
            "改变土地用途",
            "占用土地挖砂",
            "临时用地到期未复垦",
            "买卖土地",
            "占用林地",
            "采矿",
        ],
        200000,
    ),
    (
        "卫生健康",
        "HN-D18",
        "《公共场所卫生管理条例》",
        ["未取得卫生许可证", "未按规定", "违规"],
        [
            "经营住宿场所",
            "经营沐浴场所",
            "组织从业人员健康检查",
            "开展室内空气检测",
            "经营游泳场所",
            "控烟",
            "设置禁烟标识",
            "消毒公共用品",
        ],
        30000,
    ),
    (
        "文化旅游",
        "HN-D17",
        "《娱乐场所管理条例》",
        ["擅自", "违规", "未按规定"],
        [
            "从事娱乐场所经营",
            "接纳未成年人",
            "从事旅游经营",
            "从事互联网上网服务",
            "设置游艺设备",
            "营业时间超时",
            "举办营业性演出",
            "安装卫星地面接收设施",
        ],
        50000,
    ),
    (
        "应急管理",
        "HN-D20",
        "《中华人民共和国安全生产法》",
        ["未按规定", "违规", "擅自"],
        [
            "储存危险化学品",
            "组织安全培训",
            "配备安全管理人员",
            "设置安全警示标志",
            "经营烟花爆竹",
            "开展隐患排查",
            "进行动火作业",
            "使用特种设备",
        ],
        200000,
    ),
    (
        "民政民宗",
        "HN-D31",
        "《宗教事务条例》",
        ["擅自", "违规", "未经批准"],
        [
            "设立宗教活动场所",
            "举行大型宗教活动",
            "修建大型露天宗教造像",
            "建设殡葬设施",
            "土葬",
            "销售封建迷信殡葬用品",
        ],
        50000,
    ),
    (
        "人防消防",
        "HN-D36",
        "《浙江省消防条例》",
        ["违规", "未按规定", "擅自"],
        [
            "占用疏散通道",
            "埋压消火栓",
            "停用消防设施",
            "在居住场所生产经营",
            "为电动自行车充电",
            "设置影响逃生的障碍物",
        ],
        50000,
    ),
]
OBJECT_PREFIXES = ["", "个人", "单位", "经营者", "施工单位", "企业", "其他组织", "从业人员"]
# Prefixes naming a natural person: a provision that punishes only units does not reach them.
PERSON_PREFIXES = ("个人", "从业人员")
# How a generated item's basis says that its article is not resolved in the law base.
UNRESOLVED = "条款未核实，待关联法规库"


@dataclass(frozen=True)
class Basis:
    """The real articles of a law in the law base for one generated act: the one it breaks,
    the one that punishes it (with what it is cited for), and the word of the act that the
    penalty article names (tests/enforcement/test_catalog_bases.py checks all three)."""

    law: str
    breaks: str  # 违法依据: the article the act breaks
    punishes: str  # 处罚依据: the article that provides the penalty
    cited_for: str
    keyword: str
    acts: tuple[str, ...] = ()  # only these act words ("" = every act of the field)
    units_only: bool = False  # the provision punishes units, not individuals


FIRE = "《中华人民共和国消防法》"
SAFETY = "《中华人民共和国安全生产法》"
FOOD = "《中华人民共和国食品安全法》"
# Field → object → the article that punishes that act, read in the law's 法律责任 chapter. Objects
# not listed here (their law is not in the law base, or no article of it punishes the act) keep
# their basis marked unresolved: 大气污染防治法, 城乡规划法, 土地管理法 and the regulations are not
# held; 环境保护法 punishes none of the generated air-pollution acts with a fine (art 60 orders
# production limits, art 63 refers to the police); 烟花爆竹 and 特种设备 need their own laws.
BASES: dict[str, dict[str, Basis]] = {
    "人防消防": {
        "占用疏散通道": Basis(
            FIRE, "第二十八条", "第六十条", "占用、堵塞、封闭疏散通道、安全出口", "疏散通道"
        ),
        "埋压消火栓": Basis(FIRE, "第二十八条", "第六十条", "埋压、圈占、遮挡消火栓", "消火栓"),
        "停用消防设施": Basis(
            FIRE,
            "第二十八条",
            "第六十条",
            "损坏、挪用或者擅自拆除、停用消防设施、器材",
            "停用消防设施",
        ),
        "在居住场所生产经营": Basis(
            FIRE,
            "第十九条",
            "第六十一条",
            "生产、储存、经营场所与居住场所设置在同一建筑物内",
            "居住场所",
        ),
        "设置影响逃生的障碍物": Basis(
            FIRE,
            "第二十八条",
            "第六十条",
            "人员密集场所在门窗上设置影响逃生和灭火救援的障碍物",
            "影响逃生",
            units_only=True,
        ),
    },
    "住房建设": {
        "占用消防通道": Basis(
            FIRE, "第二十八条", "第六十条", "占用、堵塞、封闭消防车通道", "消防车通道"
        ),
    },
    "市场监管": {
        # 无证 only: 无照 (no business licence) and 超范围 are punished by regulations not held.
        "从事食品经营": Basis(
            FOOD,
            "第三十五条",
            "第一百二十二条",
            "未取得食品生产经营许可从事食品生产经营活动",
            "食品生产经营许可",
            acts=("无证",),
        ),
        "从事餐饮服务": Basis(
            FOOD,
            "第三十五条",
            "第一百二十二条",
            "未取得食品生产经营许可从事食品生产经营活动（餐饮服务）",
            "食品生产经营许可",
            acts=("无证",),
        ),
    },
    # 安全生产法 punishes 生产经营单位 for failing a duty; 擅自 (without approval) acts are
    # punished under the hazardous-goods regulations (art 100 refers to them), not held.
    "应急管理": {
        "储存危险化学品": Basis(
            SAFETY,
            "第三十九条",
            "第一百零一条",
            "储存、使用危险物品未建立专门安全管理制度、未采取可靠的安全措施",
            "危险物品",
            acts=("未按规定", "违规"),
            units_only=True,
        ),
        "组织安全培训": Basis(
            SAFETY,
            "第二十八条",
            "第九十七条",
            "未按照规定对从业人员进行安全生产教育和培训",
            "培训",
            acts=("未按规定", "违规"),
            units_only=True,
        ),
        "配备安全管理人员": Basis(
            SAFETY,
            "第二十四条",
            "第九十七条",
            "未按照规定配备安全生产管理人员",
            "安全生产管理人员",
            acts=("未按规定", "违规"),
            units_only=True,
        ),
        "设置安全警示标志": Basis(
            SAFETY,
            "第三十五条",
            "第九十九条",
            "未在有较大危险因素的场所和设施、设备上设置明显的安全警示标志",
            "安全警示标志",
            acts=("未按规定", "违规"),
            units_only=True,
        ),
        "开展隐患排查": Basis(
            SAFETY,
            "第四十一条",
            "第一百零一条",
            "未建立事故隐患排查治理制度",
            "隐患排查",
            acts=("未按规定", "违规"),
            units_only=True,
        ),
        "进行动火作业": Basis(
            SAFETY,
            "第四十三条",
            "第一百零一条",
            "进行动火等危险作业未安排专门人员进行现场安全管理",
            "动火",
            acts=("未按规定", "违规"),
            units_only=True,
        ),
    },
}


def basis_for(field: str, act: str, obj: str, prefix: str) -> Basis | None:
    """The law-base articles for one generated act, or None when none is known to punish it."""
    basis = BASES.get(field, {}).get(obj)
    if basis is None or (basis.acts and act not in basis.acts):
        return None
    if basis.units_only and prefix in PERSON_PREFIXES:
        return None
    return basis


def catalog_rows(holder: Organization) -> list[ItemRow]:
    """1831 generated items across the fields, the first 405 delegated (234 of them widely).

    Items are dealt round the fields; within a field each act word, object and addressee prefix
    combination comes once (the smallest field has 3 × 6 × 8 = 144 combinations, more than the
    131 rounds 1831 items take), so names are distinct without any numbering suffix.
    """
    rows: list[ItemRow] = []
    names: set[tuple[str, str]] = set()
    index = 0
    while len(rows) < CATALOG_SIZE:
        field_index = index % len(FIELDS)
        field, department, law, acts, objects, max_fine = FIELDS[field_index]
        round_ = index // len(FIELDS)
        act = acts[round_ % len(acts)]
        obj = objects[(round_ // len(acts)) % len(objects)]
        prefix = OBJECT_PREFIXES[(round_ // (len(acts) * len(objects))) % len(OBJECT_PREFIXES)]
        name = f"对{prefix}{act}{obj}的行政处罚"
        index += 1
        if (department, name) in names:
            raise ValueError(f"duplicate catalog item name in {department}: {name}")
        names.add((department, name))
        number = len(rows) + 1
        basis = basis_for(field, act, obj, prefix)
        if basis is not None:
            legal_basis = f"{basis.law}{basis.breaks}；《浙江省综合行政执法条例》第八条"
            penalty_basis = f"{basis.law}{basis.punishes}（{basis.cited_for}）"
        else:
            # The law the act falls under is not in the law base, or no article of it
            # punishes the act: the basis is marked unresolved rather than invented. Art 8
            # of the 条例 is cited for the holder's power (it exists).
            legal_basis = f"{law}（{UNRESOLVED}）；《浙江省综合行政执法条例》第八条"
            penalty_basis = f"{law}（{UNRESOLVED}）"
        rows.append(
            ItemRow(
                code=f"330481{field_index + 1:02d}{number:05d}",
                name=name,
                category=field,
                legal_basis=legal_basis,
                penalty_basis=penalty_basis,
                max_fine=Decimal(max_fine),
                mode=ItemMode.CENTRALISED,
                holder_code=holder.code,
                original_department_code=department,
                effective_from=CATALOG_FROM,
            )
        )
    for number, row in enumerate(rows[:PILOT_DELEGATED]):
        towns = list(PILOT_TOWN_CODES)
        if number < OTHER_DELEGATED:
            towns += [code for code, *_ in haining.TOWNS if code not in PILOT_TOWN_CODES]
        rows[number] = ItemRow(
            **{
                **row.__dict__,
                "delegated_to": tuple(towns),
                "delegation_document": DELEGATION_DOCUMENT,
                "delegation_from": CATALOG_FROM,
            }
        )
    return rows


def build_catalog(*, admin, stdout) -> None:
    if EnforcementItem.objects.exists():
        return
    holder = Organization.objects.get(code=haining.ENFORCEMENT_BUREAU)
    added = services.items_import(actor=admin, rows=catalog_rows(holder))
    if stdout is not None:
        stdout.write(f"行政处罚事项：新增 {added} 项")


def build_exemptions(*, admin, stdout) -> None:
    if ExemptionItem.objects.exists():
        return
    loaded = services.exemptions_load_sample(actor=admin, effective_from=CATALOG_FROM)
    # Items tied to catalog entries the towns hold, so that cases can cite them.
    items = list(EnforcementItem.objects.order_by("code")[:EXEMPTIONS_GENERATED])
    generated = []
    for number, item in enumerate(items, start=1):
        generated.append(
            services.exemption_add(
                actor=admin,
                code=f"HN-MZ-{number:03d}",
                effective_from=CATALOG_FROM,
                list_name="海宁市综合行政执法领域轻微违法行为不予处罚清单（2022年版）",
                issuer="海宁市综合行政执法局",
                list_type="不予处罚",
                category=item.category,
                violation=item.name.removeprefix("对").removesuffix("的行政处罚"),
                legal_basis=item.penalty_basis,
                conditions="初次违法、危害后果轻微并在责令改正期限内改正的",
                item=item,
            )
        )
    for exemption in generated[:10]:
        services.exemption_adjust(
            actor=admin,
            exemption=exemption,
            on=dt.date(2022, 7, 1),
            reason="依据上位法修改调整适用条件",
            conditions="初次违法、危害后果轻微并在责令改正期限内改正，且一年内未因同类行为受到处罚的",
        )
    for exemption in generated[-EXEMPTIONS_REPEALED:]:
        services.exemption_repeal(
            actor=admin, exemption=exemption, on=dt.date(2022, 10, 1), reason="上位法废止"
        )
    if stdout is not None:
        stdout.write(f"免罚清单：真实样本 {loaded} 项，新增 {len(generated)} 项")


def build_rules(*, admin) -> None:
    for party_type, amount in ((PartyType.CITIZEN, 10000), (PartyType.ORGANIZATION, 100000)):
        services.hearing_threshold_set(
            actor=admin,
            party_type=party_type,
            min_amount=Decimal(amount),
            source="参照市场监管总局2021年标准（浙江省通用标准未经核实，可调整）",
        )
    justice = get_user_model().objects.get(username="justice")
    if not LegalReviewer.objects.filter(user=justice).exists():
        services.legal_reviewer_register(
            actor=admin,
            user=justice,
            organization=Organization.objects.get(code=haining.JUSTICE_BUREAU),
            qualification_number="A20153304810001",
            qualified_on=dt.date(2015, 12, 1),
        )


# Grades of the demo benchmark as shares of the statutory maximum.
BANDS = (
    (DiscretionGrade.NO_PENALTY, "初次违法、危害后果轻微并及时改正", 0, 0),
    (DiscretionGrade.LIGHTER, "具有法定从轻情节", 5, 20),
    (DiscretionGrade.ORDINARY, "无从轻、从重情节", 20, 60),
    (DiscretionGrade.HEAVIER, "拒不改正、再次违法或者造成严重后果", 60, 100),
)


def build_benchmarks(*, admin, items: list[EnforcementItem]) -> None:
    for item in items:
        if item.benchmarks.exists():
            continue
        for grade, circumstances, low, high in BANDS:
            services.benchmark_row_add(
                actor=admin,
                item=item,
                grade=grade,
                circumstances=circumstances,
                min_fine=item.max_fine * low / 100,
                max_fine=item.max_fine * high / 100,
                source="海宁市综合行政执法局行政处罚裁量基准（2022年）",
                effective_from=CATALOG_FROM,
            )


def _id_number(number: int) -> str:
    first17 = f"33048119{80 + number % 20}0101{number % 1000:03d}"
    return first17 + id_number_check_char(first17)


STREETS = ("文宗路", "海昌路", "水月亭路", "钱江路", "海州路", "硖川路", "长安路", "工业大道")


def _address(number: int) -> str:
    """A synthetic address in one of Haining's towns (art 59: the decision states it)."""
    town = haining.TOWNS[number % len(haining.TOWNS)][1]
    return f"浙江省海宁市{town}{STREETS[number % len(STREETS)]}{number % 300 + 1}号"


def _officers(organization: Organization, on: dt.date, number: int) -> list[Person]:
    """Two of the unit's officers holding a valid certificate on the day (art 42), in turn."""
    people = list(certified_people(organization, on)[:20])
    first = number % len(people)
    return [people[first], people[(first + 1) % len(people)]]


def _run_case(
    *, officer, reviewer, organization, item, number: int, rng: random.Random, kind: str
) -> None:
    opened = dt.date(2022, 1, 10) + dt.timedelta(days=number * 5 % 300)
    violation = opened - dt.timedelta(days=rng.randint(3, 30))
    is_major = kind == "major"
    citizen = number % 3 != 0
    party = Party(
        type=PartyType.CITIZEN if citizen else PartyType.ORGANIZATION,
        name=f"{'张王李赵陈刘周吴'[number % 8]}某{number}"
        if citizen
        else f"海宁市某某贸易有限公司{number}",
        id_number=_id_number(number) if citizen else f"91330481MA2{number:06d}",
        address=_address(number),
    )
    case = services.case_open(
        actor=officer,
        organization=organization,
        item=item,
        party=party,
        facts=f"当事人{item.name.removeprefix('对').removesuffix('的行政处罚')}，经现场检查查实。",
        violation_date=violation,
        discovered_on=violation + dt.timedelta(days=1),
        opened_on=opened,
        officers=_officers(organization, opened, number),
        is_major=is_major,
        major_reason="拟作出较大数额罚款，涉及重大公共利益" if is_major else "",
    )
    services.case_evidence_add(
        actor=officer,
        case=case,
        kind=EvidenceKind.INSPECTION_RECORD,
        description="现场检查笔录",
        file_name=f"现场检查笔录-{case.case_number}.txt",
        content=f"{case.case_number} 现场检查笔录：{case.facts}".encode(),
        collected_on=opened,
    )
    services.case_evidence_add(
        actor=officer,
        case=case,
        kind=EvidenceKind.AUDIO_VISUAL,
        description="执法记录仪视频（摘要）",
        file_name=f"执法记录仪-{case.case_number}.mp4.txt",
        content=f"{case.case_number} 执法记录仪 {opened}".encode(),
        collected_on=opened,
    )
    notice = opened + dt.timedelta(days=10)
    if kind == "minor":
        services.case_notify(actor=officer, case=case, on=notice, intended_kinds=[])
        exemption = selectors.exemptions_for_case(case, notice + dt.timedelta(days=7)).first()
        services.case_decide(
            actor=officer,
            case=case,
            on=notice + dt.timedelta(days=7),
            outcome=CaseOutcome.NO_PENALTY_MINOR,
            circumstances=["first_violation", "corrected_promptly", "no_harm"],
            exemption=exemption,
            education_given="当场批评教育并发放普法告知书",
        )
        services.case_serve(
            actor=officer, case=case, on=notice + dt.timedelta(days=8), method="直接送达"
        )
        services.case_close(actor=officer, case=case, on=notice + dt.timedelta(days=9))
        return
    if kind == "outlier":
        fine, circumstances, reason = (
            item.max_fine * Decimal("0.95"),
            [],
            "当事人违法持续时间长、涉及面广，按一般阶次明显不当，经负责人批准从重",
        )
    elif kind == "lighter":
        fine, circumstances, reason = (
            (item.max_fine * Decimal(rng.randint(8, 18)) / 100).quantize(Decimal("1")),
            ["reduced_harm"],
            "",
        )
    else:
        fine, circumstances, reason = (
            (item.max_fine * Decimal(rng.randint(30, 42)) / 100).quantize(Decimal("1")),
            [],
            "",
        )
    case = services.case_notify(
        actor=officer, case=case, on=notice, intended_kinds=[PenaltyKind.FINE], intended_fine=fine
    )
    decide_on = notice + dt.timedelta(days=12)
    window_ends = selectors.rights_window_ends(case)
    if window_ends is not None and decide_on <= window_ends:
        # A holiday fills the window: the party waives it in writing so the decision can stand.
        services.case_rights_waive(
            actor=officer,
            case=case,
            on=notice + dt.timedelta(days=1),
            note="当事人书面表示放弃陈述、申辩和听证权利",
        )
    if is_major:
        services.case_legal_review(
            actor=reviewer,
            case=case,
            on=notice + dt.timedelta(days=8),
            outcome=ReviewOutcome.APPROVED,
            opinion="事实清楚，证据确凿，适用依据正确，程序合法，裁量适当。",
        )
        services.case_collective_discussion(
            actor=officer,
            case=case,
            on=notice + dt.timedelta(days=10),
            minutes=f"集体讨论纪要{number}号",
        )
    services.case_decide(
        actor=officer,
        case=case,
        on=decide_on,
        outcome=CaseOutcome.PENALTY,
        circumstances=circumstances,
        penalty_kinds=[PenaltyKind.FINE],
        fine_amount=fine,
        deviation_reason=reason,
    )
    late = number % 11 == 0
    services.case_publish(
        actor=officer, case=case, on=decide_on + dt.timedelta(days=20 if late else 3)
    )
    services.case_serve(
        actor=officer, case=case, on=decide_on + dt.timedelta(days=1), method="直接送达"
    )
    if number % 7 == 0:
        return  # payment still outstanding at the end of the demo year
    services.case_execute(
        actor=officer, case=case, on=decide_on + dt.timedelta(days=12), note="当事人已按期缴纳罚款"
    )
    services.case_close(actor=officer, case=case, on=decide_on + dt.timedelta(days=14))


def build_cases(*, stdout) -> None:
    if PenaltyCase.objects.exists():
        return
    User = get_user_model()
    reviewer = User.objects.get(username="justice")
    units = [
        (
            User.objects.get(username="officer"),
            Organization.objects.get(code=haining.ENFORCEMENT_BUREAU),
        ),
        (User.objects.get(username="town_officer"), Organization.objects.get(code="HN-T06")),
    ]
    # Two items: enough peers per item and grade for the consistency analysis to mean something.
    items = list(EnforcementItem.objects.order_by("code")[:2])
    rng = random.Random(2022)
    plan = ["ordinary"] * 6 + ["lighter", "minor", "ordinary", "major", "ordinary", "outlier"]
    count = 0
    for unit_index, (officer, organization) in enumerate(units):
        for item_index, item in enumerate(items):
            for kind in plan[: 12 if item_index == 0 else 8]:
                count += 1
                _run_case(
                    officer=officer,
                    reviewer=reviewer,
                    organization=organization,
                    item=item,
                    number=count + unit_index,
                    rng=rng,
                    kind=kind,
                )
    if stdout is not None:
        stdout.write(f"行政处罚案件：新增 {count} 件")


def build_commitments(*, stdout) -> None:
    """Ten notice-and-commitment matters in 长安镇: eight kept, one broken, one refused."""
    if Commitment.objects.exists():
        return
    officer = get_user_model().objects.get(username="town_officer")
    town = Organization.objects.get(code="HN-T06")
    exemptions = list(
        ExemptionItem.objects.filter(code__startswith="HN-MZ-", version=1).order_by("code")[10:20]
    )
    for number, exemption in enumerate(exemptions):
        notice = dt.date(2022, 2, 7) + dt.timedelta(days=number * 30)
        commitment = services.commitment_notify(
            actor=officer,
            organization=town,
            exemption=exemption,
            party=Party(
                PartyType.ORGANIZATION, f"海宁市长安某商行{number + 1}", f"92330481MA2C{number:06d}"
            ),
            facts=f"当事人{exemption.violation}，情节轻微。",
            violation_date=notice - dt.timedelta(days=2),
            notice_on=notice,
            correct_by=notice + dt.timedelta(days=10),
        )
        if number == 9:
            services.commitment_refuse(actor=officer, commitment=commitment, on=notice)
        else:
            services.commitment_sign(actor=officer, commitment=commitment, on=notice)
            result = CommitmentResult.NOT_CORRECTED if number == 8 else CommitmentResult.CORRECTED
            commitment = services.commitment_verify(
                actor=officer,
                commitment=commitment,
                on=notice + dt.timedelta(days=12),
                result=result,
            )
        if commitment.result != CommitmentResult.CORRECTED:
            services.commitment_convert(
                actor=officer,
                commitment=commitment,
                opened_on=notice + dt.timedelta(days=13),
                officers=_officers(town, notice + dt.timedelta(days=13), number),
                party_address=_address(number),
            )
        services.commitment_file(
            actor=officer, commitment=commitment, on=notice + dt.timedelta(days=14)
        )
    if stdout is not None:
        stdout.write(f"告知承诺：新增 {len(exemptions)} 件")


def build_certificates(*, admin) -> None:
    """The people's certificates as records (issued by the provincial justice department)."""
    if EnforcementCertificate.objects.exists():
        return
    city = Organization.objects.get(code=haining.CITY[0])
    services.certificates_from_people(actor=admin, organization=city, issuer="浙江省司法厅")


def build(*, admin, stdout) -> None:
    build_certificates(admin=admin)
    build_catalog(admin=admin, stdout=stdout)
    build_exemptions(admin=admin, stdout=stdout)
    build_rules(admin=admin)
    build_benchmarks(admin=admin, items=list(EnforcementItem.objects.order_by("code")[:3]))
    build_cases(stdout=stdout)
    build_commitments(stdout=stdout)
