"""Text reaches a column only if it fits: every form and serializer field stored in a model
character column declares a max_length no larger than the column's, and over-long input
answers 400 naming the field (on SQLite too, where the database itself would store it)."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.db import models
from rest_framework import serializers

from fazhi.core.errors import ValidationFailed

# Serializers that only describe responses: nothing they hold is ever written.
RESPONSE_ONLY = {
    "MyApplicationSerializer",
    "ErrorSerializer",
    "LawTextSerializer",
    "ArticleChangeSerializer",
    "CitationCheckResultSerializer",
    "ReviewRuleStatisticSerializer",
    "FeedbackExampleSerializer",
    "TreeHeadSerializer",
    "OutcomeSerializer",
    "PaperQuestionSerializer",
    "RosterSerializer",
    "OfficerHoursSerializer",
    "LookupAnswerSerializer",
    "CoverageRowSerializer",
    "QueuedImportSerializer",
}
# Login forms: the username is looked up, never stored (Django sets its max_length at run time).
NOT_STORED = {"LockoutAuthenticationForm", "_LockoutAdminAuthenticationForm"}


def _columns(label: str) -> dict[str, int]:
    """Each column name of the app's models that is only ever a character column, with the
    largest max_length it has (a name that is also a text column somewhere is not limited)."""
    out: dict[str, int] = {}
    unlimited: set[str] = set()
    for model in apps.get_app_config(label).get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField) and field.max_length:
                out[field.name] = max(out.get(field.name, 0), field.max_length)
            else:
                unlimited.add(field.name)
    return {name: limit for name, limit in out.items() if name not in unlimited}


def _classes():
    for app_path in settings.FAZHI_APPS:
        label = apps.get_containing_app_config(app_path).label
        package = importlib.import_module(app_path)
        for info in pkgutil.walk_packages(package.__path__, app_path + "."):
            if ".migrations" in info.name or ".management" in info.name:
                continue
            module = importlib.import_module(info.name)
            for obj in vars(module).values():
                if inspect.isclass(obj) and obj.__module__ == module.__name__:
                    yield label, obj


def _text_fields(cls):
    if issubclass(cls, forms.BaseForm):
        fields = cls.base_fields
        model = getattr(getattr(cls, "Meta", None), "model", None)
    elif issubclass(cls, serializers.Serializer) and cls.__name__ not in RESPONSE_ONLY:
        try:
            fields = cls().fields
        except (AssertionError, TypeError):  # abstract bases without Meta
            return
        model = getattr(getattr(cls, "Meta", None), "model", None)
    else:
        return
    for name, field in fields.items():
        if getattr(field, "read_only", False) or isinstance(
            field, forms.ChoiceField | serializers.ChoiceField
        ):
            continue
        if isinstance(field, forms.CharField | serializers.CharField):
            source = getattr(field, "source", None) or name
            yield name, source if source != "*" else name, field, model


def test_every_text_input_declares_a_length_that_fits_its_column():
    problems, checked = [], 0
    for label, cls in _classes():
        if cls.__name__ in NOT_STORED:
            continue
        columns = _columns(label)
        for name, source, field, model in _text_fields(cls) or ():
            limit = None
            if model is not None:
                try:
                    column = model._meta.get_field(source)
                except Exception:
                    column = None
                if isinstance(column, models.CharField) and column.max_length:
                    limit = column.max_length
            elif name in columns:
                limit = columns[name]
            if limit is None:
                continue  # not stored in a character column (TextField, computed, looked up)
            checked += 1
            if field.max_length is None or field.max_length > limit:
                problems.append(
                    f"{cls.__module__}.{cls.__name__}.{name}: {field.max_length} > {limit}"
                )
    assert checked > 200  # the walk found the forms and serializers
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_the_net_refuses_an_over_long_save_naming_the_field(tree, users):
    from fazhi.core import services
    from fazhi.core.models import Person

    with pytest.raises(ValidationFailed) as error:
        services.person_create(
            actor=users["administrator"], organization=tree.justice, name="张" * 51
        )
    assert error.value.field == "name"
    assert not Person.objects.filter(organization=tree.justice).exists()
    # The net itself, under any service: a save that would not fit its column.
    from fazhi.core.models import Organization

    with pytest.raises(ValidationFailed) as error:
        Organization(code="LONG", name="名" * 101, kind="department").save()
    assert error.value.field == "name" and error.value.code == "too_long"
    assert "100" in str(error.value.message)


@pytest.mark.django_db
def test_over_long_input_answers_400_naming_the_field(client, users, tree):
    client.force_login(users["administrator"])
    response = client.post(
        "/api/organizations/",
        {"code": "X1", "name": "名" * 101, "kind": "department", "parent": "CITY"},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["field"] == "name", response.content
    response = client.post(
        "/api/people/",
        {"organization": "JUSTICE", "name": "张三", "post": "岗" * 61},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["field"] == "post", response.content
    client.logout()
    response = client.post(
        "/api/reconsideration/apply/",
        {
            "applicant_name": "王某",
            "respondent": "MARKET",
            "contested_act": "行" * 301,
            "request": "撤销",
        },
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["field"] == "contested_act"


@pytest.mark.django_db
def test_an_over_long_ledger_cell_refuses_the_import_by_row(tree, users):
    from fazhi.core.errors import ImportFailed
    from fazhi.core.exports import xlsx_bytes
    from fazhi.disputes import services
    from fazhi.disputes.services import LEDGER_HEADERS
    from tests.disputes.factories import committee

    town = committee(tree.town)
    row = dict.fromkeys(LEDGER_HEADERS, "")
    row.update(
        调解委员会编码=town.code,
        案号="2022-" + "1" * 60,
        纠纷类型="邻里纠纷",
        来源="当事人申请",
        登记日期=dt.date(2022, 3, 1),
        结案日期=dt.date(2022, 3, 5),
        调解结果="调解不成",
        告知的其他途径="诉讼",
        申请人="王某",
        被申请人="李某",
    )
    data = xlsx_bytes(title="台账", headers=LEDGER_HEADERS, rows=[[row[h] for h in LEDGER_HEADERS]])
    with pytest.raises((ImportFailed, ValidationFailed)) as error:
        services.mediation_cases_import_xlsx(actor=users["mediator"], data=data)
    rows = getattr(error.value, "rows", None) or [{"field": error.value.field}]
    assert "case_no" in {r["field"] for r in rows}
