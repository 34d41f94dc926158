"""Form checks: validity period, effective date, document number format and mandatory elements.

These need arithmetic or whole-document context, so they are code; their ids, messages, bases and
examples are data in ``rules/form.py`` and the limits are in ``rules/form_limits.json``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from fazhi.review.engine.model import Finding, Rule
from fazhi.review.engine.rules import FormLimits

_HAN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

TITLE = re.compile(
    r"^\s*(?P<title>[^\n]{2,80}?(?:办法|规定|细则|意见|通知|决定|方案|规则|措施|指引|通告|公告|规程|"
    r"守则|制度|规范)(?:\s*\((?:试行|暂行|征求意见稿|草案|修订稿?|送审稿)\))?)\s*$"
)
ARTICLE = re.compile(r"第[一二三四五六七八九十百零〇两]+条")
VALIDITY_ANY = re.compile(r"有效期|长期有效|有效至")
VALIDITY_YEARS = re.compile(
    r"有效期(?:为|限为|限|是|:)?\s*(?P<n>[0-9一二三四五六七八九十两]+)\s*(?:个)?(?:年|周年)"
)
VALIDITY_UNTIL = re.compile(
    r"有效期(?:至|到|截至|截止(?:到|至)?)\s*(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
)
INDEFINITE = re.compile(r"长期有效|永久有效|无限期有效")
EFFECTIVE = re.compile(
    r"自\s*(?:(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日|"
    r"(?:印发|发布|公布|颁布|公开发布|下发)之日)\s*起\s*(?:施行|实施|执行|生效)"
)
EFFECTIVE_ANY = re.compile(r"起\s*(?:施行|实施|执行|生效)|施行日期|实施日期")
PROVISIONAL_IN_TEXT = re.compile(
    r"(?:暂行|试行)(?:办法|规定|细则|意见|措施|方案|规则|条例|规程|制度)|\((?:暂行|试行)\)"
)
PURPOSE_BASIS = re.compile(
    r"(?:根据|依据|按照|依照)[^。]{0,200}?(?:制定本|特制定|制定如下|现就|现将)"
)
_BRACKETS = "[(（【［〔<〈{｛"
_CLOSERS = "])）】］〕>〉}｝"
DOC_NUMBER = re.compile(
    r"(?P<open>[\[\(（【［〔<〈{｛])\s*(?P<year>(?:19|20)\d{2})\s*(?P<close>[\]\)）】］〕>〉}｝])"
    r"\s*(?P<seq>\d{1,4})\s*号"
)
_ISSUER_CHAR = re.compile(r"[\u4e00-\u9fff]")
_NOT_ISSUER = set("据照按见及和与的为在对由第《》“”号")


def chinese_int(token: str) -> int | None:
    """An integer written in digits or in simple Chinese numerals (up to 99)."""
    if token.isdigit():
        return int(token)
    if not token or any(ch not in _HAN_DIGITS and ch != "十" for ch in token):
        return None
    if "十" in token:
        tens, _, units = token.partition("十")
        return (_HAN_DIGITS[tens] if tens else 1) * 10 + (_HAN_DIGITS[units] if units else 0)
    value = 0
    for ch in token:
        value = value * 10 + _HAN_DIGITS[ch]
    return value


def add_years(day: date, years: int) -> date:
    """``day`` plus ``years`` calendar years (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """What the form checks need to know about a text."""

    text: str
    norm: str
    title: tuple[int, int] | None
    is_document: bool
    provisional: bool
    effective: date | None

    @property
    def head_span(self) -> tuple[int, int]:
        if self.title:
            return self.title
        first = self.text.lstrip()
        offset = len(self.text) - len(first)
        return offset, offset + len(first.split("\n", 1)[0])


def _safe_date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def document_facts(text: str, norm: str, limits: FormLimits) -> DocumentFacts:
    first_line = re.match(r"\s*[^\n]*", norm)
    title = None
    if first_line:
        found = TITLE.match(first_line.group(0))
        if found and not ARTICLE.match(found.group("title").strip()):
            title = (found.start("title"), found.end("title"))
    articles = len(ARTICLE.findall(norm[:20000]))
    is_document = bool(title) or articles >= 2
    if title:
        title_text = norm[title[0] : title[1]]
        provisional = any(marker in title_text for marker in limits.provisional_markers)
    else:
        provisional = bool(PROVISIONAL_IN_TEXT.search(norm))
    effective = None
    for match in EFFECTIVE.finditer(norm):
        if match.group("y"):
            effective = _safe_date(match.group("y"), match.group("m"), match.group("d"))
            break
    return DocumentFacts(text, norm, title, is_document, provisional, effective)


Check = Callable[[Rule, DocumentFacts, FormLimits, date | None], list[Finding]]


def _validity_missing(
    rule: Rule, facts: DocumentFacts, limits: FormLimits, as_of: date | None
) -> list[Finding]:
    if not facts.is_document or VALIDITY_ANY.search(facts.norm):
        return []
    return [rule.finding(facts.text, *facts.head_span)]


def _effective_missing(
    rule: Rule, facts: DocumentFacts, limits: FormLimits, as_of: date | None
) -> list[Finding]:
    if not facts.is_document or EFFECTIVE_ANY.search(facts.norm):
        return []
    return [rule.finding(facts.text, *facts.head_span)]


def _limit_for(facts: DocumentFacts, limits: FormLimits) -> tuple[int, str]:
    if facts.provisional:
        return limits.provisional_max_years, "暂行、试行文件有效期不得超过"
    return limits.general_max_years, "有效期一般不得超过"


def _validity_limit(
    rule: Rule, facts: DocumentFacts, limits: FormLimits, as_of: date | None
) -> list[Finding]:
    found: list[Finding] = []
    limit, phrase = _limit_for(facts, limits)
    for match in VALIDITY_YEARS.finditer(facts.norm):
        years = chinese_int(match.group("n"))
        if years is not None and years > limit:
            found.append(
                rule.finding(
                    facts.text,
                    *match.span(),
                    message=f"有效期{years}年，{phrase}{limit}年。",
                )
            )
    for match in INDEFINITE.finditer(facts.norm):
        found.append(
            rule.finding(
                facts.text, *match.span(), message=f"不得规定长期有效，{phrase}{limit}年。"
            )
        )
    if facts.effective:
        for match in VALIDITY_UNTIL.finditer(facts.norm):
            until = _safe_date(match.group("y"), match.group("m"), match.group("d"))
            if until and until > add_years(facts.effective, limit):
                found.append(
                    rule.finding(
                        facts.text,
                        *match.span(),
                        message=f"自{facts.effective.isoformat()}起施行、有效期至{until.isoformat()}，"
                        f"超过{limit}年上限（{phrase}{limit}年）。",
                    )
                )
    return found


def _validity_expired(
    rule: Rule, facts: DocumentFacts, limits: FormLimits, as_of: date | None
) -> list[Finding]:
    if as_of is None:
        return []
    found: list[Finding] = []
    for match in VALIDITY_UNTIL.finditer(facts.norm):
        until = _safe_date(match.group("y"), match.group("m"), match.group("d"))
        if until and until < as_of:
            found.append(
                rule.finding(
                    facts.text,
                    *match.span(),
                    message=f"有效期至{until.isoformat()}，审查日{as_of.isoformat()}时已届满。",
                )
            )
    if facts.effective:
        for match in VALIDITY_YEARS.finditer(facts.norm):
            years = chinese_int(match.group("n"))
            if years is None:
                continue
            end = add_years(facts.effective, years)
            if end <= as_of:
                found.append(
                    rule.finding(
                        facts.text,
                        *match.span(),
                        message=f"自{facts.effective.isoformat()}起施行、有效期{years}年，"
                        f"审查日{as_of.isoformat()}时已届满。",
                    )
                )
    return found


def _issuer_start(text: str, bracket: int) -> int:
    start = bracket
    while start > 0 and bracket - start < 8:
        ch = text[start - 1]
        if not _ISSUER_CHAR.match(ch) or ch in _NOT_ISSUER:
            break
        start -= 1
    return start


def _doc_number_format(
    rule: Rule, facts: DocumentFacts, limits: FormLimits, as_of: date | None
) -> list[Finding]:
    found: list[Finding] = []
    for match in DOC_NUMBER.finditer(facts.text):
        start = _issuer_start(facts.text, match.start())
        if start == match.start():
            continue  # no issuer code before the bracket: a year in parentheses, not a number
        bad_brackets = match.group("open") != "〔" or match.group("close") != "〕"
        spaced = bool(re.search(r"\s", match.group(0)))
        if not bad_brackets and not spaced:
            continue
        if bad_brackets:
            message = (
                f"发文字号使用了“{match.group('open')}{match.group('close')}”，"
                "年份应当用六角括号“〔〕”括入。"
            )
        else:
            message = "发文字号中不应有空格。"
        found.append(rule.finding(facts.text, start, match.end(), message=message))
    return found


def _title_missing(
    rule: Rule, facts: DocumentFacts, limits: FormLimits, as_of: date | None
) -> list[Finding]:
    if not facts.is_document or facts.title:
        return []
    return [rule.finding(facts.text, *facts.head_span)]


def _basis_missing(
    rule: Rule, facts: DocumentFacts, limits: FormLimits, as_of: date | None
) -> list[Finding]:
    if not facts.is_document or PURPOSE_BASIS.search(facts.norm[:3000]):
        return []
    return [rule.finding(facts.text, *facts.head_span)]


CHECKS: dict[str, Check] = {
    "validity_missing": _validity_missing,
    "validity_limit": _validity_limit,
    "validity_expired": _validity_expired,
    "effective_date_missing": _effective_missing,
    "doc_number_format": _doc_number_format,
    "title_missing": _title_missing,
    "basis_missing": _basis_missing,
}


def run_form_checks(
    rules: tuple[Rule, ...], text: str, norm: str, limits: FormLimits, as_of: date | None
) -> list[Finding]:
    """Findings of every form rule (rules with a ``check``) on ``text``."""
    facts = document_facts(text, norm, limits)
    found: list[Finding] = []
    for rule in rules:
        if rule.check:
            found.extend(CHECKS[rule.check](rule, facts, limits, as_of))
    return found
