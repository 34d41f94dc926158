"""The 人民调解协议书 generated from a concluded case: layout, parties, law, scope."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from fazhi.core.models import Role
from fazhi.disputes import services
from fazhi.disputes.models import Outcome
from tests.disputes.factories import committee, mediator, register
from tests.document_checks import assert_contains, assert_official_layout, docx_text, open_docx
from tests.factories import user_with_role


def test_agreement_document(client, tree, users):
    user = users["mediator"]
    town_committee = committee(tree.town)
    person = mediator(town_committee)
    case = register(user, town_committee, summary="相邻通行纠纷，争议围墙位置。")
    url = reverse("core:record_document", args=["disputes.agreement", case.pk, "docx"])
    client.force_login(user)
    assert client.get(url).status_code == 409  # no agreement yet
    services.mediation_case_start(actor=user, case=case, on=dt.date(2022, 3, 2), mediator=person)
    case = services.mediation_case_conclude(
        actor=user,
        case=case,
        on=dt.date(2022, 3, 8),
        outcome=Outcome.AGREEMENT_WRITTEN,
        agreement_terms="一、被申请人于2022年3月20日前拆除越界围墙。\n二、申请人放弃其他请求。",
        performance_method="被申请人自行拆除，申请人配合",
        performance_due=dt.date(2022, 3, 20),
    )
    page = client.get(reverse("disputes:case_detail", args=[case.pk])).content.decode()
    assert url in page
    document = open_docx(client.get(url).content)
    assert_official_layout(document)
    text = docx_text(document)
    assert_contains(
        text,
        "人民调解协议书",
        case.case_no,
        "申请人：王小明",
        "被申请人：李大华",
        "相邻通行纠纷",
        "调解员甲",
        "第三十三条",
        "2022年3月8日",
        town_committee.name,
        "一、被申请人于2022年3月20日前拆除越界围墙。",
        "二、申请人放弃其他请求。",
        "履行方式：被申请人自行拆除，申请人配合",
        "履行期限：2022年3月20日",
    )
    assert "33048119800101001X" not in text
    client.force_login(user_with_role(Role.MEDIATOR, tree.other_town, username="outsider"))
    assert client.get(url).status_code in (403, 404)
