"""Legality basis check: does the higher law a clause cites actually provide the measure it sets?

A normative document may not create penalties, licences (approval, filing), compulsory measures
or fees, nor add obligations, without a basis in higher law. The rules (``rules/legality.py``)
flag such measures when no law is cited. When a sentence sets a measure *and* cites a law, this
pass looks the citation up (through an injected ``BasisLookup``, which the Django side builds on
the law base's citation resolver) and reads the cited article:

* the article's text provides that kind of measure → the basis is shown (``info``, cleared);
* the cited law is held but the article does not provide it, or the citation does not resolve
  (article out of range, repealed, not in force on the draft's date) → a legality finding;
* the cited law is not held in the law base → a note asking for a manual check (``info``).

Pure Python: the lookup is a callable, so the engine stays free of Django.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from fazhi.review.engine.model import Finding
from fazhi.review.engine.text import Segments


@dataclass(frozen=True, slots=True)
class CitedArticle:
    """A citation found in the text, resolved: what it names and the text it points to."""

    start: int
    end: int
    label: str  # 《中华人民共和国行政处罚法》第十六条
    known: bool  # the law is held in the law base
    resolves: bool  # the citation is valid on the draft's date
    message: str  # the resolver's verdict, in Chinese
    text: str = ""  # the cited article (or the whole law when no article is named)


# text, as_of -> every citation of a law in the text, resolved (as of the draft's date).
BasisLookup = Callable[[str, date | None], list[CitedArticle]]


@dataclass(frozen=True, slots=True)
class Measure:
    """A kind of measure a normative document may not create on its own."""

    kind: str
    label: str
    trigger: re.Pattern[str]  # in the clause
    provides: re.Pattern[str]  # in the cited article
    standard: str


MEASURES: tuple[Measure, ...] = (
    Measure(
        "penalty",
        "行政处罚",
        re.compile(
            r"(?:处以?|并处|可处|给予|予以)[^。;\n]{0,20}?(?:罚款|没收|吊销|暂扣|责令停产停业|责令关闭|"
            r"行政拘留|警告|通报批评)"
        ),
        re.compile(r"罚款|没收|吊销|暂扣|责令停产停业|责令关闭|拘留|警告|通报批评"),
        "除法律、法规、规章外，其他规范性文件不得设定行政处罚：《中华人民共和国行政处罚法》第十六条",
    ),
    Measure(
        "licence",
        "行政许可（审批、核准、备案）",
        re.compile(
            r"(?:取得|办理|领取|持有|经)[^。;\n]{0,15}?(?:许可证?|批准|审批|核准|备案)[^。;\n]{0,6}?"
            r"(?:后)?[,，]?(?:方可|才能|才可|方能)"
        ),
        re.compile(r"许可|批准|审批|核准|备案|登记"),
        "规范性文件不得设定行政许可：《中华人民共和国行政许可法》第十七条",
    ),
    Measure(
        "coercion",
        "行政强制措施",
        re.compile(r"查封|扣押|冻结|强制拆除|强制清除|断水断电|停止供电|停止供水"),
        re.compile(r"查封|扣押|冻结|强制|停止供电|停止供水"),
        "法律、法规以外的其他规范性文件不得设定行政强制措施：《中华人民共和国行政强制法》第十条第四款",
    ),
    Measure(
        "fee",
        "收费",
        re.compile(
            r"(?:收取|征收|收缴|缴纳|交纳)[^。;\n]{0,10}?(?:管理费|服务费|押金|手续费|工本费|培训费|"
            r"资料费|证书费|评审费|检测费|保证金)"
        ),
        re.compile(r"收费|费用|征收|收取|缴纳|保证金|押金"),
        "设立涉企行政事业性收费、保证金应当有法律、行政法规依据或者经国务院批准："
        "《优化营商环境条例》第二十五条",
    ),
)
_CITATION_HINT = "《"
_TITLE = re.compile(r"《[^《》]*》")


def _sentence_findings(
    text: str, norm: str, start: int, end: int, cited: list[CitedArticle]
) -> list[Finding]:
    # Titles are masked (same length) so 《行政处罚法》 does not read as "处…罚".
    sentence = _TITLE.sub(lambda m: " " * len(m.group(0)), norm[start:end])
    findings: list[Finding] = []
    for measure in MEASURES:
        match = measure.trigger.search(sentence)
        if match is None:
            continue
        m_start, m_end = start + match.start(), start + match.end()
        providing = [c for c in cited if c.resolves and measure.provides.search(c.text)]
        if providing:
            labels = "、".join(c.label for c in providing)
            findings.append(
                Finding(
                    rule=f"legality.basis_found.{measure.kind}",
                    category="legality",
                    severity="info",
                    start=m_start,
                    end=m_end,
                    excerpt=text[m_start:m_end],
                    basis=labels,
                    message=f"引用的{labels}规定了{measure.label}，依据成立。",
                    suggestion="核对条款内容与所引条文的适用范围、幅度一致。",
                    standard=measure.standard,
                    reason=f"条款设定{measure.label}，已引用上位法依据{labels}，其条文规定了该措施。",
                    detector="lawbase",
                )
            )
            continue
        held = [c for c in cited if c.known]
        if not held:
            labels = "、".join(c.label for c in cited)
            findings.append(
                Finding(
                    rule=f"legality.basis_unverified.{measure.kind}",
                    category="legality",
                    severity="info",
                    start=m_start,
                    end=m_end,
                    excerpt=text[m_start:m_end],
                    basis=labels,
                    message=f"引用的{labels}未收录于法律法规库，无法自动核对是否规定了{measure.label}。",
                    suggestion="人工核对所引依据是否规定了该措施。",
                    standard=measure.standard,
                    reason=f"条款设定{measure.label}，所引依据{labels}不在法律法规库中，需人工核对。",
                    detector="lawbase",
                )
            )
            continue
        labels = "、".join(c.label for c in held)
        problems = "；".join(c.message for c in held if not c.resolves)
        why = problems or f"所引条文未规定{measure.label}"
        findings.append(
            Finding(
                rule=f"legality.basis_missing.{measure.kind}",
                category="legality",
                severity="error",
                start=m_start,
                end=m_end,
                excerpt=text[m_start:m_end],
                basis=labels,
                message=f"条款设定{measure.label}，但引用的{labels}不能作为依据：{why}。",
                suggestion=f"引用确实规定了{measure.label}的法律、法规条文，或删除该措施。",
                standard=measure.standard,
                reason=f"条款设定{measure.label}，引用的{labels}不能作为依据（{why}），"
                "规范性文件不得自行创设该措施。",
                detector="lawbase",
            )
        )
    return findings


def check_bases(
    text: str, norm: str, segments: Segments, as_of: date | None, lookup: BasisLookup
) -> list[Finding]:
    """Basis findings for every sentence that sets a measure and cites a law."""
    if _CITATION_HINT not in norm:
        return []
    cited = lookup(text, as_of)
    if not cited:
        return []
    by_sentence: dict[tuple[int, int], list[CitedArticle]] = {}
    for citation in cited:
        by_sentence.setdefault(segments.sentence(citation.start), []).append(citation)
    findings: list[Finding] = []
    for (start, end), citations in by_sentence.items():
        findings.extend(_sentence_findings(text, norm, start, end, citations))
    return findings
