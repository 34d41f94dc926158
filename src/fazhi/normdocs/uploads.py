"""Reading an uploaded draft: size and type checks, DOCX to text, content-addressed storage."""

from __future__ import annotations

import hashlib
import io
import zipfile

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from fazhi.core.errors import ValidationFailed
from fazhi.core.exports import check_archive
from fazhi.normdocs.error_codes import NormdocsErrorCode as Code


def check_size(data: bytes, *, field: str) -> None:
    if not data:
        raise ValidationFailed(Code.EMPTY_FILE, _("上传的文件为空。"), field=field)
    if len(data) > settings.FAZHI_MAX_UPLOAD_BYTES:
        raise ValidationFailed(
            Code.FILE_TOO_LARGE,
            _("文件不得超过%(mb)sMB。") % {"mb": settings.FAZHI_MAX_UPLOAD_BYTES // (1024 * 1024)},
            field=field,
        )


def docx_text(name: str, data: bytes, *, field: str = "upload") -> str:
    """The text of a Word (.docx) file: paragraphs, then table cells, one per line."""
    check_size(data, field=field)
    if not name.lower().endswith(".docx"):
        raise ValidationFailed(Code.NOT_DOCX, _("请上传 Word（.docx）格式的文件。"), field=field)
    check_archive(data, field=field)  # a small DOCX may expand to gigabytes of XML
    # python-docx (and lxml) only when a file is read, not at start-up.
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ValidationFailed(
            Code.NOT_DOCX, _("无法读取文件：不是有效的 Word（.docx）文件。"), field=field
        ) from error
    lines = [p.text.strip() for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text.strip() for cell in row.cells)
    text = "\n".join(line for line in lines if line)
    if not text:
        raise ValidationFailed(Code.EMPTY_FILE, _("文件中没有可读取的正文。"), field=field)
    return text


def store(data: bytes, *, folder: str, suffix: str) -> str:
    """Store the bytes under their SHA-256 (once) and return the hash."""
    digest = hashlib.sha256(data).hexdigest()
    path = f"{folder}/{digest}{suffix}"
    if not default_storage.exists(path):
        default_storage.save(path, ContentFile(data))
    return digest
