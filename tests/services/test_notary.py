"""Notary: the 最多跑一次 list (all-or-nothing import) and the public certificate look-up."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core import indicators
from fazhi.core.errors import ImportFailed
from fazhi.services.models import LookupLog, NotaryCategory, NotaryItem
from fazhi.services.services import notary
from tests.services.conftest import refused

pytestmark = pytest.mark.django_db


def rows(count=3):
    return [
        notary.NotaryItemRow(
            category_code=f"GZ{n % 2:02d}",
            category_name=f"类别{n % 2}",
            code=f"GZ-{n}",
            name=f"事项{n}",
            listed_on=dt.date(2022, 3, 1),
        )
        for n in range(count)
    ]


def test_import_is_all_or_nothing_and_counts(world):
    bad = [*rows(), notary.NotaryItemRow("GZ09", "", "GZ-9", "事项9", True, dt.date(2022, 1, 1))]
    with pytest.raises(ImportFailed) as caught:
        notary.notary_items_import(actor=world.notary, rows=bad)
    assert caught.value.rows[0]["row"] == 4 and caught.value.rows[0]["field"] == "category_name"
    assert not NotaryItem.objects.exists()
    assert notary.notary_items_import(actor=world.notary, rows=rows()) == 3
    value = indicators.evaluate(indicators.get("services.notary_one_visit_items"), 2022).value
    assert value == 3
    categories = indicators.get("services.notary_one_visit_categories")
    assert indicators.evaluate(categories, 2022).value == 2
    refused("forbidden_role", lambda: notary.notary_items_import(actor=world.market, rows=rows()))


def certificate(world):
    notary.notary_items_import(actor=world.notary, rows=rows())
    return notary.notarial_certificate_register(
        actor=world.notary,
        number="(2022)浙嘉海证字第123号",
        category=NotaryCategory.objects.first(),
        issued_on=dt.date(2022, 5, 6),
        office="海宁市公证处",
    )


def test_lookup_answers_only_existence_kind_date_and_office(world):
    registered = certificate(world)
    assert registered.number == "（2022）浙嘉海证字第123号"
    answer = notary.notary_lookup(number="（2022）浙嘉海证字第123号", client="c1")
    assert answer == {
        "number": registered.number,
        "exists": True,
        "kind": registered.category.name,
        "issued_on": dt.date(2022, 5, 6),
        "office": "海宁市公证处",
    }
    assert notary.notary_lookup(number="（2022）浙嘉海证字第124号", client="c1") == {
        "number": "（2022）浙嘉海证字第124号",
        "exists": False,
    }
    assert list(LookupLog.objects.values_list("result", flat=True).order_by("id")) == [
        "found",
        "not_found",
    ]


def test_malformed_number_and_rate_limit_are_refused_and_logged(world):
    certificate(world)
    error = refused("malformed_number", lambda: notary.notary_lookup(number="123", client="c2"))
    assert error.field == "number"
    for _ in range(notary.LOOKUP_LIMIT - 1):
        notary.notary_lookup(number="（2022）浙嘉海证字第1号", client="c2")
    error = refused(
        "rate_limited", lambda: notary.notary_lookup(number="（2022）浙嘉海证字第1号", client="c2")
    )
    assert error.status == 429
    assert LookupLog.objects.filter(client="c2", result="limited").count() == 1
    # Another client is not limited by the first one.
    assert notary.notary_lookup(number="（2022）浙嘉海证字第1号", client="c3")["exists"] is False


def test_certificate_register_refuses_bad_numbers_and_duplicates(world):
    registered = certificate(world)
    refused(
        "malformed_number",
        lambda: notary.notarial_certificate_register(
            actor=world.notary,
            number="第123号",
            category=registered.category,
            issued_on=dt.date(2022, 1, 1),
            office="海宁市公证处",
        ),
    )
    refused(
        "duplicate",
        lambda: notary.notarial_certificate_register(
            actor=world.notary,
            number=registered.number,
            category=registered.category,
            issued_on=dt.date(2022, 1, 1),
            office="海宁市公证处",
        ),
    )
