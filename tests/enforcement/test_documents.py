"""The enforcement 文书 generated from a case: layout, facts, basis and remedies; scope."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from fazhi.core import documents
from fazhi.enforcement import services
from fazhi.enforcement.models import CaseOutcome
from tests.document_checks import assert_contains, assert_official_layout, docx_text, open_docx
from tests.enforcement.conftest import notified_case


def _url(key: str, case, fmt: str = "docx") -> str:
    return reverse("core:record_document", args=[key, case.pk, fmt])


def _decided(enf, tree):
    case = notified_case(enf, tree, fine=Decimal(6000))
    return services.case_decide(
        actor=enf.town_officer,
        case=case,
        on=dt.date(2022, 3, 20),
        outcome=CaseOutcome.PENALTY,
        penalty_kinds=["fine"],
        fine_amount=Decimal(6000),
    )


def test_penalty_decision_states_facts_basis_and_remedies(client, enf, tree):
    case = _decided(enf, tree)
    client.force_login(enf.town_officer)
    page = client.get(reverse("enforcement:case_detail", args=[case.pk])).content.decode()
    assert _url("enforcement.penalty_decision", case) in page
    assert _url("enforcement.penalty_notice", case) in page
    response = client.get(_url("enforcement.penalty_decision", case))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    document = open_docx(response.content)
    assert_official_layout(document)
    text = docx_text(document)
    assert_contains(
        text,
        "行政处罚决定书",
        case.decision_number,
        "张三",
        "在城市道路两侧设置摊点",
        "人民币6,000元",
        enf.item.legal_basis.rstrip("。"),
        enf.item.penalty_basis.rstrip("。"),
        "六十日内依法申请行政复议（《中华人民共和国行政复议法》第二十条）",
        "六个月内依法向人民法院提起行政诉讼（《中华人民共和国行政诉讼法》第四十六条）",
        "十五日内",
        "2022年3月20日",
        case.organization.name,
    )
    assert "330481198001010016" not in text  # the ID number is masked


def test_pre_decision_notice_states_rights(client, enf, tree):
    case = notified_case(enf, tree, fine=Decimal(6000))
    client.force_login(enf.town_officer)
    text = docx_text(open_docx(client.get(_url("enforcement.penalty_notice", case)).content))
    assert_contains(
        text, "行政处罚事先告知书", case.case_number, "张三：", "陈述、申辩", "第四十四条"
    )
    # Not decided yet: no decision document, with a clear refusal.
    response = client.get(_url("enforcement.penalty_decision", case))
    assert response.status_code == 409
    assert "尚未作出" in response.content.decode()


def test_no_penalty_decision_cites_article_33_and_the_list(client, enf, tree):
    case = notified_case(enf, tree)
    case = services.case_decide(
        actor=enf.town_officer,
        case=case,
        on=dt.date(2022, 3, 15),
        outcome=CaseOutcome.NO_PENALTY_MINOR,
        circumstances=["first_violation", "corrected_promptly", "no_harm"],
        exemption=enf.exemption,
        education_given="当场批评教育",
    )
    client.force_login(enf.town_officer)
    document = open_docx(client.get(_url("enforcement.no_penalty_decision", case)).content)
    assert_official_layout(document)
    assert_contains(
        docx_text(document),
        "不予行政处罚决定书",
        case.decision_number,
        "张三",
        "第三十三条第一款",
        "轻微违法行为不予处罚清单",
        "当场批评教育",
        "申请行政复议",
    )


def test_documents_are_scoped_like_the_case(client, enf, tree):
    case = _decided(enf, tree)
    client.force_login(enf.other_town_officer)
    assert client.get(_url("enforcement.penalty_decision", case)).status_code in (403, 404)
    api = f"/api/documents/enforcement.penalty_decision/{case.pk}/docx/"
    assert client.get(api).status_code in (403, 404)
    client.force_login(enf.town_officer)
    response = client.get(api)
    assert response.status_code == 200
    assert_contains(docx_text(open_docx(response.content)), case.decision_number)
    assert client.get(_url("enforcement.penalty_decision", case, "odt")).status_code == 404


@pytest.mark.skipif(not documents.pdf_available(), reason=documents.INSTALL_HINT)
def test_penalty_decision_as_pdf_holds_the_facts(client, enf, tree):
    import io

    from pypdf import PdfReader

    case = _decided(enf, tree)
    client.force_login(enf.town_officer)
    response = client.get(_url("enforcement.penalty_decision", case, "pdf"))
    assert response["Content-Type"] == documents.PDF_TYPE
    reader = PdfReader(io.BytesIO(response.content))
    assert round(float(reader.pages[0].mediabox.width) / 72 * 25.4) == 210
    text = "".join(page.extract_text() for page in reader.pages).replace(" ", "")
    assert_contains(text, "行政处罚决定书", "张三", "6,000", "第四十六条")
