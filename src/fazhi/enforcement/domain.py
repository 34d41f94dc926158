"""Pure penalty rules: the discretion calculator and the large-fine test. No Django, no I/O."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum


class Circumstance(StrEnum):
    """Circumstances the calculator weighs (行政处罚法 arts 30, 32, 33; sector benchmarks)."""

    FIRST_VIOLATION = "first_violation"
    CORRECTED_PROMPTLY = "corrected_promptly"
    NO_HARM = "no_harm"
    REDUCED_HARM = "reduced_harm"
    COERCED = "coerced"
    VOLUNTEERED = "volunteered"
    MERITORIOUS = "meritorious"
    MINOR_PARTY = "minor_party"
    REPEAT = "repeat"
    REFUSED_CORRECTION = "refused_correction"
    SERIOUS_HARM = "serious_harm"
    OBSTRUCTED = "obstructed"


CIRCUMSTANCE_LABELS: dict[Circumstance, str] = {
    Circumstance.FIRST_VIOLATION: "初次违法",
    Circumstance.CORRECTED_PROMPTLY: "及时改正",
    Circumstance.NO_HARM: "没有造成危害后果",
    Circumstance.REDUCED_HARM: "主动消除或者减轻违法行为危害后果",
    Circumstance.COERCED: "受他人胁迫或者诱骗实施违法行为",
    Circumstance.VOLUNTEERED: "主动供述行政机关尚未掌握的违法行为",
    Circumstance.MERITORIOUS: "配合查处有立功表现",
    Circumstance.MINOR_PARTY: "已满十四周岁不满十八周岁",
    Circumstance.REPEAT: "再次违法",
    Circumstance.REFUSED_CORRECTION: "拒不改正",
    Circumstance.SERIOUS_HARM: "造成严重危害后果",
    Circumstance.OBSTRUCTED: "阻碍、抗拒执法",
}

# Art 32 (and art 30 for minors): any of these makes the penalty lighter or mitigated.
MITIGATING = frozenset(
    {
        Circumstance.REDUCED_HARM,
        Circumstance.COERCED,
        Circumstance.VOLUNTEERED,
        Circumstance.MERITORIOUS,
        Circumstance.MINOR_PARTY,
    }
)
AGGRAVATING = frozenset(
    {
        Circumstance.REPEAT,
        Circumstance.REFUSED_CORRECTION,
        Circumstance.SERIOUS_HARM,
        Circumstance.OBSTRUCTED,
    }
)


@dataclass(frozen=True)
class Proposal:
    grade: str  # a DiscretionGrade value
    reasons: tuple[str, ...]


def propose_grade(circumstances: set[Circumstance]) -> Proposal:
    """The grade the circumstances point to, with the reasons in the words of the law.

    Art 33: slight, promptly corrected and harmless → no penalty; aggravating circumstances
    exclude leniency; two or more art 32 circumstances → mitigated, one → lighter.
    """
    aggravating = sorted(circumstances & AGGRAVATING)
    mitigating = sorted(circumstances & MITIGATING)
    if aggravating:
        reasons = [f"存在从重情节：{CIRCUMSTANCE_LABELS[c]}" for c in aggravating]
        if mitigating:
            reasons.append("存在从重情节，不适用从轻、减轻")
        return Proposal("heavier", tuple(reasons))
    if {Circumstance.CORRECTED_PROMPTLY, Circumstance.NO_HARM} <= circumstances:
        basis = "初次违法且" if Circumstance.FIRST_VIOLATION in circumstances else ""
        return Proposal(
            "no_penalty",
            (f"{basis}违法行为轻微并及时改正，没有造成危害后果（行政处罚法第三十三条）",),
        )
    if len(mitigating) >= 2:
        return Proposal(
            "mitigated",
            (
                *(f"从轻减轻情节：{CIRCUMSTANCE_LABELS[c]}" for c in mitigating),
                "具有两项以上法定从轻减轻情节（行政处罚法第三十二条）",
            ),
        )
    if mitigating:
        return Proposal(
            "lighter",
            (f"从轻情节：{CIRCUMSTANCE_LABELS[mitigating[0]]}（行政处罚法第三十二条）",),
        )
    return Proposal("ordinary", ("无法定从轻、减轻或者从重情节，适用一般阶次",))


def parse_circumstances(values: list[str]) -> set[Circumstance]:
    """Known circumstances from user input; raises ValueError naming the first unknown one."""
    known = {c.value for c in Circumstance}
    for value in values:
        if value not in known:
            raise ValueError(value)
    return {Circumstance(v) for v in values}


def needs_hearing(*, fine: Decimal | None, kinds: list[str], threshold: Decimal | None) -> bool:
    """Art 63: a hearing must be offered for a large fine or a heavy kind of penalty."""
    heavy = {
        "confiscate_property",
        "downgrade_qualification",
        "revoke_permit",
        "restrict_business",
        "suspend_production",
        "closure",
        "restrict_practice",
    }
    if heavy & set(kinds):
        return True
    return fine is not None and threshold is not None and fine >= threshold


@dataclass(frozen=True)
class Peer:
    """A decided amount against its item's robust centre (for 类案同罚)."""

    median: Decimal
    mad: Decimal


# Iglewicz and Hoaglin's modified z-score: 0.6745·|x − median| / MAD; above 3.5 is an outlier.
MODIFIED_Z_FACTOR = Decimal("0.6745")
OUTLIER_THRESHOLD = Decimal("3.5")


def modified_z(amount: Decimal, peer: Peer) -> Decimal | None:
    if peer.mad == 0:
        return None
    return (MODIFIED_Z_FACTOR * abs(amount - peer.median) / peer.mad).quantize(Decimal("0.01"))


def limitation_ends(violation_end: date, *, years: int) -> date:
    """Last day the violation can still be discovered (art 36): same date ``years`` later."""
    try:
        return violation_end.replace(year=violation_end.year + years)
    except ValueError:  # 29 February → 28 February
        return violation_end.replace(year=violation_end.year + years, day=28)


def late_payment_surcharge(
    *, fine: Decimal | None, due: dt.date, paid_on: dt.date, daily_rate: Decimal
) -> Decimal:
    """加处罚款 (art 72): the daily rate of the fine for each day after ``due``, capped at the
    fine, to the cent rounding half up."""
    if not fine or paid_on <= due:
        return Decimal("0.00")
    days = (paid_on - due).days
    amount = min(fine * daily_rate * days, fine)
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
