"""The 2022 services demo, built through the services.

Seed 二(二)4–5: 75 一件事 in force, notary 最多跑一次 in 25 categories and 116 items. The names of
the 一件事 and of the notary items are SYNTHETIC (no real list is in shared/data): the notary
categories follow the matters 公证法 art 11 lists; items are that matter for a stated use. The
applications, evaluations, verifications, commitments, wills and estate inquiries are synthetic
cases with realistic dates; every figure is counted from them.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model

from fazhi.core.models import Organization
from fazhi.demo import haining
from fazhi.services.models import (
    Grade,
    NotaryCategory,
    OneThing,
    Registry,
    Relation,
    Replacement,
    Source,
    WillForm,
)
from fazhi.services.services import catalog, certification, inheritance, notary

YEAR = 2022
ONE_THINGS = 75
# Life and business events commonly bundled in Zhejiang (names unverified, practice.md §8).
EVENTS = [
    "企业开办",
    "企业注销",
    "出生",
    "身后事",
    "退休",
    "二手房交易",
    "新房交付",
    "入学",
    "就业创业",
    "结婚登记",
    "残疾人服务",
    "退役军人服务",
    "公积金提取",
    "工程建设项目审批",
    "餐饮店开办",
    "便利店开办",
    "药店开办",
    "民宿开办",
    "网约车从业",
    "个体工商户设立",
    "水电气过户",
    "车辆上牌",
    "新居民落户",
    "医疗费用报销",
    "失业保险",
    "高龄津贴",
    "跨省迁户",
    "不动产抵押",
    "企业变更",
    "招工用工",
]
DEPARTMENTS = [
    "HN-D22",
    "HN-D06",
    "HN-D10",
    "HN-D24",
    "HN-D26",
    "HN-D12",
    "HN-D34",
    "HN-D07",
    "HN-D04",
    "HN-D18",
    "HN-D13",
    "HN-D29",
]
COMMON_MATERIALS = ["申请人身份证", "户口簿", "申请表", "营业执照", "不动产权证书", "委托书"]
# Notary categories: the matters of 公证法 art 11, one category each (25).
NOTARY_CATEGORIES = [
    "合同",
    "继承",
    "委托",
    "声明",
    "赠与",
    "遗嘱",
    "财产分割",
    "招标投标",
    "拍卖",
    "婚姻状况",
    "亲属关系",
    "收养关系",
    "出生",
    "生存",
    "死亡",
    "身份",
    "经历",
    "学历",
    "学位",
    "职务职称",
    "有无违法犯罪记录",
    "公司章程",
    "保全证据",
    "文书签名印鉴日期",
    "文书副本与原本相符",
]
USES = ["（国内使用）", "（涉外使用）", "（涉港澳台使用）", "（补证）", "（副本）"]
NOTARY_ITEMS = 116


def _name(rng: random.Random) -> str:
    return rng.choice(haining.SURNAMES) + "".join(rng.sample(haining.GIVEN, rng.choice((1, 2))))


def _id_number(rng: random.Random) -> str:
    from fazhi.core.domain.identity import id_number_check_char

    body = f"330481{rng.randrange(1950, 2000)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}"
    body += f"{rng.randrange(0, 1000):03d}"
    return body + id_number_check_char(body)


def _date(rng: random.Random, start: dt.date, span: int) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(0, span))


def build(*, admin, stdout=None) -> None:
    if OneThing.objects.exists():
        return
    rng = random.Random(75)
    citizen = get_user_model().objects.filter(username="citizen").first() or admin
    orgs = Organization.objects.in_bulk(
        DEPARTMENTS + ["HN-D37", haining.JUSTICE_BUREAU] + [t[0] for t in haining.TOWNS],
        field_name="code",
    )
    things = _catalog(admin, rng, orgs)
    _applications(admin, citizen, rng, things)
    _certificates(admin, rng, orgs)
    _notary(admin, rng)
    _inheritance(admin, citizen, rng, orgs)
    if stdout is not None:
        stdout.write(f"公共服务：一件事 {len(things)} 项，公证最多跑一次 {NOTARY_ITEMS} 项")


def _catalog(admin, rng, orgs) -> list[OneThing]:
    things = []
    for index in range(ONE_THINGS):
        event = EVENTS[index % len(EVENTS)]
        suffix = (
            "" if index < len(EVENTS) else f"（{('个人', '企业', '延伸')[index // len(EVENTS)]}）"
        )
        departments = rng.sample(DEPARTMENTS, rng.choice((2, 3, 3, 4)))
        items = []
        for code in departments:
            own = [f"{orgs[code].short_name or orgs[code].name}申请材料{rng.randrange(1, 4)}"]
            items.append(
                catalog.ItemInput(
                    department=orgs[code],
                    name=f"{event}相关{orgs[code].name.removeprefix('海宁市')}事项",
                    time_limit_days=rng.choice((1, 3, 5)),
                    materials=rng.sample(COMMON_MATERIALS, 2) + own,
                )
            )
        start = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(0, 600))
        thing = catalog.one_thing_publish(
            actor=admin,
            organization=orgs["HN-D37"],
            code=f"HN-YJS-{index + 1:03d}",
            name=f"{event}一件事{suffix}",
            effective_from=start,
            time_limit_days=5,
            items=items,
        )
        if index % 15 == 0:  # a second version: one more department joins in December
            extra = rng.choice([c for c in DEPARTMENTS if c not in departments])
            items.append(
                catalog.ItemInput(
                    department=orgs[extra],
                    name=f"{event}相关{orgs[extra].name.removeprefix('海宁市')}事项",
                    time_limit_days=3,
                    materials=["申请人身份证", "申请表"],
                )
            )
            thing = catalog.one_thing_publish(
                actor=admin,
                organization=orgs["HN-D37"],
                code=thing.code,
                name=thing.name,
                effective_from=max(start + dt.timedelta(days=30), dt.date(YEAR, 12, 1)),
                time_limit_days=5,
                items=items,
            )
        things.append(thing)
    return things


def _applications(admin, citizen, rng, things) -> None:
    for index in range(40):
        thing = rng.choice([t for t in things if t.effective_from <= dt.date(YEAR, 6, 1)])
        thing = OneThing.objects.get(code=thing.code, version=1)
        on = _date(rng, max(thing.effective_from, dt.date(YEAR, 1, 4)), 150)
        if thing.effective_to is not None and on > thing.effective_to:
            continue
        application = catalog.one_thing_apply(
            actor=citizen,
            one_thing=thing,
            applicant_name=_name(rng),
            applicant_id_number=_id_number(rng),
            materials=list(thing.materials.values_list("name", flat=True)),
            on=on,
        )
        if index % 10 == 9:
            continue  # still being handled
        for part in application.parts.all():
            catalog.part_complete(
                actor=admin, part=part, on=on + dt.timedelta(days=rng.randrange(1, 4))
            )
        if index % 4 == 3:
            continue  # not evaluated
        application.refresh_from_db()
        bad = index % 13 == 0
        grade = Grade.DISSATISFIED if bad else rng.choice((Grade.VERY_SATISFIED, Grade.SATISFIED))
        evaluation = catalog.application_evaluate(
            actor=citizen,
            application=application,
            grade=grade,
            comment="窗口告知的材料清单与实际要求不一致" if bad else "",
            on=application.closed_on,
        )
        if bad:
            catalog.rectification_respond(
                actor=admin,
                rectification=evaluation.rectification,
                response="已回访申请人，更新办事指南中的材料清单",
                on=application.closed_on + dt.timedelta(days=6),
            )


def _certificates(admin, rng, orgs) -> None:
    justice = orgs[haining.JUSTICE_BUREAU]
    specs = [
        ("ZM-001", "户籍类", "亲属关系证明", "派出所", Replacement.DEPT_VERIFICATION, "HN-D06"),
        ("ZM-002", "户籍类", "无犯罪记录证明", "公安机关", Replacement.DATA_SHARING, "HN-D06"),
        (
            "ZM-003",
            "社保类",
            "社会保险参保证明",
            "社保经办机构",
            Replacement.DATA_SHARING,
            "HN-D10",
        ),
        ("ZM-004", "婚姻类", "婚姻状况证明", "民政部门", Replacement.DEPT_VERIFICATION, "HN-D07"),
        ("ZM-005", "经营类", "经营场所使用证明", "村（居）委会", Replacement.COMMITMENT, None),
        ("ZM-006", "生活类", "居住证明", "村（居）委会", Replacement.COMMITMENT, None),
        ("ZM-007", "生活类", "健在证明", "村（居）委会", Replacement.CANCELLED, None),
        ("ZM-008", "纳税类", "纳税证明", "税务机关", Replacement.DATA_SHARING, "HN-D34"),
    ]
    items = {}
    for code, category, name, issuer, replacement, holder in specs:
        items[code] = certification.certificate_item_save(
            actor=admin,
            organization=justice,
            code=code,
            category=category,
            name=name,
            issuing_body=issuer,
            replacement=replacement,
            holder=orgs[holder] if holder else None,
            response_days=3,
            basis="",
        )
    requesters = [orgs[c] for c in ("HN-D22", "HN-D12", "HN-D04", "HN-D24")]
    for index in range(24):
        item = items[rng.choice(["ZM-001", "ZM-002", "ZM-003", "ZM-004", "ZM-008"])]
        on = _date(rng, dt.date(YEAR, 2, 1), 300)
        request = certification.verification_request(
            actor=admin,
            organization=rng.choice(requesters),
            item=item,
            matter="办理入学、社保或经营许可时的证明核验",
            subject_name=_name(rng),
            subject_id_number=_id_number(rng),
            fact=f"申请人{item.name}所载事项属实",
            on=on,
        )
        late = index % 8 == 7
        certification.verification_answer(
            actor=admin,
            request=request,
            result="confirmed" if index % 6 else "not_confirmed",
            on=on + dt.timedelta(days=9 if late else 1),
            late_reason="数据持有单位系统升级，人工核查" if late else "",
        )
    for index in range(12):
        on = _date(rng, dt.date(YEAR, 3, 1), 250)
        commitment = certification.commitment_record(
            actor=admin,
            organization=orgs["HN-D22"],
            item=items[rng.choice(["ZM-005", "ZM-006"])],
            matter="个体工商户设立登记",
            applicant_name=_name(rng),
            applicant_id_number=_id_number(rng),
            promised_fact="本人对所申报的经营场所享有合法使用权",
            on=on,
        )
        if index % 3 == 2:
            continue
        truthful = index != 4
        certification.commitment_check(
            actor=admin,
            commitment=commitment,
            truthful=truthful,
            note="实地核查" + ("，与承诺一致" if truthful else "，经营场所无合法使用权"),
            on=on + dt.timedelta(days=20),
        )
        if not truthful:
            certification.commitment_breach_handle(
                actor=admin,
                commitment=commitment,
                measures="撤销登记，记入公共信用信息不良记录",
                credit_record=f"HN-XY-{YEAR}-{index:04d}",
                on=on + dt.timedelta(days=25),
            )


def _notary(admin, rng) -> None:
    rows = []
    per_category = [4] * len(NOTARY_CATEGORIES)
    for extra in range(NOTARY_ITEMS - 4 * len(NOTARY_CATEGORIES)):
        per_category[extra] += 1
    for number, (category, count) in enumerate(
        zip(NOTARY_CATEGORIES, per_category, strict=True), start=1
    ):
        for use in range(count):
            rows.append(
                notary.NotaryItemRow(
                    category_code=f"GZ{number:02d}",
                    category_name=f"{category}公证",
                    code=f"GZ{number:02d}-{use + 1}",
                    name=f"{category}公证{USES[use]}",
                    one_visit=True,
                    listed_on=dt.date(YEAR, 3, 1) + dt.timedelta(days=number * 7),
                )
            )
    notary.notary_items_import(actor=admin, rows=rows)
    categories = list(NotaryCategory.objects.order_by("code"))
    for sequence in range(1, 31):
        notary.notarial_certificate_register(
            actor=admin,
            number=f"（{YEAR}）浙嘉海证字第{sequence * 37}号",
            category=rng.choice(categories),
            issued_on=_date(rng, dt.date(YEAR, 1, 10), 330),
            office="海宁市公证处",
        )


def _inheritance(admin, citizen, rng, orgs) -> None:
    # One testator with two wills: the later one (made first) is registered after the other.
    testator_id = _id_number(rng)
    for made_on, form, witnesses, office in (
        (dt.date(YEAR, 9, 20), WillForm.NOTARIAL, [], "海宁市公证处"),
        (dt.date(YEAR, 3, 5), WillForm.PRINTED, [_name(rng), _name(rng)], ""),
    ):
        inheritance.will_register(
            actor=admin,
            testator_name="沈某某",
            testator_id_number=testator_id,
            testator_username="citizen" if citizen != admin else "",
            form=form,
            made_on=made_on,
            registry=Registry.NOTARY,
            witnesses=witnesses,
            signed_each_page=form == WillForm.PRINTED,
            notary_office=office,
            keeping_place="海宁市公证处",
        )
    for _ in range(8):
        inheritance.will_register(
            actor=admin,
            testator_name=_name(rng),
            testator_id_number=_id_number(rng),
            form=rng.choice((WillForm.HOLOGRAPH, WillForm.NOTARIAL)),
            made_on=_date(rng, dt.date(YEAR, 1, 1), 300),
            registry=Registry.NOTARY,
            notary_office="海宁市公证处",
            keeping_place="海宁市公证处",
        )
    towns = [orgs[t[0]] for t in haining.TOWNS]
    for index, plan in enumerate(("settled", "referred", "inquiring", "settled")):
        town = towns[index * 3]
        submitted = dt.date(YEAR, 4 + index * 2, 8)
        inquiry = inheritance.estate_apply(
            actor=citizen,
            town=town,
            applicant_name=_name(rng),
            applicant_id_number=_id_number(rng),
            relation=rng.choice((Relation.CHILD, Relation.SPOUSE)),
            deceased_name=_name(rng),
            deceased_id_number=_id_number(rng),
            died_on=submitted - dt.timedelta(days=40),
            death_proof="居民死亡医学证明（推断）书",
            kinship_proof="户口簿及派出所出具的亲属关系证明",
            on=submitted,
        )
        accepted = submitted + dt.timedelta(days=1)
        inheritance.estate_accept(actor=admin, inquiry=inquiry, sources=Source.values, on=accepted)
        if plan == "inquiring":
            continue
        for request in inquiry.requests.all():
            found = request.source in (Source.REAL_ESTATE, Source.DEPOSIT, Source.HOUSING_FUND)
            inheritance.inquiry_answer(
                actor=admin,
                request=request,
                found=found,
                answer="查有登记在被继承人名下的财产" if found else "未查到",
                on=accepted + dt.timedelta(days=rng.randrange(2, 9)),
            )
        done = accepted + dt.timedelta(days=20)
        if plan == "settled":
            inheritance.estate_settle(
                actor=admin, inquiry=inquiry, summary="继承人协商一致，申办继承权公证", on=done
            )
        else:
            committee = Organization.objects.filter(code=f"{town.code}-MC").first()
            if committee is None:
                continue
            inheritance.estate_refer(
                actor=admin,
                inquiry=inquiry,
                committee=committee,
                respondent_name=_name(rng),
                summary="继承人对房产分割有争议",
                on=done,
            )
        inheritance.estate_evaluate(
            actor=citizen,
            inquiry=inquiry,
            grade=Grade.VERY_SATISFIED if plan == "settled" else Grade.BASIC,
            on=done,
        )
