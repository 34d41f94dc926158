"""Enforcement certificates (行政执法证): a case needs two officers holding a valid certificate
on the day (行政处罚法 art 42, 55); certificates lapse on leaving enforcement (浙江省综合行政执法
条例 art 28); pages and API are scoped to the units the user manages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core.models import Person
from fazhi.enforcement import services
from fazhi.enforcement.certificates import certificate_valid_on
from fazhi.enforcement.models import CaseOfficer, EnforcementCertificate
from fazhi.enforcement.services import certificate_training_record
from tests.enforcement.conftest import certify, open_case
from tests.enforcement.test_services import refused

pytestmark = pytest.mark.django_db


def test_certificate_valid_on_its_dates_and_not_after_revocation(enf, tree, users):
    person = Person.objects.get(name="甲")
    certificate = person.certificates.get()
    assert certificate_valid_on(person, dt.date(2020, 1, 1))
    assert not certificate_valid_on(person, dt.date(2019, 12, 31))
    assert not certificate_valid_on(person, dt.date(2027, 1, 1))
    services.certificate_revoke(
        actor=users["administrator"],
        certificate=certificate,
        on=dt.date(2022, 6, 1),
        reason="criminal",
    )
    assert certificate_valid_on(person, dt.date(2022, 5, 31))
    assert not certificate_valid_on(person, dt.date(2022, 6, 1))
    person.refresh_from_db()
    assert person.certificate_valid_until == dt.date(2022, 5, 31)


def test_case_needs_two_officers_certified_on_the_day_art_42(enf, tree, users):
    certify(
        users["administrator"],
        tree.town,
        "丁",
        valid_from=dt.date(2022, 4, 1),
        valid_to=dt.date(2026, 12, 31),
    )
    # 丁's certificate starts after the opening day (3 March 2022).
    refused(
        "officer_not_certified", lambda: open_case(enf, tree, officers=["执法员甲", "执法员丁"])
    )
    refused("officer_not_certified", lambda: open_case(enf, tree, officers=["执法员甲", "无此证"]))
    refused("required", lambda: open_case(enf, tree, officers=["执法员甲", "执法员甲"]))
    case = open_case(enf, tree, officers=["执法员甲", "执法员乙"])
    assert CaseOfficer.objects.filter(case=case).count() == 2
    assert case.officers == "甲（执法员甲）、乙（执法员乙）"


def test_officer_of_another_unit_is_refused_art_42(enf, tree, users):
    certify(users["administrator"], tree.other_town, "戊")
    refused("invalid", lambda: open_case(enf, tree, officers=["执法员甲", "执法员戊"]))


def test_leaving_enforcement_lapses_the_certificate(enf, tree, users):
    person = Person.objects.get(name="乙")
    Person.objects.filter(pk=person.pk).update(is_active=False)
    assert services.certificates_lapse_departed(on=dt.date(2023, 2, 1)) == 1
    certificate = person.certificates.get()
    assert certificate.status == "lapsed" and certificate.end_reason == "left_enforcement"
    assert not certificate_valid_on(person, dt.date(2023, 2, 1))
    assert certificate_valid_on(person, dt.date(2023, 1, 31))
    assert services.certificates_lapse_departed(on=dt.date(2023, 2, 2)) == 0


def test_training_hook_records_hours_without_suspending_by_default(enf, tree):
    person = Person.objects.get(name="甲")
    certificate = certificate_training_record(
        person=person, year=2022, hours=Decimal(20), on=dt.date(2023, 1, 5)
    )
    assert certificate.training_hours == Decimal(20) and certificate.status == "valid"


def test_certificate_api_is_scoped_and_refuses_bad_input(enf, tree, users, client):
    # The market department's legal officer sees no certificate of 长安镇 and cannot revoke one.
    client.force_login(users["department_legal_officer"])
    assert client.get("/api/enforcement/certificates/").json()["count"] == 0
    certificate = EnforcementCertificate.objects.get(number="执法员甲")
    response = client.post(
        f"/api/enforcement/certificates/{certificate.pk}/revoke/",
        {"on": "2022-06-01", "reason": "other", "note": "x"},
        content_type="application/json",
    )
    assert response.status_code == 404
    response = client.post(
        "/api/enforcement/certificates/",
        {
            "person": Person.objects.get(name="甲").pk,
            "number": "X1",
            "issuer": "省司法厅",
            "valid_from": "2022-01-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["field"] == "person"
    assert not EnforcementCertificate.objects.filter(number="X1").exists()
    # The administrator issues, lists and revokes.
    client.force_login(users["administrator"])
    response = client.post(
        "/api/enforcement/certificates/",
        {
            "person": Person.objects.get(name="甲").pk,
            "number": "执法员乙",
            "issuer": "省司法厅",
            "valid_from": "2022-01-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 409 and response.json()["field"] == "number"
    listed = client.get("/api/enforcement/certificates/?valid_on=2022-03-03").json()
    assert listed["count"] == 3
    response = client.post(
        f"/api/enforcement/certificates/{certificate.pk}/revoke/",
        {"on": "2022-06-01", "reason": "left_enforcement"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == "revoked"


def test_certificate_pages(enf, tree, users, client):
    client.force_login(users["department_legal_officer"])
    page = client.get("/enforcement/certificates/")
    assert page.status_code == 200 and "执法员甲" not in page.content.decode()
    client.force_login(users["administrator"])
    page = client.get("/enforcement/certificates/")
    assert "执法员甲" in page.content.decode()
    person = Person.objects.create(organization=tree.town, name="己")
    response = client.post(
        "/enforcement/certificates/new/",
        {
            "person": person.pk,
            "number": "执法员己",
            "issuer": "浙江省司法厅",
            "valid_from": "2022-01-01",
        },
    )
    assert response.status_code == 302
    assert EnforcementCertificate.objects.get(number="执法员己").valid_to == dt.date(2026, 12, 31)
    certificate = EnforcementCertificate.objects.get(number="执法员己")
    response = client.post(
        f"/enforcement/certificates/{certificate.pk}/revoke/",
        {"on": "2022-01-01", "reason": "other", "note": ""},
    )
    assert response.status_code == 200 and "请填写终止说明" in response.content.decode()
