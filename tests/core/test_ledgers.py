"""The one list-page mechanism (``fazhi.core.ledgers``): scope, search, filters, pagination,
empty states and the XLSX export, on a ledger of people built the way every app builds one."""

from __future__ import annotations

from io import BytesIO
from urllib.parse import unquote

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.test import RequestFactory
from django.utils import timezone
from openpyxl import load_workbook

from fazhi.core.errors import PermissionDenied
from fazhi.core.ledgers import (
    PAGE_SIZE,
    Column,
    Filter,
    choice,
    ledger,
    require_staff,
    search_term,
)
from fazhi.core.models import LeaderLevel, Person
from fazhi.core.scoping import scope_for

COLUMNS = [
    Column("姓名", lambda p: p.name, lambda p: f"/people/{p.pk}/"),
    Column("单位", lambda p: p.organization),
    Column("在职", lambda p: p.is_active),
    Column("执法证有效期至", lambda p: p.certificate_valid_until),
]


def _people_ledger(request):
    """A list view as apps write one: scoped rows, the search box and one filter."""
    search = search_term(request)
    level = choice(request, "level", LeaderLevel.values)
    rows = scope_for(request.user).filter(Person.objects.select_related("organization"))
    if search:
        rows = rows.filter(name__icontains=search)
    if level:
        rows = rows.filter(leader_level=level)
    return ledger(
        request,
        rows=rows.order_by("pk"),
        title="人员名册",
        filename="people.xlsx",
        search=search,
        filters=[Filter("level", "领导层级", LeaderLevel.choices, level)],
        columns=COLUMNS,
        empty="还没有登记人员。",
    )


def _get(user, **query):
    request = RequestFactory().get("/people/", query)
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _people(organization, count, **fields):
    Person.objects.bulk_create(
        Person(name=f"张{organization.code}{i:03d}", organization=organization, **fields)
        for i in range(count)
    )


def test_a_ledger_shows_only_the_scoped_rows_and_searches_them(tree, users):
    _people(tree.market, 3)
    _people(tree.justice, 2)
    page = _people_ledger(_get(users["department_legal_officer"])).content.decode()
    assert page.count("张MARKET") == 3 and "张JUSTICE" not in page
    assert 'data-testid="list"' in page and "导出 Excel" in page
    found = _people_ledger(_get(users["department_legal_officer"], q="MARKET001")).content
    assert "张MARKET001" in found.decode() and "张MARKET002" not in found.decode()


def test_empty_states_say_whether_anything_was_asked(tree, users):
    user = users["department_legal_officer"]
    assert "还没有登记人员。" in _people_ledger(_get(user)).content.decode()
    _people(tree.market, 1)
    refused = _people_ledger(_get(user, q="无此人")).content.decode()
    assert "没有符合条件的记录。" in refused and "还没有登记人员。" not in refused
    # a filter value that is not one of the choices is ignored, never queried
    assert "张MARKET000" in _people_ledger(_get(user, level="bogus")).content.decode()
    filtered = _people_ledger(_get(user, level=LeaderLevel.SECTION)).content.decode()
    assert "没有符合条件的记录。" in filtered


def test_pagination_keeps_the_query_and_counts_in_chinese(tree, users):
    _people(tree.market, PAGE_SIZE + 1)
    user = users["department_legal_officer"]
    first = _people_ledger(_get(user, q="张")).content.decode()
    assert first.count("张MARKET") == PAGE_SIZE
    assert f"第 1 / 2 页，共 {PAGE_SIZE + 1} 条" in first
    assert "?q=%E5%BC%A0&page=2" in first  # the next page keeps the search
    second = _people_ledger(_get(user, q="张", page="2")).content.decode()
    assert second.count("张MARKET") == 1 and f"张MARKET{PAGE_SIZE:03d}" in second


def test_export_is_every_scoped_row_with_the_columns_on_screen(tree, users):
    _people(tree.market, PAGE_SIZE + 2, is_active=False)
    _people(tree.justice, 1)
    response = _people_ledger(_get(users["department_legal_officer"], export="xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    dated = f"人员名册-{timezone.localdate():%Y%m%d}.xlsx"
    assert dated in unquote(response["Content-Disposition"])
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("姓名", "单位", "在职", "执法证有效期至")
    assert len(rows) == PAGE_SIZE + 3  # not just the page shown; nothing out of scope
    assert rows[1] == ("张MARKET000", "海宁市市场监督管理局", "否", None)
    assert sheet.title == "人员名册"


def test_a_ledger_that_must_not_leave_in_bulk_has_no_export(tree, users):
    _people(tree.market, 1)
    request = _get(users["department_legal_officer"], export="xlsx")
    rows = Person.objects.all()
    response = ledger(request, rows=rows, title="遗嘱", columns=COLUMNS, exportable=False)
    assert response["Content-Type"].startswith("text/html")
    assert "导出 Excel" not in response.content.decode()


def test_staff_pages_refuse_a_citizen(users):
    with pytest.raises(PermissionDenied):
        require_staff(_get(users["public"]))
    require_staff(_get(users["department_legal_officer"]))
