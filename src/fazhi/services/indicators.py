"""Figures of the services app (seed-figures.md ``services.*``), plus the evaluation and
verification indicators of the justice bureau's service-evaluation system. All counted in SQL
from records; ``scope`` limits to a unit's subtree (the 一件事's lead department, the unit
evaluated, the unit that asked for a verification)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from fazhi.core.domain.rates import Rate
from fazhi.core.indicators import register
from fazhi.core.models import Organization
from fazhi.services.models import (
    BAD_GRADES,
    Commitment,
    CommitmentStatus,
    Evaluation,
    NotaryItem,
    OneThing,
    RectificationStatus,
    VerificationRequest,
    VerificationStatus,
)
from fazhi.services.selectors import scoped
from fazhi.services.services.catalog import in_force_q


def _year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


@register(
    "services.one_thing_items",
    name="便民利企“一件事”",
    unit="项",
    definition="当年12月31日有效的一件事数（按编码计，同一件事的多个版本计一项）。",
)
def one_thing_items(year: int, scope: Organization | None) -> int:
    things = scoped(OneThing.objects.filter(in_force_q(_year_end(year))), scope)
    return things.values("code").distinct().count()


def _one_visit_items(year: int):
    return NotaryItem.objects.filter(one_visit=True, listed_on__lte=_year_end(year))


@register(
    "services.notary_one_visit_categories",
    name="公证“最多跑一次”类别",
    unit="类",
    definition="截至当年底列入公证“最多跑一次”清单的事项所属类别数。",
)
def notary_one_visit_categories(year: int, scope: Organization | None) -> int:
    return scoped(_one_visit_items(year), scope).values("category").distinct().count()


@register(
    "services.notary_one_visit_items",
    name="公证“最多跑一次”事项",
    unit="项",
    definition="截至当年底列入公证“最多跑一次”清单的事项数。",
)
def notary_one_visit_items(year: int, scope: Organization | None) -> int:
    return scoped(_one_visit_items(year), scope).count()


def _evaluations(year: int, scope: Organization | None):
    return scoped(Evaluation.objects.filter(evaluated_on__year=year), scope)


@register(
    "services.evaluations",
    name="政务服务好差评",
    unit="件",
    definition="当年申请人对办结服务作出的评价数。",
)
def evaluations(year: int, scope: Organization | None) -> int:
    return _evaluations(year, scope).count()


@register(
    "services.satisfaction_rate",
    name="服务满意率",
    unit="%",
    definition="当年评价中“非常满意”“满意”“基本满意”的件数 ÷ 评价总数（平台口径）。",
)
def satisfaction_rate(year: int, scope: Organization | None) -> Rate:
    found = _evaluations(year, scope)
    return Rate(found.exclude(grade__in=BAD_GRADES).count(), found.count())


@register(
    "services.bad_rating_rectification_rate",
    name="差评整改率",
    unit="%",
    definition="当年差评（不满意、非常不满意）中已整改反馈的件数 ÷ 差评数。",
)
def bad_rating_rectification_rate(year: int, scope: Organization | None) -> Rate:
    bad = _evaluations(year, scope).filter(grade__in=BAD_GRADES)
    done = bad.filter(rectification__status=RectificationStatus.DONE)
    return Rate(done.count(), bad.count())


@register(
    "services.bad_rating_on_time_rate",
    name="差评按期整改率",
    unit="%",
    definition="当年已整改反馈的差评中在15日内反馈的件数 ÷ 已整改反馈的差评数。",
)
def bad_rating_on_time_rate(year: int, scope: Organization | None) -> Rate:
    done = _evaluations(year, scope).filter(rectification__status=RectificationStatus.DONE)
    return Rate(done.filter(rectification__on_time=True).count(), done.count())


def _verifications(year: int, scope: Organization | None):
    return scoped(VerificationRequest.objects.filter(requested_on__year=year), scope)


@register(
    "services.verification_requests",
    name="证明事项核验请求",
    unit="件",
    definition="当年办理部门向数据持有单位发出的证明事项核验请求数（按请求单位）。",
)
def verification_requests(year: int, scope: Organization | None) -> int:
    return _verifications(year, scope).count()


@register(
    "services.verification_on_time_rate",
    name="核验按时答复率",
    unit="%",
    definition="当年已答复的核验请求中未填写逾期理由（在时限内答复）的件数 ÷ 已答复件数。",
)
def verification_on_time_rate(year: int, scope: Organization | None) -> Rate:
    answered = _verifications(year, scope).filter(status=VerificationStatus.ANSWERED)
    return Rate(answered.filter(late_reason="").count(), answered.count())


@register(
    "services.commitment_check_rate",
    name="告知承诺核查率",
    unit="%",
    definition="当年以告知承诺替代证明的件数中已核查的件数 ÷ 告知承诺件数。",
)
def commitment_check_rate(year: int, scope: Organization | None) -> Rate:
    found = scoped(Commitment.objects.filter(committed_on__year=year), scope)
    return Rate(found.filter(~Q(status=CommitmentStatus.RECORDED)).count(), found.count())
