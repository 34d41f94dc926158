"""Figures of normdocs for the annual report, computed in SQL from the records."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from fazhi.core.domain.rates import Rate
from fazhi.core.indicators import RecordSet, register, register_records
from fazhi.core.models import Organization
from fazhi.normdocs.models import (
    Inspection,
    InspectionFinding,
    NormativeDocument,
    ReviewType,
)


def _review_types(year: int, scope: Organization | None):
    queryset = ReviewType.objects.filter(is_active=True, configured_on__lte=dt.date(year, 12, 31))
    if scope is not None:
        queryset = queryset.filter(owner_unit__path__startswith=scope.path)
    return queryset


@register(
    "normdocs.joint_review_types",
    name="多维度联合审查类型",
    unit="项",
    definition="年末已配置并启用的规范性文件联合审查类型数。",
)
def joint_review_types(year: int, scope: Organization | None) -> int:
    return _review_types(year, scope).count()


@register(
    "normdocs.joint_review_units",
    name="联合审查单位",
    unit="个",
    definition="年末已配置并启用的联合审查类型所属的不同单位数。",
)
def joint_review_units(year: int, scope: Organization | None) -> int:
    return _review_types(year, scope).values("owner_unit").distinct().count()


def _issued(year: int, scope: Organization | None):
    queryset = NormativeDocument.objects.filter(issued_on__year=year)
    if scope is not None:
        queryset = queryset.filter(organization__path__startswith=scope.path)
    return queryset


@register(
    "normdocs.issued_by_city_government",
    name="市政府制发行政规范性文件",
    unit="件",
    definition="年内以市政府名义发布（统一登记、编号、发布）的行政规范性文件数。",
)
def issued_by_city_government(year: int, scope: Organization | None) -> int:
    return _issued(year, scope).filter(issuing_body__kind="city_government").count()


@register(
    "normdocs.public_comment_rate",
    name="规范性文件公开征求意见率",
    unit="%",
    definition="年内发布的文件中，已完成公开征求意见（截止并公布采纳情况）的比例。",
)
def public_comment_rate(year: int, scope: Organization | None) -> Rate:
    totals = _issued(year, scope).aggregate(
        issued=Count("id"),
        commented=Count("id", filter=Q(comment_completed_on__isnull=False)),
    )
    return Rate(totals["commented"], totals["issued"])


def _inspections(year: int, scope: Organization | None):
    queryset = Inspection.objects.filter(started_on__year=year)
    if scope is not None:
        queryset = queryset.filter(organization__path__startswith=scope.path)
    return queryset


@register(
    "normdocs.special_inspections",
    name="规范性文件专项检查",
    unit="次",
    definition="年内开展的规范性文件专项检查和季度检查次数。",
)
def special_inspections(year: int, scope: Organization | None) -> int:
    return _inspections(year, scope).count()


@register(
    "normdocs.inspection_findings",
    name="检查发现问题",
    unit="条",
    definition="年内规范性文件检查中记录的问题数。",
)
def inspection_findings(year: int, scope: Organization | None) -> int:
    return InspectionFinding.objects.filter(inspection__in=_inspections(year, scope)).count()


# --- the records behind the figures (provenance) ----------------------------------------------


@register_records("normdocs.issued_by_city_government")
def issued_records(year: int, scope: Organization | None) -> RecordSet:
    queryset = NormativeDocument.objects.filter(
        issued_on__year=year, issuing_body__kind="city_government"
    )
    if scope is not None:
        queryset = queryset.filter(organization__path__startswith=scope.path)
    return RecordSet(
        queryset.select_related("organization"),
        columns=(("title", "标题"), ("organization__name", "所属单位"), ("issued_on", "发布日期")),
        search=("title",),
    )
