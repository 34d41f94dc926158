"""Pages and API: the permission matrix, step forms, the catalog import page, the portal."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.exports import xlsx_bytes
from fazhi.enforcement import services
from fazhi.enforcement.models import CaseOutcome, CaseStatus, EnforcementItem, PenaltyCase
from tests.enforcement.conftest import notified_case, open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(enf, tree):
    return notified_case(enf, tree)


@pytest.mark.parametrize(
    ("username", "page", "api"),
    [
        ("officer", 200, 200),  # 长安镇's own officer
        ("huangwan", 403, 404),  # another town's officer
        ("bureau", 403, 404),  # the bureau does not read the town's cases
        ("supervisor", 403, 404),  # a supervisor reads cases through supervision views
        ("justice", 200, 200),  # the justice bureau reads everything
        ("leader", 200, 200),
        ("citizen", 403, 404),
    ],
)
def test_case_read_matrix(client, enf, case, username, page, api):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username=username))
    assert client.get(f"/enforcement/cases/{case.pk}/").status_code == page
    assert client.get(f"/api/enforcement/cases/{case.pk}/").status_code == api
    listed = client.get("/api/enforcement/cases/").json()["results"]
    assert [c["id"] for c in listed] == ([case.pk] if api == 200 else [])


def test_anonymous_is_sent_to_login(client, case):
    assert client.get(f"/enforcement/cases/{case.pk}/").status_code == 302
    assert client.get("/api/enforcement/cases/").status_code in (401, 403)


def test_other_town_cannot_change_a_case_by_page_or_api(client, enf, case):
    before = PenaltyCase.objects.filter(pk=case.pk).values().get()
    client.force_login(enf.other_town_officer)
    response = client.post(
        f"/enforcement/cases/{case.pk}/steps/serve/",
        {"serve-on": "2022-03-20", "serve-method": "直接送达"},
    )
    assert response.status_code == 403
    response = client.post(
        f"/api/enforcement/cases/{case.pk}/serve/",
        {"on": "2022-03-20", "method": "直接送达"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert PenaltyCase.objects.filter(pk=case.pk).values().get() == before


def test_officer_of_another_town_cannot_open_a_case_there(client, enf, tree):
    client.force_login(enf.other_town_officer)
    response = client.post(
        "/api/enforcement/cases/",
        {
            "organization": tree.town.code,
            "item": enf.item.code,
            "party_type": "citizen",
            "party_name": "张三",
            "party_id_number": "330481198001010016",
            "facts": "事实",
            "violation_date": "2022-03-01",
            "discovered_on": "2022-03-02",
            "opened_on": "2022-03-03",
            "officers": ["执法员甲", "执法员乙"],
        },
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["code"] == "out_of_scope"
    assert PenaltyCase.objects.count() == 0


def test_decide_page_shows_the_refusal_on_the_field(client, enf, case):
    client.force_login(enf.town_officer)
    response = client.post(
        f"/enforcement/cases/{case.pk}/steps/decide/",
        {
            "decide-on": "2022-03-20",
            "decide-outcome": CaseOutcome.PENALTY,
            "decide-penalty_kinds": ["fine"],
            "decide-fine_amount": "30000",
        },
    )
    assert response.status_code == 400
    assert "须说明未采纳理由" in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.NOTIFIED


def test_api_walk_to_no_penalty_under_an_exemption(client, enf, case):
    client.force_login(enf.town_officer)
    response = client.post(
        f"/api/enforcement/cases/{case.pk}/decide/",
        {
            "on": "2022-03-15",
            "outcome": "no_penalty_minor",
            "circumstances": ["corrected_promptly", "no_harm"],
            "exemption": enf.exemption.pk,
            "education_given": "批评教育",
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["exemption"] == "MZ-1"
    response = client.post(
        f"/api/enforcement/cases/{case.pk}/close/",
        {"on": "2022-03-16"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "code": "not_served",
        "field": "status",
        "detail": "决定书尚未送达，不能结案。",
    }


def test_evidence_upload_page(client, enf, tree, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    case = open_case(enf, tree)
    client.force_login(enf.town_officer)
    response = client.post(
        f"/enforcement/cases/{case.pk}/steps/evidence/",
        {
            "evidence-kind": "documentary",
            "evidence-description": "营业执照复印件",
            "evidence-collected_on": "2022-03-03",
            "evidence-file": SimpleUploadedFile("licence.pdf", b"%PDF-1.4 licence"),
        },
    )
    assert response.status_code == 302
    page = client.get(f"/enforcement/cases/{case.pk}/").content.decode()
    assert "licence.pdf" in page
    assert case.evidence.get().sha256 in page


def test_case_list_masks_id_numbers_and_exports(client, enf, case):
    client.force_login(enf.town_officer)
    response = client.get("/enforcement/cases/?q=张三")
    assert case.case_number in response.content.decode()
    export = client.get("/enforcement/cases/?export=xlsx")
    assert export.status_code == 200
    assert b"330481198001010016" not in export.content


def test_case_list_query_count(client, enf, tree, django_assert_max_num_queries):
    for _ in range(3):
        open_case(enf, tree)
    client.force_login(enf.town_officer)
    with django_assert_max_num_queries(12):
        client.get("/enforcement/cases/")


def test_item_import_page_lists_row_errors_and_imports_nothing(client, users, tree):
    client.force_login(users["administrator"])
    data = xlsx_bytes(
        title="事项",
        headers=services.ITEM_HEADERS,
        rows=[
            [
                "X-1",
                "事项",
                "市容环卫",
                "依据",
                "依据",
                100,
                "划转综合执法",
                "NOPE",
                "",
                dt.date(2022, 1, 1),
                "",
                "",
                None,
            ]
        ],
    )
    from tests.factories import run_queued_job

    response = client.post(
        "/enforcement/items/import/", {"file": SimpleUploadedFile("items.xlsx", data)}
    )
    job = run_queued_job(response)  # the worker imports the catalog
    assert job.status == "failed"
    assert "实施主体编码不存在" in client.get(f"/jobs/{job.pk}/").content.decode()
    assert EnforcementItem.objects.filter(code="X-1").count() == 0


def test_calculator_proposes_grade_and_range(client, enf, case):
    client.force_login(enf.town_officer)
    response = client.get(f"/enforcement/cases/{case.pk}/calculator/?circumstances=reduced_harm")
    text = response.content.decode()
    assert "从轻" in text
    assert "500.00–5000.00" in text


def test_portal_exemption_list_as_of_a_date(client, enf, users):
    services.exemption_repeal(
        actor=users["administrator"], exemption=enf.exemption, on=dt.date(2022, 6, 1), reason="废止"
    )
    before = client.get("/portal/enforcement/exemptions/?on=2022-05-31&q=摊点").content.decode()
    after = client.get("/portal/enforcement/exemptions/?on=2022-06-01&q=摊点").content.decode()
    assert "MZ-1" in before
    assert "MZ-1" not in after


def test_portal_publicity_removes_personal_data(client, enf, tree):
    case = notified_case(enf, tree, fine=Decimal(6000))
    services.case_decide(
        actor=enf.town_officer,
        case=case,
        on=dt.date(2022, 3, 20),
        outcome=CaseOutcome.PENALTY,
        penalty_kinds=["fine"],
        fine_amount=Decimal(6000),
    )
    services.case_publish(actor=enf.town_officer, case=case, on=dt.date(2022, 3, 21))
    text = client.get("/portal/enforcement/publicity/").content.decode()
    assert "张某" in text
    assert "张三" not in text
    assert "330481198001010016" not in text


def test_reviewer_sees_and_uses_the_review_form(client, enf, tree):
    case = notified_case(enf, tree, fine=Decimal(8000), is_major=True, major_reason="重大")
    client.force_login(enf.reviewer)
    page = client.get(f"/enforcement/cases/{case.pk}/").content.decode()
    assert 'data-action="review"' in page
    assert 'data-action="decide"' not in page
    response = client.post(
        f"/enforcement/cases/{case.pk}/steps/review/",
        {"review-on": "2022-03-12", "review-outcome": "approved", "review-opinion": "同意"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.REVIEWED


def test_item_page_resolves_its_legal_bases_through_the_law_base(client, users, enf, tmp_path):
    from fazhi.lawbase.models import Law
    from fazhi.lawbase.services import laws_load
    from tests.lawbase.corpus import make_small_corpus

    laws_load(directory=make_small_corpus(tmp_path / "laws", ("中华人民共和国行政处罚法",)))
    EnforcementItem.objects.filter(pk=enf.item.pk).update(
        legal_basis="《中华人民共和国行政处罚法》第三十三条",
        penalty_basis="《行政处罚法》第九百九十九条",
    )
    client.force_login(users["leader"])
    page = client.get(f"/enforcement/items/{enf.item.pk}/").content.decode()
    law = Law.objects.get(title="中华人民共和国行政处罚法")
    assert f'href="/lawbase/laws/{law.pk}/#article-33"' in page
    citations = page.split('data-testid="basis-citations"', 1)[1]
    unresolved = citations.split("第九百九十九条", 1)[1].split("</div>", 1)[0]
    assert 'class="due-soon"' in unresolved  # the reason it does not resolve is shown
