"""Excel export and import helpers shared by every app (openpyxl)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import ValidationFailed

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(*, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([str(h) for h in headers])
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(
    *, filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    response = HttpResponse(
        xlsx_bytes(title=title, headers=headers, rows=rows), content_type=XLSX_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def read_xlsx_rows(
    data: bytes, *, expected_headers: Sequence[str], max_bytes: int = 20 * 1024 * 1024
) -> list[dict[str, Any]]:
    """The first sheet's rows as dicts keyed by header; refuses a file that is not XLSX."""
    if not data:
        raise ValidationFailed(CoreErrorCode.UNREADABLE_FILE, _("文件为空。"), field="file")
    if len(data) > max_bytes:
        raise ValidationFailed(CoreErrorCode.FILE_TOO_LARGE, _("文件过大。"), field="file")
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


def _clean(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        return value.strip()
    return value
