"""Clock types: the statutory deadlines each app declares in its ``clocks.py``.

A clock type says how long a period is, in which days, from which event, whether it may be
paused or extended, and on what legal basis. Clock instances live in ``core.models.Clock`` and
are moved only through ``core.services.clock_*``.
"""

from __future__ import annotations

from dataclasses import dataclass

from fazhi.core.domain.calendar import DayBasis


@dataclass(frozen=True)
class ClockType:
    key: str
    name: str
    length: int
    basis: DayBasis
    start_event: str
    legal_basis: str
    pausable: bool = False
    extendable: bool = False
    max_extension_days: int | None = None
    # Where the rule is a best reading rather than a verified one (spec: UNCONFIRMED).
    confirmed: bool = True


_registry: dict[str, ClockType] = {}


def register(clock_type: ClockType) -> ClockType:
    existing = _registry.get(clock_type.key)
    if existing is not None and existing != clock_type:
        raise ValueError(f"clock type {clock_type.key!r} is already registered differently")
    _registry[clock_type.key] = clock_type
    return clock_type


def get(key: str) -> ClockType | None:
    return _registry.get(key)


def all_types() -> list[ClockType]:
    return sorted(_registry.values(), key=lambda t: t.key)
