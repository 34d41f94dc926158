"""Pages: permissions, gates shown on the named field, the file archive opened and checked."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
import pytest
from django.urls import reverse

from fazhi.decisions import services
from fazhi.decisions.models import Catalog, CatalogEntry, Decision
from tests.decisions import factories as f
from tests.document_checks import assert_official_layout, docx_text, open_docx
from tests.factories import PersonFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client, tree, users):
    decision = f.launched(tree, users)
    for url in (
        reverse("decisions:list"),
        reverse("decisions:detail", args=[decision.pk]),
        reverse("decisions:archive", args=[decision.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login/" in response["Location"]


def test_public_user_cannot_open_staff_pages(client, tree, users):
    client.force_login(users["public"])
    assert client.get(reverse("decisions:catalogs")).status_code == 403
    assert client.get(reverse("decisions:list")).status_code == 403


def test_other_unit_cannot_read_or_change_a_decision(client, tree, users):
    decision = f.launched(tree, users)
    outsider = user_with_role("drafter", tree.town, username="town-drafter")
    client.force_login(outsider)
    assert client.get(reverse("decisions:detail", args=[decision.pk])).status_code == 404
    assert client.get(reverse("decisions:archive", args=[decision.pk])).status_code == 404
    response = client.post(
        reverse("core:transition", args=["decisions.decision", decision.pk, "skip_step"]),
        {
            "skip_step-kind": "risk_assessment",
            "skip_step-reason": "无",
            "skip_step-basis": "第22条",
            "skip_step-skipped_on": "2022-04-02",
        },
    )
    assert response.status_code == 404
    assert decision.steps.get(kind="risk_assessment").status == "pending"
    listing = client.get(reverse("decisions:list"))
    assert decision.title not in listing.content.decode()


def test_sponsor_sees_own_decision_and_list_exports(
    client, tree, users, django_assert_max_num_queries
):
    decision = f.launched(tree, users)
    client.force_login(users["drafter"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("decisions:list"))
    assert decision.title in response.content.decode()
    export = client.get(reverse("decisions:list") + "?export=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxml")
    page = client.get(reverse("decisions:detail", args=[decision.pk]))
    assert page.status_code == 200
    assert "公众参与" in page.content.decode()


def test_skip_without_reason_shows_error_on_field(client, tree, users):
    decision = f.launched(tree, users)
    client.force_login(users["drafter"])
    response = client.post(
        reverse("core:transition", args=["decisions.decision", decision.pk, "skip_step"]),
        {
            "skip_step-kind": "risk_assessment",
            "skip_step-reason": " ",
            "skip_step-basis": "第22条",
            "skip_step-skipped_on": "2022-04-02",
        },
    )
    assert response.status_code == 400
    assert "id_skip_step-reason_error" in response.content.decode()
    assert decision.steps.get(kind="risk_assessment").status == "pending"


def test_collective_refused_on_page_while_steps_open(client, tree, users):
    decision = f.launched(tree, users)
    client.force_login(users["administrator"])
    response = client.post(
        reverse("core:transition", args=["decisions.decision", decision.pk, "collective_decision"]),
        {
            "collective_decision-meeting_type": "executive",
            "collective_decision-meeting_name": "常务会议",
            "collective_decision-held_on": "2022-06-08",
            "collective_decision-result": "adopted",
            "collective_decision-head_spoke_last": "on",
            "collective_decision-minutes": "通过",
        },
    )
    assert response.status_code == 400
    assert "以下程序尚未完成" in response.content.decode()
    assert Decision.objects.get(pk=decision.pk).status == "drafting"


def test_catalog_pages_propose_approve_publish_and_launch(client, tree, users):
    catalog = services.catalog_create(
        actor=users["administrator"], organization=tree.city, year=2022, title="2022年度目录"
    )
    url = reverse("decisions:catalog", args=[catalog.pk])
    client.force_login(users["drafter"])
    response = client.post(
        url,
        {
            "action": "propose",
            "propose-title": "海宁市储能产业发展规划",
            "propose-category": "development_plan",
            "propose-organization": tree.market.pk,
            "propose-basis": "条例第三条",
            "propose-planned_completion": "2022-09-30",
        },
    )
    assert response.status_code == 302
    response = client.post(
        url,
        {
            "action": "approve",
            "approve-approval_meeting": "常务会议",
            "approve-party_consent_on": "2022-02-07",
            "approve-approved_on": "2022-02-09",
        },
    )
    assert response.status_code == 403  # sponsors do not approve the catalog
    assert Catalog.objects.get(pk=catalog.pk).status == "drafting"
    client.force_login(users["leader"])
    client.post(
        url,
        {
            "action": "approve",
            "approve-approval_meeting": "常务会议",
            "approve-party_consent_on": "2022-02-07",
            "approve-approved_on": "2022-02-09",
        },
    )
    client.post(url, {"action": "publish", "publish-published_on": "2022-02-11"})
    assert Catalog.objects.get(pk=catalog.pk).status == "published"
    client.force_login(users["drafter"])
    entry = CatalogEntry.objects.get(catalog=catalog)
    response = client.post(
        url,
        {
            "action": "launch",
            "entry": entry.pk,
            "launch-launched_on": "2022-03-01",
            "launch-draft_summary": "草案说明",
        },
    )
    decision = Decision.objects.get(entry=entry)
    assert response["Location"] == reverse("decisions:detail", args=[decision.pk])


def test_portal_catalog_lists_published_entries_and_comment_link(client, tree, users):
    decision = f.launched(tree, users)
    services.public_participation_start(
        actor=users["drafter"],
        decision=decision,
        starts_on=dt.date(2022, 4, 6),
        ends_on=dt.date(2022, 5, 9),
        channel="政府网站",
        draft_text="第一条 正文。",
        backdate_reason="按纸质记录补录",
    )
    response = client.get(reverse("decisions-portal:catalog"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "海宁市储能产业发展规划" in body
    assert "海宁市市场监督管理局" in body
    assert 'data-testid="comment-link"' in body
    assert client.get(reverse("decisions-portal:catalog_year", args=[2019])).status_code == 404


def test_archive_zip_holds_docx_and_attachments(client, tree, users, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    decision = f.launched(tree, users)
    f.ready_for_collective(decision, users)
    f.collective(decision, users)
    services.attachment_add(
        actor=users["drafter"],
        decision=decision,
        title="决策草案",
        file_name="草案.pdf",
        content=b"%PDF-1.4 draft",
        stage="collective_discussion",
    )
    client.force_login(users["justice_legal_officer"])
    response = client.get(reverse("decisions:archive", args=[decision.pk]))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == ["决策档案.docx", "附件/01_草案.pdf"]
    assert archive.read("附件/01_草案.pdf") == b"%PDF-1.4 draft"
    document = docx.Document(io.BytesIO(archive.read("决策档案.docx")))
    assert_official_layout(document)  # A4 and the official fonts, not US Letter defaults
    headings = [p.text for p in document.paragraphs if p.paragraph_format.keep_with_next]
    assert headings[:8] == [
        "一、目录事项与启动",
        "二、法定程序",
        "（一）公众参与",
        "（二）专家论证",
        "（三）风险评估",
        "（四）合法性审查",
        "（五）集体讨论决定",
        "三、“三查”",
    ]
    # People are named as people, not by their login accounts.
    PersonFactory(organization=tree.market, name="起草人王五", user=users["drafter"])
    response = client.get(
        reverse("core:record_document", args=["decisions.archive", decision.pk, "docx"])
    )
    text = docx_text(open_docx(response.content))
    assert "起草人王五" in text
    assert f" {users['drafter'].get_username()}\n" not in text + "\n"
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "市政府第12次常务会议（常务会议）" in cells
    assert "规划不直接涉及群众切身利益，不致引发社会稳定风险" in cells


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("administrator", 200),
        ("justice_legal_officer", 200),
        ("leader", 200),
        ("department_legal_officer", 200),
        ("drafter", 200),
        ("enforcement_officer", 404),
        ("mediator", 404),
        ("supervisor", 404),
        ("public", 403),
    ],
)
def test_decision_page_permission_matrix(client, tree, users, role, status):
    decision = f.launched(tree, users)
    client.force_login(users[role])
    assert client.get(reverse("decisions:detail", args=[decision.pk])).status_code == status


@pytest.mark.parametrize("role", ["leader", "justice_legal_officer"])
def test_wrong_role_cannot_record_sponsor_steps(client, tree, users, role):
    decision = f.launched(tree, users)
    client.force_login(users[role])
    response = client.post(
        reverse("core:transition", args=["decisions.decision", decision.pk, "skip_step"]),
        {
            "skip_step-kind": "risk_assessment",
            "skip_step-reason": "不适用",
            "skip_step-basis": "第22条",
            "skip_step-skipped_on": "2022-04-02",
        },
    )
    assert response.status_code == 403
    assert decision.steps.get(kind="risk_assessment").status == "pending"


def test_decision_page_query_count(client, tree, users, django_assert_max_num_queries):
    decision = f.launched(tree, users)
    f.ready_for_collective(decision, users)
    client.force_login(users["drafter"])
    with django_assert_max_num_queries(30):
        assert client.get(reverse("decisions:detail", args=[decision.pk])).status_code == 200


def test_catalog_exports_entries_to_xlsx(client, tree, users):
    import openpyxl

    catalog = f.published_catalog(tree, users, titles=("甲事项", "乙事项"))
    client.force_login(users["leader"])
    response = client.get(reverse("decisions:catalog", args=[catalog.pk]) + "?export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("序号", "决策事项", "类别", "承办单位")
    assert [row[1] for row in rows[1:]] == ["甲事项", "乙事项"]
    assert rows[1][3] == "海宁市市场监督管理局"


def test_portal_shows_withdrawn_entries_and_hides_unpublished(client, tree, users):
    catalog = f.published_catalog(tree, users, titles=("甲事项", "乙事项"))
    services.catalog_adjust(
        actor=users["administrator"],
        catalog=catalog,
        kind="withdraw",
        reason="暂缓",
        adjusted_on=dt.date(2022, 7, 1),
        entry=catalog.entries.get(title="乙事项"),
    )
    services.catalog_create(
        actor=users["administrator"], organization=tree.city, year=2023, title="2023草稿目录"
    )
    body = client.get(reverse("decisions-portal:catalog")).content.decode()
    assert "已调出目录" in body
    assert "2023草稿目录" not in body
    assert client.get(reverse("decisions-portal:catalog_year", args=[2023])).status_code == 404


def test_short_consultation_refused_on_page_on_ends_field(client, tree, users):
    decision = f.launched(tree, users)
    client.force_login(users["drafter"])
    response = client.post(
        reverse("core:transition", args=["decisions.decision", decision.pk, "participation_start"]),
        {
            "participation_start-starts_on": "2022-04-06",
            "participation_start-ends_on": "2022-04-20",
            "participation_start-channel": "政府网站",
            "participation_start-draft_text": "第一条 正文。",
            "participation_start-backdate_reason": "按纸质记录补录",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "id_participation_start-ends_on_error" in body
    assert "截止日期最早为" in body
    assert decision.steps.get(kind="public_participation").status == "pending"


def test_portal_explains_a_shortened_consultation(client, tree, users):
    decision = f.launched(tree, users)
    services.public_participation_start(
        actor=users["drafter"],
        decision=decision,
        starts_on=dt.date(2022, 4, 6),
        ends_on=dt.date(2022, 4, 16),
        channel="政府网站",
        draft_text="第一条 正文。",
        shortened_reason="疫情防控形势紧急",
        backdate_reason="按纸质记录补录",
    )
    portal = client.get(reverse("decisions-portal:catalog")).content.decode()
    assert "疫情防控形势紧急" in portal


def test_file_page_shows_the_legality_review_clock(client, tree, users):
    decision = f.launched(tree, users)
    f.ready_for_legality(decision, users)
    services.legality_review_submit(
        actor=users["drafter"],
        decision=decision,
        submitted_on=dt.date(2022, 5, 23),
        review_due_on=dt.date(2022, 6, 1),
    )
    client.force_login(users["drafter"])
    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert "合法性审查：海宁市储能产业发展规划" in page
    assert "2022-06-01" in page


def test_file_page_offers_each_role_its_own_forms(client, tree, users):
    decision = f.launched(tree, users)
    f.ready_for_legality(decision, users)
    services.legality_review_submit(
        actor=users["drafter"],
        decision=decision,
        submitted_on=dt.date(2022, 5, 23),
        review_due_on=dt.date(2022, 6, 1),
    )
    url = reverse("decisions:detail", args=[decision.pk])
    client.force_login(users["drafter"])
    drafter_page = client.get(url).content.decode()
    client.force_login(users["justice_legal_officer"])
    justice_page = client.get(url).content.decode()
    assert 'data-action="conclude_legality_review"' not in drafter_page
    assert 'data-action="record_check"' in drafter_page
    assert 'data-action="conclude_legality_review"' in justice_page
    assert 'data-action="collective_decision"' not in justice_page
