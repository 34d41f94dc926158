"""双随机: drawing subjects and inspector pairs from a committed seed, reproducibly.

Everything the draw reads is in the published ``inputs`` (the pool of subjects with their
risk and credit grades, the inspectors by pseudonym, the declared conflicts, the ratios); the
seed's SHA-256 is published before the draw and the seed after it. Anyone holding the two can
run ``draw(seed, inputs)`` and must get the published result: the order of every choice is the
SHA-256 of the seed with the candidate's identifier, so no hidden state or library RNG enters.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

RISKS = ("high", "medium", "low")
CREDITS = ("A", "B", "C", "D")


class DrawError(ValueError):
    """Inputs that cannot be drawn from; ``field`` names the input at fault."""

    def __init__(self, message: str, field: str = "ratios"):
        super().__init__(message)
        self.message = message
        self.field = field


def canonical(value: Any) -> bytes:
    """The bytes hashed and published: sorted keys, no spaces, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sha256_hex(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


def stratum_percent(ratios: dict[str, Any], risk: str, credit: str) -> Decimal:
    return Decimal(str(ratios.get("risk", {}).get(risk, 0))) + Decimal(
        str(ratios.get("credit", {}).get(credit, 0))
    )


def check_ratios(ratios: dict[str, Any]) -> None:
    """Every stratum's ratio within 0–100 %; raises ``DrawError`` naming the first bad one."""
    for key, group in (("risk", RISKS), ("credit", CREDITS)):
        for grade in group:
            try:
                Decimal(str(ratios.get(key, {}).get(grade, 0)))
            except ArithmeticError:
                raise DrawError(f"抽查比例不是数字：{grade}", field=f"{key}_{grade}") from None
    for risk in RISKS:
        for credit in CREDITS:
            percent = stratum_percent(ratios, risk, credit)
            if percent > 100:
                raise DrawError(
                    f"抽查比例超过100%：{risk}风险、{credit}级信用的对象合计为{percent}%。",
                    field=f"risk_{risk}",
                )
            if percent < 0:
                raise DrawError(f"抽查比例不能为负：{risk}风险、{credit}级信用。")


def _rank(seed: str, *parts: str) -> str:
    return sha256_hex("|".join((seed, *parts)))


@dataclass(frozen=True)
class Drawn:
    subject: str
    inspectors: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"subject": self.subject, "inspectors": list(self.inspectors)}


def draw(seed: str, inputs: dict[str, Any]) -> list[dict[str, Any]]:
    """The drawn subjects with their inspector teams, sorted by credit code."""
    ratios = inputs["ratios"]
    check_ratios(ratios)
    team = int(inputs.get("team_size", 2))
    strata: dict[tuple[str, str], list[str]] = {}
    for subject in inputs["subjects"]:
        strata.setdefault((subject["risk"], subject["credit"]), []).append(subject["code"])
    chosen: list[str] = []
    for (risk, credit), codes in sorted(strata.items()):
        wanted = (Decimal(len(codes)) * stratum_percent(ratios, risk, credit) / 100).quantize(
            Decimal(1), rounding=ROUND_HALF_UP
        )
        ranked = sorted(codes, key=lambda code: _rank(seed, "subject", code))
        chosen.extend(ranked[: int(wanted)])
    excluded = {(pair[0], pair[1]) for pair in inputs.get("exclusions", [])}
    pool = [inspector["id"] for inspector in inputs["inspectors"]]
    load = dict.fromkeys(pool, 0)
    results = []
    for code in sorted(chosen):
        eligible = [p for p in pool if (code, p) not in excluded]
        if len(eligible) < team:
            raise DrawError(f"对象 {code} 回避后可抽取的执法人员不足{team}名。", field="inspectors")
        # Least-loaded first spreads the work; the seeded hash orders equals at random.
        eligible.sort(key=lambda p: (load[p], _rank(seed, "inspector", code, p)))
        picked = tuple(sorted(eligible[:team]))
        for p in picked:
            load[p] += 1
        results.append(Drawn(code, picked).as_dict())
    return results


def differences(expected: list[dict[str, Any]], actual: list[dict[str, Any]]) -> list[str]:
    """Where a recomputed draw differs from the published one (Chinese, one line each)."""
    lines = []
    published = {row["subject"]: tuple(row["inspectors"]) for row in expected}
    computed = {row["subject"]: tuple(row["inspectors"]) for row in actual}
    for code in sorted(set(published) - set(computed)):
        lines.append(f"公开结果有、复算结果没有的对象：{code}")
    for code in sorted(set(computed) - set(published)):
        lines.append(f"复算结果有、公开结果没有的对象：{code}")
    for code in sorted(set(published) & set(computed)):
        if published[code] != computed[code]:
            lines.append(
                f"对象 {code} 的检查人员不同：公开 {'、'.join(published[code])}，"
                f"复算 {'、'.join(computed[code])}"
            )
    return lines
