"""The figures of administrative litigation (seed-figures.md: ``litigation.*``).

Rates follow the platform's definitions (spec §4; official definitions UNCONFIRMED).
"""

from __future__ import annotations

from django.db.models import Q

from fazhi.core.domain.rates import Rate
from fazhi.core.indicators import RecordSet, register, register_records
from fazhi.core.models import Organization
from fazhi.litigation.models import MEDIATED_OR_WITHDRAWN, Appearance
from fazhi.litigation.selectors import (
    attended_q,
    first_instance_concluded,
    head_required_hearings,
    lost_q,
)


@register(
    "litigation.first_instance_concluded",
    name="审结一审行政诉讼案件",
    unit="件",
    definition="当年审结的、以本市行政机关为被告的一审行政诉讼案件数（按结案日期）。",
)
def first_instance(year: int, scope: Organization | None) -> int:
    return first_instance_concluded(year, scope).count()


@register(
    "litigation.mediated_or_withdrawn_rate",
    name="行政案件调撤率",
    unit="%",
    definition="一审审结案件中以调解或撤诉结案的件数 ÷ 一审审结件数（平台口径）。",
)
def mediated_or_withdrawn_rate(year: int, scope: Organization | None) -> Rate:
    cases = first_instance_concluded(year, scope)
    return Rate(cases.filter(outcome__in=MEDIATED_OR_WITHDRAWN).count(), cases.count())


@register(
    "litigation.lost_rate",
    name="行政机关败诉率",
    unit="%",
    definition="一审审结案件中判决撤销、变更、确认违法或无效、责令履行、给付、"
    "承担协议责任或判令赔偿的件数 ÷ 一审审结件数（平台口径）。",
)
def lost_rate(year: int, scope: Organization | None) -> Rate:
    cases = first_instance_concluded(year, scope)
    return Rate(cases.filter(lost_q()).count(), cases.count())


@register(
    "litigation.head_appearance_required",
    name="负责人应出庭",
    unit="次",
    definition="当年开庭、应由行政机关负责人出庭应诉的庭审次数。",
)
def head_appearance_required(year: int, scope: Organization | None) -> int:
    return head_required_hearings(year, scope).count()


@register(
    "litigation.head_appearance_actual",
    name="负责人实际出庭",
    unit="次",
    definition="应出庭的庭审中，正职或副职负责人实际出庭的次数。",
)
def head_appearance_actual(year: int, scope: Organization | None) -> int:
    return head_required_hearings(year, scope).filter(attended_q()).count()


@register(
    "litigation.head_appearance_principal",
    name="正职负责人出庭",
    unit="次",
    definition="应出庭的庭审中，正职负责人出庭的次数。",
)
def head_appearance_principal(year: int, scope: Organization | None) -> int:
    return head_required_hearings(year, scope).filter(appearance=Appearance.PRINCIPAL).count()


@register(
    "litigation.head_appearance_rate",
    name="负责人出庭率",
    unit="%",
    definition="负责人实际出庭次数 ÷ 应出庭次数（平台口径）。",
)
def head_appearance_rate(year: int, scope: Organization | None) -> Rate:
    hearings = head_required_hearings(year, scope)
    return Rate(hearings.filter(attended_q()).count(), hearings.count())


# --- the records behind the figures (provenance) ----------------------------------------------

_RECORD_COLUMNS = (
    ("court_case_no", "法院案号"),
    ("organization__name", "所属单位"),
    ("cause", "案由"),
    ("outcome", "结案方式"),
    ("concluded_on", "结案日期"),
)


@register_records("litigation.first_instance_concluded")
def first_instance_records(year: int, scope: Organization | None) -> RecordSet:
    return RecordSet(
        first_instance_concluded(year, scope).select_related("organization"),
        columns=_RECORD_COLUMNS,
        search=("court_case_no", "cause"),
    )


@register_records("litigation.mediated_or_withdrawn_rate")
def mediated_or_withdrawn_records(year: int, scope: Organization | None) -> RecordSet:
    base = first_instance_records(year, scope)
    return RecordSet(
        base.queryset,
        numerator=Q(outcome__in=MEDIATED_OR_WITHDRAWN),
        columns=base.columns,
        search=base.search,
    )
