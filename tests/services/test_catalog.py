"""一件事: versions, deduplicated materials, applications routed to departments, 好差评."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fazhi.core import indicators
from fazhi.core.models import Clock
from fazhi.services import selectors
from fazhi.services.models import (
    ApplicationStatus,
    Grade,
    OneThing,
    PartStatus,
    RectificationStatus,
)
from fazhi.services.services import catalog
from tests.services.conftest import ID_A, publish, refused

pytestmark = pytest.mark.django_db


def test_catalog_deduplicates_materials_and_counts_savings(tree, world):
    thing = publish(world.market, tree)
    assert thing.version == 1
    assert thing.separate_materials == 6
    assert list(thing.materials.values_list("name", flat=True)) == [
        "申请人身份证",
        "营业执照",
        "经营场所证明",
        "招牌设计图",
    ]
    assert thing.materials_saved == 2
    assert thing.visits_saved == 1


def test_a_new_version_closes_the_previous_one_and_counts_once(tree, world):
    first = publish(world.market, tree)
    second = publish(world.market, tree, effective_from=dt.date(2022, 7, 1))
    first.refresh_from_db()
    assert second.version == 2
    assert first.effective_to == dt.date(2022, 6, 30)
    assert [t.pk for t in selectors.one_thing_list(on=dt.date(2022, 3, 1))] == [first.pk]
    assert indicators.evaluate(indicators.get("services.one_thing_items"), 2022).value == 1
    refused(
        "dates_out_of_order",
        lambda: publish(world.market, tree, effective_from=dt.date(2022, 7, 1)),
        second,
    )


def test_publishing_needs_rights_over_the_lead_department(tree, world):
    refused("out_of_scope", lambda: publish(world.enforcement_staff, tree))
    assert not OneThing.objects.exists()


def test_application_missing_a_required_material_is_refused_whole(tree, world):
    thing = publish(world.market, tree)
    error = refused(
        "material_missing",
        lambda: catalog.one_thing_apply(
            actor=world.citizen,
            one_thing=thing,
            applicant_name="王某",
            applicant_id_number=ID_A,
            materials=["申请人身份证", "营业执照"],
        ),
    )
    assert "经营场所证明" in str(error.message) and "招牌设计图" in str(error.message)
    assert error.field == "materials"


def apply(world, thing):
    return catalog.one_thing_apply(
        actor=world.citizen,
        one_thing=thing,
        applicant_name="王某",
        applicant_id_number=ID_A,
        materials=["申请人身份证", "营业执照", "经营场所证明", "招牌设计图"],
    )


def test_each_department_handles_its_part_on_its_clock_and_the_applicant_sees_one_status(
    tree, world
):
    thing = publish(world.market, tree)
    application = apply(world, thing)
    parts = {p.organization_id: p for p in application.parts.all()}
    assert set(parts) == {tree.market.pk, tree.enforcement.pk}
    clocks = Clock.objects.filter(object_id__in=[str(p.pk) for p in parts.values()])
    assert sorted(c.clock_type for c in clocks) == ["services.part_3d", "services.part_5d"]
    # The market officer cannot complete the enforcement bureau's part.
    refused(
        "out_of_scope",
        lambda: catalog.part_complete(actor=world.market, part=parts[tree.enforcement.pk]),
        parts[tree.enforcement.pk],
    )
    catalog.part_complete(actor=world.market, part=parts[tree.market.pk])
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_PROGRESS
    catalog.part_complete(
        actor=world.enforcement_staff, part=parts[tree.enforcement.pk], note="准予设置"
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.COMPLETED
    assert application.closed_on == timezone.localdate()
    refused(
        "invalid_transition",
        lambda: catalog.part_refuse(
            actor=world.market, part=parts[tree.market.pk], note="材料不符"
        ),
        parts[tree.market.pk],
    )


def test_a_refused_part_closes_the_application_as_refused(tree, world):
    application = apply(world, publish(world.market, tree))
    market, enforcement = application.parts.order_by("id")
    catalog.part_refuse(actor=world.market, part=market, note="经营场所不符合要求")
    catalog.part_complete(actor=world.enforcement_staff, part=enforcement)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REFUSED
    assert market.__class__.objects.get(pk=market.pk).status == PartStatus.REFUSED


def test_a_bad_rating_opens_a_rectification_answered_within_its_period(tree, world):
    application = apply(world, publish(world.market, tree))
    for part in application.parts.all():
        catalog.part_complete(
            actor=world.market if part.organization == tree.market else world.enforcement_staff,
            part=part,
        )
    application.refresh_from_db()
    refused(
        "forbidden_role",
        lambda: catalog.application_evaluate(
            actor=world.other_citizen, application=application, grade=Grade.SATISFIED
        ),
        application,
    )
    refused(
        "required",
        lambda: catalog.application_evaluate(
            actor=world.citizen, application=application, grade=Grade.DISSATISFIED
        ),
        application,
    )
    evaluation = catalog.application_evaluate(
        actor=world.citizen, application=application, grade=Grade.DISSATISFIED, comment="等待太久"
    )
    rectification = evaluation.rectification
    assert rectification.organization == tree.market
    assert rectification.status == RectificationStatus.OPEN
    refused(
        "invalid_transition",
        lambda: catalog.application_evaluate(
            actor=world.citizen, application=application, grade=Grade.SATISFIED
        ),
        application,
    )
    catalog.rectification_respond(
        actor=world.market, rectification=rectification, response="已回访并优化流程"
    )
    rectification.refresh_from_db()
    assert rectification.status == RectificationStatus.DONE and rectification.on_time
    year = timezone.localdate().year
    rate = indicators.evaluate(indicators.get("services.bad_rating_rectification_rate"), year)
    assert rate.value == 100
    satisfaction = indicators.evaluate(indicators.get("services.satisfaction_rate"), year)
    assert satisfaction.value == 0
    table = selectors.evaluation_table(user=world.notary, year=year)
    assert table[0]["bad"] == 1 and table[0]["rectification"] == 100.0
