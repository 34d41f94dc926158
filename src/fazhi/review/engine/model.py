"""Data types of the pre-review engine: findings, rules and their compiled patterns."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal

Category = Literal["fair_competition", "legality", "citation", "form"]
Severity = Literal["error", "warning", "info"]

CATEGORIES: tuple[str, ...] = ("fair_competition", "legality", "citation", "form")
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")

FINDING_KEYS: tuple[str, ...] = (
    "rule",
    "category",
    "severity",
    "start",
    "end",
    "excerpt",
    "basis",
    "message",
    "suggestion",
    "standard",
    "reason",
    "confidence",
    "detector",
)
DETECTORS: tuple[str, ...] = ("rule", "model", "rule+model", "lawbase")


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a text: a rule, where it fired and what to do about it.

    ``start``/``end`` are character offsets into the reviewed text and ``excerpt`` is
    ``text[start:end]``. ``standard`` names the review standard applied (the article and item of
    公平竞争审查条例 / its 实施办法, or the limit on normative documents a legality finding breaks);
    ``reason`` says why in a reviewer's words; ``detector`` says which part fired (``rule``,
    ``model``, ``rule+model`` or ``lawbase`` for the basis check) and ``confidence`` is the
    classifier's probability that the clause is a problem (None when it was not scored).
    """

    rule: str
    category: str
    severity: str
    start: int
    end: int
    excerpt: str
    basis: str
    message: str
    suggestion: str
    standard: str = ""
    reason: str = ""
    confidence: float | None = None
    detector: str = "rule"

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown category {self.category!r} for rule {self.rule}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r} for rule {self.rule}")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end} for rule {self.rule}")
        if self.detector not in DETECTORS:
            raise ValueError(f"unknown detector {self.detector!r} for rule {self.rule}")

    def to_dict(self) -> dict[str, object]:
        """The finding as a plain dict with exactly the keys of ``FINDING_KEYS``."""
        return {key: getattr(self, key) for key in FINDING_KEYS}

    @property
    def sort_key(self) -> tuple[int, str]:
        return (self.start, self.rule)


def _reason(excerpt: str, message: str) -> str:
    """A reviewer's sentence: what the clause says, and what is wrong with it."""
    excerpt = " ".join(excerpt.split())
    if len(excerpt) > 40:
        excerpt = excerpt[:39] + "…"
    return f"条款“{excerpt}”：{message}" if excerpt else message


CitationChecker = Callable[[str, date | None], list[Finding]]


@dataclass(frozen=True, slots=True)
class CompiledPattern:
    """One trigger regex with the context it needs and the context that vetoes it.

    * ``match`` finds the trigger; its ``hit`` group (or the whole match) is the span reported.
    * ``require``: every regex must be found in the ``require_scope`` around the trigger.
    * ``exclude``: no regex may be found in the ``exclude_scope`` around the trigger.
    * Scopes are ``sentence`` (。；！？ and line breaks), ``clause`` (also commas and colons) or
      ``paragraph`` (a line).
    * ``exclude_before``: no regex may be found between the start of the sentence and the trigger.
    * ``reject_match``: no regex may be found in the matched text itself.
    """

    match: re.Pattern[str]
    require: tuple[re.Pattern[str], ...] = ()
    require_scope: str = "sentence"
    exclude: tuple[re.Pattern[str], ...] = ()
    exclude_scope: str = "sentence"
    exclude_before: tuple[re.Pattern[str], ...] = ()
    reject_match: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True, slots=True)
class Rule:
    """A review rule loaded from the data files under ``rules/``."""

    id: str
    category: str
    severity: str
    basis: str
    message: str
    suggestion: str
    standard: str = ""
    patterns: tuple[CompiledPattern, ...] = ()
    exclude: tuple[re.Pattern[str], ...] = ()
    guard_prohibition: bool = True
    # Any of the patterns' triggers, in one regex: a text it does not match cannot fire the rule.
    prefilter: re.Pattern[str] | None = None
    check: str | None = None
    positive: tuple[str, ...] = ()
    negative: tuple[str, ...] = ()
    title: str = ""

    def finding(self, text: str, start: int, end: int, **overrides: str) -> Finding:
        """A finding of this rule for ``text[start:end]``; message etc. may be overridden."""
        return Finding(
            rule=self.id,
            category=self.category,
            severity=overrides.get("severity", self.severity),
            start=start,
            end=end,
            excerpt=text[start:end],
            basis=overrides.get("basis", self.basis),
            message=overrides.get("message", self.message),
            suggestion=overrides.get("suggestion", self.suggestion),
            standard=overrides.get("standard", self.standard or self.basis),
            reason=overrides.get(
                "reason",
                _reason(text[start:end], self.message)
                if self.category in {"fair_competition", "legality"}
                else self.message,
            ),
        )
