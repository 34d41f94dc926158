"""Excel export and import helpers shared by every app (openpyxl).

openpyxl (and numpy under it) costs ~0.25 s to import: it is imported by the functions that
use it, so neither the ``fazhi`` command nor a web process pays for it until an export or an
import actually runs.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import ValidationFailed

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# Archives (XLSX, DOCX) from outside are ZIP files: cap what they expand to before parsing, so
# a small upload cannot become gigabytes of XML in memory.
MAX_ARCHIVE_UNCOMPRESSED = 100 * 1024 * 1024
MAX_ARCHIVE_MEMBERS = 2000
MAX_ARCHIVE_RATIO = 100


def archive_too_large(data: bytes) -> bool:
    """True if ``data`` is a ZIP whose members would expand beyond the caps (a decompression
    bomb): too many members, too many bytes, or too high a ratio. Not a ZIP: False (the
    parser refuses it with its own message). Every XLSX/DOCX parser calls this first."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    total = sum(m.file_size for m in members)
    return (
        len(members) > MAX_ARCHIVE_MEMBERS
        or total > MAX_ARCHIVE_UNCOMPRESSED
        or total > MAX_ARCHIVE_RATIO * max(len(data), 1)
    )


def check_archive(data: bytes, *, field: str = "file") -> None:
    """Refuse a ZIP whose members would expand beyond the caps (a decompression bomb)."""
    if archive_too_large(data):
        raise ValidationFailed(
            CoreErrorCode.FILE_TOO_LARGE,
            _("文件解压后过大或包含过多部件，无法处理。"),
            field=field,
        )


def _cell(sheet, value: Any) -> Any:
    """A value safe in a cell: no control characters (they corrupt the file for everyone),
    and text starting with "=" stays text instead of becoming a formula."""
    if not isinstance(value, str):
        return value
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def xlsx_bytes(*, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=ILLEGAL_CHARACTERS_RE.sub("", title)[:31] or "Sheet")
    sheet.append([_cell(sheet, str(h)) for h in headers])
    for row in rows:
        sheet.append([_cell(sheet, v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(
    *, filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    response = HttpResponse(
        xlsx_bytes(title=title, headers=headers, rows=rows), content_type=XLSX_TYPE
    )
    # The name users see is the sheet's Chinese title and today's date (RFC 6266 encoding);
    # ``filename`` only says what the export is in code.
    dated = f"{title}-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, dated)
    return response


def read_xlsx_rows(
    data: bytes, *, expected_headers: Sequence[str], max_bytes: int = 20 * 1024 * 1024
) -> list[dict[str, Any]]:
    """The first sheet's rows as dicts keyed by header; refuses a file that is not XLSX."""
    if not data:
        raise ValidationFailed(CoreErrorCode.UNREADABLE_FILE, _("文件为空。"), field="file")
    if len(data) > max_bytes:
        raise ValidationFailed(CoreErrorCode.FILE_TOO_LARGE, _("文件过大。"), field="file")
    check_archive(data)
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (
        InvalidFileException,
        OSError,
        KeyError,
        ValueError,
        TypeError,
        zipfile.BadZipFile,
    ) as error:
        raise ValidationFailed(
            CoreErrorCode.UNREADABLE_FILE,
            _("无法读取文件：不是有效的 Excel（.xlsx）文件。"),
            field="file",
        ) from error
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(c).strip() if c is not None else "" for c in next(rows, ())]
    missing = [h for h in expected_headers if h not in header]
    if missing:
        raise ValidationFailed(
            CoreErrorCode.IMPORT_INVALID,
            _("缺少列：%(columns)s") % {"columns": "、".join(missing)},
            field="file",
        )
    out = []
    for values in rows:
        if values is None or all(v is None or str(v).strip() == "" for v in values):
            continue
        out.append(
            {header[i]: _clean(v) for i, v in enumerate(values) if i < len(header) and header[i]}
        )
    return out


def sheet_date(value: Any) -> dt.date | None:
    """A date cell: empty, a date, or ``YYYY-MM-DD`` text (ValueError otherwise)."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip())


def _clean(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        return value.strip()
    return value
