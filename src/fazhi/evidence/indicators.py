"""Figures of the evidence log, counted in SQL from deposits and anchors."""

from __future__ import annotations

from fazhi.core.indicators import register
from fazhi.core.models import Organization
from fazhi.evidence.models import Anchor, Deposit


@register(
    "evidence.deposits",
    name="实时保存证",
    unit="件",
    definition="年内（北京时间）通过实时保写入可验证日志的存证件数；按单位统计时只计代表该单位所作的存证。",
)
def deposits(year: int, scope: Organization | None) -> int:
    queryset = Deposit.objects.filter(deposited_at__year=year)
    if scope is not None:
        queryset = queryset.filter(organization__path__startswith=scope.path)
    return queryset.count()


@register(
    "evidence.anchored_records",
    name="锚定记录",
    unit="条",
    definition="年内（北京时间）锚定到可验证日志的业务记录摘要条数（执法案卷、每日审计摘要等），全市口径。",
)
def anchored_records(year: int, scope: Organization | None) -> int:
    if scope is not None:
        # Anchors carry no organisation (their entries hold record keys only): city-wide only.
        return 0
    return Anchor.objects.filter(anchored_at__year=year).count()
