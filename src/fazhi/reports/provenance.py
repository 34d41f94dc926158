"""The records behind the figures of apps that do not yet declare them themselves.

Each function returns the same set the indicator counts (through the app's own selector, so the
two cannot drift apart silently; ``tests/reports/test_provenance.py`` checks every key). Apps
may move these next to their indicators (``core.indicators.register_records``); a key declared
twice keeps the last import's function.
"""

from __future__ import annotations

from django.db.models import Q

from fazhi.core.indicators import RecordSet, register_records
from fazhi.core.models import Organization


def _org_columns():
    return (("organization__name", "所属单位"),)


@register_records("disputes.mediation_cases")
def mediation_cases(year: int, scope: Organization | None) -> RecordSet:
    from fazhi.disputes.selectors import concluded_in

    return RecordSet(
        concluded_in(year, scope).select_related("organization"),
        columns=(
            ("case_no", "案号"),
            *_org_columns(),
            ("kind", "纠纷类型"),
            ("outcome", "调解结果"),
            ("concluded_on", "结案日期"),
        ),
        search=("case_no",),
    )


@register_records("disputes.mediation_successes")
def mediation_successes(year: int, scope: Organization | None) -> RecordSet:
    from fazhi.disputes.models import SUCCESS_OUTCOMES

    base = mediation_cases(year, scope)
    return RecordSet(
        base.queryset.filter(outcome__in=SUCCESS_OUTCOMES), columns=base.columns, search=base.search
    )


@register_records("disputes.mediation_success_rate")
def mediation_success_rate(year: int, scope: Organization | None) -> RecordSet:
    from fazhi.disputes.models import SUCCESS_OUTCOMES

    base = mediation_cases(year, scope)
    return RecordSet(
        base.queryset,
        numerator=Q(outcome__in=SUCCESS_OUTCOMES),
        columns=base.columns,
        search=base.search,
    )


def _reconsideration_columns():
    return (
        ("case_no", "案号"),
        ("respondent__name", "被申请人"),
        ("received_on", "收到申请日期"),
        ("closure", "结案方式"),
        ("decided_on", "结案日期"),
    )


@register_records("reconsideration.received")
def reconsideration_received(year: int, scope: Organization | None) -> RecordSet:
    from fazhi.reconsideration.selectors import received_in

    return RecordSet(
        received_in(year, scope).select_related("respondent"),
        columns=_reconsideration_columns(),
        search=("case_no",),
    )


@register_records("reconsideration.concluded")
def reconsideration_concluded(year: int, scope: Organization | None) -> RecordSet:
    from fazhi.reconsideration.selectors import concluded_in

    return RecordSet(
        concluded_in(year, scope).select_related("respondent"),
        columns=_reconsideration_columns(),
        search=("case_no",),
    )


@register_records("reconsideration.mediation_rate")
def reconsideration_mediation_rate(year: int, scope: Organization | None) -> RecordSet:
    from fazhi.reconsideration.models import MEDIATION_CLOSURES

    base = reconsideration_concluded(year, scope)
    return RecordSet(
        base.queryset,
        numerator=Q(closure__in=MEDIATION_CLOSURES),
        columns=base.columns,
        search=base.search,
    )


def _litigation_columns():
    return (
        ("court_case_no", "法院案号"),
        *_org_columns(),
        ("cause", "案由"),
        ("outcome", "结案方式"),
        ("concluded_on", "结案日期"),
    )


@register_records("litigation.first_instance_concluded")
def litigation_first_instance(year: int, scope: Organization | None) -> RecordSet:
    from fazhi.litigation.selectors import first_instance_concluded

    return RecordSet(
        first_instance_concluded(year, scope).select_related("organization"),
        columns=_litigation_columns(),
        search=("court_case_no", "cause"),
    )


@register_records("litigation.mediated_or_withdrawn_rate")
def litigation_mediated_or_withdrawn(year: int, scope: Organization | None) -> RecordSet:
    from fazhi.litigation.models import MEDIATED_OR_WITHDRAWN

    base = litigation_first_instance(year, scope)
    return RecordSet(
        base.queryset,
        numerator=Q(outcome__in=MEDIATED_OR_WITHDRAWN),
        columns=base.columns,
        search=base.search,
    )


@register_records("normdocs.issued_by_city_government")
def normdocs_issued(year: int, scope: Organization | None) -> RecordSet:
    from fazhi.normdocs.models import NormativeDocument

    queryset = NormativeDocument.objects.filter(
        issued_on__year=year, issuing_body__kind="city_government"
    )
    if scope is not None:
        queryset = queryset.filter(organization__path__startswith=scope.path)
    return RecordSet(
        queryset.select_related("organization"),
        columns=(("title", "标题"), *_org_columns(), ("issued_on", "发布日期")),
        search=("title",),
    )


@register_records("decisions.catalog_entries")
def decisions_catalog(year: int, scope: Organization | None) -> RecordSet:
    from fazhi.decisions.models import CatalogEntry, CatalogStatus, EntryStatus

    queryset = CatalogEntry.objects.filter(
        catalog__year=year, catalog__status=CatalogStatus.PUBLISHED, status=EntryStatus.LISTED
    )
    if scope is not None:
        queryset = queryset.filter(organization__path__startswith=scope.path)
    return RecordSet(
        queryset.select_related("organization").order_by("sequence"),
        columns=(("sequence", "序号"), ("title", "决策事项"), ("organization__name", "承办单位")),
        search=("title",),
    )


def _organizations(kind: str):
    def records(year: int, scope: Organization | None) -> RecordSet:
        from fazhi.core.indicators import _organizations_in_force

        return RecordSet(
            _organizations_in_force(year, scope, kind).select_related("parent"),
            columns=(("code", "编码"), ("name", "名称"), ("parent__name", "上级")),
            search=("name", "code"),
            organization="",
        )

    return records


register_records("grassroots.towns")(_organizations("town"))
register_records("grassroots.villages")(_organizations("village"))
register_records("grassroots.village_groups")(_organizations("village_group"))
