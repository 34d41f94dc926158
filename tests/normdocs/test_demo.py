"""The demo's building block: one 2022 document taken through its whole life by the services.

The full demo (32 documents, 13 review types, 4 inspections) and its figures are checked once
for the whole project in tests/demo; this keeps the normdocs suite fast.
"""

from __future__ import annotations

import io

import pytest

from fazhi.core import services as core_services
from fazhi.core.models import Role
from fazhi.demo import haining
from fazhi.normdocs import demo
from fazhi.normdocs.models import DocumentStatus, NormativeDocument, ReviewType
from tests.factories import OrganizationFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def haining_admin():
    """The city and its departments (the demo's codes) and an administrator."""
    city = OrganizationFactory(code=haining.CITY[0], name=haining.CITY[1], kind="city_government")
    for code, name, _short in haining.DEPARTMENTS:
        OrganizationFactory(code=code, name=name, parent=city)
    admin = user_with_role(Role.ADMINISTRATOR, city, username="demo-admin")
    core_services.number_series_create(
        key="city-normative",
        name="市政府行政规范性文件",
        template="海政规〔{year}〕{seq}号",
        organization=city,
        actor=admin,
    )
    return admin


def test_demo_review_types_and_one_document(haining_admin, monkeypatch):
    monkeypatch.setattr(demo, "DOCUMENTS", demo.DOCUMENTS[:1])
    monkeypatch.setattr(demo, "INSPECTIONS", [("测试专项检查", demo.INSPECTIONS[1][1], 3)])
    demo.build(admin=haining_admin, stdout=io.StringIO())
    assert ReviewType.objects.count() == 13
    assert ReviewType.objects.values("owner_unit").distinct().count() == 8
    document = NormativeDocument.objects.get()
    assert document.status == DocumentStatus.ISSUED
    assert document.document_number == "海政规〔2022〕1号"
    assert document.comment_completed_on is not None
    assert not document.filings.filter(filed_on__isnull=True).exists()
    assert document.inspection_findings.count() == 3
    demo.build(admin=haining_admin, stdout=io.StringIO())  # idempotent
    assert NormativeDocument.objects.count() == 1
