"""Tests of the pre-review engine: findings, spans, reading documents, citation merging, form
checks, speed, and a precision/recall floor on the shared dev clauses."""

from __future__ import annotations

import dataclasses
import io
import json
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest

from fazhi.review.engine import (
    FINDING_KEYS,
    Finding,
    UnreadableDocument,
    no_citation_check,
    read_document,
    review_docx,
    review_text,
)

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
DEV_CLAUSES = SHARED / "data" / "eval" / "fair_competition_dev.jsonl"
BENCHMARK = REPO / "benchmarks" / "review" / "clauses.jsonl"
FLAG_CATEGORIES = {"fair_competition", "legality"}


def flagged(text: str) -> bool:
    return any(f.category in FLAG_CATEGORIES for f in review_text(text))


# --------------------------------------------------------------------------- findings and spans


@pytest.mark.parametrize(
    ("text", "rule", "excerpt"),
    [
        (
            "全县中小学校服统一由县教育发展公司组织供货。",
            "fc.market_entry.designated_operator",
            "统一由县教育发展公司",
        ),
        (
            "按企业当年对地方综合贡献的80%给予奖励。",
            "fc.cost.tax_linked_reward",
            "地方综合贡献的80%给予",
        ),
        (
            "同等条件下政府采购优先购买本地企业产品。",
            "fc.free_flow.local_preference",
            "优先购买本地企业",
        ),
        (
            "获得奖励的企业须承诺5年内不迁出本区，否则全额退还补贴资金。",
            "fc.market_entry.exit_barrier",
            "5年内不迁出本区，否则全额退",
        ),
    ],
)
def test_exact_span_and_excerpt(text: str, rule: str, excerpt: str) -> None:
    findings = [f for f in review_text(text) if f.rule == rule]
    assert len(findings) == 1
    finding = findings[0]
    assert finding.excerpt == excerpt
    assert (finding.start, finding.end) == (text.index(excerpt), text.index(excerpt) + len(excerpt))
    assert text[finding.start : finding.end] == finding.excerpt


def test_spans_index_the_original_text_after_full_width_folding() -> None:
    text = "（二）申请人须在本市注册登记，具有独立法人资格；"
    (finding,) = [f for f in review_text(text) if f.rule == "fc.free_flow.local_registration"]
    assert text[finding.start : finding.end] == finding.excerpt
    assert finding.excerpt.startswith("在本市注册登记")


def test_finding_shape() -> None:
    (finding,) = [
        f for f in review_text("指定3家保险公司承保。") if f.rule.startswith("fc.market_entry")
    ]
    assert set(finding.to_dict()) == set(FINDING_KEYS)
    assert list(finding.to_dict()) == list(FINDING_KEYS)
    assert finding.category == "fair_competition"
    assert finding.severity in {"error", "warning", "info"}
    assert "公平竞争审查条例" in finding.basis
    assert finding.message and finding.suggestion
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.start = 0  # type: ignore[misc]
    with pytest.raises(ValueError, match="category"):
        dataclasses.replace(finding, category="style")


def test_prohibitions_are_not_creations() -> None:
    for text in (
        "规范性文件不得设定行政许可、行政处罚和行政强制措施。",
        "不得要求经营者在本地设立分支机构，不得将在本地缴纳税收作为投标条件。",
        "政策措施不得含有下列内容：\n1.限定经营、购买或者使用特定经营者提供的商品；\n2.对外地商品设置歧视性收费标准。",
        "安排财政支出一般不得与特定经营者缴纳的税收或非税收入挂钩。",
    ):
        assert not flagged(text), text


def test_findings_sorted_by_start_then_rule() -> None:
    text = (
        "一、指定2家医院承担体检工作。二、享受扶持的企业三年内迁出的，应全额退还补贴资金。"
        "三、对非本地注册的服务公司不进行奖励。"
    )
    findings = review_text(text)
    assert len(findings) >= 3
    assert findings == sorted(findings, key=lambda f: (f.start, f.rule))


def test_overlapping_matches_of_one_rule_collapse() -> None:
    # Several designated-operator patterns match overlapping stretches of this clause.
    text = "全县学校保安服务统一由某保安服务有限公司承接。"
    designated = [f for f in review_text(text) if f.rule == "fc.market_entry.designated_operator"]
    assert len(designated) == 1
    assert "某保安服务有限公司" in designated[0].excerpt


def test_same_rule_in_two_sentences_gives_two_findings() -> None:
    text = "甲区体检统一由某医院承担。乙区培训统一由某公司承担。"
    designated = [f for f in review_text(text) if f.rule == "fc.market_entry.designated_operator"]
    assert len(designated) == 2
    assert designated[0].end <= designated[1].start


def test_review_text_refuses_bytes() -> None:
    with pytest.raises(TypeError):
        review_text(b"bytes")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- citation checker


def _fake_checker(text: str, as_of: date | None) -> list[Finding]:
    found = []
    start = text.find("《")
    while start != -1:
        end = text.index("》", start) + 1
        if "暂行条例" in text[start:end]:
            found.append(
                Finding(
                    rule="citation.repealed",
                    category="citation",
                    severity="error",
                    start=start,
                    end=end,
                    excerpt=text[start:end],
                    basis="测试用假检查器",
                    message=f"截至{as_of}，所引文件已失效。",
                    suggestion="改引现行有效的文件。",
                )
            )
        start = text.find("《", end)
    return found


def test_citation_findings_are_merged_and_sorted() -> None:
    text = "指定2家医院承担体检。依据《某某暂行条例》第三条，企业5年内不得迁出本区。"
    as_of = date(2024, 6, 1)
    without = review_text(text, as_of=as_of)
    with_checker = review_text(text, as_of=as_of, citation_checker=_fake_checker)
    citations = [f for f in with_checker if f.category == "citation"]
    assert len(citations) == 1
    assert citations[0].excerpt == "《某某暂行条例》"
    assert "2024-06-01" in citations[0].message
    assert len(with_checker) == len(without) + 1
    assert with_checker == sorted(with_checker, key=lambda f: (f.start, f.rule))
    starts = [f.start for f in with_checker]
    assert starts[0] < citations[0].start < starts[-1]


def test_default_citation_checker_finds_nothing() -> None:
    assert no_citation_check("依据《不存在的条例》第九十九条。", None) == []
    assert not [
        f for f in review_text("依据《不存在的条例》第九十九条。") if f.category == "citation"
    ]


# --------------------------------------------------------------------------- form checks

DOCUMENT = """海宁市促进建筑业发展暂行办法
海政规[2022]3号
第一条 为促进建筑业健康发展，根据有关法律法规，结合本市实际，制定本办法。
第二条 对在本市注册的建筑业企业，按其地方综合贡献的50%给予奖励。
第三条 本办法自2022年3月1日起施行，有效期5年。
"""


def test_form_findings_on_a_whole_document() -> None:
    findings = review_text(DOCUMENT, as_of=date(2024, 6, 1))
    by_rule = {f.rule: f for f in findings}
    number = by_rule["form.doc_number.format"]
    assert number.excerpt == "海政规[2022]3号"
    assert "〔〕" in number.message
    limit = by_rule["form.validity.exceeds_limit"]
    assert limit.excerpt == "有效期5年"
    assert "2年" in limit.message  # a 暂行 document may run at most two years
    assert "fc.free_flow.local_registration" in by_rule
    assert "fc.cost.tax_linked_reward" in by_rule
    assert "form.validity.missing" not in by_rule
    assert "form.effective_date.missing" not in by_rule
    assert "form.elements.title_missing" not in by_rule


def test_validity_expiry_uses_the_review_date() -> None:
    text = "本办法自2020年1月1日起施行，有效期至2021年12月31日。"
    assert not [f for f in review_text(text) if f.rule == "form.validity.expired"]
    expired = [
        f for f in review_text(text, as_of=date(2022, 1, 1)) if f.rule == "form.validity.expired"
    ]
    assert len(expired) == 1
    assert expired[0].excerpt == "有效期至2021年12月31日"


def test_missing_validity_and_effective_date() -> None:
    text = "关于规范经营秩序的办法\n第一条 为规范经营秩序，根据有关规定，制定本办法。\n第二条 经营者应当诚信经营。"
    rules = {f.rule for f in review_text(text)}
    assert {"form.validity.missing", "form.effective_date.missing"} <= rules


def test_single_clauses_get_no_whole_document_form_findings() -> None:
    rules = {f.rule for f in review_text("对首次认定为国家高新技术企业的，给予一次性奖励20万元。")}
    assert not {r for r in rules if r.startswith("form.")}


@pytest.mark.parametrize(
    ("number", "ok"),
    [
        ("海政规〔2022〕3号", True),
        ("海政办发〔2023〕15号", True),
        ("海政规[2022]3号", False),
        ("海政办发（2022）12号", False),
        ("海政发(2021)7号", False),
        ("海政发〔2022〕 3号", False),
    ],
)
def test_document_number_format(number: str, ok: bool) -> None:
    hits = [f for f in review_text(f"根据{number}文件执行。") if f.rule == "form.doc_number.format"]
    assert (not hits) == ok
    if hits:
        assert hits[0].excerpt.endswith("号")


# --------------------------------------------------------------------------- reading documents


def _docx_bytes(*paragraphs: str, table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_review_docx_reads_paragraphs_and_tables() -> None:
    data = _docx_bytes(
        "关于校服采购的通知",
        "全县中小学校服统一由县教育发展公司组织供货。",
        table=[["事项", "要求"], ["体检", "指定2家医院承担"]],
    )
    text = read_document(data)
    assert "关于校服采购的通知" in text
    assert "体检\t指定2家医院承担" in text
    findings = review_docx(data)
    assert [f for f in findings if f.rule == "fc.market_entry.designated_operator"]
    for finding in findings:
        assert text[finding.start : finding.end] == finding.excerpt


def test_read_document_from_paths(tmp_path: Path) -> None:
    docx_path = tmp_path / "draft.docx"
    docx_path.write_bytes(_docx_bytes("第一条 为规范管理，制定本办法。"))
    assert "第一条" in read_document(docx_path)
    txt_path = tmp_path / "draft.txt"
    txt_path.write_bytes("\ufeff第一条 为规范管理，制定本办法。".encode())
    assert read_document(str(txt_path)) == "第一条 为规范管理，制定本办法。"


@pytest.mark.parametrize(
    ("source", "reason", "words"),
    [
        (b"", "empty", "为空"),
        (b"   \n ", "empty", "为空"),
        ("第一条 内容".encode("gbk"), "not_utf8", "UTF-8"),
        (b"text\x00with nul", "binary", "二进制"),
    ],
)
def test_unreadable_bytes(source: bytes, reason: str, words: str) -> None:
    with pytest.raises(UnreadableDocument, match=words) as caught:
        read_document(source)
    assert caught.value.reason == reason


def test_docx_that_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_bytes("这其实是一个文本文件".encode())
    with pytest.raises(UnreadableDocument, match="ZIP") as caught:
        read_document(path)
    assert caught.value.reason == "not_zip"
    with pytest.raises(UnreadableDocument, match="DOCX"):
        review_docx(b"not a zip at all")
    with pytest.raises(UnreadableDocument, match="为空"):
        review_docx(b"")


def test_zip_that_is_not_a_docx() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(UnreadableDocument, match=r"word/document\.xml") as caught:
        review_docx(buffer.getvalue())
    assert caught.value.reason == "not_docx"


def test_truncated_docx_is_unreadable() -> None:
    data = _docx_bytes("第一条 内容。")
    with pytest.raises(UnreadableDocument):
        review_docx(data[: len(data) // 2])


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocument, match="无法打开"):
        read_document(tmp_path / "absent.txt")


# --------------------------------------------------------------------------- speed


def test_thousands_of_clauses_per_second() -> None:
    clauses = [
        "全县中小学校服统一由县教育发展公司组织供货。",
        "对首次认定为国家高新技术企业的，给予一次性奖励20万元。",
        "本办法所称中小企业，是指在中华人民共和国境内依法设立的企业。",
        "享受扶持的企业三年内迁出的，应全额退还补贴资金。",
    ] * 250
    review_text(clauses[0])
    # CPU time, not wall time: the shared CI machine runs other jobs on the same cores.
    started = time.process_time()
    for clause in clauses:
        review_text(clause)
    elapsed = time.process_time() - started
    assert len(clauses) / elapsed > 500, f"{len(clauses) / elapsed:.0f} clauses/s (CPU)"


# --------------------------------------------------------------------------- labelled clauses


def _load(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        pytest.skip(f"{path} not available")
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _precision_recall(rows: list[dict[str, str]]) -> tuple[float, float]:
    tp = fp = fn = 0
    for row in rows:
        hit = flagged(row["text"])
        violation = row["label"] == "violation"
        tp += hit and violation
        fp += hit and not violation
        fn += violation and not hit
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def test_precision_recall_floor_on_dev_clauses() -> None:
    rows = _load(DEV_CLAUSES)
    assert len(rows) == 64
    precision, recall = _precision_recall(rows)
    # Reached: precision 1.00, recall 1.00; a small margin so regressions fail.
    assert precision >= 0.96, precision
    assert recall >= 0.94, recall


def test_every_compliant_dev_clause_is_clean() -> None:
    for row in _load(DEV_CLAUSES):
        if row["label"] == "compliant":
            assert not flagged(row["text"]), row["id"]


def test_benchmark_file_is_well_formed() -> None:
    rows = _load(BENCHMARK)
    assert len(rows) >= 150
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids))
    for row in rows:
        assert {"id", "text", "label", "category", "source", "note"} <= set(row)
        assert row["label"] in {"violation", "compliant"}
        assert row["text"].strip()
        assert row["source"].startswith("http")
    dev_ids = {row["id"] for row in _load(DEV_CLAUSES)}
    assert dev_ids <= set(ids)


def test_precision_recall_floor_on_benchmark() -> None:
    precision, recall = _precision_recall(_load(BENCHMARK))
    # Reached: precision 1.00, recall 0.97 (368 clauses).
    assert precision >= 0.95, precision
    assert recall >= 0.93, recall


def test_the_model_is_not_asked_about_closing_provisions() -> None:
    text = (
        "海宁市促进企业发展若干措施\n"
        "第一条 政府采购项目同等条件下优先采购本地企业的产品和服务。\n"
        "第二条 本措施自2022年10月1日起施行，有效期至2024年9月30日。\n"
    )
    closing = text.index("第二条")
    findings = review_text(text, citation_checker=no_citation_check)
    assert any(f.start < closing for f in findings)  # the real problem is still found
    assert not [f for f in findings if f.start >= closing and f.category == "fair_competition"]
