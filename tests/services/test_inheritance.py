"""遗产继承一件事: wills (form, privacy, the later prevails), estate inquiry, mediation hand-off."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.errors import NotFound
from fazhi.core.models import Role
from fazhi.disputes.models import MediationCase
from fazhi.lawbase.selectors import citations_resolve
from fazhi.services import selectors
from fazhi.services.models import (
    EstateStatus,
    Grade,
    LookupLog,
    Registry,
    RequestStatus,
    Source,
    WillForm,
    WillStatus,
)
from fazhi.services.services import inheritance
from tests.factories import user_with_role
from tests.services.conftest import ID_A, ID_B, refused

pytestmark = pytest.mark.django_db


def register(world, **overrides):
    values = {
        "actor": world.notary,
        "testator_name": "沈某",
        "testator_id_number": ID_A,
        "form": WillForm.PRINTED,
        "made_on": dt.date(2022, 3, 5),
        "registry": Registry.NOTARY,
        "witnesses": ["甲某", "乙某"],
        "signed_each_page": True,
        "testator_username": "citizen",
    }
    values.update(overrides)
    return inheritance.will_register(**values)


def test_every_form_cites_an_article_that_exists_in_the_law_base():
    for form, basis in inheritance.WILL_FORM_BASIS.items():
        results = citations_resolve(text=basis)
        assert results and all(r.ok for r in results), (form, basis)
    assert all(r.ok for r in citations_resolve(text=inheritance.LATEST_PREVAILS_BASIS))


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"witnesses": ["甲某"]}, "witnesses_required", "witnesses"),
        ({"witnesses": ["沈某", "乙某"]}, "witness_disqualified", "witnesses"),
        ({"signed_each_page": False}, "invalid", "signed_each_page"),
        ({"form": WillForm.ORAL}, "invalid", "emergency"),
        ({"form": WillForm.NOTARIAL, "witnesses": []}, "required", "notary_office"),
        ({"testator_id_number": "123"}, "invalid", "testator_id_number"),
    ],
)
def test_will_form_requirements(world, overrides, code, field):
    error = refused(code, lambda: register(world, **overrides))
    assert error.field == field


def test_several_wills_are_kept_and_the_later_made_prevails(world, tree):
    later = register(
        world,
        form=WillForm.NOTARIAL,
        witnesses=[],
        notary_office="海宁市公证处",
        made_on=dt.date(2022, 9, 1),
    )
    # An earlier-made will registered afterwards: kept, but the later one prevails.
    earlier = register(world, made_on=dt.date(2022, 3, 5))
    wills = selectors.wills_of_testator(user=world.notary, id_number=ID_A)
    assert [w.pk for w in wills] == [later.pk, earlier.pk]
    assert wills[0].prevails and not wills[1].prevails
    inheritance.will_revoke(actor=world.notary, will=later)
    wills = selectors.wills_of_testator(user=world.notary, id_number=ID_A)
    assert wills[1].prevails and wills[0].status == WillStatus.REVOKED


def test_a_will_is_private_to_the_testator_and_notary_staff(world, tree, users):
    will = register(world)
    assert selectors.will_get(user=world.citizen, pk=will.pk) == will
    assert selectors.will_get(user=world.notary, pk=will.pk) == will
    for outsider in (world.other_citizen, users["leader"], world.market):
        with pytest.raises(NotFound):
            selectors.will_get(user=outsider, pk=will.pk)
    assert LookupLog.objects.filter(kind="will", result="shown").count() == 2
    refused("forbidden_role", lambda: inheritance.will_revoke(actor=world.citizen, will=will), will)


def apply(world, tree, **overrides):
    values = {
        "actor": world.citizen,
        "town": tree.town,
        "applicant_name": "沈小某",
        "applicant_id_number": ID_B,
        "relation": "child",
        "deceased_name": "沈某",
        "deceased_id_number": ID_A,
        "died_on": dt.date(2022, 1, 5),
        "death_proof": "居民死亡医学证明书",
        "kinship_proof": "户口簿",
        "on": dt.date(2022, 2, 1),
    }
    values.update(overrides)
    return inheritance.estate_apply(**values)


def test_estate_application_needs_the_death_and_kinship_proofs(world, tree):
    error = refused("required", lambda: apply(world, tree, death_proof=" "))
    assert error.field == "death_proof"
    refused("required", lambda: apply(world, tree, kinship_proof=""))


def answered(world, tree):
    inquiry = apply(world, tree)
    inheritance.estate_accept(
        actor=world.notary, inquiry=inquiry, sources=Source.values, on=dt.date(2022, 2, 2)
    )
    requests = list(inquiry.requests.all())
    assert len(requests) == len(Source.values)
    refused(
        "invalid_transition",
        lambda: inheritance.estate_settle(actor=world.notary, inquiry=inquiry, summary="协商一致"),
        inquiry,
    )
    late = requests[0]
    error = refused(
        "late_without_reason",
        lambda: inheritance.inquiry_answer(
            actor=world.notary,
            request=late,
            found=True,
            answer="有房产一处",
            on=dt.date(2022, 3, 30),
        ),
        late,
    )
    assert error.field == "late_reason"
    inheritance.inquiry_answer(
        actor=world.notary,
        request=late,
        found=True,
        answer="有房产一处",
        on=dt.date(2022, 3, 30),
        late_reason="登记机构档案迁移",
    )
    for request in requests[1:]:
        inheritance.inquiry_answer(
            actor=world.notary,
            request=request,
            found=False,
            answer="未查到",
            on=dt.date(2022, 2, 8),
        )
    assert not inquiry.requests.filter(status=RequestStatus.SENT).exists()
    inquiry.refresh_from_db()
    return inquiry


def test_estate_inquiry_settled_and_evaluated_by_the_applicant(world, tree):
    inquiry = answered(world, tree)
    refused(
        "invalid_transition",
        lambda: inheritance.estate_evaluate(actor=world.citizen, inquiry=inquiry, grade=5),
        inquiry,
    )
    inheritance.estate_settle(actor=world.notary, inquiry=inquiry, summary="继承人协商一致")
    inquiry.refresh_from_db()
    refused(
        "forbidden_role",
        lambda: inheritance.estate_evaluate(actor=world.other_citizen, inquiry=inquiry, grade=5),
        inquiry,
    )
    inheritance.estate_evaluate(actor=world.citizen, inquiry=inquiry, grade=Grade.VERY_SATISFIED)
    inquiry.refresh_from_db()
    assert inquiry.status == EstateStatus.EVALUATED
    assert inquiry.evaluation.service_name == "遗产继承一件事"


def test_dispute_goes_to_the_towns_committee_through_the_disputes_service(world, tree, users):
    inquiry = answered(world, tree)
    error = refused(
        "committee_outside_town",
        lambda: inheritance.estate_refer(
            actor=users["administrator"],
            inquiry=inquiry,
            committee=world.other_committee,
            respondent_name="沈二某",
            summary="房产分割有争议",
        ),
        inquiry,
    )
    assert error.field == "committee" and "黄湾镇" in str(error.message)
    # A mediator of the committee without a role in the notary office may not refer (a 403,
    # nothing registered); the notary staff refer from their own body and the committee's
    # mediators are told (disputes.mediation_case_refer).
    mediator = user_with_role(Role.MEDIATOR, world.town_committee, username="mc")
    refused(
        "forbidden_role",
        lambda: inheritance.estate_refer(
            actor=mediator,
            inquiry=inquiry,
            committee=world.town_committee,
            respondent_name="沈二某",
            summary="房产分割有争议",
        ),
        inquiry,
    )
    inheritance.estate_refer(
        actor=world.notary,
        inquiry=inquiry,
        committee=world.town_committee,
        respondent_name="沈二某",
        summary="房产分割有争议",
    )
    assert mediator.notifications.filter(dedupe_key__startswith="handoff:disputes.case").exists()
    inquiry.refresh_from_db()
    case = MediationCase.objects.get()
    assert inquiry.mediation_case == case and inquiry.status == EstateStatus.MEDIATION
    assert case.organization == world.town_committee and case.status == "registered"
    assert set(case.parties.values_list("name", flat=True)) == {"沈小某", "沈二某"}
