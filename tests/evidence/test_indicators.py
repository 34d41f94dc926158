"""Indicators of the evidence app and its demo data."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fazhi.core import indicators
from fazhi.core.models import Role, RoleAssignment
from fazhi.demo import haining
from fazhi.evidence import demo, log, services
from fazhi.evidence.models import Deposit
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_deposit_and_anchor_indicators_count_the_year_and_scope(users, tree):
    services.deposit_create(actor=users["public"], upload=SimpleUploadedFile("a", b"a"), title="a")
    services.deposit_create(
        actor=users["drafter"],
        upload=SimpleUploadedFile("b", b"b"),
        title="b",
        organization=tree.market,
    )
    services.anchor(kind="audit_digest", reference="core.audit:1", digest="c" * 64)
    year = timezone.localdate().year
    deposits = indicators.get("evidence.deposits")
    anchored = indicators.get("evidence.anchored_records")
    assert indicators.evaluate(deposits, year).value == 2
    assert indicators.evaluate(deposits, year, tree.market).value == 1
    assert indicators.evaluate(deposits, year, tree.town).value == 0
    assert indicators.evaluate(deposits, year - 1).value == 0
    assert indicators.evaluate(anchored, year).value == 1


def test_demo_builds_three_deposits_once(tree, users):
    market = OrganizationFactory(code=haining.MARKET_REGULATION, parent=tree.city)
    legal = get_user_model().objects.get(username="legal")
    RoleAssignment.objects.create(
        user=legal, role=Role.DEPARTMENT_LEGAL_OFFICER, organization=market
    )
    demo.build(admin=users["administrator"], stdout=None)
    demo.build(admin=users["administrator"], stdout=None)
    assert sorted(Deposit.objects.values_list("title", flat=True)) == [
        "外观设计专利侵权证据包",
        "破产债权申报数据",
        "经编面料购销合同",
    ]
    assert Deposit.objects.get(organization=market).title == "破产债权申报数据"
    assert log.audit().ok
