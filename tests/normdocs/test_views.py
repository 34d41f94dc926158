"""normdocs pages: the permission matrix, each step through the page, the public database."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fazhi.core.models import Role
from fazhi.normdocs import prereview
from fazhi.normdocs.models import DocumentStatus, NormativeDocument
from tests.factories import user_with_role
from tests.normdocs.conftest import BODY, docx_bytes

pytestmark = pytest.mark.django_db


def test_register_permission_matrix(client, setup):
    document = setup.create()
    detail = reverse("normdocs:detail", args=[document.pk])
    assert client.get(detail).status_code == 302  # anonymous → login
    expectations = {
        "public": 403,
        "enforcement_officer": 403,  # wrong role
        "mediator": 403,
        "drafter": 200,  # own unit
        "department_legal_officer": 200,
        "justice_legal_officer": 200,  # reads every unit
        "leader": 200,
    }
    for role, expected in expectations.items():
        client.force_login(setup.users[role])
        assert client.get(detail).status_code == expected, role
    client.force_login(user_with_role(Role.DRAFTER, setup.tree.town, username="town-drafter"))
    assert client.get(detail).status_code == 403  # another unit's document
    assert document.title not in client.get(reverse("normdocs:list")).content.decode()


def test_drafter_creates_with_docx_and_bad_upload_is_shown(client, setup):
    client.force_login(setup.users["drafter"])
    url = reverse("normdocs:create")
    form = {
        "organization": "MARKET",
        "issuing_body": "CITY",
        "title": "海宁市测试办法",
        "market_related": "on",
    }
    response = client.post(url, {**form, "upload": _file("假.docx", b"not a docx")})
    assert response.status_code == 200
    assert "不是有效的 Word" in response.content.decode()
    assert not NormativeDocument.objects.exists()
    response = client.post(url, {**form, "upload": _file("办法.docx", docx_bytes("第一条 甲。"))})
    document = NormativeDocument.objects.get()
    assert response.status_code == 302
    assert document.body == "第一条 甲。"
    page = client.get(response["Location"]).content.decode()
    # With the pre-review app installed the saved draft has been pre-reviewed and shown.
    assert ('data-testid="prereview"' in page) == prereview.available()
    # A drafter cannot draft for another unit through the page either.
    response = client.post(url, {**form, "organization": "TOWN", "body": BODY})
    assert response.status_code == 200
    assert NormativeDocument.objects.count() == 1


def _step(document, name: str) -> str:
    return reverse("core:transition", args=["normdocs.document", document.pk, name])


def _prefixed(prefix: str, **fields) -> dict[str, object]:
    return {f"{prefix}-{key}": value for key, value in fields.items()}


def _file(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def test_steps_through_the_page(client, setup):
    users = setup.users
    document = setup.submitted(setup.create())
    # The drafter may not give the legality opinion: the step is not offered, and posting it
    # is refused.
    client.force_login(users["drafter"])
    page = client.get(reverse("normdocs:detail", args=[document.pk])).content.decode()
    assert 'data-action="legality_conclude"' not in page
    step = _step(document, "legality_conclude")
    legality = _prefixed("legality_conclude", outcome="lawful", opinion="合法", on="2022-04-20")
    response = client.post(step, legality)
    assert response.status_code == 403
    # The market bureau's legal officer records its fair-competition review on the page.
    review = document.joint_reviews.get(review_type__code="fair-competition")
    client.force_login(users["department_legal_officer"])
    response = client.post(
        reverse("core:transition", args=["normdocs.joint_review", review.pk, "conclude"]),
        _prefixed(
            "conclude", outcome="passed", competition_conclusion="no_effect", on="2022-04-08"
        ),
    )
    assert response.status_code == 302
    # The justice bureau cannot pass it on while the fiscal review is open.
    client.force_login(users["justice_legal_officer"])
    response = client.post(step, legality)
    assert response.status_code == 400
    assert "财政政策审查" in response.content.decode()
    document.refresh_from_db()
    assert document.status == DocumentStatus.IN_REVIEW


def test_issue_and_public_database(client, setup):
    document = setup.deliberated(setup.create())
    client.force_login(setup.users["justice_legal_officer"])
    response = client.post(
        _step(document, "issue"),
        _prefixed("issue", series_key="city-normative", issued_on="2022-04-25"),
    )
    assert response.status_code == 302
    client.logout()
    database = reverse("normdocs-portal:database")
    page = client.get(database, {"year": "2022", "unit": "MARKET", "validity": "in_force"})
    assert "海政规〔2022〕1号" in page.content.decode()
    assert not client.get(database, {"validity": "repealed"}).context["page"].object_list
    detail = client.get(reverse("normdocs-portal:document", args=[document.pk]))
    assert "ZJHN00-2022-0001" in detail.content.decode()
    draft = setup.create(title="未发布草案")
    assert client.get(reverse("normdocs-portal:document", args=[draft.pk])).status_code == 404


def test_inspection_pages(client, setup):
    setup.issued(setup.create())
    client.force_login(setup.users["supervisor"])
    response = client.post(
        reverse("normdocs:inspections"),
        {"title": "专项检查", "kind": "special", "started_on": "2022-06-01"},
    )
    assert response.status_code == 302
    detail = response["Location"]
    pk = int(detail.rstrip("/").split("/")[-1])
    inspection_step = "normdocs.inspection"
    client.post(
        reverse("core:transition", args=[inspection_step, pk, "select_documents"]),
        _prefixed("select_documents", unit="MARKET"),
    )
    document = NormativeDocument.objects.get()
    response = client.post(
        reverse("core:transition", args=[inspection_step, pk, "record_finding"]),
        _prefixed(
            "record_finding",
            document=document.pk,
            category="form",
            description="格式不规范",
            recorded_on="2022-06-02",
            rectification_due="2022-06-01",
        ),
    )
    assert response.status_code == 400
    assert "整改期限应晚于发现日期" in response.content.decode()
    assert client.get(detail, {"export": "xlsx"}).status_code == 200
    page = client.get(detail).content.decode()
    assert 'data-action="record_finding"' in page and 'data-action="close"' in page
    client.force_login(setup.users["drafter"])
    assert client.get(detail).status_code == 403


def test_list_query_count(client, setup, django_assert_max_num_queries):
    for index in range(5):
        setup.create(title=f"文件{index}")
    client.force_login(setup.users["justice_legal_officer"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("normdocs:list"))
    assert len(response.context["page"].object_list) == 5


def test_reminders_page(client, setup):
    client.force_login(setup.users["drafter"])
    assert client.get(reverse("normdocs:reminders")).status_code == 200
    assert client.get(reverse("normdocs:review_types")).status_code == 200
    client.force_login(setup.users["department_legal_officer"])
    assert client.get(reverse("normdocs:review_queue")).status_code == 200


def test_public_database_query_count(client, setup, django_assert_max_num_queries):
    for index in range(3):
        setup.issued(setup.create(title=f"文件{index}"))
    with django_assert_max_num_queries(8):
        response = client.get(reverse("normdocs-portal:database"))
    assert len(response.context["page"].object_list) == 3


def test_issued_documents_open_to_every_staff_member(client, setup):
    draft = setup.create(title="草案")
    issued = setup.issued(setup.create(title="已发布"))
    client.force_login(setup.users["supervisor"])
    assert client.get(reverse("normdocs:detail", args=[issued.pk])).status_code == 200
    assert client.get(reverse("normdocs:detail", args=[draft.pk])).status_code == 403


def test_register_filters_by_unit_and_exports(client, setup):
    setup.create(title="市场监管局文件")
    client.force_login(setup.users["justice_legal_officer"])
    url = reverse("normdocs:list")
    assert len(client.get(url, {"unit": "MARKET"}).context["page"].object_list) == 1
    assert not client.get(url, {"unit": "ENF"}).context["page"].object_list
    export = client.get(url, {"export": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
