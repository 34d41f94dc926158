"""Scoring rules, pure: a figure and an item's parameters give the points earned."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

TWO = Decimal("0.01")


def _fraction(rule: str, value: Decimal, params: dict[str, Any]) -> Decimal:
    lower_is_better = bool(params.get("lower_is_better"))
    if rule == "thresholds":
        bands = sorted(
            ((Decimal(str(at)), Decimal(str(f))) for at, f in params.get("bands", [])),
            reverse=not lower_is_better,
        )
        for at, fraction in bands:
            if (value <= at) if lower_is_better else (value >= at):
                return fraction
        return Decimal(0)
    if rule == "linear":
        low, high = Decimal(str(params["low"])), Decimal(str(params["high"]))
        if high == low:
            return Decimal(1) if value >= high else Decimal(0)
        fraction = (value - low) / (high - low)
        if lower_is_better:
            fraction = 1 - fraction
        return min(Decimal(1), max(Decimal(0), fraction))
    if rule == "pass_fail":
        target = Decimal(str(params["target"]))
        passed = value <= target if lower_is_better else value >= target
        return Decimal(1) if passed else Decimal(0)
    raise ValueError(f"unknown rule {rule!r}")


def score(
    rule: str, value: int | Decimal | None, points: Decimal, params: dict[str, Any]
) -> Decimal:
    """Points earned. No figure (no such business in the unit: a rate over nothing) scores the
    full points, as the provincial scheme treats 不涉及 items."""
    if value is None:
        return points.quantize(TWO)
    return (points * _fraction(rule, Decimal(str(value)), params)).quantize(TWO, ROUND_HALF_UP)


def check_params(rule: str, params: dict[str, Any]) -> str | None:
    """Why the parameters cannot work for the rule (None when they can)."""
    try:
        if rule == "thresholds":
            bands = params["bands"]
            if not bands or any(not 0 <= float(f) <= 1 for _at, f in bands):
                return "分档须至少一档，得分比例在0到1之间"
        elif rule == "linear":
            if float(params["low"]) > float(params["high"]):
                return "下限不能大于上限"
        elif rule == "pass_fail":
            float(params["target"])
        else:
            return "未知的计分规则"
    except (KeyError, TypeError, ValueError):
        return "规则参数不完整"
    return None
