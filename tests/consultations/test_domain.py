"""Pure rules: anchors, numerals, diffs, receipt codes."""

from hypothesis import given
from hypothesis import strategies as st

from fazhi.consultations.domain import (
    chinese_number,
    new_receipt_code,
    normalise_receipt_code,
    split_paragraphs,
    text_diff,
)

DRAFT = "海宁市某某管理办法\n第一章 总则\n第一条 为了规范管理，制定本办法。\n本办法适用于全市。\n第十二条 本办法自发布之日起施行。"


def test_chinese_numbers():
    assert [chinese_number(t) for t in ["一", "十", "十二", "三十五", "一百零二", "7"]] == [
        1,
        10,
        12,
        35,
        102,
        7,
    ]


def test_paragraph_anchors_follow_articles():
    paragraphs = split_paragraphs(DRAFT)
    assert [(p.anchor, p.label) for p in paragraphs] == [
        ("p-1", "第1段"),
        ("ch-1", "第一章"),
        ("art-1", "第一条"),
        ("art-1-2", "第一条第2款"),
        ("art-12", "第十二条"),
    ]


def test_repeated_article_numbers_get_distinct_anchors():
    anchors = [p.anchor for p in split_paragraphs("第一条 甲\n第一条 乙")]
    assert anchors == ["art-1", "art-1~1"]


def test_diff_shows_changed_lines():
    diff = text_diff("第一条 甲\n第二条 乙", "第一条 甲\n第二条 丙", old_label="v1", new_label="v2")
    assert "-第二条 乙" in diff
    assert "+第二条 丙" in diff


def test_receipt_codes_are_unambiguous():
    code = new_receipt_code()
    assert len(code) == 10
    assert not set(code) & set("01ILO")
    assert normalise_receipt_code(" ab-cd 23 ") == "ABCD23"


@given(
    st.lists(st.sampled_from(["第一条 甲", "第二条 乙", "第一章 总则", "正文", "", "第十条 丙"]))
)
def test_anchors_are_always_unique(lines):
    anchors = [p.anchor for p in split_paragraphs("\n".join(lines))]
    assert len(anchors) == len(set(anchors))
