"""The review itself: run every rule over a text and return sorted, de-duplicated findings."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from datetime import date

from fazhi.review.engine.basis import BasisLookup, check_bases
from fazhi.review.engine.classifier import Classifier, load_classifier
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
    if rule.prefilter is not None and rule.prefilter.search(norm) is None:
        return []
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
                kept[index] = replace(previous, end=finding.end, excerpt=text_end)
            continue
        last_by_rule[finding.rule] = len(kept)
        kept.append(finding)
    return sorted(kept, key=lambda f: f.sort_key)


# Legality rules about measures that need a basis in higher law (and that stay silent where a
# law is cited, leaving the cited basis to ``engine.basis``).
NEEDS_BASIS = frozenset(
    {
        "legality.licence_creation",
        "legality.licence_condition",
        "legality.penalty_creation",
        "legality.coercion_creation",
        "legality.fee_creation",
        "legality.added_obligation",
        "legality.certificate_demand",
        "legality.rights_restriction",
    }
)
# Findings that say "this clause is a problem" (and that the model's score is attached to).
PROBLEM_CATEGORIES = frozenset({"fair_competition", "legality"})
# A unit the model scores: a paragraph, or a sentence of a paragraph longer than this.
_UNIT_MAX = 300
_UNIT_MIN = 8
# A title or heading in a document of several lines: no punctuation, and a heading's number
# or a title's kind of document. Never scored (a quoted clause without punctuation still is).
_HEADING = re.compile(
    r"\s*(?:第[一二三四五六七八九十百]+[章节编]|[一二三四五六七八九十]+、)[^,.;:。!?\n]{0,40}\s*$|"
    r"\s*[^,.;:。!?\n]{2,60}(?:办法|规定|措施|通知|意见|细则|方案|决定|条例|政策|规则|目录|清单)"
    r"(?:\(试行\)|\(暂行\)|\(征求意见稿\)|\(草案\))?\s*$"
)
# A closing provision ("本措施自…起施行，有效期至…", "本办法由…负责解释"): a form clause that
# cannot restrict competition; the model is not asked about it.
_FINAL_CLAUSE = re.compile(
    r"\s*(?:第[一二三四五六七八九十百零0-9]+条\s*)?本(?:办法|规定|措施|通知|意见|细则|方案|决定|"
    r"政策|规则|指引|实施意见|条例)[^。.;]{0,40}?(?:施行|负责解释|有效期)[^。.;]{0,40}[。.]?\s*$"
)
_FAMILY_STANDARDS = {
    "market_entry": (
        "fair_competition",
        "《公平竞争审查条例》（2024）第八条：不得含有限制或者变相限制市场准入和退出的内容",
    ),
    "free_flow": (
        "fair_competition",
        "《公平竞争审查条例》（2024）第九条：不得含有限制商品、要素自由流动的内容",
    ),
    "cost": (
        "fair_competition",
        "《公平竞争审查条例》（2024）第十条：没有法律、行政法规依据或者未经国务院批准，"
        "不得含有影响生产经营成本的内容",
    ),
    "behaviour": (
        "fair_competition",
        "《公平竞争审查条例》（2024）第十一条：不得含有影响生产经营行为的内容",
    ),
    "legality": (
        "legality",
        "没有法律、法规或者国务院决定和命令依据，行政规范性文件不得减损市场主体合法权益或者"
        "增加其义务：《优化营商环境条例》第六十四条第一款",
    ),
}
_FAMILY_WORDS = {
    "market_entry": "限制市场准入和退出",
    "free_flow": "限制商品、要素自由流动",
    "cost": "影响生产经营成本",
    "behaviour": "影响生产经营行为",
    "legality": "无上位法依据减损权益或增加义务",
}


def _units(ctx: _Context) -> list[tuple[int, int]]:
    units = []
    segments = ctx.segments
    for start, end in zip(segments.paragraph_starts, segments.paragraph_ends, strict=True):
        if end - start <= _UNIT_MAX:
            units.append((start, end))
            continue
        for s_start, s_end in zip(segments.sentence_starts, segments.sentence_ends, strict=True):
            if s_start >= start and s_end <= end:
                units.append((s_start, s_end))
    several_lines = len(segments.paragraph_starts) > 1
    return [
        (s, e)
        for s, e in units
        if len(ctx.norm[s:e].strip()) >= _UNIT_MIN
        and not (several_lines and _HEADING.match(ctx.norm[s:e]))
        and not _FINAL_CLAUSE.match(ctx.norm[s:e])
    ]


# "企业需承诺…不得迁出": a promise imposed on operators, not a prohibition aimed at the drafter.
_PROMISED = re.compile(r"承诺|保证")


def model_guarded(unit: str, ctx: _Context | None = None, start: int = 0) -> bool:
    """Whether a unit restates a prohibition (不得…, a list under 不得…如下, condemning words):
    the model must not flag it alone, because the standards themselves read like violations."""
    return bool(
        any(
            not _PROMISED.search(unit, max(0, m.start() - 8), m.start())
            for m in PROHIBITION.finditer(unit)
        )
        or CONDEMNING.search(unit)
        or (ctx is not None and ctx.under_prohibited_list(start))
    )


# 条例第十条 concerns costs given to *particular* operators: a subsidy or reward open to every
# operator on objective terms is lawful. The model alone may only flag a cost clause that singles
# operators out (by place, tax, registration, size, ownership, name, relocation or deposit).
SELECTIVE = re.compile(
    r"本地|本(?:省|市|县|区|镇)|辖区|(?:区|县|市|镇)(?:域)?内|注册|纳税|税收|贡献|留成|入库|某|"
    r"有限公司|规模以上|规上|龙头|重点企业|国有|民营|外资|所有制|一企一策|一事一议|特定|指定|"
    r"落户|迁入|总部|保证金|社会保险"
)


def model_may_flag(unit: str, family: str) -> bool:
    """Whether a model-only finding may be raised for ``unit`` in ``family``."""
    return family != "cost" or bool(SELECTIVE.search(unit))


def _model_pass(
    text: str, ctx: _Context, findings: list[Finding], classifier: Classifier
) -> list[Finding]:
    """Attach the model's confidence to rule findings; add a finding where only the model fires.

    The rules stay where they are precise; the model carries recall on phrasings no rule knows.
    """
    problem_starts = sorted(
        (f.start, i) for i, f in enumerate(findings) if f.category in PROBLEM_CATEGORIES
    )
    starts = [s for s, _ in problem_starts]
    result = list(findings)
    for start, end in _units(ctx):
        unit = ctx.norm[start:end]
        prediction = classifier.predict(unit)
        confidence = round(prediction.problem, 3)
        fired = prediction.problem >= classifier.threshold
        low = bisect_right(starts, start - 1)
        high = bisect_right(starts, end - 1)
        if high > low:
            for _, index in problem_starts[low:high]:
                finding = result[index]
                if finding.detector == "rule":
                    result[index] = replace(
                        finding,
                        confidence=confidence,
                        detector="rule+model" if fired else "rule",
                    )
            continue
        if (
            not fired
            or model_guarded(unit, ctx, start)
            or not model_may_flag(unit, prediction.family)
        ):
            continue
        s_start, s_end = _best_sentence(ctx, classifier, start, end)
        category, standard = _FAMILY_STANDARDS[prediction.family]
        words = _FAMILY_WORDS[prediction.family]
        result.append(
            Finding(
                rule=f"model.{prediction.family}",
                category=category,
                severity="warning",
                start=s_start,
                end=s_end,
                excerpt=text[s_start:s_end],
                basis=standard,
                message=f"模型判断该条款与已认定{words}的条款相似，请对照审查标准核对。",
                suggestion="对照所列标准逐项核对；确有问题的修改或删除，无问题的在处理时说明理由。",
                standard=standard,
                reason=(
                    f"该条款的表述与审查中已认定{words}的条款相似（模型置信度 {confidence:.2f}，"
                    f"阈值 {classifier.threshold:.2f}），没有规则命中，需审查员判断。"
                ),
                confidence=confidence,
                detector="model",
            )
        )
    return result


def _best_sentence(ctx: _Context, classifier: Classifier, start: int, end: int) -> tuple[int, int]:
    """The sentence of a unit the model finds most problematic (the span a finding marks)."""
    best = (-1.0, start, end)
    for s_start, s_end in zip(
        ctx.segments.sentence_starts, ctx.segments.sentence_ends, strict=True
    ):
        if s_start < start or s_end > end or s_start >= s_end:
            continue
        if s_start == start and s_end == end:
            return start, _strip_end(ctx.norm, start, end)
        score = classifier.predict(ctx.norm[s_start:s_end]).problem
        if score > best[0]:
            best = (score, s_start, s_end)
    return best[1], _strip_end(ctx.norm, best[1], best[2])


def _strip_end(norm: str, start: int, end: int) -> int:
    while end > start and norm[end - 1] in "\n \t":
        end -= 1
    return end


def review_text(
    text: str,
    *,
    as_of: date | None = None,
    citation_checker: CitationChecker | None = None,
    basis_lookup: BasisLookup | None = None,
    use_model: bool = True,
    classifier: Classifier | None = None,
) -> list[Finding]:
    """Review ``text`` against every rule set; findings are sorted by (start, rule).

    ``as_of`` is the review date (used for validity checks; never read from the clock).
    ``citation_checker`` receives the text and ``as_of`` and returns citation findings, which
    are merged in; the default checks nothing. ``basis_lookup`` resolves the laws the text
    cites (as of ``as_of``) for the legality basis check (``engine.basis``); without it that
    check is skipped. ``use_model`` adds the shipped classifier (when one is shipped), or
    ``classifier`` when given (cross-validation injects the fold's model).
    """
    if not isinstance(text, str):
        raise TypeError("review_text expects str; use review_docx or read_document for files")
    ctx = _Context(text)
    rules = load_rules()
    findings: list[Finding] = []
    for rule in rules:
        if rule.patterns:
            found = [rule.finding(text, start, end) for start, end in _spans(rule, ctx)]
            if rule.id in NEEDS_BASIS:
                # These rules never fire where a law is cited (``{LAWREF}``): say so.
                found = [
                    replace(f, reason=f"{f.reason}条款未引用设定该措施的法律、法规依据。")
                    for f in found
                ]
            findings.extend(found)
    if basis_lookup is not None:
        findings.extend(check_bases(text, ctx.norm, ctx.segments, as_of, basis_lookup))
    if use_model and classifier is None:
        classifier = load_classifier()
    elif not use_model:
        classifier = None
    if classifier is not None:
        findings = _model_pass(text, ctx, findings, classifier)
    findings.extend(run_form_checks(rules, text, ctx.norm, load_form_limits(), as_of))
    checker = citation_checker or no_citation_check
    # A citation checker reports what the law base says; that is its standard and its reason.
    findings.extend(
        replace(f, standard=f.standard or f.basis, reason=f.reason or f.message)
        for f in checker(text, as_of)
    )
    return _collapse(findings)


def review_docx(
    data: bytes,
    *,
    as_of: date | None = None,
    citation_checker: CitationChecker | None = None,
    basis_lookup: BasisLookup | None = None,
) -> list[Finding]:
    """Review a DOCX file given as bytes; raises ``UnreadableDocument`` if it is not one."""
    return review_text(
        read_docx(data), as_of=as_of, citation_checker=citation_checker, basis_lookup=basis_lookup
    )
