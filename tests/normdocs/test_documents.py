"""The normdocs 文书: legality opinion and the issued formal text; layout, facts, scope."""

from __future__ import annotations

from django.urls import reverse

from tests.document_checks import assert_contains, assert_official_layout, docx_text, open_docx


def _url(key: str, document, fmt: str = "docx") -> str:
    return reverse("core:record_document", args=[key, document.pk, fmt])


def test_legality_opinion_from_the_review(client, setup, users):
    document = setup.reviewed(setup.create())
    client.force_login(users["drafter"])
    page = client.get(reverse("normdocs:detail", args=[document.pk])).content.decode()
    assert _url("normdocs.legality_opinion", document) in page
    assert _url("normdocs.formal_text", document) not in page  # not issued yet
    response = client.get(_url("normdocs.legality_opinion", document))
    assert response.status_code == 200
    doc = open_docx(response.content)
    assert_official_layout(doc)
    assert_contains(
        docx_text(doc),
        "合法性审核意见书",
        "海宁市促进小微企业发展的若干意见",
        "海宁市市场监督管理局：",
        "经审核，该文件合法",
        "《中华人民共和国中小企业促进法》",
        "国办发〔2018〕115号",
        "海宁市司法局",
        "2022年4月15日",
    )
    # Another unit's officer with no task on the draft cannot read it.
    client.force_login(users["enforcement_officer"])
    assert client.get(_url("normdocs.legality_opinion", document)).status_code in (403, 404)


def test_issued_formal_text_carries_the_number(client, setup, users):
    document = setup.issued(setup.create())
    client.force_login(users["justice_legal_officer"])
    response = client.get(_url("normdocs.formal_text", document))
    doc = open_docx(response.content)
    assert_official_layout(doc)
    text = docx_text(doc)
    assert_contains(
        text,
        document.document_number,
        "第一条 为促进小微企业健康发展",
        "海宁市人民政府",
        "2022年4月25日",
    )
    number = next(p for p in doc.paragraphs if p.text == document.document_number)
    assert number.alignment == 1  # 发文字号 centred above the title
