"""Fixtures of the services tests: the test tree's justice bureau runs the notary office; each
town has a people's mediation committee; a citizen account applies."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.forms.models import model_to_dict

from fazhi.core.errors import ApplicationError
from fazhi.core.models import DomainEvent, Organization, Role
from fazhi.services import models
from fazhi.services.services import catalog
from tests.factories import OrganizationFactory, user_with_role

COUNTED = (
    models.OneThing,
    models.OneThingApplication,
    models.ApplicationPart,
    models.Evaluation,
    models.Rectification,
    models.CertificateItem,
    models.VerificationRequest,
    models.Commitment,
    models.NotaryItem,
    models.NotarialCertificate,
    models.WillRegistration,
    models.EstateInquiry,
    models.InquiryRequest,
    DomainEvent,
)


@pytest.fixture(autouse=True)
def notary_body(settings):
    settings.FAZHI_NOTARY_BODY_CODE = "JUSTICE"


def snapshot(records):
    counts = tuple(model.objects.count() for model in COUNTED)
    return counts, [model_to_dict(type(r).objects.get(pk=r.pk)) for r in records]


def refused(code: str, call, *records) -> ApplicationError:
    """The call is refused with ``code`` and nothing changed (no row, no event, no field)."""
    before = snapshot(records)
    with pytest.raises(ApplicationError) as caught:
        call()
    assert caught.value.code == code, caught.value.message
    assert snapshot(records) == before
    return caught.value


@dataclass
class World:
    citizen: object
    other_citizen: object
    notary: object  # justice bureau staff
    market: object  # market regulation legal officer
    enforcement_staff: object
    town_committee: Organization
    other_committee: Organization
    service_centre: Organization


@pytest.fixture
def world(tree, users) -> World:
    return World(
        citizen=users["public"],
        other_citizen=user_with_role(Role.PUBLIC, tree.city, username="citizen2"),
        notary=users["justice_legal_officer"],
        market=users["department_legal_officer"],
        enforcement_staff=user_with_role(
            Role.DEPARTMENT_LEGAL_OFFICER, tree.enforcement, username="enf_legal"
        ),
        town_committee=OrganizationFactory(
            code="TOWN-MC",
            name="长安镇人民调解委员会",
            kind="mediation_committee",
            parent=tree.town,
        ),
        other_committee=OrganizationFactory(
            code="TOWN2-MC",
            name="黄湾镇人民调解委员会",
            kind="mediation_committee",
            parent=tree.other_town,
        ),
        service_centre=tree.market,
    )


def publish(user, tree, *, code="YJS-1", effective_from=dt.date(2022, 1, 1), extra=()):
    return catalog.one_thing_publish(
        actor=user,
        organization=tree.market,
        code=code,
        name="餐饮店开办一件事",
        effective_from=effective_from,
        time_limit_days=5,
        items=[
            catalog.ItemInput(
                department=tree.market,
                name="食品经营许可",
                time_limit_days=3,
                materials=["申请人身份证", "营业执照", "经营场所证明"],
            ),
            catalog.ItemInput(
                department=tree.enforcement,
                name="户外招牌设置",
                time_limit_days=5,
                materials=["申请人身份证", "营业执照", "招牌设计图"],
            ),
            *extra,
        ],
    )


ID_A = "330481199001011236"
ID_B = "330481198506150026"
