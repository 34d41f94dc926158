"""The review itself: run every rule over a text and return sorted, de-duplicated findings."""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date

from fazhi.review.engine.form import run_form_checks
from fazhi.review.engine.model import CitationChecker, Finding, Rule
from fazhi.review.engine.rules import load_form_limits, load_rules
from fazhi.review.engine.rules.vocabulary import expand
from fazhi.review.engine.text import Segments, normalise, read_docx

# A prohibition aimed at the drafter governs what follows it in the sentence.
PROHIBITION = re.compile(expand("{META}"))
# "不得制定以下政策措施：" heads a list whose items each restate a prohibited standard.
LIST_HEADER = re.compile(
    r"(?:不得|禁止|严禁|不应|不能)[^。]{0,80}?(?:以下|下列|如下|包括但不限于)[^。\n]{0,40}?:"
)
_LIST_REACH = 3000
# Words a drafter never uses about their own measure: a sentence using them restates a standard.
CONDEMNING = re.compile(
    r"歧视性|不合理|(?<!无)违法(?!所得)|违规(?!操作)|滥用|变相|排斥|排除、?限制|妨碍|不正当"
)
# The prohibition may end inside the match ("不得要求…" when the match starts at "要求").
_GUARD_LOOKAHEAD = 6


def no_citation_check(text: str, as_of: date | None) -> list[Finding]:
    """The default citation checker: checks nothing and finds nothing."""
    return []


class _Context:
    """A normalised text with its segment bounds and list headers, shared by all rules."""

    __slots__ = ("header_ends", "norm", "segments", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.norm = normalise(text)
        self.segments = Segments.of(self.norm)
        self.header_ends = [m.end() for m in LIST_HEADER.finditer(self.norm)]

    def scope(self, kind: str, offset: int) -> tuple[int, int]:
        if kind == "clause":
            return self.segments.clause(offset)
        if kind == "paragraph":
            return self.segments.paragraph(offset)
        return self.segments.sentence(offset)

    def under_prohibited_list(self, offset: int) -> bool:
        index = bisect_right(self.header_ends, offset) - 1
        if index < 0:
            return False
        header_end = self.header_ends[index]
        return offset - header_end < _LIST_REACH and "。" not in self.norm[header_end:offset]


def _spans(rule: Rule, ctx: _Context) -> list[tuple[int, int]]:
    norm = ctx.norm
    spans: list[tuple[int, int]] = []
    for pattern in rule.patterns:
        for match in pattern.match.finditer(norm):
            if "hit" in pattern.match.groupindex and match.group("hit") is not None:
                start, end = match.span("hit")
            else:
                start, end = match.span()
            if start >= end:
                continue
            s_start, s_end = ctx.segments.sentence(start)
            sentence = norm[s_start:s_end]
            if any(x.search(sentence) for x in rule.exclude):
                continue
            if rule.category == "fair_competition" and CONDEMNING.search(sentence):
                continue
            if pattern.reject_match:
                matched = match.group(0)
                if any(x.search(matched) for x in pattern.reject_match):
                    continue
            if pattern.require:
                r_start, r_end = ctx.scope(pattern.require_scope, start)
                scope = norm[r_start:r_end]
                if not all(x.search(scope) for x in pattern.require):
                    continue
            if pattern.exclude:
                e_start, e_end = ctx.scope(pattern.exclude_scope, start)
                scope = norm[e_start:e_end]
                if any(x.search(scope) for x in pattern.exclude):
                    continue
            prefix = norm[s_start:start]
            if pattern.exclude_before and any(x.search(prefix) for x in pattern.exclude_before):
                continue
            if rule.guard_prohibition and (
                PROHIBITION.search(norm[s_start : min(end, start + _GUARD_LOOKAHEAD)])
                or ctx.under_prohibited_list(start)
            ):
                continue
            spans.append((start, end))
    return _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans of one rule collapse into their union."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _collapse(findings: list[Finding]) -> list[Finding]:
    """Sort by (start, rule) and merge overlapping findings of the same rule."""
    findings = sorted(findings, key=lambda f: (f.start, f.rule, f.end))
    kept: list[Finding] = []
    last_by_rule: dict[str, int] = {}
    for finding in findings:
        index = last_by_rule.get(finding.rule)
        if index is not None and finding.start < kept[index].end:
            previous = kept[index]
            if finding.end > previous.end:
                text_end = previous.excerpt + finding.excerpt[previous.end - finding.start :]
                kept[index] = Finding(
                    rule=previous.rule,
                    category=previous.category,
                    severity=previous.severity,
                    start=previous.start,
                    end=finding.end,
                    excerpt=text_end,
                    basis=previous.basis,
                    message=previous.message,
                    suggestion=previous.suggestion,
                )
            continue
        last_by_rule[finding.rule] = len(kept)
        kept.append(finding)
    return sorted(kept, key=lambda f: f.sort_key)


def review_text(
    text: str,
    *,
    as_of: date | None = None,
    citation_checker: CitationChecker | None = None,
) -> list[Finding]:
    """Review ``text`` against every rule set; findings are sorted by (start, rule).

    ``as_of`` is the review date (used for validity checks; never read from the clock).
    ``citation_checker`` receives the text and ``as_of`` and returns citation findings, which
    are merged in; the default checks nothing.
    """
    if not isinstance(text, str):
        raise TypeError("review_text expects str; use review_docx or read_document for files")
    ctx = _Context(text)
    rules = load_rules()
    findings: list[Finding] = []
    for rule in rules:
        if rule.patterns:
            findings.extend(rule.finding(text, start, end) for start, end in _spans(rule, ctx))
    findings.extend(run_form_checks(rules, text, ctx.norm, load_form_limits(), as_of))
    checker = citation_checker or no_citation_check
    findings.extend(checker(text, as_of))
    return _collapse(findings)


def review_docx(
    data: bytes,
    *,
    as_of: date | None = None,
    citation_checker: CitationChecker | None = None,
) -> list[Finding]:
    """Review a DOCX file given as bytes; raises ``UnreadableDocument`` if it is not one."""
    return review_text(read_docx(data), as_of=as_of, citation_checker=citation_checker)
