"""Figures of major decisions, for the annual report, dashboards and assessment."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from fazhi.core.domain.rates import Rate
from fazhi.core.indicators import RecordSet, register, register_records
from fazhi.core.models import Organization
from fazhi.decisions import selectors


@register(
    "decisions.catalog_entries",
    name="列入重大行政决策目录的事项",
    unit="项",
    definition="当年已公布的重大行政决策事项目录中列入（未调出）的事项数。",
)
def catalog_entries(year: int, scope: Organization | None) -> int:
    return selectors.catalog_entry_count(year, scope)


@register(
    "decisions.decisions_made",
    name="作出的重大行政决策",
    unit="项",
    definition="当年经集体讨论作出决定（通过或修改后通过）的重大行政决策数。",
)
def decisions_made(year: int, scope: Organization | None) -> int:
    return selectors.procedure_compliance(year, scope)[1]


@register(
    "decisions.procedure_compliance",
    name="重大行政决策五大程序履行率",
    unit="%",
    definition=(
        "当年作出的重大行政决策中，公众参与、专家论证、风险评估、合法性审查、集体讨论决定"
        "五项程序均已完成或经记录法定理由依法不适用的决策数，除以当年作出的决策数。"
    ),
)
def procedure_compliance(year: int, scope: Organization | None) -> Rate:
    return Rate(*selectors.procedure_compliance(year, scope))


@register(
    "decisions.average_consultation_days",
    name="重大行政决策公开征求意见平均期限",
    unit="日",
    definition=(
        "当年开始的重大行政决策公开征求意见，征求意见期限（截止日减开始日）的平均日数，"
        "四舍五入到整日。"
    ),
)
def average_consultation_days(year: int, scope: Organization | None) -> int:
    average = selectors.consultation_figures(year, scope).average_length_days
    return int(Decimal(str(average)).quantize(Decimal(1), rounding=ROUND_HALF_UP)) if average else 0


@register(
    "decisions.comments_received",
    name="重大行政决策收到公众意见",
    unit="条",
    definition="当年开始的重大行政决策公开征求意见收到的意见条数（不含垃圾信息）。",
)
def comments_received(year: int, scope: Organization | None) -> int:
    return selectors.consultation_figures(year, scope).comments_received


@register(
    "decisions.comment_adoption_rate",
    name="重大行政决策公众意见采纳率",
    unit="%",
    definition=(
        "当年开始的重大行政决策公开征求意见中，采纳和部分采纳的意见数，除以已答复的意见数。"
    ),
)
def comment_adoption_rate(year: int, scope: Organization | None) -> Rate:
    return selectors.consultation_figures(year, scope).adoption_rate


# --- the records behind the figures (provenance) ----------------------------------------------


@register_records("decisions.catalog_entries")
def catalog_entry_records(year: int, scope: Organization | None) -> RecordSet:
    return RecordSet(
        selectors.catalog_entries_listed(year, scope)
        .select_related("organization")
        .order_by("sequence"),
        columns=(("sequence", "序号"), ("title", "决策事项"), ("organization__name", "承办单位")),
        search=("title",),
    )
