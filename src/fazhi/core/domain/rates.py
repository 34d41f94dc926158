"""Counts and rates as the annual report shows them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Rate:
    """A rate kept as numerator and denominator; shown as a percentage rounded half-up to 2 dp.

    The seed's 12217 / 12297 = 99.3494…% is reported as 99.35.
    """

    numerator: int
    denominator: int

    @property
    def percent(self) -> Decimal | None:
        if self.denominator == 0:
            return None
        value = Decimal(self.numerator) * 100 / Decimal(self.denominator)
        return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
