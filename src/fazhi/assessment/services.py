"""Every write of the assessment: schemes, opening an assessment, scoring (computed and by
hand), notification with its objection period, objections, and the final result."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.assessment import clocks, domain, permissions
from fazhi.assessment.error_codes import AssessmentErrorCode as Code
from fazhi.assessment.models import (
    Assessment,
    Dimension,
    Item,
    Method,
    Objection,
    Rule,
    Scheme,
    Score,
    Status,
)
from fazhi.assessment.procedures import ASSESSMENT
from fazhi.core import indicators
from fazhi.core import services as core_services
from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import Conflict, PermissionDenied, ValidationFailed
from fazhi.core.models import Clock, ClockStatus, Organization


def _event(assessment: Assessment, event_type: str, actor, **details: Any) -> None:
    core_services.event_record(
        subject=assessment,
        event_type=event_type,
        actor=actor,
        organization=assessment.organization,
        details=details,
    )


def _require_assessor(actor) -> None:
    if not permissions.may_assess(actor):
        raise PermissionDenied(
            CoreErrorCode.FORBIDDEN_ROLE, _("只有考核办（司法局法制人员）可以办理。")
        )


def _locked(assessment: Assessment) -> Assessment:
    return (
        Assessment.objects.select_for_update()
        .select_related("organization", "scheme")
        .get(pk=assessment.pk)
    )


@transaction.atomic
def scheme_create(*, actor, year: int, title: str, dimensions: list[dict[str, Any]]) -> Scheme:
    """A year's scheme: ``[{"name", "items": [{"name", "points", "method", "indicator_key",
    "rule", "params", "guidance"}]}]``; all-or-nothing, each bad item named."""
    _require_assessor(actor)
    if Scheme.objects.filter(year=year).exists():
        raise Conflict(Code.DUPLICATE, _("该年度已有考核方案。"), field="year")
    if not title.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写方案名称。"), field="title")
    scheme = Scheme.objects.create(year=year, title=title.strip())
    for d_index, dimension_data in enumerate(dimensions):
        dimension = Dimension.objects.create(
            scheme=scheme, name=dimension_data["name"], order=d_index
        )
        for i_index, data in enumerate(dimension_data.get("items", [])):
            where = f"{dimension.name} / {data.get('name', '')}"
            method = data.get("method", Method.MANUAL)
            if method == Method.COMPUTED:
                if indicators.get(data.get("indicator_key", "")) is None:
                    raise ValidationFailed(
                        Code.UNKNOWN_INDICATOR,
                        _("%(where)s：未登记的平台指标 %(key)s。")
                        % {"where": where, "key": data.get("indicator_key", "")},
                        field="indicator_key",
                    )
                problem = domain.check_params(data.get("rule", ""), data.get("params", {}))
                if problem:
                    raise ValidationFailed(Code.INVALID, f"{where}：{problem}。", field="params")
            Item.objects.create(
                dimension=dimension,
                name=data["name"],
                points=Decimal(str(data["points"])),
                method=method,
                indicator_key=data.get("indicator_key", ""),
                rule=data.get("rule", "") if method == Method.COMPUTED else "",
                params=data.get("params", {}),
                guidance=data.get("guidance", ""),
                order=i_index,
            )
    return scheme


@transaction.atomic
def assessment_open(*, actor, scheme: Scheme, organization: Organization) -> Assessment:
    _require_assessor(actor)
    if Assessment.objects.filter(scheme=scheme, organization=organization).exists():
        raise Conflict(Code.DUPLICATE, _("该单位已在本年度考核中。"), field="organization")
    assessment = Assessment.objects.create(scheme=scheme, organization=organization)
    _event(assessment, "assessment.opened", actor, year=scheme.year)
    return assessment


def _retotal(assessment: Assessment) -> None:
    total = assessment.scores.aggregate(total=Sum("score"))["total"] or Decimal(0)
    assessment.total = total
    assessment.save(update_fields=["total"])


@transaction.atomic
def assessment_compute(*, actor, assessment: Assessment) -> Assessment:
    """Score every computed item from its indicator, for the unit's scope and the year."""
    assessment = _locked(assessment)
    ASSESSMENT.require(actor, assessment, "compute")
    items = Item.objects.filter(dimension__scheme=assessment.scheme, method=Method.COMPUTED)
    for item in items:
        indicator = indicators.get(item.indicator_key)
        value = (
            indicators.evaluate(indicator, assessment.scheme.year, assessment.organization).value
            if indicator is not None
            else None
        )
        points = domain.score(item.rule, value, item.points, item.params)
        Score.objects.update_or_create(
            assessment=assessment,
            item=item,
            defaults={
                "value": value,
                "score": points,
                "reason": _("按%(rule)s自动计分；指标值 %(value)s。")
                % {"rule": Rule(item.rule).label, "value": "不涉及" if value is None else value},
                "scored_by": actor,
            },
        )
    _retotal(assessment)
    _event(assessment, "assessment.computed", actor, items=items.count())
    return assessment


@transaction.atomic
def assessment_score(
    *, actor, assessment: Assessment, item: Item, score: Decimal, evidence: str, reason: str
) -> Score:
    assessment = _locked(assessment)
    ASSESSMENT.require(actor, assessment, "score")
    if item.dimension.scheme_id != assessment.scheme_id or item.method != Method.MANUAL:
        raise ValidationFailed(Code.NOT_MANUAL, _("该指标不是本方案的人工评分指标。"), field="item")
    if not 0 <= score <= item.points:
        raise ValidationFailed(
            Code.SCORE_OUT_OF_RANGE,
            _("得分须在0至%(points)s分之间。") % {"points": item.points},
            field="score",
        )
    if not evidence.strip():
        raise ValidationFailed(Code.REQUIRED, _("请注明佐证材料。"), field="evidence")
    if not reason.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写评分理由。"), field="reason")
    result, _created = Score.objects.update_or_create(
        assessment=assessment,
        item=item,
        defaults={
            "score": score,
            "evidence": evidence.strip(),
            "reason": reason.strip(),
            "scored_by": actor,
        },
    )
    _retotal(assessment)
    _event(assessment, "assessment.scored", actor, item=item.name, score=score)
    return result


def _clock(assessment: Assessment) -> Clock | None:
    return Clock.objects.filter(
        clock_type=clocks.OBJECTION.key,
        content_type=ContentType.objects.get_for_model(Assessment),
        object_id=str(assessment.pk),
    ).first()


def objection_due(assessment: Assessment):
    clock = _clock(assessment)
    return clock.due_date if clock is not None else None


@transaction.atomic
def assessment_notify(*, actor, assessment: Assessment) -> Assessment:
    """Tell the unit its scores: every item scored; the objection period starts today."""
    assessment = _locked(assessment)
    ASSESSMENT.require(actor, assessment, "notify")
    scored = set(assessment.scores.values_list("item_id", flat=True))
    missing = list(
        Item.objects.filter(dimension__scheme=assessment.scheme)
        .exclude(pk__in=scored)
        .values_list("name", flat=True)
    )
    if missing:
        raise ValidationFailed(
            Code.UNSCORED_ITEMS,
            _("以下指标尚未评分：%(items)s。") % {"items": "、".join(missing)},
            field="scores",
        )
    today = timezone.localdate()
    assessment.status = Status.NOTIFIED
    assessment.notified_on = today
    assessment.save(update_fields=["status", "notified_on"])
    core_services.clock_start(
        clock_type=clocks.OBJECTION.key,
        subject=assessment,
        organization=assessment.organization,
        start_date=today,
        label=f"{assessment}（{clocks.OBJECTION.name}）",
        url=reverse("assessment:detail", args=[assessment.pk]),
        actor=actor,
    )
    _event(assessment, "assessment.notified", actor, total=assessment.total)
    return assessment


@transaction.atomic
def assessment_object(*, actor, assessment: Assessment, item: Item, reason: str) -> Objection:
    assessment = _locked(assessment)
    ASSESSMENT.require(actor, assessment, "object")
    if not reason.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写异议理由。"), field="reason")
    if item.dimension.scheme_id != assessment.scheme_id:
        raise ValidationFailed(Code.INVALID, _("该指标不属于本方案。"), field="item")
    objection = Objection.objects.create(
        assessment=assessment,
        item=item,
        reason=reason.strip(),
        filed_by=actor,
        filed_on=timezone.localdate(),
    )
    assessment.status = Status.OBJECTED
    assessment.save(update_fields=["status"])
    clock = _clock(assessment)
    if clock is not None and clock.status != ClockStatus.STOPPED:
        core_services.clock_stop(clock=clock, on=timezone.localdate(), actor=actor)
    _event(assessment, "assessment.objected", actor, item=item.name)
    return objection


@transaction.atomic
def assessment_objection_decide(
    *,
    actor,
    assessment: Assessment,
    upheld: bool,
    response: str,
    revised_score: Decimal | None = None,
) -> Assessment:
    assessment = _locked(assessment)
    ASSESSMENT.require(actor, assessment, "decide_objection")
    objection = assessment.objections.filter(upheld__isnull=True).select_related("item").first()
    if objection is None:
        raise Conflict(Code.INVALID, _("没有待复核的异议。"), field="status")
    if not response.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写复核意见。"), field="response")
    if upheld:
        if revised_score is None or not 0 <= revised_score <= objection.item.points:
            raise ValidationFailed(
                Code.SCORE_OUT_OF_RANGE,
                _("异议成立的，请填写0至%(points)s分之间的复核后得分。")
                % {"points": objection.item.points},
                field="revised_score",
            )
        Score.objects.filter(assessment=assessment, item=objection.item).update(
            score=revised_score, reason=_("异议复核：") + response.strip(), scored_by=actor
        )
        _retotal(assessment)
    objection.upheld = upheld
    objection.response = response.strip()
    objection.save(update_fields=["upheld", "response"])
    assessment.status = Status.FINAL
    assessment.finalized_on = timezone.localdate()
    assessment.save(update_fields=["status", "finalized_on"])
    _event(assessment, "assessment.objection_decided", actor, upheld=upheld)
    return assessment


@transaction.atomic
def assessment_finalize(*, actor, assessment: Assessment) -> Assessment:
    assessment = _locked(assessment)
    ASSESSMENT.require(actor, assessment, "finalize")
    assessment.status = Status.FINAL
    assessment.finalized_on = timezone.localdate()
    assessment.save(update_fields=["status", "finalized_on"])
    clock = _clock(assessment)
    if clock is not None and clock.status != ClockStatus.STOPPED:
        core_services.clock_stop(clock=clock, on=timezone.localdate(), actor=actor)
    _event(assessment, "assessment.finalized", actor, total=assessment.total)
    return assessment
