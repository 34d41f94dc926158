"""Reads of annual reports, scoped to the user; figures live or frozen; provenance records."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from fazhi.core import indicators
from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import NotFound
from fazhi.core.scoping import scope_for
from fazhi.reports import figures as fig
from fazhi.reports.models import AnnualReport, FrozenFigure, FrozenRecord, Status


def report_list(*, user, year: int | None = None, search: str = "", status: str = ""):
    queryset = scope_for(user).filter(AnnualReport.objects.all())
    if year:
        queryset = queryset.filter(year=year)
    if status:
        queryset = queryset.filter(status=status)
    if search:
        queryset = queryset.filter(
            Q(title__icontains=search) | Q(organization__name__icontains=search)
        )
    return queryset.select_related("organization", "approved_by")


def report_get(*, user, pk: int) -> AnnualReport:
    report = report_list(user=user).filter(pk=pk).first()
    if report is None:
        raise NotFound(CoreErrorCode.NOT_FOUND, _("报告不存在或不在您的单位范围内。"))
    return report


def published_list() -> QuerySet[AnnualReport]:
    return AnnualReport.objects.filter(status=Status.PUBLISHED).select_related("organization")


def published_get(pk: int) -> AnnualReport:
    report = published_list().filter(pk=pk).first()
    if report is None:
        raise NotFound(CoreErrorCode.NOT_FOUND, _("报告不存在或尚未公开。"))
    return report


def report_keys(report: AnnualReport) -> list[str]:
    texts = [report.opening, *(s.body for s in report.sections.all())]
    return list(dict.fromkeys(k for text in texts for k in fig.references(text)))


def frozen_figures(report: AnnualReport) -> dict[str, fig.Figure]:
    return {
        f.key: fig.Figure(
            f.key,
            f.name,
            f.unit,
            f.definition,
            _number(f.value, f.unit),
            f.numerator,
            f.denominator,
        )
        for f in report.figures.all()
    }


def _number(value: Decimal | None, unit: str):
    if value is None:
        return None
    return value if unit == "%" else int(value)


def report_figures(report: AnnualReport) -> dict[str, fig.Figure]:
    """The figures the report shows: frozen once approved, live before."""
    if report.is_frozen:
        return frozen_figures(report)
    return fig.live(report_keys(report), report.year, report.organization)


@dataclass(frozen=True)
class FigureState:
    figure: fig.Figure
    live: fig.Figure | None
    frozen: bool

    @property
    def moved(self) -> bool:
        return self.frozen and self.live is not None and self.live.value != self.figure.value


def figure_states(report: AnnualReport) -> dict[str, FigureState]:
    """Each figure with its live value beside it (a frozen figure that moved is marked)."""
    shown = report_figures(report)
    if not report.is_frozen:
        return {k: FigureState(f, f, False) for k, f in shown.items()}
    live = fig.live(list(shown), report.year, report.organization)
    return {k: FigureState(f, live.get(k), True) for k, f in shown.items()}


@dataclass
class Provenance:
    key: str
    figure: fig.Figure | None
    frozen: FrozenFigure | None
    records: QuerySet | None
    columns: tuple[tuple[str, str], ...]
    numerator_ids: set[int] | None
    organization_field: str


def figure_provenance(
    report: AnnualReport,
    key: str,
    *,
    search: str = "",
    organization_id: int | None = None,
    counted: str = "",
) -> Provenance:
    """The records a figure counted: as frozen (approved report) or as counted now (draft)."""
    if indicators.get(key) is None and not report.figures.filter(key=key).exists():
        raise NotFound(CoreErrorCode.NOT_FOUND, _("未知的指标。"), field="key")
    declared = indicators.records(key, report.year, report.organization)
    frozen = report.figures.filter(key=key).first() if report.is_frozen else None
    if report.is_frozen and frozen is None:
        raise NotFound(CoreErrorCode.NOT_FOUND, _("该指标不在已冻结的报告中。"), field="key")
    figure = report_figures(report).get(key) or next(
        iter(fig.live([key], report.year, report.organization).values()), None
    )
    if declared is None:
        return Provenance(key, figure, frozen, None, (), None, "")
    if frozen is not None:
        model = apps.get_model(frozen.record_model) if frozen.record_model else None
        if model is None:
            return Provenance(key, figure, frozen, None, (), None, "")
        frozen_rows = FrozenRecord.objects.filter(figure=frozen)
        records = model._default_manager.filter(pk__in=frozen_rows.values("object_pk"))
        if counted in ("yes", "no"):
            records = records.filter(
                pk__in=frozen_rows.filter(in_numerator=counted == "yes").values("object_pk")
            )
        numerator_ids = None
    else:
        records = declared.queryset
        if declared.numerator is not None and counted in ("yes", "no"):
            records = records.filter(
                declared.numerator if counted == "yes" else ~declared.numerator
            )
        numerator_ids = None
    if search and declared.search:
        condition = Q()
        for field in declared.search:
            condition |= Q(**{f"{field}__icontains": search})
        records = records.filter(condition)
    if organization_id and declared.organization:
        records = records.filter(**{f"{declared.organization}_id": organization_id})
    related = [c.split("__")[0] for c, _label in declared.columns if "__" in c]
    if related:
        records = records.select_related(*dict.fromkeys(related))
    return Provenance(
        key,
        figure,
        frozen,
        records.order_by("pk"),
        declared.columns,
        numerator_ids,
        declared.organization,
    )


def numerator_flags(report: AnnualReport, provenance: Provenance, page_ids: list[int]) -> set[int]:
    """Of the records on one page, those counted in the numerator (for a rate)."""
    if provenance.frozen is not None:
        return set(
            FrozenRecord.objects.filter(
                figure=provenance.frozen, object_pk__in=page_ids, in_numerator=True
            ).values_list("object_pk", flat=True)
        )
    declared = indicators.records(provenance.key, report.year, report.organization)
    if declared is None or declared.numerator is None:
        return set(page_ids)
    return set(
        declared.queryset.filter(declared.numerator, pk__in=page_ids).values_list("pk", flat=True)
    )


def cell(record, path: str):
    """A column's value for display: choices shown by label, related names followed."""
    value = record
    parts = path.split("__")
    for index, part in enumerate(parts):
        if value is None:
            return ""
        if index == len(parts) - 1 and hasattr(value, f"get_{part}_display"):
            return getattr(value, f"get_{part}_display")()
        value = getattr(value, part, "")
    return "" if value is None else value
