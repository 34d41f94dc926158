"""The reconsideration 文书: acceptance notice and decision; layout, facts, articles, scope."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from fazhi.core.models import Role
from fazhi.reconsideration import services
from tests.document_checks import assert_contains, assert_official_layout, docx_text, open_docx
from tests.factories import user_with_role
from tests.reconsideration.factories import accepted


def _url(key: str, case, fmt: str = "docx") -> str:
    return reverse("core:record_document", args=[key, case.pk, fmt])


def test_acceptance_notice_and_decision(client, tree, users):
    officer = users["reconsideration_officer"]
    case = accepted(officer, tree, contested_act_ref="海市监罚决〔2022〕3号")
    client.force_login(officer)
    page = client.get(reverse("reconsideration:case_detail", args=[case.pk])).content.decode()
    assert _url("reconsideration.acceptance_notice", case) in page
    assert _url("reconsideration.decision", case) not in page
    notice = open_docx(client.get(_url("reconsideration.acceptance_notice", case)).content)
    assert_official_layout(notice)
    law = "《中华人民共和国行政复议法》"
    article = "第十七条" if case.law_version == "2017" else "第三十条"
    assert_contains(
        docx_text(notice),
        "行政复议受理通知书",
        case.case_no,
        "张三：",
        "海宁市市场监督管理局",
        "海市监罚决〔2022〕3号",
        article,
        f"{case.accepted_on.year}年{case.accepted_on.month}月{case.accepted_on.day}日起予以受理",
    )
    case = services.reconsideration_decide(
        actor=officer, case=case, on=dt.date(2022, 4, 1), decision="uphold", summary="事实清楚。"
    )
    decision = open_docx(client.get(_url("reconsideration.decision", case)).content)
    assert_official_layout(decision)
    basis = "第二十八条第一款第（一）项" if case.law_version == "2017" else "第六十八条"
    assert_contains(
        docx_text(decision),
        "行政复议决定书",
        case.case_no,
        "申请人：张三",
        "被申请人：海宁市市场监督管理局",
        "撤销该处罚决定",
        law,
        basis,
        "本机关决定：维持",
        "十五日内，依法向人民法院提起行政诉讼（《中华人民共和国行政诉讼法》第四十五条）",
        "2022年4月1日",
    )


def test_documents_are_scoped_like_the_case(client, tree, users):
    case = accepted(users["reconsideration_officer"], tree)
    stranger = user_with_role(Role.RECONSIDERATION_OFFICER, tree.other_town, username="stranger")
    client.force_login(stranger)
    assert client.get(_url("reconsideration.acceptance_notice", case)).status_code in (403, 404)
    api = f"/api/documents/reconsideration.acceptance_notice/{case.pk}/docx/"
    assert client.get(api).status_code in (403, 404)
