"""Supervision figures for the annual report, computed in SQL from the records."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from fazhi.core.domain.rates import Rate
from fazhi.core.indicators import register
from fazhi.core.models import Organization
from fazhi.supervision.models import (
    Campaign,
    CaseFileEvaluation,
    EvaluationGrade,
    NoticeStatus,
    SpecialSupervisor,
    SupervisionNotice,
)


def _in_scope(queryset, scope: Organization | None, field: str = "organization"):
    if scope is None:
        return queryset
    return queryset.filter(**{f"{field}__path__startswith": scope.path})


@register(
    "supervision.special_supervisors",
    name="特邀行政执法监督员",
    unit="名",
    definition="12月31日在聘期内且未解聘的特邀行政执法监督员人数。",
)
def special_supervisors(year: int, scope: Organization | None) -> int:
    end = dt.date(year, 12, 31)
    queryset = SpecialSupervisor.objects.filter(term_start__lte=end, term_end__gte=end).filter(
        Q(dismissed_on__isnull=True) | Q(dismissed_on__gt=end)
    )
    return _in_scope(queryset, scope).count()


@register(
    "supervision.special_campaigns",
    name="专项监督检查及执法质效评议",
    unit="次",
    definition="年内开展的专项监督检查、执法质效评议和案卷评查活动次数（按开始日期计）。",
)
def special_campaigns(year: int, scope: Organization | None) -> int:
    return _in_scope(Campaign.objects.filter(started_on__year=year), scope).count()


@register(
    "supervision.case_file_pass_rate",
    name="案卷评查合格率",
    unit="%",
    definition="年内评查的案卷中评为优秀或合格的比例。",
)
def case_file_pass_rate(year: int, scope: Organization | None) -> Rate:
    evaluated = _in_scope(CaseFileEvaluation.objects.filter(evaluated_on__year=year), scope)
    passed = evaluated.exclude(grade=EvaluationGrade.FAIL).count()
    return Rate(passed, evaluated.count())


@register(
    "supervision.notice_rectification_rate",
    name="执法监督通知书按期整改率",
    unit="%",
    definition="年内发出的执法监督通知书中，在整改期限内报送整改情况的比例。",
)
def notice_rectification_rate(year: int, scope: Organization | None) -> Rate:
    from django.db.models import F

    notices = _in_scope(SupervisionNotice.objects.filter(issued_on__year=year), scope)
    on_time = notices.exclude(status=NoticeStatus.ISSUED).filter(responded_on__lte=F("rectify_by"))
    return Rate(on_time.count(), notices.count())
