"""``fazhi review``: JSON shape for one and several paths, readable report, unreadable input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from fazhi.review.engine import FINDING_KEYS
from tests.review.documents import DRAFT, docx_bytes

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def files(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    clean = tmp_path / "clean.docx"
    clean.write_bytes(docx_bytes("第一条 本办法自2022年1月1日起施行，有效期五年。"))
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a docx")
    return draft, clean, bad


def test_json_for_one_path_has_exactly_the_promised_keys(files, capsys, laws_loaded):
    draft, _, _ = files
    call_command("review", str(draft), "--format", "json", "--as-of", "2022-08-15")
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert list(record) == ["path", "findings"]
    assert record["path"] == str(draft)
    assert all(list(f) == list(FINDING_KEYS) for f in record["findings"])
    assert {"category", "severity", "standard", "reason", "confidence"} <= set(FINDING_KEYS)
    assert all(f["standard"] and f["reason"] for f in record["findings"])
    rules = [f["rule"] for f in record["findings"]]
    assert rules == [
        "citation.article_out_of_range",
        "fc.free_flow.local_preference",
        "legality.penalty_creation",
    ]
    penalty = record["findings"][2]
    assert DRAFT[penalty["start"] : penalty["end"]] == penalty["excerpt"]
    assert penalty["category"] == "legality"


def test_several_paths_print_one_object_each_in_order(files, capsys, laws_loaded):
    draft, clean, _ = files
    call_command("review", str(clean), str(draft), str(clean), "--format", "json")
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["path"] for r in records] == [str(clean), str(draft), str(clean)]
    assert records[0] == records[2]


def test_unreadable_input_exits_non_zero_after_the_others(files, capsys, laws_loaded):
    draft, _, bad = files
    with pytest.raises(CommandError) as error:
        call_command("review", str(draft), str(bad), "--format", "json")
    assert error.value.returncode == 2
    captured = capsys.readouterr()
    assert [json.loads(line)["path"] for line in captured.out.splitlines()] == [str(draft)]
    assert f"{bad}: 无法读取：不是有效的 DOCX 文件" in captured.err


def test_readable_report_without_json(files, capsys, laws_loaded):
    draft, _, _ = files
    call_command("review", str(draft), "--as-of", "2022-08-15")
    out = capsys.readouterr().out
    assert out.startswith(f"== {draft}：3 处发现")
    assert "[错误] 第4行 legality.penalty_creation（legality）：处五百元以上一千元以下罚款" in out


def test_the_command_uses_the_corpus_files_when_the_database_has_no_laws(files, capsys):
    draft, _, _ = files
    call_command("review", str(draft), "--format", "json")
    rules = [f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]]
    assert "citation.article_out_of_range" in rules


def test_exit_status_from_the_real_command_line(files, tmp_path):
    """A fresh checkout (no migrated database): the law texts come from the shared folder; the
    readable file is reviewed, the unreadable one reported, and the exit status is 2."""
    draft, _, bad = files
    env = {**os.environ, "FAZHI_VAR_DIR": str(tmp_path / "var")}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "fazhi.cli", "review", str(draft), str(bad), "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    record = json.loads(result.stdout)
    assert record["path"] == str(draft)
    assert "citation.article_out_of_range" in [f["rule"] for f in record["findings"]]
    assert f"{bad}: 无法读取" in result.stderr
