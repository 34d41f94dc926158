"""Pickers with search (``/pick/<kind>/``): matches limited to the user's scope, officers from
the certified people of the chosen unit, public pickers for the portal, and the widget that
keeps the forms' contract (the code is still what is submitted)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fazhi.core.pickers import UNITS, PickerWidget
from tests.disputes.factories import committee
from tests.factories import OrganizationFactory, PersonFactory


def _pick(client, kind: str, **params) -> str:
    response = client.get(reverse("core:pick", args=[kind]), params)
    assert response.status_code == 200
    return response.content.decode()


def test_units_are_limited_to_the_users_scope(client, tree, users):
    client.force_login(users["mediator"])  # a mediator of 长安镇
    page = _pick(client, "units", q="镇")
    assert "长安镇" in page
    assert "黄湾镇" not in page
    client.force_login(users["administrator"])
    page = _pick(client, "units", q="镇")
    assert "长安镇" in page and "黄湾镇" in page


def test_unknown_picker_and_anonymous_use(client, tree, users):
    assert client.get(reverse("core:pick", args=["nothing"])).status_code == 404
    assert client.get(reverse("core:pick", args=["units"])).status_code == 403


def test_officers_are_the_certified_people_of_the_chosen_unit(client, tree, users):
    PersonFactory(organization=tree.town, name="持证甲", enforcement_certificate_number="ZJ001")
    PersonFactory(organization=tree.town, name="无证乙", enforcement_certificate_number="")
    PersonFactory(
        organization=tree.other_town, name="外镇丙", enforcement_certificate_number="ZJ002"
    )
    PersonFactory(organization=tree.village, name="村里丁", enforcement_certificate_number="ZJ3")
    client.force_login(users["administrator"])
    page = _pick(client, "officers", organization="TOWN")
    assert "持证甲" in page
    assert "无证乙" not in page and "外镇丙" not in page and "村里丁" not in page
    client.force_login(users["enforcement_officer"])  # 长安镇 and below
    page = _pick(client, "officers")
    assert "持证甲" in page and "村里丁" in page
    assert "外镇丙" not in page


def test_public_committee_picker_needs_no_login(client, tree):
    committee(tree.town)
    page = _pick(client, "mediation-committees", q="长安")
    assert "长安镇人民调解委员会" in page
    assert "data-pick-value" in page


def test_delivery_methods_and_courts(client, tree, users):
    OrganizationFactory(code="COURT", name="海宁市人民法院", kind="court", parent=tree.city)
    client.force_login(users["mediator"])
    assert "直接送达" in _pick(client, "delivery")
    assert "公告送达" in _pick(client, "delivery", q="公告")
    assert "直接送达" not in _pick(client, "delivery", q="公告")
    assert "海宁市人民法院" in _pick(client, "courts", q="法院")


@pytest.mark.django_db
def test_widget_submits_the_chosen_value_or_what_was_typed(tree):
    widget = PickerWidget(UNITS)
    assert widget.value_from_datadict({"org": "TOWN", "org__q": "长安镇"}, {}, "org") == "TOWN"
    assert widget.value_from_datadict({"org": "", "org__q": " TOWN "}, {}, "org") == "TOWN"
    html = widget.render("org", "TOWN", attrs={"id": "id_org"})
    assert 'type="hidden" name="org" value="TOWN"' in html
    assert "长安镇（TOWN）" in html
    assert 'hx-get="/pick/units/"' in html
    assert "hx-on" not in html


def test_enforcement_case_form_uses_pickers(client, tree, users):
    client.force_login(users["enforcement_officer"])
    page = client.get(reverse("enforcement:case_open")).content.decode()
    assert "/pick/units/" in page
    assert "/pick/enforcement-items/" in page
    assert "/pick/officers/" in page
    assert "[name=&#x27;organization&#x27;]" in page or "[name='organization']" in page
