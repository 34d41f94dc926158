"""Every form of every app, walked: choice lists say "请选择" (never Django's "---------"),
and no field asks the user to type another record's id or code (those are pickers)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from django import forms

import fazhi


def _all_forms() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(fazhi.__path__, "fazhi."):
        name = module.name
        if ".migrations" in name or ".management" in name or name.endswith(("wsgi", "cli")):
            continue
        if name.rsplit(".", 1)[-1] in {"forms", "views", "account_views", "portal_views"} or (
            ".forms." in name or ".views." in name
        ):
            importlib.import_module(name)
    found: list[type[forms.BaseForm]] = []
    pending: list[type] = [forms.BaseForm]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith("fazhi.") and sub not in found:
                found.append(sub)
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


def _instance(cls: type[forms.BaseForm]) -> forms.BaseForm:
    """The form as its page first shows it; arguments it requires get empty values."""
    kwargs = {}
    for name, parameter in inspect.signature(cls.__init__).parameters.items():
        if name == "self" or parameter.default is not inspect.Parameter.empty:
            continue
        if parameter.kind is parameter.KEYWORD_ONLY:
            kwargs[name] = []
    return cls(**kwargs)


FORMS = _all_forms()


def test_the_walk_finds_the_forms_of_the_apps():
    apps = {cls.__module__.split(".")[1] for cls in FORMS}
    assert len(FORMS) > 150
    assert {"disputes", "enforcement", "normdocs", "services", "learning", "core"} <= apps


@pytest.mark.django_db
def test_every_choice_list_says_please_choose():
    rendered = 0
    dashes = []
    for cls in FORMS:
        try:
            form = _instance(cls)
        except Exception:  # a form that needs a record to exist (covered by its app's tests)
            continue
        html = str(form)
        rendered += 1
        if "---------" in html or "Select an option" in html or "选择一项" in html:
            dashes.append(f"{cls.__module__}.{cls.__qualname__}")
    assert rendered > 150
    assert dashes == []


@pytest.mark.django_db
def test_the_renderer_names_the_empty_choice(tree):
    from fazhi.core.models import Organization

    class Plain(forms.Form):
        unit = forms.ModelChoiceField(Organization.objects.all())
        kind = forms.ChoiceField(choices=[("", "---------"), ("a", "甲")])

    html = str(Plain())
    assert "---------" not in html and "Select an option" not in html
    assert html.count("请选择") == 2, html
