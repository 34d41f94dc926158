"""Every write of the assessment: schemes, opening an assessment, scoring (computed and by
hand), notification with its objection period, objections, and the final result."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
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


def _event(assessment: Assessment, event_type: str, actor: User, **details: Any) -> None:
    core_services.event_record(
        subject=assessment,
        event_type=event_type,
        actor=actor,
        organization=assessment.organization,
        details=details,
    )


def _require_assessor(actor: User) -> None:
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
def scheme_create(
    *, actor: User, year: int, title: str, dimensions: list[dict[str, Any]]
) -> Scheme:
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
            method = data.get("method", Method.MANUAL)
            _check_item(f"{dimension.name} / {data.get('name', '')}", data)
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
    _check_total(scheme)
    return scheme


def _check_item(where: str, data: dict[str, Any]) -> None:
    """An item's points, indicator and rule parameters, each refusal naming its field."""
    try:
        points = Decimal(str(data.get("points", "")))
    except ArithmeticError:
        points = Decimal(-1)
    if not points.is_finite() or points <= 0 or points > MAX_TOTAL:
        raise ValidationFailed(
            Code.INVALID,
            _("%(where)s：分值须大于0且不超过100分。") % {"where": where},
            field="points",
        )
    if data.get("method", Method.MANUAL) == Method.COMPUTED:
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


# A scheme's items share 100 points (the provincial assessment's full score).
MAX_TOTAL = Decimal(100)


def scheme_total(scheme: Scheme) -> Decimal:
    total = Item.objects.filter(dimension__scheme=scheme).aggregate(total=Sum("points"))["total"]
    return total or Decimal(0)


def _check_total(scheme: Scheme) -> None:
    """Inside the writing transaction: the weights may not sum past the full score."""
    total = scheme_total(scheme)
    if total > MAX_TOTAL:
        raise ValidationFailed(
            Code.POINTS_OVER_TOTAL,
            _("各考核指标分值合计%(total)s分，超过满分100分。") % {"total": total},
            field="points",
        )


def _require_editable(actor: User, scheme: Scheme) -> Scheme:
    """Assessors edit a scheme until a unit is assessed under it; then it is that year's
    version, and changes go into next year's copy."""
    _require_assessor(actor)
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    if scheme.assessments.exists():
        raise Conflict(
            Code.SCHEME_IN_USE,
            _("该年度方案已用于考核，不能再修改；请复制为新年度方案后修改。"),
            field="scheme",
        )
    return scheme


@transaction.atomic
def scheme_copy(*, actor: User, source: Scheme, year: int, title: str) -> Scheme:
    """Next year's version of a scheme: its dimensions and items copied, then edited."""
    dimensions = [
        {
            "name": dimension.name,
            "items": [
                {
                    "name": item.name,
                    "points": item.points,
                    "method": item.method,
                    "indicator_key": item.indicator_key,
                    "rule": item.rule,
                    "params": item.params,
                    "guidance": item.guidance,
                }
                for item in dimension.items.all()
            ],
        }
        for dimension in source.dimensions.prefetch_related("items")
    ]
    return scheme_create(actor=actor, year=year, title=title, dimensions=dimensions)


@transaction.atomic
def scheme_update(*, actor: User, scheme: Scheme, title: str) -> Scheme:
    scheme = _require_editable(actor, scheme)
    if not title.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写方案名称。"), field="title")
    scheme.title = title.strip()
    scheme.save(update_fields=["title"])
    return scheme


@transaction.atomic
def dimension_save(
    *, actor: User, scheme: Scheme, name: str, dimension: Dimension | None = None
) -> Dimension:
    """Adds a dimension to the scheme, or renames one of its dimensions."""
    scheme = _require_editable(actor, scheme)
    if not name.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写考核维度名称。"), field="name")
    if dimension is None:
        dimension = Dimension(scheme=scheme, order=scheme.dimensions.count())
    elif dimension.scheme_id != scheme.pk:
        raise ValidationFailed(Code.INVALID, _("考核维度不属于该方案。"), field="dimension")
    dimension.name = name.strip()
    dimension.save()
    return dimension


@transaction.atomic
def dimension_delete(*, actor: User, dimension: Dimension) -> None:
    """Removes a dimension with its items."""
    _require_editable(actor, dimension.scheme)
    dimension.delete()


@transaction.atomic
def item_save(
    *, actor: User, dimension: Dimension, data: dict[str, Any], item: Item | None = None
) -> Item:
    """Adds an item to the dimension, or changes one: points, method, indicator, rule and its
    parameters validated; the scheme's points may not sum past 100."""
    scheme = _require_editable(actor, dimension.scheme)
    if not str(data.get("name", "")).strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写考核指标名称。"), field="name")
    if item is not None and item.dimension.scheme_id != scheme.pk:
        raise ValidationFailed(Code.INVALID, _("考核指标不属于该方案。"), field="item")
    _check_item(str(data["name"]).strip(), data)
    computed = data.get("method") == Method.COMPUTED
    if item is None:
        item = Item(dimension=dimension, order=dimension.items.count())
    item.dimension = dimension
    item.name = str(data["name"]).strip()
    item.points = Decimal(str(data["points"]))
    item.method = data.get("method", Method.MANUAL)
    item.indicator_key = data.get("indicator_key", "") if computed else ""
    item.rule = data.get("rule", "") if computed else ""
    item.params = data.get("params", {}) if computed else {}
    item.guidance = data.get("guidance", "")
    item.save()
    _check_total(scheme)  # raising rolls the save back
    return item


@transaction.atomic
def item_delete(*, actor: User, item: Item) -> None:
    _require_editable(actor, item.dimension.scheme)
    item.delete()


@transaction.atomic
def assessment_open(*, actor: User, scheme: Scheme, organization: Organization) -> Assessment:
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
def assessment_compute(*, actor: User, assessment: Assessment) -> Assessment:
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
    *, actor: User, assessment: Assessment, item: Item, score: Decimal, evidence: str, reason: str
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
def assessment_notify(*, actor: User, assessment: Assessment) -> Assessment:
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
def assessment_object(*, actor: User, assessment: Assessment, item: Item, reason: str) -> Objection:
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
    actor: User,
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
def assessment_finalize(*, actor: User, assessment: Assessment) -> Assessment:
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
