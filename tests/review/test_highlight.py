"""Cutting a text into highlight segments for overlapping findings."""

from __future__ import annotations

from dataclasses import dataclass

from fazhi.review.highlight import segments


@dataclass
class Span:
    position: int
    start: int
    end: int
    severity: str


def test_overlapping_findings_cut_the_text_and_keep_the_gravest_severity():
    text = "甲乙丙丁戊己"
    pieces = segments(text, [Span(1, 1, 4, "warning"), Span(2, 2, 5, "error")])
    assert [(p.text, p.positions, p.severity) for p in pieces] == [
        ("甲", (), None),
        ("乙", (1,), "warning"),
        ("丙丁", (1, 2), "error"),
        ("戊", (2,), "error"),
        ("己", (), None),
    ]
    assert "".join(p.text for p in pieces) == text


def test_spans_outside_the_text_are_ignored():
    pieces = segments("一二三", [Span(1, 2, 9, "info"), Span(2, 1, 1, "info")])
    assert [(p.text, p.positions) for p in pieces] == [("一二三", ())]
