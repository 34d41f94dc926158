"""The scheme editor: a year's version made on pages (blank or copied), dimensions and items
with weights and rule parameters validated, frozen once in use; assessors only."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from fazhi.assessment import services
from fazhi.assessment.models import Dimension, Item, Method, Scheme

pytestmark = pytest.mark.django_db

LINEAR = {
    "name": "人民调解成功率",
    "points": "10",
    "method": Method.COMPUTED,
    "indicator_key": "disputes.mediation_success_rate",
    "rule": "linear",
    "low": "50",
    "high": "100",
}


def state():
    return (
        list(Scheme.objects.values_list("year", "title")),
        list(Dimension.objects.values_list("name", flat=True)),
        list(Item.objects.order_by("pk").values_list("name", "points", "rule", "params")),
    )


@pytest.fixture
def scheme(users):
    return services.scheme_create(
        actor=users["justice_legal_officer"],
        year=2022,
        title="2022年度考核",
        dimensions=[
            {
                "name": "依法行政",
                "items": [{"name": "第一责任人职责", "points": 85, "method": Method.MANUAL}],
            }
        ],
    )


def test_an_assessor_builds_a_scheme_on_pages_and_copies_it_to_next_year(client, users):
    client.force_login(users["justice_legal_officer"])
    response = client.post(
        reverse("assessment:scheme_new"), {"year": 2023, "title": "2023年度考核"}
    )
    scheme = Scheme.objects.get(year=2023)
    assert response.url == reverse("assessment:scheme_edit", args=[scheme.pk])
    client.post(response.url, {"action": "dimension", "name": "矛盾纠纷多元化解"})
    dimension = scheme.dimensions.get()
    response = client.post(reverse("assessment:item_new", args=[dimension.pk]), LINEAR)
    assert response.status_code == 302
    item = dimension.items.get()
    assert (item.rule, item.params) == ("linear", {"low": 50.0, "high": 100.0})
    # the same item scored by bands instead, lower values better
    client.post(
        reverse("assessment:item_edit", args=[item.pk]),
        {**LINEAR, "rule": "thresholds", "bands": "95=1\n90=0.6", "lower_is_better": "on"},
    )
    item.refresh_from_db()
    assert item.params == {"bands": [[95.0, 1.0], [90.0, 0.6]], "lower_is_better": True}
    page = client.get(reverse("assessment:scheme_edit", args=[scheme.pk])).content.decode()
    assert "分值合计 10.00 分" in page and "合计应为满分" in page
    # next year's version starts from this one
    response = client.post(
        reverse("assessment:scheme_new"),
        {"year": 2024, "title": "2024年度考核", "copy_from": scheme.pk},
    )
    copied = Scheme.objects.get(year=2024)
    assert [
        (i.name, i.points, i.params) for i in Item.objects.filter(dimension__scheme=copied)
    ] == [("人民调解成功率", Decimal("10.00"), item.params)]
    client.post(reverse("assessment:item_edit", args=[item.pk]), {"action": "delete"})
    assert not Item.objects.filter(pk=item.pk).exists()
    client.post(reverse("assessment:dimension_edit", args=[dimension.pk]), {"action": "delete"})
    assert not scheme.dimensions.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"high": "40"}, "high"),  # upper bound under the lower
        ({"low": ""}, "low"),
        ({"rule": "thresholds", "bands": "95=1.5"}, "bands"),
        ({"rule": "thresholds", "bands": "九十五"}, "bands"),
        ({"rule": "pass_fail"}, "target"),
        ({"indicator_key": ""}, "indicator_key"),
        ({"indicator_key": "nope.key"}, "indicator_key"),
        ({"points": "0"}, "points"),
        ({"points": "16"}, "points"),  # 85 + 16 > 100
        ({"name": ""}, "name"),
    ],
)
def test_bad_items_are_refused_naming_the_field_and_nothing_changes(
    client, users, scheme, changes, field
):
    client.force_login(users["justice_legal_officer"])
    dimension = scheme.dimensions.get()
    before = state()
    response = client.post(
        reverse("assessment:item_new", args=[dimension.pk]), {**LINEAR, **changes}
    )
    assert response.status_code == 400
    assert f'id="id_{field}-errors"' in response.content.decode()
    assert state() == before


def test_the_weights_may_not_pass_the_full_score_in_the_service_either(users, scheme):
    dimension = scheme.dimensions.get()
    before = state()
    with pytest.raises(services.ValidationFailed) as caught:
        services.item_save(
            actor=users["justice_legal_officer"],
            dimension=dimension,
            data={"name": "加分", "points": "15.01", "method": Method.MANUAL},
        )
    assert (caught.value.code, caught.value.field) == ("points_over_total", "points")
    assert state() == before
    services.item_save(
        actor=users["justice_legal_officer"],
        dimension=dimension,
        data={"name": "加分", "points": "15", "method": Method.MANUAL},
    )
    assert services.scheme_total(scheme) == Decimal(100)


def test_a_scheme_in_use_is_that_years_version_and_cannot_change(client, users, tree, scheme):
    assessor = users["justice_legal_officer"]
    services.assessment_open(actor=assessor, scheme=scheme, organization=tree.town)
    item = Item.objects.get(dimension__scheme=scheme)
    before = state()
    with pytest.raises(services.Conflict) as caught:
        services.item_save(
            actor=assessor,
            dimension=item.dimension,
            item=item,
            data={"name": "改", "points": "5", "method": Method.MANUAL},
        )
    assert caught.value.code == "scheme_in_use"
    client.force_login(assessor)
    page = client.get(reverse("assessment:scheme_edit", args=[scheme.pk])).content.decode()
    assert 'data-testid="in-use"' in page and "edit-item-" not in page
    response = client.post(
        reverse("assessment:scheme_edit", args=[scheme.pk]), {"action": "title", "title": "新"}
    )
    assert response.status_code == 400
    client.post(reverse("assessment:item_edit", args=[item.pk]), {"action": "delete"})
    assert state() == before


@pytest.mark.parametrize("role", ["department_legal_officer", "leader", "mediator"])
def test_only_assessors_make_or_change_schemes(client, users, scheme, role):
    client.force_login(users[role])
    dimension = scheme.dimensions.get()
    item = dimension.items.get()
    before = state()
    assert client.get(reverse("assessment:scheme_new")).status_code == 403
    assert (
        client.post(reverse("assessment:scheme_new"), {"year": 2030, "title": "x"}).status_code
        == 403
    )
    edit = reverse("assessment:scheme_edit", args=[scheme.pk])
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"action": "dimension", "name": "x"}).status_code == 403
    assert (
        client.post(reverse("assessment:item_new", args=[dimension.pk]), LINEAR).status_code == 403
    )
    assert (
        client.post(
            reverse("assessment:item_edit", args=[item.pk]), {"action": "delete"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("assessment:dimension_edit", args=[dimension.pk]), {"action": "delete"}
        ).status_code
        == 403
    )
    with pytest.raises(services.PermissionDenied):
        services.dimension_delete(actor=users[role], dimension=dimension)
    assert state() == before
