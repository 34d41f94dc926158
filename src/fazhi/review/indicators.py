"""Figures of the pre-review app: how much it is used and how often reviewers agree with it.

A run counts in the year of its review date (``as_of``), the document's own date.
"""

from __future__ import annotations

from django.db.models import Count, Q

from fazhi.core.domain.rates import Rate
from fazhi.core.indicators import register
from fazhi.review.models import FindingStatus, ReviewFinding, ReviewRun


@register(
    "review.runs",
    name="规范性文件自动预审次数",
    unit="次",
    definition="当年（以审查基准日计）对文件文本运行自动预审的次数。",
)
def runs(year: int, scope) -> int:
    queryset = ReviewRun.objects.filter(as_of__year=year)
    if scope is not None:
        queryset = queryset.filter(organization__path__startswith=scope.path)
    return queryset.count()


@register(
    "review.finding_acceptance_rate",
    name="自动预审发现采纳率",
    unit="%",
    definition="当年自动预审发现中被法制审核人员采纳的比例：采纳数 ÷（采纳数 + 不采纳数）。",
)
def finding_acceptance_rate(year: int, scope) -> Rate:
    queryset = ReviewFinding.objects.filter(run__as_of__year=year)
    if scope is not None:
        queryset = queryset.filter(run__organization__path__startswith=scope.path)
    counts = queryset.aggregate(
        accepted=Count("id", filter=Q(status=FindingStatus.ACCEPTED)),
        decided=Count("id", filter=~Q(status=FindingStatus.PENDING)),
    )
    return Rate(counts["accepted"], counts["decided"])
