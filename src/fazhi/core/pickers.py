"""Pickers with search instead of codes to type: units, officers, courts, delivery methods and
whatever an app registers (enforcement items, mediation committees).

A form field takes ``PickerWidget(picker)``: the page shows a search box; typing asks
``/pick/<kind>/?q=…`` (htmx) for at most ``LIMIT`` matches within the user's scope, and
choosing one fills the field's value (the same value a code field took, so forms and APIs keep
their contract). ``append`` pickers add the choice to a list (officers separated by 、).
A picker may narrow by another field of the form (``depends``: the officers of the chosen
unit). No script framework: ``static/fazhi/fazhi.js`` puts the choice in place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Organization, OrganizationKind, Person
from fazhi.core.scoping import scope_for

LIMIT = 20


@dataclass(frozen=True)
class Picker:
    """``options(user, q, params)`` answers the matches the user may choose (scoped);
    ``value`` and ``text`` give an option's submitted value and shown text; ``lookup(value)``
    finds the option a value stands for (to show the current choice)."""

    kind: str
    options: Callable[[Any, str, QueryDict], Iterable[Any]]
    value: Callable[[Any], str]
    text: Callable[[Any], str]
    lookup: Callable[[str], Any] | None = None
    public: bool = False  # usable without logging in (the portal's own pickers)
    placeholder: Any = None  # the search box's hint (default: 输入名称或编码搜索)


PICKERS: dict[str, Picker] = {}


def register_picker(picker: Picker) -> Picker:
    PICKERS[picker.kind] = picker
    return picker


def _query(params: QueryDict) -> str:
    for key in params:
        if key == "q" or key.endswith("__q"):
            return str(params.get(key, "")).strip()[:100]
    return ""


def pick(request: HttpRequest, kind: str) -> HttpResponse:
    """The matches for one picker: a list of buttons that put their value in the field."""
    picker = PICKERS.get(kind)
    if picker is None:
        raise Http404
    if not picker.public and not request.user.is_authenticated:
        return HttpResponse(status=403)
    options = list(picker.options(request.user, _query(request.GET), request.GET))[:LIMIT]
    return render(
        request,
        "core/_pick_results.html",
        {"options": [(picker.value(o), picker.text(o)) for o in options]},
    )


class PickerWidget(forms.Widget):
    """A search box and the chosen value; see the module docstring."""

    template_name = "core/widgets/picker.html"

    def __init__(
        self, picker: Picker, *, depends: str = "", append: bool = False, attrs=None
    ) -> None:
        super().__init__(attrs)
        register_picker(picker)
        self.picker = picker
        self.depends = depends
        self.append = append

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        value = "" if value is None else str(value)
        text = value
        if value and not self.append and self.picker.lookup is not None:
            found = self.picker.lookup(value)
            text = self.picker.text(found) if found is not None else value
        context["picker"] = {
            "url": reverse("core:pick", args=[self.picker.kind]),
            "text": text,
            "value": value,
            "append": self.append,
            "depends": self.depends,
            "placeholder": self.picker.placeholder or _("输入名称或编码搜索"),
        }
        return context

    def value_from_datadict(self, data, files, name):
        # Nothing chosen from the list: what was typed (a code still works for those who know it).
        return data.get(name) or data.get(f"{name}__q", "").strip() or None

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}__q" not in data


# --- the core's own pickers ---------------------------------------------------------------------


def _units(user, q: str, params: QueryDict) -> QuerySet[Organization]:
    queryset = scope_for(user).filter(Organization.objects.all(), "")
    if q:
        queryset = queryset.filter(
            Q(name__icontains=q) | Q(short_name__icontains=q) | Q(code__icontains=q)
        )
    return queryset.order_by("depth", "path")


def unit_by_code_or_pk(value: str) -> Organization | None:
    value = (value or "").strip()
    if not value:
        return None
    found = Organization.objects.filter(code=value).first()
    if found is None and value.isdigit():
        found = Organization.objects.filter(pk=int(value)).first()
    return found


UNITS = register_picker(
    Picker(
        kind="units",
        options=_units,
        value=lambda o: o.code,
        text=lambda o: f"{o.name}（{o.code}）",
        lookup=unit_by_code_or_pk,
    )
)
UNITS_BY_ID = register_picker(
    Picker(
        kind="units-id",
        options=_units,
        value=lambda o: str(o.pk),
        text=lambda o: o.name,
        lookup=unit_by_code_or_pk,
    )
)


def _officers(user, q: str, params: QueryDict) -> QuerySet[Person]:
    """Certified enforcement officers in the user's scope; of the chosen unit when given."""
    queryset = scope_for(user).filter(
        Person.objects.filter(is_active=True).exclude(enforcement_certificate_number=""),
        "organization",
    )
    for key in ("organization", "unit"):
        unit = unit_by_code_or_pk(params.get(key, ""))
        if unit is not None:
            queryset = queryset.filter(organization=unit)
            break
    if q:
        queryset = queryset.filter(Q(name__icontains=q) | Q(enforcement_certificate_number=q))
    return queryset.select_related("organization").order_by("name", "id")


OFFICERS = register_picker(
    Picker(
        kind="officers",
        options=_officers,
        # Case files name officers by certificate number (enforcement.certificates).
        value=lambda p: p.enforcement_certificate_number,
        text=lambda p: f"{p.name} · {p.organization.name} · {p.enforcement_certificate_number}",
        placeholder=_("输入姓名搜索本单位持证执法人员"),
    )
)


def _courts(user, q: str, params: QueryDict) -> QuerySet[Organization]:
    queryset = Organization.objects.filter(kind=OrganizationKind.COURT)
    if q:
        queryset = queryset.filter(name__icontains=q)
    return queryset.order_by("path")


COURTS = register_picker(
    Picker(
        kind="courts",
        options=_courts,
        value=lambda o: o.name,
        text=lambda o: o.name,
        placeholder=_("输入法院名称搜索"),
    )
)

# 民事诉讼法 第八十七条至第九十五条 and 行政处罚法 第六十一条 (electronic service with consent).
DELIVERY_METHODS = (
    _("直接送达"),
    _("留置送达"),
    _("电子送达"),
    _("委托送达"),
    _("邮寄送达"),
    _("转交送达"),
    _("公告送达"),
)


def _delivery(user, q: str, params: QueryDict) -> list[str]:
    return [str(m) for m in DELIVERY_METHODS if not q or q in str(m)]


DELIVERY = register_picker(
    Picker(
        kind="delivery",
        options=_delivery,
        value=str,
        text=str,
        placeholder=_("选择送达方式"),
    )
)
