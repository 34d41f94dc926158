"""The numbers of the major-decision procedure, read from ``rules.toml`` with their sources.

The spec asks that values not checked against a primary text live in configuration rather than
code; the checked ones live there too so that each number and its legal source sit side by side.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fazhi.core.domain.calendar import DayBasis

RULES_FILE = Path(__file__).with_name("rules.toml")


@dataclass(frozen=True)
class RuleValue:
    key: str
    value: int
    basis: DayBasis
    source: str
    confirmed: bool


@cache
def _load() -> dict[str, RuleValue]:
    data = tomllib.loads(RULES_FILE.read_text(encoding="utf-8"))
    return {
        key: RuleValue(
            key=key,
            value=int(entry["value"]),
            basis=DayBasis(entry["basis"]),
            source=entry["source"],
            confirmed=bool(entry["confirmed"]),
        )
        for key, entry in data.items()
    }


def rule(key: str) -> RuleValue:
    return _load()[key]


def all_rules() -> list[RuleValue]:
    return list(_load().values())
