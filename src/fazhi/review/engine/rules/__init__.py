"""Rule sets of the pre-review engine, loaded from the data modules in this package.

``fair_competition.py``, ``legality.py`` and ``form.py`` hold the rules as plain data; this module
expands their ``{NAME}`` regex fragments (``vocabulary.py``), compiles every regex once and checks
the data is well formed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from fazhi.review.engine.model import CATEGORIES, SEVERITIES, CompiledPattern, Rule
from fazhi.review.engine.rules import fair_competition, form, legality
from fazhi.review.engine.rules.vocabulary import expand

RULE_MODULES = (fair_competition, legality, form)
_PATTERN_KEYS = {
    "match",
    "require",
    "require_scope",
    "exclude",
    "exclude_scope",
    "exclude_before",
    "reject_match",
}
_RULE_KEYS = {
    "id",
    "title",
    "standard",
    "category",
    "severity",
    "basis",
    "message",
    "suggestion",
    "patterns",
    "exclude",
    "guard_prohibition",
    "check",
    "examples",
}
_SCOPES = {"sentence", "clause", "paragraph"}


class RuleDataError(ValueError):
    """A rule data file is malformed."""


@dataclass(frozen=True, slots=True)
class FormLimits:
    """Validity limits for normative documents, with the source they come from."""

    general_max_years: int
    provisional_max_years: int
    provisional_markers: tuple[str, ...]
    source: str


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(expand(pattern))
    except (re.error, KeyError) as exc:
        raise RuleDataError(f"{where}: bad regex {pattern!r}: {exc}") from exc


def _compile_all(patterns: object, where: str) -> tuple[re.Pattern[str], ...]:
    if not isinstance(patterns, list | tuple):
        raise RuleDataError(f"{where}: expected a list of regexes")
    return tuple(_compile(p, where) for p in patterns)


def _pattern(spec: dict[str, object], where: str) -> CompiledPattern:
    unknown = set(spec) - _PATTERN_KEYS
    if unknown or "match" not in spec:
        raise RuleDataError(f"{where}: bad pattern keys {sorted(unknown) or 'no match'}")
    require_scope = str(spec.get("require_scope", "sentence"))
    exclude_scope = str(spec.get("exclude_scope", "sentence"))
    if require_scope not in _SCOPES or exclude_scope not in _SCOPES:
        raise RuleDataError(f"{where}: scope must be one of {sorted(_SCOPES)}")
    return CompiledPattern(
        match=_compile(str(spec["match"]), where),
        require=_compile_all(spec.get("require", []), where),
        require_scope=require_scope,
        exclude=_compile_all(spec.get("exclude", []), where),
        exclude_scope=exclude_scope,
        exclude_before=_compile_all(spec.get("exclude_before", []), where),
        reject_match=_compile_all(spec.get("reject_match", []), where),
    )


def _fc_standard(basis: str, title: str) -> str:
    """The fair-competition standard with its instruments' years and the standard in words."""
    standard = re.sub(r"公平竞争审查条例实施办法 ?", "《公平竞争审查条例实施办法》（2025）", basis)
    standard = re.sub(r"公平竞争审查条例 ", "《公平竞争审查条例》（2024）", standard)
    return f"{standard}：{title}" if title else standard


def _rule(data: dict[str, object]) -> Rule:
    rule_id = str(data.get("id", "?"))
    unknown = set(data) - _RULE_KEYS
    if unknown:
        raise RuleDataError(f"{rule_id}: unknown keys {sorted(unknown)}")
    for key in ("category", "severity", "basis", "message", "suggestion"):
        if not data.get(key):
            raise RuleDataError(f"{rule_id}: missing {key}")
    if data["category"] not in CATEGORIES or data["severity"] not in SEVERITIES:
        raise RuleDataError(f"{rule_id}: bad category or severity")
    if not re.fullmatch(r"[a-z]+(?:\.[a-z_]+)+", rule_id):
        raise RuleDataError(f"{rule_id}: rule ids are dotted lower-case names")
    specs = data.get("patterns", [])
    if not isinstance(specs, list):
        raise RuleDataError(f"{rule_id}: patterns must be a list")
    patterns = tuple(_pattern(spec, f"{rule_id} pattern {n}") for n, spec in enumerate(specs))
    if not patterns and not data.get("check"):
        raise RuleDataError(f"{rule_id}: needs patterns or a check")
    examples = data.get("examples") or {}
    if not isinstance(examples, dict):
        raise RuleDataError(f"{rule_id}: examples must be a mapping")
    positive = tuple(examples.get("positive", ()))
    negative = tuple(examples.get("negative", ()))
    if not positive or not negative:
        raise RuleDataError(f"{rule_id}: needs positive and negative examples")
    title = str(data.get("title", ""))
    # A fair-competition finding names the standard's articles and, in words, the standard.
    standard = str(data.get("standard") or _fc_standard(str(data["basis"]), title))
    prefilter = None
    if patterns:
        # Named groups may not repeat in one regex: the trigger alone matters here.
        joined = "|".join(f"(?:{p.match.pattern})" for p in patterns).replace("(?P<hit>", "(?:")
        if "(?m)" not in joined:
            prefilter = re.compile(joined)
    return Rule(
        id=rule_id,
        prefilter=prefilter,
        title=title,
        standard=standard,
        category=str(data["category"]),
        severity=str(data["severity"]),
        basis=str(data["basis"]),
        message=str(data["message"]),
        suggestion=str(data["suggestion"]),
        patterns=patterns,
        exclude=_compile_all(data.get("exclude", []), rule_id),
        guard_prohibition=bool(data.get("guard_prohibition", True)),
        check=str(data["check"]) if data.get("check") else None,
        positive=positive,
        negative=negative,
    )


@cache
def load_rules() -> tuple[Rule, ...]:
    """Every rule of every rule set, compiled; ids are unique."""
    rules = tuple(_rule(data) for module in RULE_MODULES for data in module.RULES)
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise RuleDataError(f"duplicate rule id {rule.id}")
        seen.add(rule.id)
    return rules


@cache
def load_form_limits() -> FormLimits:
    """The validity limits from ``form_limits.json``."""
    raw = json.loads(
        resources.files(__package__).joinpath("form_limits.json").read_text(encoding="utf-8")
    )
    limits = FormLimits(
        general_max_years=int(raw["general_max_years"]),
        provisional_max_years=int(raw["provisional_max_years"]),
        provisional_markers=tuple(raw["provisional_markers"]),
        source=str(raw["source"]),
    )
    if not 0 < limits.provisional_max_years <= limits.general_max_years:
        raise RuleDataError("form_limits.json: provisional limit must be within the general one")
    return limits


def rules_by_id() -> dict[str, Rule]:
    """The loaded rules keyed by id."""
    return {rule.id: rule for rule in load_rules()}
