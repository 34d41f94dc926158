"""Tests of the pure law-base rules: numerals, law-file parsing, citation finding and checking."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.lawbase.domain import (
    CitationMention,
    CitationResolver,
    CitationStatus,
    LawParseError,
    LawRecord,
    ParsedLaw,
    find_citations,
    format_chinese_numeral,
    load_corpus,
    load_index,
    parse_chinese_numeral,
    parse_law_markdown,
    records_from_corpus,
)

LAWS_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "laws"
needs_corpus = pytest.mark.skipif(
    not (LAWS_DIR / "index.json").is_file(), reason=f"law texts not found at {LAWS_DIR}"
)

# --- numerals --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("九", 9),
        ("十", 10),
        ("一十", 10),
        ("十一", 11),
        ("一十五", 15),
        ("二十", 20),
        ("九十九", 99),
        ("一百", 100),
        ("一百零三", 103),
        ("一百〇三", 103),
        ("一百一十", 110),
        ("一百二十", 120),
        ("两百", 200),
        ("一千", 1000),
        ("一千零一十", 1010),
        ("一千零三十", 1030),
        ("一千一百一十九", 1119),
        ("一千一百六十三", 1163),
        ("一千二百一十五", 1215),
        ("两千零五", 2005),
        ("九千九百九十九", 9999),
        ("33", 33),
        ("０３３", 33),
        (" 十二 ", 12),
    ],
)
def test_parse_chinese_numeral(text: str, value: int) -> None:
    assert parse_chinese_numeral(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "",
        "  ",
        "条",
        "十十",
        "一二",
        "百五",
        "一百三",  # means 130 only colloquially; legislation writes 一百三十
        "一百零零三",
        "零三",
        "一千百",
        "两十",
        "十两",
        "一万",
        "三十三条",
        "3a",
        "一万零一",
    ],
)
def test_parse_chinese_numeral_rejects_garbage(text: str) -> None:
    with pytest.raises(ValueError):
        parse_chinese_numeral(text)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1, "一"),
        (10, "十"),
        (15, "十五"),
        (100, "一百"),
        (103, "一百零三"),
        (110, "一百一十"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (1100, "一千一百"),
        (2020, "二千零二十"),
        (9999, "九千九百九十九"),
    ],
)
def test_format_chinese_numeral(value: int, text: str) -> None:
    assert format_chinese_numeral(value) == text


@pytest.mark.parametrize("value", [-1, 10000])
def test_format_chinese_numeral_range(value: int) -> None:
    with pytest.raises(ValueError):
        format_chinese_numeral(value)


@given(st.integers(min_value=1, max_value=9999))
def test_numeral_round_trip(n: int) -> None:
    written = format_chinese_numeral(n)
    assert parse_chinese_numeral(written) == n
    # The variants a drafter may write parse to the same number.
    assert parse_chinese_numeral(written.replace("零", "〇")) == n
    assert parse_chinese_numeral(str(n)) == n


def test_numeral_round_trip_exhaustive() -> None:
    assert all(parse_chinese_numeral(format_chinese_numeral(n)) == n for n in range(10000))


# --- parsing one law file --------------------------------------------------------------------

SAMPLE = """# 示例条例

2001年2月16日 示例会议通过根据2004年1月16日示例会议《关于修改〈示例条例〉的决定》修正）

2010年1月1日 施行

<!-- INFO END -->

## 第一章 总 则

第一条 为了示范，制定本条例。

\u200b

第二条 有下列情形之一的，可以示范：

（一）第一种情形；

(二)第二种情形。

有前款规定情形的，应当记录。

### 第一节 细则

第三条 本条例自2010年1月1日起施行。
"""


def test_parse_sample_structure() -> None:
    law = parse_law_markdown(SAMPLE, source="sample.md")
    assert law.title == "示例条例"
    assert law.subtitle is None
    assert [(h.date, h.event) for h in law.history] == [
        (date(2001, 2, 16), "示例会议通过"),
        (date(2004, 1, 16), "示例会议《关于修改〈示例条例〉的决定》修正"),
        (date(2010, 1, 1), "施行"),
    ]
    assert [(h.kind, h.number, h.name) for h in law.headings] == [
        ("chapter", 1, "总则"),
        ("section", 1, "细则"),
    ]
    assert [a.number for a in law.articles] == [1, 2, 3]
    first, second, third = law.articles
    assert first.label == "第一条"
    assert len(first.paragraphs) == 1  # the zero-width-space line is not a paragraph
    assert first.chapter == "第一章 总 则"
    assert [p.text for p in second.paragraphs] == [
        "有下列情形之一的，可以示范：",
        "有前款规定情形的，应当记录。",
    ]
    assert [(i.number, i.label, i.text) for i in second.paragraphs[0].items] == [
        (1, "（一）", "第一种情形；"),
        (2, "(二)", "第二种情形。"),
    ]
    assert second.paragraphs[1].items == ()
    assert second.text.splitlines()[1] == "（一）第一种情形；"
    assert third.section == "第一节 细则"
    assert law.article(3) is third
    assert law.article(4) is None


@pytest.mark.parametrize(
    "body",
    ["第一条 甲。\n\n第三条 乙。\n\n第二条 丙。\n", "第一条 甲。\n\n第一条 乙。\n"],
)
def test_article_numbers_must_increase(body: str) -> None:
    text = f"# 甲条例\n\n<!-- INFO END -->\n\n{body}"
    with pytest.raises(LawParseError) as caught:
        parse_law_markdown(text, source="甲条例.md")
    bad_line = text.split("\n").index(body.rstrip("\n").split("\n")[-1]) + 1
    assert caught.value.source == "甲条例.md"
    assert caught.value.line == bad_line
    assert f"甲条例.md:{bad_line}" in str(caught.value)


def test_malformed_article_numeral_names_file_and_line() -> None:
    text = "# 甲条例\n\n<!-- INFO END -->\n\n第一条 甲。\n\n第十十条 乙。\n"
    with pytest.raises(LawParseError, match=r"^甲条例\.md:7: "):
        parse_law_markdown(text, source="甲条例.md")


def test_part_heading_closes_chapter() -> None:
    text = "# 甲法\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 甲。\n\n## 第二编 分则\n\n第二条 乙。\n"
    law = parse_law_markdown(text)
    assert [h.kind for h in law.headings] == ["chapter", "part"]
    assert law.article(1).chapter == "第一章 总则"
    assert law.article(2).chapter is None


def test_missing_title_is_an_error() -> None:
    with pytest.raises(LawParseError):
        parse_law_markdown("<!-- INFO END -->\n\n第一条 甲。\n")


# --- the whole corpus ------------------------------------------------------------------------

# Counted by hand: grep of the 第X条 headings, and the last article read in each file.
HAND_COUNTED = {
    "中华人民共和国行政处罚法": (86, 1, 86),
    "中华人民共和国行政复议法": (90, 1, 90),
    "中华人民共和国行政诉讼法": (103, 1, 103),
    "中华人民共和国立法法": (120, 1, 120),
    "中华人民共和国食品安全法": (154, 1, 154),
    "中华人民共和国民法典（继承编）": (45, 1119, 1163),
    "浙江省人民代表大会常务委员会关于政府规章设定罚款限额的规定": (5, 1, 5),
    "浙江省各级人民代表大会常务委员会监督条例": (51, 1, 51),
}


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(LAWS_DIR)


@pytest.fixture(scope="module")
def laws(corpus) -> dict[str, ParsedLaw]:
    return {entry.title: parsed for entry, parsed in corpus}


@pytest.fixture(scope="module")
def resolver(corpus) -> CitationResolver:
    return CitationResolver(records_from_corpus(corpus))


@needs_corpus
def test_every_file_parses_and_matches_the_index(corpus) -> None:
    assert len(corpus) == 43
    assert len(list(LAWS_DIR.glob("*.md"))) == 44  # plus README.md
    for entry, parsed in corpus:
        assert parsed.full_title == entry.title
        assert len(parsed.articles) == entry.articles, entry.file
        assert parsed.first_article == entry.first_article, entry.file
        assert parsed.last_article == entry.last_article, entry.file
        assert parsed.is_consecutive is entry.articles_consecutive, entry.file
        assert all(article.paragraphs for article in parsed.articles), entry.file
        assert all(article.paragraphs[0].text for article in parsed.articles), entry.file


@needs_corpus
@pytest.mark.parametrize(("title", "expected"), HAND_COUNTED.items())
def test_hand_counted_articles(laws, title: str, expected: tuple[int, int, int]) -> None:
    law = laws[title]
    assert (len(law.articles), law.first_article, law.last_article) == expected


@needs_corpus
def test_administrative_penalty_law_details(laws) -> None:
    law = laws["中华人民共和国行政处罚法"]
    art33 = law.article(33)
    assert art33 is not None
    assert [p.text for p in art33.paragraphs] == [
        "违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。"
        "初次违法且危害后果轻微并及时改正的，可以不予行政处罚。",
        "当事人有证据足以证明没有主观过错的，不予行政处罚。法律、行政法规另有规定的，从其规定。",
        "对当事人的违法行为依法不予行政处罚的，行政机关应当对当事人进行教育。",
    ]
    assert all(p.items == () for p in art33.paragraphs)
    assert art33.chapter == "第四章 行政处罚的管辖和适用"
    art9 = law.article(9)
    assert art9 is not None
    assert len(art9.paragraphs) == 1
    assert [i.number for i in art9.paragraphs[0].items] == [1, 2, 3, 4, 5, 6]
    assert law.article(86).text == "本法自2021年7月15日起施行。"
    assert [h.date for h in law.history] == [
        date(1996, 3, 17),
        date(2009, 8, 27),
        date(2017, 9, 1),
        date(2021, 1, 22),
    ]
    sections = [h.text for h in law.headings if h.kind == "section"]
    assert sections == ["第一节 一般规定", "第二节 简易程序", "第三节 普通程序", "第四节 听证程序"]


@needs_corpus
def test_header_oddities(laws) -> None:
    civil = laws["中华人民共和国民法典（继承编）"]
    assert (civil.title, civil.subtitle) == ("中华人民共和国民法典", "继承编")
    assert civil.headings[0].name == "一般规定"  # "第一章  一般规定" with en spaces
    assert laws["公平竞争审查条例"].history == ()
    # One run-on header line holds four events.
    local = laws["浙江省地方立法条例"]
    assert [h.date for h in local.history] == [
        date(2001, 2, 16),
        date(2004, 1, 16),
        date(2013, 7, 26),
        date(2016, 1, 28),
    ]
    # "…第二次修正）" keeps no stray bracket.
    assert laws["中华人民共和国立法法"].history[-1].event.endswith("第二次修正")
    # A line holding only U+200B sits before 第一条 of 行政复议法.
    assert laws["中华人民共和国行政复议法"].article(1).paragraphs[0].text.startswith("为了防止")
    # Half-width (一) items.
    info = laws["中华人民共和国政府信息公开条例"]
    assert any(item.label.startswith("(") for a in info for p in a.paragraphs for item in p.items)


@needs_corpus
def test_load_index() -> None:
    entries = load_index(LAWS_DIR / "index.json")
    assert len(entries) == 43
    by_title = {e.title: e for e in entries}
    penalty = by_title["中华人民共和国行政处罚法"]
    assert penalty.promulgated == date(1996, 3, 17)
    assert penalty.effective == date(2021, 7, 15)
    assert penalty.revised == date(2021, 1, 22)
    assert penalty.first_effective == date(1996, 10, 1)
    assert penalty.final_article_effective == date(2021, 7, 15)
    assert penalty.in_force is True
    assert penalty.size_bytes == 30399
    assert penalty.source_path == "行政法/行政处罚法(2021-01-22).md"
    assert (
        by_title["行政执法机关移送涉嫌犯罪案件的规定"].final_article_effective == "on publication"
    )
    assert by_title["浙江省地方立法条例"].effective is None
    assert by_title["中华人民共和国仲裁法"].in_force is False
    assert all(e.extra == {} for e in entries)


# --- citation finding ------------------------------------------------------------------------


def _spans(text: str) -> list[tuple[str, str, int | None, int | None, int | None]]:
    """Each mention as (covered text, title, article, paragraph, item)."""
    return [
        (text[m.start : m.end], m.title, m.article, m.paragraph, m.item)
        for m in find_citations(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "依据《中华人民共和国行政处罚法》第三十三条规定，不予处罚。",
            [
                (
                    "《中华人民共和国行政处罚法》第三十三条",
                    "中华人民共和国行政处罚法",
                    33,
                    None,
                    None,
                )
            ],
        ),
        (
            "根据《行政处罚法》第33条第二款，当事人无主观过错。",
            [("《行政处罚法》第33条第二款", "行政处罚法", 33, 2, None)],
        ),
        (
            "违反《行政处罚法》第三十三条第一款第（二）项的规定",
            [("《行政处罚法》第三十三条第一款第（二）项", "行政处罚法", 33, 1, 2)],
        ),
        (
            "依照《行政处罚法》第十条、第十一条的规定",
            [
                ("《行政处罚法》第十条", "行政处罚法", 10, None, None),
                ("第十一条", "行政处罚法", 11, None, None),
            ],
        ),
        (
            "参照《行政处罚法》第二十条至第二十二条办理",
            [
                ("《行政处罚法》第二十条", "行政处罚法", 20, None, None),
                ("第二十二条", "行政处罚法", 22, None, None),
            ],
        ),
        (
            "《行政处罚法》第十条第二款和第三款",
            [
                ("《行政处罚法》第十条第二款", "行政处罚法", 10, 2, None),
                ("第三款", "行政处罚法", 10, 3, None),
            ],
        ),
        (
            "《行政处罚法》第九条第（一）项、第(二)项以及第五项",
            [
                ("《行政处罚法》第九条第（一）项", "行政处罚法", 9, None, 1),
                ("第(二)项", "行政处罚法", 9, None, 2),
                ("第五项", "行政处罚法", 9, None, 5),
            ],
        ),
        (
            "依据《行政处罚法》作出决定。",
            [("《行政处罚法》", "行政处罚法", None, None, None)],
        ),
        (
            "《中华人民共和国行政处罚法》（2021年修订）第三十三条",
            [
                (
                    "《中华人民共和国行政处罚法》（2021年修订）第三十三条",
                    "中华人民共和国行政处罚法",
                    33,
                    None,
                    None,
                )
            ],
        ),
        (
            "《行政处罚法》第三十三条、《行政强制法》第十条和第三人的意见",
            [
                ("《行政处罚法》第三十三条", "行政处罚法", 33, None, None),
                ("《行政强制法》第十条", "行政强制法", 10, None, None),
            ],
        ),
        (
            "《中华人民共和国民法典》第一千一百二十三条规定",
            [
                (
                    "《中华人民共和国民法典》第一千一百二十三条",
                    "中华人民共和国民法典",
                    1123,
                    None,
                    None,
                )
            ],
        ),
        (
            "本法第十条和前款规定，见《人民日报》。",
            [("《人民日报》", "人民日报", None, None, None)],
        ),
        (
            "《行政处罚法》第十十条",  # a malformed numeral leaves a bare mention
            [("《行政处罚法》", "行政处罚法", None, None, None)],
        ),
    ],
)
def test_find_citations(text: str, expected: list) -> None:
    assert _spans(text) == expected


def test_range_and_list_connectors() -> None:
    mentions = find_citations("《行政处罚法》第二十条至第二十二条、第二十五条")
    assert [m.connector for m in mentions] == [None, "至", "、"]
    assert [m.is_range_end for m in mentions] == [False, True, False]
    assert mentions[0].reference() == "第二十条"


def test_explicit_abbreviation() -> None:
    text = (
        "为贯彻《重大行政决策程序暂行条例》（以下简称《条例》），"
        "《优化营商环境条例》另有规定；依照《条例》第三十条组织听证。"
    )
    mentions = find_citations(text)
    assert [m.title for m in mentions] == ["重大行政决策程序暂行条例", "优化营商环境条例", "条例"]
    last = mentions[-1]
    assert text[last.start : last.end] == "《条例》第三十条"
    assert last.abbreviation == "explicit"
    assert last.expansions == ("重大行政决策程序暂行条例",)


def test_implicit_abbreviation() -> None:
    text = "根据《重大行政决策程序暂行条例》的要求，按《条例》第九条执行。"
    last = find_citations(text)[-1]
    assert (last.title, last.article, last.abbreviation) == ("条例", 9, "implicit")
    assert last.expansions == ("重大行政决策程序暂行条例",)


def test_find_citations_finds_every_mention_in_a_long_text() -> None:
    sentence = (
        "依据《中华人民共和国行政处罚法》第三十三条第一款、第二款和《条例》第十条至第十二条，"
    )
    text = "《重大行政决策程序暂行条例》（以下简称《条例》）" + sentence * 2000
    mentions = find_citations(text)
    assert len(mentions) == 1 + 4 * 2000


# --- citation resolution against the corpus --------------------------------------------------

OK = CitationStatus.OK


@needs_corpus
@pytest.mark.parametrize(
    ("text", "as_of", "statuses", "resolved"),
    [
        (
            "依据《中华人民共和国行政处罚法》第三十三条第二款",
            date(2024, 5, 1),
            [OK],
            "中华人民共和国行政处罚法",
        ),
        ("《行政处罚法》第九条第（六）项", date(2024, 5, 1), [OK], "中华人民共和国行政处罚法"),
        ("《行政复议法》第九十条", date(2024, 5, 1), [OK], "中华人民共和国行政复议法"),
        (
            "《民法典》第一千一百二十三条、第一千一百六十三条",
            date(2024, 5, 1),
            [OK, OK],
            "中华人民共和国民法典（继承编）",
        ),
        (
            "《中华人民共和国民法典》第一条",  # only the inheritance book is held: not checked
            date(2024, 5, 1),
            [OK],
            "中华人民共和国民法典（继承编）",
        ),
        (
            "《政府信息公开条例》第二十条至第二十二条",
            None,
            [OK, OK],
            "中华人民共和国政府信息公开条例",
        ),
        (
            "《行政处罚法》第八十六条、第八十七条",
            date(2024, 5, 1),
            [OK, CitationStatus.ARTICLE_OUT_OF_RANGE],
            "中华人民共和国行政处罚法",
        ),
        (
            "《行政处罚法》第十条第二款和第三款",
            date(2024, 5, 1),
            [OK, CitationStatus.PARAGRAPH_OUT_OF_RANGE],
            "中华人民共和国行政处罚法",
        ),
        (
            "《行政处罚法》第九条第（六）项、第（七）项",
            date(2024, 5, 1),
            [OK, CitationStatus.ITEM_OUT_OF_RANGE],
            "中华人民共和国行政处罚法",
        ),
        (
            "《行政处罚法》第三十三条第一款第（二）项",
            date(2024, 5, 1),
            [CitationStatus.ITEM_OUT_OF_RANGE],
            "中华人民共和国行政处罚法",
        ),
        (
            "《法规规章备案条例》第三条",
            date(2025, 1, 1),
            [CitationStatus.REPEALED],
            "法规规章备案条例",
        ),
        ("《法规规章备案条例》第三条", date(2020, 1, 1), [OK], "法规规章备案条例"),
        (
            "《公平竞争审查条例》第三条",
            date(2024, 7, 1),
            [CitationStatus.NOT_YET_IN_FORCE],
            "公平竞争审查条例",
        ),
        (
            "《浙江省城市管理相对集中行政处罚权条例》第五条",
            date(2022, 3, 1),
            [CitationStatus.REPEALED],
            "浙江省城市管理相对集中行政处罚权条例",
        ),
    ],
)
def test_resolve_against_corpus(
    resolver: CitationResolver,
    text: str,
    as_of: date | None,
    statuses: list[CitationStatus],
    resolved: str,
) -> None:
    results = resolver.resolve_text(text, as_of)
    assert [r.status for r in results] == statuses
    assert all(r.law is not None and r.law.title == resolved for r in results)
    assert all(r.code == r.status.value and r.message for r in results)


@needs_corpus
def test_failure_messages(resolver: CitationResolver) -> None:
    (out_of_range,) = resolver.resolve_text("《行政处罚法》第八十七条", date(2024, 5, 1))
    assert out_of_range.code == "article_out_of_range"
    assert out_of_range.message == "《中华人民共和国行政处罚法》没有第八十七条（共86条）。"
    (paragraph,) = resolver.resolve_text("《行政处罚法》第三十三条第四款", date(2024, 5, 1))
    assert paragraph.message == "《中华人民共和国行政处罚法》第三十三条只有3款，没有第四款。"
    (repealed,) = resolver.resolve_text("《法规规章备案条例》", date(2025, 1, 1))
    assert repealed.message == "《法规规章备案条例》已于2024年11月1日废止，不应再引用。"
    (early,) = resolver.resolve_text("《公平竞争审查条例》第三条", date(2024, 7, 1))
    assert "2024年8月1日起施行" in early.message
    (item,) = resolver.resolve_text("《行政处罚法》第九条第（七）项", date(2024, 5, 1))
    assert item.message == "《中华人民共和国行政处罚法》第九条只有6项，没有第（七）项。"
    (huge,) = resolver.resolve_text("《行政处罚法》第12345条", date(2024, 5, 1))
    assert huge.message == "《中华人民共和国行政处罚法》没有第12345条（共86条）。"


@needs_corpus
def test_unknown_law(resolver: CitationResolver) -> None:
    (result,) = resolver.resolve_text("《中华人民共和国刑法》第二十条", date(2024, 5, 1))
    assert result.status is CitationStatus.UNKNOWN_LAW
    assert result.law is None
    assert result.message == "法律法规库中没有《中华人民共和国刑法》。"
    assert result.mention.looks_like_instrument
    (paper,) = resolver.resolve_text("刊登于《浙江日报》", None)
    assert paper.status is CitationStatus.UNKNOWN_LAW
    assert not paper.mention.looks_like_instrument


@needs_corpus
def test_superseded_text_is_not_checked(resolver: CitationResolver) -> None:
    # The held 反不正当竞争法 is the 2019 text (33 articles); a newer one applies from 2025-10-15.
    (before,) = resolver.resolve_text("《反不正当竞争法》第四十条", date(2025, 1, 1))
    assert before.status is CitationStatus.ARTICLE_OUT_OF_RANGE
    (after,) = resolver.resolve_text("《反不正当竞争法》第四十条", date(2025, 11, 1))
    assert after.status is OK
    assert after.text_outdated


@needs_corpus
def test_abbreviation_resolution(resolver: CitationResolver) -> None:
    explicit = (
        "为贯彻《重大行政决策程序暂行条例》（以下简称《条例》），参照《优化营商环境条例》，"
        "依照《条例》第三十条、第四十五条组织听证。"
    )
    results = resolver.resolve_text(explicit, date(2024, 5, 1))
    assert [r.status for r in results] == [OK, OK, OK, CitationStatus.ARTICLE_OUT_OF_RANGE]
    assert {r.law.title for r in results[2:]} == {"重大行政决策程序暂行条例"}

    implicit = "根据《重大行政决策程序暂行条例》的要求，按《条例》第九条执行。"
    *_, last = resolver.resolve_text(implicit, date(2024, 5, 1))
    assert last.status is OK
    assert last.law.title == "重大行政决策程序暂行条例"

    same_law = "《中华人民共和国行政处罚法》与《行政处罚法》及《处罚法》第五条"
    *_, last = resolver.resolve_text(same_law, date(2024, 5, 1))
    assert last.status is OK
    assert last.law.title == "中华人民共和国行政处罚法"

    ambiguous = "《重大行政决策程序暂行条例》和《优化营商环境条例》均要求……《条例》第九条"
    *_, last = resolver.resolve_text(ambiguous, date(2024, 5, 1))
    assert last.status is CitationStatus.AMBIGUOUS_ABBREVIATION
    assert last.candidates == ("重大行政决策程序暂行条例", "优化营商环境条例")
    assert last.law is None

    outside = "《浙江省行政程序办法》（以下简称《办法》）……依照《办法》第十条"
    *_, last = resolver.resolve_text(outside, date(2024, 5, 1))
    assert last.status is CitationStatus.UNKNOWN_LAW
    assert "浙江省行政程序办法" in last.message

    orphan = "依照《条例》第十条"  # no full title earlier: nothing to expand to
    (result,) = resolver.resolve_text(orphan, date(2024, 5, 1))
    assert result.status is CitationStatus.UNKNOWN_LAW


@needs_corpus
def test_citations_inside_the_corpus_resolve(corpus, resolver: CitationResolver) -> None:
    """Every reference from one held text to another, at the citing text's date, is valid."""
    checked = 0
    for entry, parsed in corpus:
        as_of = entry.effective or entry.promulgated
        for article in parsed.articles:
            for result in resolver.resolve_text(article.text, as_of):
                if result.status is CitationStatus.UNKNOWN_LAW:
                    continue
                checked += 1
                assert result.status in (OK, CitationStatus.REPEALED), (entry.title, result)
    assert checked >= 30


@needs_corpus
def test_resolver_resolves_every_citation_of_a_long_text(resolver: CitationResolver) -> None:
    text = (
        "依据《中华人民共和国行政处罚法》第三十三条第一款、《行政复议法》第九十一条和《民法典》第一千一百二十条，"
        * 1000
    )
    results = resolver.resolve_text(text, date(2024, 5, 1))
    assert len(results) == 3000


# --- resolver with hand-made records ---------------------------------------------------------


def test_records_and_aliases() -> None:
    records = [
        LawRecord("中华人民共和国甲法", article_count=10, paragraph_counts={3: 2}),
        LawRecord("甲省乙条例", aliases=("乙条例",), article_numbers=frozenset({1, 2, 4})),
        LawRecord("丙省乙条例", aliases=("乙条例",), effective_from=date(2020, 1, 1)),
    ]
    resolver = CitationResolver(records)
    assert [law.title for law in resolver.lookup("甲法")] == ["中华人民共和国甲法"]
    assert [law.title for law in resolver.lookup("中华人民共和国 甲法")] == ["中华人民共和国甲法"]

    def status(text: str, as_of: date | None = None) -> list[str]:
        return [r.code for r in resolver.resolve_text(text, as_of)]

    assert status("《甲法》第十条、第十一条") == ["ok", "article_out_of_range"]
    assert status("《甲法》第三条第三款") == ["paragraph_out_of_range"]
    assert status("《甲法》第四条第九款") == ["ok"]  # paragraph count unknown: not checked
    assert status("《甲省乙条例》第三条") == ["article_out_of_range"]  # a gap in the numbers
    (gap,) = resolver.resolve_text("《甲省乙条例》第三条")
    assert gap.message == "《甲省乙条例》没有第三条（最后一条为第四条）。"
    assert status("《乙条例》第一条") == ["ambiguous_abbreviation"]
    # A full title earlier in the text settles the shared alias.
    assert status("《甲省乙条例》第一条……《乙条例》第二条") == ["ok", "ok"]
    assert status("《丙省乙条例》", date(2019, 12, 31)) == ["not_yet_in_force"]
    assert status("《丙省乙条例》") == ["ok"]  # without a date, in-force dates are not checked


def test_duplicate_titles_are_rejected() -> None:
    with pytest.raises(ValueError):
        CitationResolver([LawRecord("甲法"), LawRecord("甲法")])


def test_mention_reference_is_canonical() -> None:
    mention = CitationMention(0, 0, "甲法", article=33, paragraph=1, item=2)
    assert mention.reference() == "第三十三条第一款第（二）项"
