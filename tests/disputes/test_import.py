"""The ledger import: all rows or none, each bad row reported with its field."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.errors import ImportFailed, ValidationFailed
from fazhi.core.exports import xlsx_bytes
from fazhi.disputes import services
from fazhi.disputes.models import MediationCase, MediationParty
from fazhi.disputes.services import LEDGER_HEADERS
from tests.disputes.factories import committee, mediator


def _row(**overrides):
    row = {
        "调解委员会编码": "TOWN-MC",
        "案号": "2022-0001",
        "纠纷类型": "邻里纠纷",
        "来源": "当事人申请",
        "登记日期": dt.date(2022, 3, 1),
        "结案日期": dt.date(2022, 3, 5),
        "调解结果": "调解成功（书面协议）",
        "调解员": "调解员甲",
        "申请人": "王某",
        "申请人证件号": "",
        "被申请人": "李某",
        "被申请人证件号": "",
        "涉及金额": 5000,
        "告知的其他途径": "",
        "纠纷简要情况": "相邻通行纠纷",
    }
    row.update(overrides)
    return [row[h] for h in LEDGER_HEADERS]


@pytest.fixture
def town_committee(tree):
    town_committee = committee(tree.town)
    mediator(town_committee)
    return town_committee


def test_a_good_ledger_is_imported_with_parties_and_history(town_committee, users):
    data = xlsx_bytes(
        title="台账",
        headers=LEDGER_HEADERS,
        rows=[_row(), _row(案号="2022-0002", 调解结果="调解不成", 告知的其他途径="诉讼")],
    )
    assert services.mediation_cases_import_xlsx(actor=users["mediator"], data=data) == 2
    first = MediationCase.objects.get(case_no="2022-0001")
    assert (first.kind, first.outcome, first.mediator.name) == (
        "neighbour",
        "agreement_written",
        "调解员甲",
    )
    assert first.history.count() == 1
    assert MediationParty.objects.count() == 4
    assert MediationCase.objects.get(case_no="2022-0002").next_channel == "litigation"


def test_one_bad_row_imports_nothing_and_names_every_problem(town_committee, users):
    data = xlsx_bytes(
        title="台账",
        headers=LEDGER_HEADERS,
        rows=[
            _row(),
            _row(案号="2022-0002", 结案日期=dt.date(2022, 2, 1)),
            _row(案号="2022-0001"),
            _row(案号="2022-0004", 纠纷类型="闲聊", 调解员="不存在的人"),
            _row(案号="2022-0005", 调解委员会编码="NOPE"),
            _row(案号="2022-0006", 涉及金额="很多"),
        ],
    )
    with pytest.raises(ImportFailed) as error:
        services.mediation_cases_import_xlsx(actor=users["mediator"], data=data)
    problems = {(r["row"], r["field"]) for r in error.value.rows}
    assert problems == {
        (3, "concluded_on"),
        (4, "case_no"),
        (5, "kind"),
        (5, "mediator_name"),
        (6, "committee_code"),
        (7, "amount"),
    }
    assert MediationCase.objects.count() == 0
    assert MediationParty.objects.count() == 0


def test_a_file_that_is_not_a_ledger_is_refused(town_committee, users):
    with pytest.raises(ValidationFailed) as error:
        services.mediation_cases_import_xlsx(actor=users["mediator"], data=b"not excel")
    assert error.value.code == "unreadable_file"
    data = xlsx_bytes(title="台账", headers=["案号"], rows=[["1"]])
    with pytest.raises(ValidationFailed) as error:
        services.mediation_cases_import_xlsx(actor=users["mediator"], data=data)
    assert error.value.code == "import_invalid"
    assert MediationCase.objects.count() == 0


def test_importing_into_another_towns_committee_is_refused(tree, town_committee, users):
    from fazhi.core.models import Role
    from tests.factories import user_with_role

    outsider = user_with_role(Role.MEDIATOR, tree.other_town, username="outsider")
    data = xlsx_bytes(title="台账", headers=LEDGER_HEADERS, rows=[_row()])
    with pytest.raises(Exception) as error:
        services.mediation_cases_import_xlsx(actor=outsider, data=data)
    assert error.value.code == "out_of_scope"
    assert MediationCase.objects.count() == 0


def test_the_templates_example_row_is_skipped_not_refused(client, town_committee, users):
    from openpyxl import load_workbook

    client.force_login(users["mediator"])
    template = client.get("/disputes/ledger/template/").content
    # Unchanged: the example row alone is no ledger, and the answer says so.
    with pytest.raises(ValidationFailed) as error:
        services.mediation_cases_import_xlsx(actor=users["mediator"], data=template)
    assert "示例" in str(error.value.message)
    # Filled in below the example: imported as it is, the example never becomes a case.
    import io

    book = load_workbook(io.BytesIO(template))
    book.active.append(_row())
    buffer = io.BytesIO()
    book.save(buffer)
    assert (
        services.mediation_cases_import_xlsx(actor=users["mediator"], data=buffer.getvalue()) == 1
    )
    assert not MediationCase.objects.filter(case_no=services.EXAMPLE_CASE_NO).exists()
