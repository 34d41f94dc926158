"""The indicator registry: every figure the report, dashboards and assessment show.

Apps register indicators in their ``indicators.py``; ``compute(year, scope)`` runs in SQL and
returns an ``int`` (a count) or a ``Rate`` (numerator and denominator, shown as a percentage
rounded half-up to two decimals). A figure is never typed in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from fazhi.core.domain.rates import Rate

if TYPE_CHECKING:
    from fazhi.core.models import Organization

Compute = Callable[[int, "Organization | None"], "int | Rate"]


@dataclass(frozen=True)
class Indicator:
    key: str
    name: str
    unit: str
    definition: str
    compute: Compute

    @property
    def app(self) -> str:
        return self.key.split(".", 1)[0]


@dataclass(frozen=True)
class IndicatorValue:
    indicator: Indicator
    value: int | Decimal | None
    numerator: int | None = None
    denominator: int | None = None

    def as_dict(self) -> dict[str, Any]:
        value: Any = self.value
        if isinstance(value, Decimal):
            value = float(value)
        data: dict[str, Any] = {
            "value": value,
            "name": self.indicator.name,
            "unit": self.indicator.unit,
        }
        if self.numerator is not None:
            data["numerator"] = self.numerator
            data["denominator"] = self.denominator
        return data


_registry: dict[str, Indicator] = {}


def register(key: str, *, name: str, unit: str, definition: str) -> Callable[[Compute], Compute]:
    """Decorator: ``@register("grassroots.villages", name="行政村", unit="个", definition=…)``."""

    def decorate(compute: Compute) -> Compute:
        if key in _registry and _registry[key].compute is not compute:
            raise ValueError(f"indicator {key!r} is already registered")
        _registry[key] = Indicator(key, name, unit, definition, compute)
        return compute

    return decorate


def get(key: str) -> Indicator | None:
    return _registry.get(key)


def all_indicators() -> list[Indicator]:
    return sorted(_registry.values(), key=lambda i: i.key)


def evaluate(indicator: Indicator, year: int, scope: Organization | None = None) -> IndicatorValue:
    result = indicator.compute(year, scope)
    if isinstance(result, Rate):
        return IndicatorValue(indicator, result.percent, result.numerator, result.denominator)
    return IndicatorValue(indicator, int(result))


def report(year: int, scope: Organization | None = None) -> dict[str, Any]:
    """``{"year": 2022, "indicators": {KEY: {"value", "name", "unit"}, …}}``."""
    return {
        "year": year,
        "indicators": {i.key: evaluate(i, year, scope).as_dict() for i in all_indicators()},
    }


# --- the records behind a figure (provenance) -------------------------------------------------


@dataclass(frozen=True)
class RecordSet:
    """The records a figure counted: a count's records, or a rate's denominator records with
    ``numerator`` the condition that puts one in the numerator. ``columns`` are the
    ``(field path, label)`` pairs a provenance table shows; ``search`` the fields it searches;
    ``organization`` the field that places a record in a unit (for filtering by town)."""

    queryset: Any
    numerator: Any = None
    columns: tuple[tuple[str, str], ...] = ()
    search: tuple[str, ...] = ()
    organization: str = "organization"


RecordsFor = Callable[[int, "Organization | None"], RecordSet]
_records: dict[str, RecordsFor] = {}


def register_records(key: str) -> Callable[[RecordsFor], RecordsFor]:
    """Decorator: the records behind indicator ``key`` (``records(key, year, scope)``).

    A figure and its records must agree: ``tests/reports/demo_checks.py`` checks the count
    (or the denominator and numerator) against ``evaluate`` for every key that declares them.
    """

    def decorate(function: RecordsFor) -> RecordsFor:
        _records[key] = function
        return function

    return decorate


def records(key: str, year: int, scope: Organization | None = None) -> RecordSet | None:
    function = _records.get(key)
    return function(year, scope) if function is not None else None


def keys_with_records() -> list[str]:
    return sorted(_records)


# --- figures of the shared kernel: organisations and people -----------------------------------


def _organizations_in_force(year: int, scope: Organization | None, kind: str):
    import datetime as dt

    from django.db.models import Q

    from fazhi.core.models import Organization

    year_end = dt.date(year, 12, 31)
    queryset = Organization.objects.filter(kind=kind).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=year_end),
        Q(valid_to__isnull=True) | Q(valid_to__gte=year_end),
    )
    if scope is not None:
        queryset = queryset.filter(path__startswith=scope.path)
    return queryset


@register(
    "grassroots.towns",
    name="镇(街道)",
    unit="个",
    definition="年末在册的镇和街道数。",
)
def towns(year: int, scope: Organization | None) -> int:
    return _organizations_in_force(year, scope, "town").count()


@register(
    "grassroots.villages",
    name="行政村",
    unit="个",
    definition="年末在册的行政村数。",
)
def villages(year: int, scope: Organization | None) -> int:
    return _organizations_in_force(year, scope, "village").count()


@register(
    "grassroots.village_groups",
    name="村民小组",
    unit="个",
    definition="年末在册的村民小组数。",
)
def village_groups(year: int, scope: Organization | None) -> int:
    return _organizations_in_force(year, scope, "village_group").count()


def _people(scope: Organization | None):
    from fazhi.core.models import Person

    queryset = Person.objects.filter(is_active=True)
    if scope is not None:
        queryset = queryset.filter(organization__path__startswith=scope.path)
    return queryset


@register(
    "people.enforcement_officers",
    name="持证行政执法人员",
    unit="人",
    definition="年内持有有效行政执法证的在职人员数（执法证有效期至不早于当年1月1日）。",
)
def enforcement_officers(year: int, scope: Organization | None) -> int:
    import datetime as dt

    return (
        _people(scope)
        .exclude(enforcement_certificate_number="")
        .filter(certificate_valid_until__gte=dt.date(year, 1, 1))
        .count()
    )


@register(
    "people.city_managed_leaders",
    name="市管领导干部",
    unit="人",
    definition="在职的市管领导干部数。",
)
def city_managed_leaders(year: int, scope: Organization | None) -> int:
    return _people(scope).filter(leader_level="city_managed").count()


def _organization_records(kind: str) -> RecordsFor:
    def organization_records(year: int, scope: Organization | None) -> RecordSet:
        return RecordSet(
            _organizations_in_force(year, scope, kind).select_related("parent"),
            columns=(("code", "编码"), ("name", "名称"), ("parent__name", "上级")),
            search=("name", "code"),
            organization="",
        )

    return organization_records


register_records("grassroots.towns")(_organization_records("town"))
register_records("grassroots.villages")(_organization_records("village"))
register_records("grassroots.village_groups")(_organization_records("village_group"))
