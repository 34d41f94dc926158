"""``fazhi report`` renders the annual report as md, html, docx and pdf; json keeps its shape."""

from __future__ import annotations

import io
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from fazhi.core import documents


def run(*args: str) -> str:
    out = StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def test_json_shape_is_unchanged(tree, mediation_cases):
    data = json.loads(run("--year", "2022", "--format", "json"))
    assert set(data) == {"year", "indicators"}
    assert data["indicators"]["disputes.mediation_cases"]["value"] == 3


def test_markdown_and_html_hold_the_figures(tree, mediation_cases, tmp_path):
    md = run("--year", "2022", "--format", "md", "--scope", "CITY")
    assert "调处各类矛盾纠纷3起" in md and "66.67%" in md and "{{" not in md
    path = tmp_path / "r.html"
    run("--year", "2022", "--format", "html", "--output", str(path))
    page = path.read_text(encoding="utf-8")
    assert "<h1>海宁市人民政府2022年度法治政府建设情况报告</h1>" in page
    assert "成功调处件数 ÷ 调处矛盾纠纷数" in page  # the figure's definition


def test_docx_and_pdf(tree, mediation_cases, tmp_path):
    from docx import Document

    path = tmp_path / "r.docx"
    run("--year", "2022", "--format", "docx", "--output", str(path))
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "调处成功率66.67%" in text
    if documents.pdf_available():
        from pypdf import PdfReader

        pdf = tmp_path / "r.pdf"
        run("--year", "2022", "--format", "pdf", "--output", str(pdf))
        assert "66.67%" in "".join(
            p.extract_text() for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages
        )


def test_binary_formats_need_an_output_path(tree):
    with pytest.raises(CommandError, match="--output"):
        run("--year", "2022", "--format", "docx")
