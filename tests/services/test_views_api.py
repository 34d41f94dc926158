"""Pages, portal and API of the services app: the same services, refusals shown, queries bounded."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.services.models import (
    EstateInquiry,
    EstateStatus,
    LookupLog,
    NotaryCategory,
    OneThingApplication,
    Source,
)
from fazhi.services.services import inheritance, notary
from tests.services.conftest import ID_A, ID_B, publish

pytestmark = pytest.mark.django_db

MATERIALS = ["申请人身份证", "营业执照", "经营场所证明", "招牌设计图"]


def test_staff_lists_render_and_export(client, tree, world):
    publish(world.market, tree)
    client.force_login(world.notary)
    for name in (
        "one_things",
        "applications",
        "evaluations",
        "evaluation_table",
        "certificate_items",
        "verifications",
        "commitments",
        "notary_items",
        "wills",
        "estates",
    ):
        response = client.get(reverse(f"services:{name}"))
        assert response.status_code == 200, name
    response = client.get(reverse("services:one_things"), {"export": "xlsx"})
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet.cell(2, 2).value == "餐饮店开办一件事"
    response = client.get(reverse("services-portal:notary_items"), {"export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_staff_pages_refuse_a_citizen(client, world):
    client.force_login(world.citizen)
    assert client.get(reverse("services:one_things")).status_code == 403


def test_portal_application_missing_a_material_changes_nothing(client, tree, world):
    thing = publish(world.market, tree)
    client.force_login(world.citizen)
    url = reverse("services-portal:apply", args=[thing.pk])
    response = client.post(
        url,
        {"applicant_name": "王某", "applicant_id_number": ID_A, "materials": MATERIALS[:2]},
    )
    assert response.status_code == 400
    assert "缺少必需材料" in response.content.decode()
    assert not OneThingApplication.objects.exists()
    response = client.post(
        url, {"applicant_name": "王某", "applicant_id_number": ID_A, "materials": MATERIALS}
    )
    application = OneThingApplication.objects.get()
    assert response.url == reverse("services-portal:application", args=[application.pk])
    page = client.get(response.url).content.decode()
    assert "办理中" in page and "评价" in page


def test_part_steps_through_the_page_and_the_api(client, tree, world):
    thing = publish(world.market, tree)
    client.force_login(world.citizen)
    created = client.post(
        reverse("services-api:application-list"),
        {
            "one_thing": thing.pk,
            "applicant_name": "王某",
            "applicant_id_number": ID_A,
            "materials": MATERIALS,
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    market_part, enforcement_part = OneThingApplication.objects.get().parts.order_by("id")
    client.force_login(world.market)
    detail = client.get(reverse("services:application_detail", args=[market_part.application_id]))
    assert 'data-action="complete"' in detail.content.decode()
    response = client.post(
        reverse("services-api:part-complete", args=[enforcement_part.pk]), {"note": "准予"}
    )
    assert response.status_code == 403
    response = client.post(reverse("services-api:part-complete", args=[market_part.pk]), {})
    assert response.status_code == 200 and response.json()["status"] == "done"
    client.force_login(world.enforcement_staff)
    client.post(
        reverse("core:transition", args=["services.part", enforcement_part.pk, "complete"]),
        {"complete-note": "准予设置"},
    )
    client.force_login(world.citizen)
    response = client.post(
        reverse("services-api:application-evaluate", args=[market_part.application_id]),
        {"grade": 1},
    )
    assert response.status_code == 400 and response.json()["field"] == "comment"
    response = client.post(
        reverse("services-portal:application", args=[market_part.application_id]),
        {"evaluate-grade": 5, "evaluate-comment": "很方便"},
    )
    assert response.status_code == 302
    assert OneThingApplication.objects.get().evaluation.grade == 5


def test_public_lookup_page_and_api_are_limited_and_logged(client, world, settings):
    notary.notary_items_import(
        actor=world.notary,
        rows=[
            notary.NotaryItemRow(
                "GZ01", "继承公证", "GZ01-1", "继承公证（国内使用）", True, dt.date(2022, 1, 1)
            )
        ],
    )
    notary.notarial_certificate_register(
        actor=world.notary,
        number="（2022）浙嘉海证字第5号",
        category=NotaryCategory.objects.get(),
        issued_on=dt.date(2022, 2, 2),
        office="海宁市公证处",
    )
    url = reverse("services-portal:notary_lookup")
    page = client.post(url, {"number": "（2022）浙嘉海证字第5号"})
    assert page.status_code == 200 and "继承公证" in page.content.decode()
    assert client.post(url, {"number": "浙5号"}).status_code == 400
    api = reverse("services-api:notary-lookup")
    answer = client.get(api, {"number": "(2022)浙嘉海证字第5号"}).json()
    assert answer == {
        "number": "（2022）浙嘉海证字第5号",
        "exists": True,
        "kind": "继承公证",
        "issued_on": "2022-02-02",
        "office": "海宁市公证处",
    }
    for _ in range(notary.LOOKUP_LIMIT):
        last = client.get(api, {"number": "（2022）浙嘉海证字第6号"})
    assert last.status_code == 429 and last.json()["code"] == "rate_limited"
    assert LookupLog.objects.filter(result="limited").exists()


def estate(world, tree):
    inquiry = inheritance.estate_apply(
        actor=world.citizen,
        town=tree.town,
        applicant_name="沈小某",
        applicant_id_number=ID_B,
        relation="child",
        deceased_name="沈某",
        deceased_id_number=ID_A,
        died_on=dt.date(2022, 1, 5),
        death_proof="死亡证明",
        kinship_proof="户口簿",
    )
    inheritance.estate_accept(actor=world.notary, inquiry=inquiry, sources=[Source.DEPOSIT])
    request = inquiry.requests.get()
    inheritance.inquiry_answer(actor=world.notary, request=request, found=False, answer="未查到")
    return inquiry


def test_mediation_hand_off_outside_the_town_is_refused_through_the_api(client, tree, world, users):
    inquiry = estate(world, tree)
    client.force_login(users["administrator"])
    response = client.post(
        reverse("services-api:estate-refer", args=[inquiry.pk]),
        {"committee": world.other_committee.pk, "respondent_name": "沈二某", "summary": "争议"},
    )
    assert response.status_code == 400
    assert response.json()["code"] == "committee_outside_town"
    assert EstateInquiry.objects.get().status == EstateStatus.INQUIRING
    response = client.post(
        reverse("services-api:estate-refer", args=[inquiry.pk]),
        {"committee": world.town_committee.pk, "respondent_name": "沈二某", "summary": "争议"},
    )
    assert response.status_code == 200 and response.json()["status"] == "mediation"


def test_estate_pages_for_the_applicant_and_staff(client, tree, world):
    inquiry = estate(world, tree)
    client.force_login(world.other_citizen)
    assert client.get(reverse("services-portal:estate", args=[inquiry.pk])).status_code == 404
    client.force_login(world.citizen)
    page = client.get(reverse("services-portal:estate", args=[inquiry.pk])).content.decode()
    assert "未查到" in page and ID_A not in page
    client.force_login(world.notary)
    page = client.get(reverse("services:estate_detail", args=[inquiry.pk])).content.decode()
    assert 'data-action="settle"' in page


def test_will_page_says_which_will_prevails(client, world):
    kwargs = {
        "actor": world.notary,
        "testator_name": "沈某",
        "testator_id_number": ID_A,
        "registry": "notary",
        "form": "holograph",
        "testator_username": "citizen",
    }
    later = inheritance.will_register(made_on=dt.date(2022, 9, 1), **kwargs)
    earlier = inheritance.will_register(made_on=dt.date(2022, 3, 1), **kwargs)
    client.force_login(world.citizen)
    page = client.get(reverse("services-portal:will", args=[earlier.pk])).content.decode()
    assert later.registration_no in page and "以在后的遗嘱为准" in page
    client.force_login(world.other_citizen)
    assert client.get(reverse("services-portal:will", args=[earlier.pk])).status_code == 404
    response = client.get(reverse("services-api:will-list"))
    assert response.json()["count"] == 0


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "name",
    [
        "one-thing-list",
        "application-list",
        "part-list",
        "estate-list",
        "inquiry-request-list",
        "will-list",
        "notary-item-list",
    ],
)
def test_api_list_queries_do_not_grow_with_rows(client, tree, world, name):
    def add(count):
        for n in range(count):
            thing = publish(world.market, tree, code=f"Y-{n}-{count}")
            inheritance.estate_apply(
                actor=world.citizen,
                town=tree.town,
                applicant_name="沈小某",
                applicant_id_number=ID_B,
                relation="child",
                deceased_name="沈某",
                deceased_id_number=ID_A,
                died_on=dt.date(2022, 1, 5),
                death_proof="证明",
                kinship_proof="户口簿",
            )
            inquiry = EstateInquiry.objects.order_by("-id").first()
            inheritance.estate_accept(actor=world.notary, inquiry=inquiry, sources=[Source.DEPOSIT])
            inheritance.will_register(
                actor=world.notary,
                testator_name="沈某",
                testator_id_number=ID_A,
                registry="notary",
                form="holograph",
                made_on=dt.date(2022, 1, 1),
            )
            notary.notary_items_import(
                actor=world.notary,
                rows=[
                    notary.NotaryItemRow(
                        "GZ01",
                        "继承公证",
                        f"GZ01-{n}-{count}",
                        "继承公证",
                        True,
                        dt.date(2022, 1, 1),
                    )
                ],
            )
            from fazhi.services.services import catalog

            catalog.one_thing_apply(
                actor=world.citizen,
                one_thing=thing,
                applicant_name="王某",
                applicant_id_number=ID_A,
                materials=MATERIALS,
            )

    url = reverse(f"services-api:{name}")
    client.force_login(world.notary)
    add(1)
    one = _queries(client, url)
    add(19)
    assert _queries(client, url) == one


def test_staff_create_pages_write_through_the_services(client, tree, world, users):
    from fazhi.services.models import (
        CertificateItem,
        Commitment,
        NotarialCertificate,
        OneThing,
        VerificationRequest,
        WillRegistration,
    )

    client.force_login(world.market)
    response = client.post(
        reverse("services:one_thing_create"),
        {
            "code": "YJS-9",
            "name": "开办一件事",
            "effective_from": "2022-01-01",
            "time_limit_days": 5,
            "items": "MARKET | 营业执照 | 3 | 身份证、章程\nENF | 招牌 | 5 | 身份证、设计图",
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert OneThing.objects.get().combined_materials == 3
    bad = client.post(
        reverse("services:one_thing_create"),
        {
            "code": "YJS-10",
            "name": "x",
            "effective_from": "2022-01-01",
            "time_limit_days": 5,
            "items": "NOPE | 营业执照 | 3 | 身份证",
        },
    )
    assert bad.status_code == 400 and "部门编码" in bad.content.decode()
    client.force_login(world.notary)
    response = client.post(
        reverse("services:certificate_item_create"),
        {
            "code": "ZM-1",
            "category": "户籍类",
            "name": "亲属关系证明",
            "issuing_body": "派出所",
            "replacement": "dept_verification",
            "holder": tree.enforcement.pk,
            "response_days": 3,
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("services:certificate_item_create"),
        {
            "code": "ZM-2",
            "category": "生活类",
            "name": "居住证明",
            "issuing_body": "村委会",
            "replacement": "commitment",
            "response_days": 3,
        },
    )
    client.force_login(world.market)
    response = client.post(
        reverse("services:verification_create"),
        {
            "item": CertificateItem.objects.get(code="ZM-1").pk,
            "matter": "设立登记",
            "subject_name": "王某",
            "subject_id_number": ID_A,
            "fact": "父子关系",
        },
    )
    assert response.status_code == 302 and VerificationRequest.objects.count() == 1
    response = client.post(
        reverse("services:commitment_create"),
        {
            "item": CertificateItem.objects.get(code="ZM-2").pk,
            "matter": "设立登记",
            "applicant_name": "王某",
            "applicant_id_number": ID_A,
            "promised_fact": "居住属实",
        },
    )
    assert response.status_code == 302 and Commitment.objects.count() == 1
    assert client.get(response.url).status_code == 200
    client.force_login(world.notary)
    response = client.post(
        reverse("services:will_create"),
        {
            "testator_name": "沈某",
            "testator_id_number": ID_A,
            "form": "scribed",
            "made_on": "2022-01-01",
            "witnesses": "甲某",
            "registry": "notary",
        },
    )
    assert response.status_code == 400 and "两个以上见证人" in response.content.decode()
    assert not WillRegistration.objects.exists()
    response = client.post(
        reverse("services:will_create"),
        {
            "testator_name": "沈某",
            "testator_id_number": ID_A,
            "form": "scribed",
            "made_on": "2022-01-01",
            "witnesses": "甲某、乙某",
            "registry": "notary",
        },
    )
    assert response.status_code == 302
    assert client.get(response.url).status_code == 200
    notary.notary_items_import(
        actor=world.notary,
        rows=[
            notary.NotaryItemRow(
                "GZ01", "继承公证", "GZ01-1", "继承公证", True, dt.date(2022, 1, 1)
            )
        ],
    )
    response = client.post(
        reverse("services:certificate_register"),
        {
            "number": "（2022）浙嘉海证字第1号",
            "category": NotaryCategory.objects.get().pk,
            "issued_on": "2022-02-02",
            "office": "海宁市公证处",
        },
    )
    assert response.status_code == 302 and NotarialCertificate.objects.count() == 1
    thing = OneThing.objects.get()
    history = client.get(reverse("core:history", args=["services.onething", thing.pk]))
    assert history.status_code == 200


def test_notary_list_round_trips_through_xlsx_import(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fazhi.core.exports import xlsx_bytes
    from fazhi.services.models import NotaryItem

    headers = ["类别编码", "类别", "事项编码", "事项", "最多跑一次", "列入日期"]
    good = [["GZ01", "继承公证", "GZ01-1", "继承公证（国内使用）", "是", "2022-03-01"]]
    bad = [*good, ["GZ02", "", "GZ02-1", "委托公证", "是", "2022-03-01"]]
    client.force_login(world.notary)
    url = reverse("services:notary_import")

    def upload(rows):
        data = xlsx_bytes(title="清单", headers=headers, rows=rows)
        return client.post(url, {"file": SimpleUploadedFile("items.xlsx", data)})

    response = upload(bad)
    assert response.status_code == 400 and "第2行" in response.content.decode()
    assert not NotaryItem.objects.exists()
    assert upload(good).status_code == 302
    assert NotaryItem.objects.get().listed_on == dt.date(2022, 3, 1)
    exported = client.get(reverse("services:notary_items"), {"export": "xlsx"})
    sheet = load_workbook(BytesIO(exported.content)).active
    assert [c.value for c in sheet[1]] == headers
