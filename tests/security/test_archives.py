"""Every DOCX/XLSX/ZIP upload path checks the archive (expanded size, member count, ratio)
before any parser opens it: a small decompression bomb is refused on each kind of upload."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import ValidationFailed
from fazhi.core.exports import archive_too_large, read_xlsx_rows

pytestmark = pytest.mark.django_db
SRC = Path(__file__).resolve().parents[2] / "src" / "fazhi"


def small_bomb(*members: str) -> bytes:
    """Well under 100 KB, expanding 8 MB of zeros per member: far over the ratio cap."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for name in members:
            archive.writestr(name, b"\0" * (8 * 1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < 100 * 1024
    return data


XLSX_BOMB = small_bomb("xl/workbook.xml", "xl/worksheets/sheet1.xml")
DOCX_BOMB = small_bomb("word/document.xml")


def test_the_caps_count_members_and_ratio():
    assert archive_too_large(XLSX_BOMB) and archive_too_large(DOCX_BOMB)
    assert not archive_too_large(b"not a zip")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(2001):
            archive.writestr(f"m{n}", b"")
    assert archive_too_large(buffer.getvalue())


def test_xlsx_imports_refuse_a_bomb():
    # Every sheet import of every app reads its upload through read_xlsx_rows.
    with pytest.raises(ValidationFailed) as error:
        read_xlsx_rows(XLSX_BOMB, expected_headers=["姓名"])
    assert error.value.code == CoreErrorCode.FILE_TOO_LARGE and error.value.field == "file"


def test_normdocs_draft_upload_refuses_a_bomb():
    from fazhi.normdocs.uploads import docx_text

    with pytest.raises(ValidationFailed) as error:
        docx_text("草案.docx", DOCX_BOMB, field="upload")
    assert error.value.field == "upload"


def test_review_upload_refuses_a_bomb():
    from fazhi.review.engine.text import UnreadableDocument, read_docx

    with pytest.raises(UnreadableDocument) as error:
        read_docx(DOCX_BOMB)
    assert error.value.reason == "too_large"


def test_job_uploads_refuse_a_bomb(users):
    from fazhi.inspections.jobs import subjects_import
    from fazhi.jobs.models import Job
    from fazhi.jobs.services import job_enqueue

    with pytest.raises(ValidationFailed):
        job_enqueue(
            actor=users["administrator"], runner=subjects_import, title="t", upload=XLSX_BOMB
        )
    assert not Job.objects.exists()


def test_api_import_answers_400_naming_the_file(client, users):
    client.force_login(users["administrator"])
    upload = io.BytesIO(XLSX_BOMB)
    upload.name = "台账.xlsx"
    response = client.post("/api/disputes/ledger/import/", {"file": upload})
    assert response.status_code == 400, response.content
    assert response.json()["field"] == "file"


PARSERS = re.compile(r"load_workbook\(|\bDocument\(io|ZipFile\((?!buffer, \"w\")")
CHECKED = {
    "core/exports.py",  # read_xlsx_rows: check_archive first
    "review/engine/text.py",  # read_docx: archive_too_large first
    "normdocs/uploads.py",  # docx_text: check_archive first
}


def test_no_parser_opens_an_upload_outside_the_checked_readers():
    """A new upload path must go through one of the readers above (or be added with its check)."""
    found = set()
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        if PARSERS.search(path.read_text(encoding="utf-8")):
            found.add(str(path.relative_to(SRC)))
    assert found <= CHECKED, found - CHECKED
    for name in CHECKED:
        text = (SRC / name).read_text(encoding="utf-8")
        assert "check_archive(" in text or "archive_too_large(" in text, name
