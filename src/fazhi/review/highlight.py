"""Cutting a reviewed text into segments for inline highlighting of (overlapping) findings.

Pure: every offset where a finding starts or ends cuts the text; each segment lists the
findings covering it, so the template wraps it in one ``<mark>`` carrying all their ids.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Protocol

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


class Span(Protocol):
    position: int
    start: int
    end: int
    severity: str


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    positions: tuple[int, ...]  # the findings covering this piece, by position
    severity: str | None  # the gravest of them

    @property
    def marked(self) -> bool:
        return bool(self.positions)

    @property
    def ids(self) -> str:
        return " ".join(f"finding-{position}" for position in self.positions)


def segments(text: str, findings: Iterable[Span]) -> list[Segment]:
    findings = [f for f in findings if 0 <= f.start < f.end <= len(text)]
    cuts = sorted({0, len(text), *(f.start for f in findings), *(f.end for f in findings)})
    pieces = []
    for start, end in pairwise(cuts):
        covering = [f for f in findings if f.start <= start and end <= f.end]
        severity = (
            min((f.severity for f in covering), key=lambda s: _SEVERITY_ORDER.get(s, 9))
            if covering
            else None
        )
        pieces.append(
            Segment(text[start:end], tuple(sorted(f.position for f in covering)), severity)
        )
    return pieces
