"""双随机一公开: a department's plan, its committed seed, the draw and its publication.

Commit–reveal: ``draw_commit`` freezes the inputs (pool, inspectors by pseudonym, declared
conflicts, ratios), makes a secret seed and publishes ``SHA-256(seed)`` and ``SHA-256(inputs)``
on the portal, anchoring both in the evidence log. Only a later transaction (``draw_run``)
computes the draw and reveals the seed, so nobody could have chosen the seed knowing the
result. ``draw_verify`` (``fazhi inspections redraw PLAN``) recomputes it from what is public.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.errors import Conflict, ValidationFailed
from fazhi.core.models import NumberSeries, Organization
from fazhi.core.scoping import require_change
from fazhi.inspections.domain import draw as drawing
from fazhi.inspections.error_codes import InspectionErrorCode as Code
from fazhi.inspections.models import (
    DrawPlan,
    DrawStatus,
    InspectionItem,
    Inspector,
    Relation,
    Subject,
    Task,
    TaskSource,
)
from fazhi.inspections.permissions import DEPARTMENT_ROLES
from fazhi.inspections.procedures import DRAW

SERIES = "inspections-draw"


def _locked(plan: DrawPlan) -> DrawPlan:
    return DrawPlan.objects.select_for_update().select_related("organization").get(pk=plan.pk)


def _event(plan: DrawPlan, kind: str, actor, **details: Any) -> None:
    core_services.event_record(
        subject=plan,
        event_type=kind,
        actor=actor,
        organization=plan.organization,
        details=details,
    )


def ratios_from(values: dict[str, Any]) -> dict[str, dict[str, float]]:
    """``{"risk_high": 30, "credit_D": 20, …}`` (form fields) → the stored shape."""
    return {
        "risk": {g: float(values.get(f"risk_{g}") or 0) for g in drawing.RISKS},
        "credit": {g: float(values.get(f"credit_{g}") or 0) for g in drawing.CREDITS},
    }


def _check_ratios(ratios: dict[str, Any]) -> None:
    try:
        drawing.check_ratios(ratios)
    except drawing.DrawError as error:
        code = Code.RATIO_OVER_100 if "超过" in error.message else Code.INVALID
        raise ValidationFailed(code, error.message, field=error.field) from None


@transaction.atomic
def draw_plan_create(
    *,
    actor,
    organization: Organization,
    title: str,
    items: Sequence[InspectionItem],
    period_start: dt.date,
    period_end: dt.date,
    ratios: dict[str, Any],
) -> DrawPlan:
    require_change(actor, organization, roles=DEPARTMENT_ROLES)
    if not title.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写计划名称。"), field="title")
    if not items:
        raise ValidationFailed(Code.REQUIRED, _("请选择检查事项。"), field="items")
    foreign = [i.code for i in items if i.organization_id != organization.pk]
    if foreign:
        raise ValidationFailed(
            Code.INVALID,
            _("只能抽查本部门的检查事项：%(codes)s") % {"codes": "、".join(foreign)},
            field="items",
        )
    if period_end < period_start:
        raise ValidationFailed(Code.INVALID, _("检查期止不能早于检查期起。"), field="period_end")
    _check_ratios(ratios)
    if not NumberSeries.objects.filter(key=SERIES).exists():
        core_services.number_series_create(
            key=SERIES,
            name="双随机抽查计划",
            template="海双随机〔{year}〕{seq}号",
            organization=organization,
        )
    number = core_services.number_issue(series_key=SERIES, year=period_start.year, actor=actor)
    plan = DrawPlan.objects.create(
        organization=organization,
        number=number.number,
        title=title.strip(),
        period_start=period_start,
        period_end=period_end,
        ratios=ratios,
    )
    plan.items.set(items)
    _event(plan, "inspections.draw_plan_created", actor, items=[i.code for i in items])
    return plan


def _inputs(plan: DrawPlan, on: dt.date) -> tuple[dict[str, Any], dict[str, int]]:
    """The published inputs and the map of pseudonyms to inspector ids (kept private)."""
    object_types = sorted({i.object_type for i in plan.items.all()})
    subjects = list(
        Subject.objects.filter(object_type__in=object_types)
        .order_by("credit_code")
        .values_list("credit_code", "risk_grade", "credit_grade")
    )
    pool = [
        inspector
        for inspector in Inspector.objects.filter(organization=plan.organization, is_active=True)
        .select_related("person")
        .order_by("pk")
        if inspector.certified_on(on)
    ]
    pseudonyms = {inspector.pk: f"P{n + 1:03d}" for n, inspector in enumerate(pool)}
    codes = {code for code, _r, _c in subjects}
    exclusions = sorted(
        [code, pseudonyms[inspector_id]]
        for code, inspector_id in Relation.objects.filter(
            inspector_id__in=list(pseudonyms)
        ).values_list("subject__credit_code", "inspector_id")
        if code in codes
    )
    inputs = {
        "plan": plan.number,
        "department": plan.organization.code,
        "items": sorted(i.code for i in plan.items.all()),
        "object_types": object_types,
        "certified_on": on.isoformat(),
        "ratios": plan.ratios,
        "team_size": 2,
        "subjects": [{"code": c, "risk": r, "credit": g} for c, r, g in subjects],
        "inspectors": [{"id": p} for p in pseudonyms.values()],
        "exclusions": exclusions,
    }
    return inputs, {p: pk for pk, p in pseudonyms.items()}


@transaction.atomic
def draw_commit(*, actor, plan: DrawPlan) -> DrawPlan:
    """Freeze the inputs, make the secret seed, publish and anchor both hashes."""
    from fazhi.evidence import services as evidence

    plan = _locked(plan)
    DRAW.require(actor, plan, "commit")
    _check_ratios(plan.ratios)
    today = timezone.localdate()
    inputs, mapping = _inputs(plan, today)
    if not inputs["subjects"]:
        raise ValidationFailed(
            Code.EMPTY_POOL, _("检查对象库中没有与所选事项对象类型相符的对象。"), field="items"
        )
    if len(inputs["inspectors"]) < 2:
        raise ValidationFailed(
            Code.NOT_CERTIFIED,
            _("本部门持有效执法证的检查人员不足两名，不能抽取。"),
            field="inspectors",
        )
    seed = secrets.token_hex(32)
    plan.inputs = inputs
    plan.inputs_sha256 = drawing.sha256_hex(drawing.canonical(inputs))
    plan.seed = seed
    plan.seed_sha256 = drawing.sha256_hex(seed)
    plan.committed_at = timezone.now()
    plan.status = DrawStatus.COMMITTED
    anchor = evidence.anchor(
        kind="inspections_draw_commit",
        reference=f"inspections.draw:{plan.pk}",
        digest=drawing.sha256_hex(f"{plan.seed_sha256}:{plan.inputs_sha256}"),
    )
    plan.anchor_index = anchor.entry.index
    plan.pseudonyms = mapping
    plan.save()
    _event(
        plan,
        "inspections.seed_committed",
        actor,
        seed_sha256=plan.seed_sha256,
        inputs_sha256=plan.inputs_sha256,
        log_index=plan.anchor_index,
    )
    return plan


@transaction.atomic
def draw_run(*, actor, plan: DrawPlan) -> DrawPlan:
    """Draw from the committed seed and inputs, reveal the seed and create the tasks."""
    plan = _locked(plan)
    DRAW.require(actor, plan, "draw")
    mapping = {k: int(v) for k, v in plan.pseudonyms.items()}
    try:
        rows = drawing.draw(plan.seed, plan.inputs)
    except drawing.DrawError as error:
        raise ValidationFailed(Code.INVALID, error.message, field=error.field) from None
    subjects = Subject.objects.in_bulk([r["subject"] for r in rows], field_name="credit_code")
    inspectors = Inspector.objects.in_bulk(list(mapping.values()))
    items = list(plan.items.all())
    # Relations declared after the commit are not in the frozen inputs: check them now.
    late = set(
        Relation.objects.filter(
            subject__in=list(subjects.values()), inspector_id__in=list(mapping.values())
        ).values_list("subject__credit_code", "inspector_id")
    )
    for row in rows:
        subject = subjects[row["subject"]]
        team = [inspectors[mapping[p]] for p in row["inspectors"]]
        if any((subject.credit_code, member.pk) in late for member in team):
            raise Conflict(
                Code.CONFLICT_OF_INTEREST,
                _("抽中的检查人员与对象 %(name)s 存在已申报的回避关系，请重新拟定计划。")
                % {"name": subject.name},
                field="inspectors",
            )
        for item in items:
            if item.object_type != subject.object_type:
                continue
            task = Task.objects.create(
                organization=plan.organization,
                source=TaskSource.DRAW,
                subject=subject,
                item=item,
                draw_plan=plan,
                earliest=plan.period_start,
                due_by=plan.period_end,
            )
            task.drawn_inspectors.set(team)
    plan.result = rows
    plan.drawn_at = timezone.now()
    plan.status = DrawStatus.DRAWN
    plan.save()
    _event(plan, "inspections.drawn", actor, subjects=len(rows), seed=plan.seed)
    return plan


@transaction.atomic
def draw_publish(*, actor, plan: DrawPlan) -> DrawPlan:
    plan = _locked(plan)
    DRAW.require(actor, plan, "publish")
    conflicted = (
        Task.objects.filter(draw_plan=plan)
        .filter(Q(drawn_inspectors__relations__subject_id=F("subject_id")))
        .exists()
    )
    if conflicted:
        raise Conflict(
            Code.CONFLICT_OF_INTEREST,
            _("有抽中的检查人员事后申报了与对象的回避关系，不能公开；请调整后再公开。"),
            field="inspectors",
        )
    plan.published_on = timezone.localdate()
    plan.status = DrawStatus.PUBLISHED
    plan.save()
    _event(plan, "inspections.draw_published", actor)
    return plan


@dataclass(frozen=True)
class Verification:
    ok: bool
    lines: list[str]
    result: list[dict[str, Any]]


def draw_verify(*, plan: DrawPlan, seed: str | None = None) -> Verification:
    """Recompute the draw from the published inputs and seed; nothing is written."""
    if not plan.seed_revealed:
        raise Conflict(Code.INVALID_TRANSITION, _("该计划尚未抽取，种子未公开。"), field="status")
    seed = plan.seed if seed is None else seed.strip()
    if drawing.sha256_hex(seed) != plan.seed_sha256:
        raise ValidationFailed(
            Code.SEED_MISMATCH,
            _("种子的 SHA-256 与抽取前公示的哈希 %(hash)s 不符：种子被改动过，不能复算。")
            % {"hash": plan.seed_sha256},
            field="seed",
        )
    if drawing.sha256_hex(drawing.canonical(plan.inputs)) != plan.inputs_sha256:
        raise ValidationFailed(
            Code.SEED_MISMATCH,
            _("抽取输入与公示的输入摘要不符：输入被改动过。"),
            field="inputs",
        )
    computed = drawing.draw(seed, plan.inputs)
    lines = drawing.differences(plan.result, computed)
    return Verification(ok=not lines, lines=lines, result=computed)
