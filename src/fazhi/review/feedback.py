"""Reviewers' decisions as labelled examples, in the two export formats (JSONL for the next
training run, XLSX for people), shared by the page, the API and ``fazhi review_feedback``."""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.utils.translation import gettext as _

from fazhi.core.exports import xlsx_bytes
from fazhi.review import selectors
from fazhi.review.models import FindingDetector
from fazhi.review.permissions import require_feedback

FORMATS = ("xlsx", "jsonl")
PROBLEM_CATEGORIES = ("fair_competition", "legality")


def feedback_records(*, user, year: int | None = None) -> list[dict[str, object]]:
    """The decided findings the user may read, as records; refuses a user without the role."""
    require_feedback(user)
    return [selectors.feedback_record(f) for f in selectors.feedback_examples(user=user, year=year)]


def feedback_jsonl(records: Iterable[dict[str, object]]) -> str:
    """One record a line, only the categories the classifier learns (what ``--feedback`` reads)."""
    return "".join(
        json.dumps(record, ensure_ascii=False) + "\n"
        for record in records
        if record["category"] in PROBLEM_CATEGORIES
    )


def feedback_xlsx_title() -> str:
    return _("预审处理样本")


def feedback_xlsx(records: Iterable[dict[str, object]]) -> bytes:
    outcome = {"violation": _("采纳（问题条款）"), "compliant": _("不采纳（合规条款）")}
    return xlsx_bytes(
        title=feedback_xlsx_title(),
        headers=[
            _("编号"),
            _("条款"),
            _("结论"),
            _("理由"),
            _("规则"),
            _("发现方式"),
            _("模型置信度"),
            _("文件"),
            _("处理人"),
            _("处理时间"),
            _("来源"),
        ],
        rows=(
            [
                r["id"],
                r["text"],
                str(outcome[str(r["label"])]),
                r["note"],
                r["rule"],
                str(FindingDetector(r["detector"]).label),
                r["confidence"],
                r["document"],
                r["decided_by"],
                r["decided_at"],
                r["source_title"],
            ]
            for r in records
        ),
    )
