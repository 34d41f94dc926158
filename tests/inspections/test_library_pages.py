"""Staff pages for every entry the API offers: inspectors, declared relations, scenarios."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from fazhi.core.models import Role
from fazhi.inspections.models import Inspector, Relation, Scenario
from tests.factories import CertifiedOfficerFactory, PersonFactory, user_with_role


def test_inspector_page_adds_a_certified_officer_and_refuses_bad_input(client, world, tree, users):
    legal = users["department_legal_officer"]  # market's legal officer
    client.force_login(legal)
    url = reverse("inspections:inspector_create")
    page = client.get(url).content.decode()
    assert "请选择" in page and tree.market.name in page
    assert tree.enforcement.name not in page  # only units in the user's scope
    person = CertifiedOfficerFactory(
        organization=tree.market, certificate_valid_until=dt.date(2027, 6, 30)
    )
    before = Inspector.objects.count()
    bad = client.post(
        url,
        {
            "person": person.pk,
            "organization": tree.market.pk,
            "skills": "食品",
            "daily_capacity": 0,
            "unavailable_dates": "2026-13-01",
        },
    )
    assert bad.status_code == 400
    body = bad.content.decode()
    assert "id_daily_capacity-errors" in body and "2026-13-01" in body
    assert Inspector.objects.count() == before
    ok = client.post(
        url,
        {
            "person": person.pk,
            "organization": tree.market.pk,
            "skills": "食品、消防",
            "daily_capacity": 3,
            "unavailable_dates": "2026-12-24, 2026-12-25",
        },
    )
    assert ok.status_code == 302
    added = Inspector.objects.get(person=person)
    assert added.skills == ["食品", "消防"] and added.unavailable_dates == [
        "2026-12-24",
        "2026-12-25",
    ]
    # Someone else's unit is not offered, and a forged post is refused without a write.
    foreign = CertifiedOfficerFactory(
        organization=tree.enforcement, certificate_valid_until=dt.date(2027, 6, 30)
    )
    forged = client.post(
        url, {"person": foreign.pk, "organization": tree.enforcement.pk, "daily_capacity": 4}
    )
    assert forged.status_code == 400
    assert not Inspector.objects.filter(person=foreign).exists()


def test_uncertified_person_is_not_offered(client, world, tree, users):
    client.force_login(users["department_legal_officer"])
    plain = PersonFactory(organization=tree.market, name="无证人员甲")
    page = client.get(reverse("inspections:inspector_create")).content.decode()
    assert plain.name not in page


def test_relation_page_is_scoped_and_names_the_field(client, world, tree):
    inspector = world.market_inspectors[0]
    url = reverse("inspections:relation_declare", args=[inspector.pk])
    # Another department's officer cannot open or post to a market inspector.
    client.force_login(world.enf_officer)
    assert client.get(url).status_code == 404
    response = client.post(url, {"credit_code": world.subjects[0].credit_code, "relation": "亲属"})
    assert response.status_code == 404
    assert not Relation.objects.exists()
    client.force_login(world.market_officer)
    assert client.get(url).status_code == 200
    unknown = client.post(url, {"credit_code": "91330481MA2XXXXXXX", "relation": "亲属"})
    assert unknown.status_code == 400 and "id_credit_code-errors" in unknown.content.decode()
    blank = client.post(url, {"credit_code": world.subjects[0].credit_code, "relation": "  "})
    assert blank.status_code == 400 and "id_relation-errors" in blank.content.decode()
    assert not Relation.objects.exists()
    done = client.post(url, {"credit_code": world.subjects[0].credit_code, "relation": "配偶经营"})
    assert done.status_code == 302
    assert Relation.objects.get().subject == world.subjects[0]
    listing = client.get(reverse("inspections:inspectors")).content.decode()
    assert url in listing


def test_scenario_page_validates_level_and_role(client, world, tree, users):
    url = reverse("inspections:scenario_create")
    client.force_login(world.market_officer)  # an enforcement officer does not keep the library
    assert client.post(
        url,
        {"name": "餐饮场景", "level": "city_key", "object_type": "餐饮单位", "items": []},
    ).status_code in (400, 403)
    assert not Scenario.objects.exists()
    client.force_login(world.coordinator)
    body = {
        "name": "餐饮单位综合查一次",
        "level": "town",
        "object_type": "餐饮单位",
        "items": [world.food.pk, world.gas.pk],
    }
    missing_town = client.post(url, body)
    assert missing_town.status_code == 400
    assert "id_town-errors" in missing_town.content.decode()
    assert not Scenario.objects.exists()
    assert client.post(url, {**body, "town": tree.town.pk}).status_code == 302
    scenario = Scenario.objects.get()
    assert scenario.town == tree.town and scenario.items.count() == 2
    assert "餐饮单位综合查一次" in client.get(reverse("inspections:scenarios")).content.decode()


def test_scenario_page_refuses_a_role_outside_the_library(client, world, tree):
    officer = user_with_role(Role.ENFORCEMENT_OFFICER, tree.market, username="plain")
    client.force_login(officer)
    response = client.post(
        reverse("inspections:scenario_create"),
        {
            "name": "x",
            "level": "city_key",
            "object_type": "餐饮单位",
            "items": [world.food.pk],
        },
    )
    assert response.status_code == 403
    assert not Scenario.objects.exists()
