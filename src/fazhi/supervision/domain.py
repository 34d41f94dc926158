"""The case-file scoring sheet (案卷评查): veto items and deductions on a 100-point scale.

The current Zhejiang sheet is UNCONFIRMED; these criteria follow the model common to published
provincial standards (spec rules-documents-decisions §9.2).
"""

from __future__ import annotations

from dataclasses import dataclass

VETO_ITEMS: dict[str, str] = {
    "unlawful_organ": "执法主体不合法",
    "unqualified_officer": "执法人员无执法资格",
    "fewer_than_two_officers": "执法人员少于两人",
    "facts_unclear": "事实不清、证据不足",
    "wrong_law": "适用依据错误",
    "no_rights_notice": "未履行告知程序",
    "hearing_denied": "应听证未听证",
    "no_transfer": "涉嫌犯罪未移送",
}
DEDUCTIONS: dict[str, tuple[str, int]] = {
    "nonstandard_forms": ("文书制作不规范", 5),
    "missing_service_receipt": ("缺少送达回证", 10),
    "late_opening": ("立案不及时", 5),
    "no_closing_report": ("缺少结案报告", 5),
    "discretion_unexplained": ("未说明裁量理由", 10),
    "file_order": ("卷宗排列、编页不规范", 3),
    "not_one_file_per_case": ("未一案一卷", 5),
    "late_publicity": ("未按期公示", 5),
}


@dataclass(frozen=True)
class Score:
    points: int
    grade: str  # an EvaluationGrade value


def score(veto_hits: list[str], deductions: list[str]) -> Score:
    """Any veto item fails the file with 0 points; otherwise 100 minus deductions, floored at 0."""
    unknown = [v for v in veto_hits if v not in VETO_ITEMS]
    unknown += [d for d in deductions if d not in DEDUCTIONS]
    if unknown:
        raise ValueError(unknown[0])
    if veto_hits:
        return Score(0, "fail")
    points = max(0, 100 - sum(DEDUCTIONS[d][1] for d in deductions))
    return Score(points, grade_for(points))


def grade_for(points: float) -> str:
    if points >= 90:
        return "excellent"
    if points >= 60:
        return "pass"
    return "fail"
