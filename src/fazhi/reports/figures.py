"""Figure references in report text: ``{{disputes.mediation_cases}}`` → the indicator's value.

Staff never type a figure: the editor inserts references, and a typed digit sequence equal to a
figure in the report's scope is flagged ("insert it as a reference").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from fazhi.core import indicators

REFERENCE = re.compile(r"\{\{\s*([a-z_]+\.[a-z0-9_]+)\s*\}\}")
NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")


def references(text: str) -> list[str]:
    """The indicator keys referenced in ``text``, in order, without repeats."""
    return list(dict.fromkeys(REFERENCE.findall(text or "")))


def unknown_references(text: str) -> list[str]:
    return [key for key in references(text) if indicators.get(key) is None]


def format_value(value: int | Decimal | None, unit: str) -> str:
    """ "12297", "99.35%", and "100%" as the seed writes a whole percentage."""
    if value is None:
        return "—"
    if unit == "%":
        number = Decimal(value)
        text = f"{number:.0f}" if number == number.to_integral_value() else f"{number:.2f}"
        return f"{text}%"
    return str(int(value))


@dataclass(frozen=True)
class Figure:
    key: str
    name: str
    unit: str
    definition: str
    value: int | Decimal | None
    numerator: int | None = None
    denominator: int | None = None

    @property
    def text(self) -> str:
        return format_value(self.value, self.unit)


def live(keys: Iterable[str], year: int, scope) -> dict[str, Figure]:
    """The figures of ``keys`` computed now, for the scope and year (unknown keys skipped)."""
    result: dict[str, Figure] = {}
    for key in keys:
        indicator = indicators.get(key)
        if indicator is None:
            continue
        evaluated = indicators.evaluate(indicator, year, scope)
        result[key] = Figure(
            key,
            indicator.name,
            indicator.unit,
            indicator.definition,
            evaluated.value,
            evaluated.numerator,
            evaluated.denominator,
        )
    return result


def typed_figures(text: str, figures: dict[str, Figure]) -> list[tuple[str, Figure]]:
    """Digit sequences typed in ``text`` (outside references) equal to a figure in scope.

    Years and one-digit numbers are too common to flag ("2022年", "一是…3项").
    """
    plain = REFERENCE.sub(" ", text or "")
    by_text: dict[str, Figure] = {}
    for figure in figures.values():
        if figure.value is None:
            continue
        for candidate in {figure.text.rstrip("%"), str(figure.value)}:
            if len(candidate.replace(".", "")) >= 2:
                by_text.setdefault(candidate, figure)
    flagged = []
    for match in NUMBER.findall(plain):
        if 1900 <= _as_number(match) <= 2100 and "." not in match:
            continue
        if match in by_text:
            flagged.append((match, by_text[match]))
    return flagged


def _as_number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return -1


def render(text: str, figures: dict[str, Figure]) -> str:
    """The text with each reference replaced by its figure's value."""

    def replace(match: re.Match) -> str:
        figure = figures.get(match.group(1))
        return figure.text if figure is not None else match.group(0)

    return REFERENCE.sub(replace, text or "")
