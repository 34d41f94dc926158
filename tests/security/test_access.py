"""Scope of by-number inputs, history probing, ID masking by shape."""

from __future__ import annotations

import importlib
import inspect

import pytest
from django.conf import settings
from django.urls import reverse
from rest_framework import serializers

from fazhi.core.api_support import ScopedPrimaryKeyRelatedField, ScopedSlugRelatedField
from fazhi.core.domain.identity import looks_like_personal_id, mask_by_shape
from fazhi.core.models import Organization
from fazhi.litigation.models import LitigationCase
from tests.factories import valid_id_number
from tests.litigation.factories import court, register

pytestmark = pytest.mark.django_db

# Reference data anyone working on the platform may name: the organisation tree and the public
# catalogues (权责清单 items, the exemption list).  Every other record belongs to a unit.
# Catalogs and registries that every staff user may read (units, the law base, enforcement and
# inspection items, market subjects, the service catalogs): naming one probes nothing.
REFERENCE_MODELS = {
    "core.organization",
    "enforcement.enforcementitem",
    "enforcement.exemptionitem",
    "lawbase.law",
    "lawbase.article",
    "services.onething",
    "services.notarycategory",
    "services.certificateitem",
    "inspections.inspectionitem",
    "inspections.subject",
}


def _writable_related_inputs():
    for app in settings.FAZHI_APPS:
        try:
            module = importlib.import_module(f"{app}.api")
        except ModuleNotFoundError:
            continue
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, serializers.Serializer) or cls.__module__ != module.__name__:
                continue
            try:
                fields = cls().fields
            except Exception:  # serializers needing arguments are not input serializers
                continue
            for field_name, field in fields.items():
                if isinstance(field, serializers.ManyRelatedField):
                    field = field.child_relation
                if isinstance(field, serializers.RelatedField) and not field.read_only:
                    model = field.queryset.model
                    yield f"{module.__name__}.{name}.{field_name}", model, field


def test_every_by_number_input_of_the_api_is_looked_up_in_scope():
    found = list(_writable_related_inputs())
    assert found, "the walk found no related inputs at all"
    unscoped = [
        where
        for where, model, field in found
        if model._meta.label_lower not in REFERENCE_MODELS
        and not isinstance(field, (ScopedSlugRelatedField, ScopedPrimaryKeyRelatedField))
    ]
    assert unscoped == []


def test_litigation_cannot_link_or_probe_another_units_cases(client, tree, users):
    from tests.factories import user_with_role

    other = register(users["department_legal_officer"], tree, court(), number=1)
    outsider = user_with_role("department_legal_officer", tree.enforcement, username="enf")
    client.force_login(outsider)
    base = {
        "organization": tree.enforcement.code,
        "court": "COURT",
        "court_case_no": "（2022）浙0481行初99号",
        "trial_level": "second",
        "plaintiff_name": "甲",
        "cause": "行政强制",
        "contested_act": "查封决定",
        "filed_on": "2022-05-01",
    }
    url = reverse("litigation-api:case-list")
    existing = client.post(url, {**base, "appeal_of": other.pk})
    missing = client.post(url, {**base, "appeal_of": 999999})
    assert existing.status_code == missing.status_code == 400
    assert existing.json()["field"] == missing.json()["field"] == "appeal_of"
    assert existing.json()["code"] == missing.json()["code"]
    recon = client.post(url, {**base, "trial_level": "first", "origin_reconsideration": "X"})
    assert recon.status_code == 400 and recon.json()["field"] == "origin_reconsideration"
    assert LitigationCase.objects.count() == 1


def test_history_api_answers_404_for_existing_records_out_of_scope(client, tree, users):
    client.force_login(users["mediator"])
    other_unit = tree.market
    existing = client.get(f"/api/history/core.organization/{other_unit.pk}/")
    missing = client.get("/api/history/core.organization/999999/")
    if existing.status_code == 200:
        pytest.skip("organisations are readable by everyone")
    assert existing.status_code == missing.status_code == 404
    assert Organization.objects.filter(pk=other_unit.pk).exists()


def test_personal_id_numbers_are_masked_by_shape():
    personal = valid_id_number(7)
    assert looks_like_personal_id(personal)
    masked = mask_by_shape(personal)
    assert masked.startswith(personal[:6]) and "*" in masked and personal not in masked
    credit_code = "91330481MA2BXXXX1K"
    assert mask_by_shape(credit_code) == credit_code
    assert mask_by_shape("张三的单位", personal=True) != "张三的单位"


def test_enforcement_organisation_party_with_personal_id_is_masked():
    from fazhi.enforcement.models import PartyType, PenaltyCase

    case = PenaltyCase(party_type=PartyType.ORGANIZATION, party_id_number=valid_id_number(3))
    assert case.masked_party_id != case.party_id_number
    assert "*" in case.masked_party_id
