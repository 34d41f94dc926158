"""PDF from the same DOCX, through LibreOffice headless (``soffice --convert-to pdf``).

The DOCX is rendered with the installed fallback fonts (``layout.fonts_installed``) so the PDF
shows CJK glyphs even without the official fonts. Each conversion uses its own LibreOffice
profile directory, so parallel conversions (tests, workers) do not lock each other out.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from fazhi.core.documents.layout import fonts_installed
from fazhi.core.documents.model import OfficialDocument

TIMEOUT_SECONDS = 120
INSTALL_HINT = (
    "PDF output needs LibreOffice: run `make document-deps` (installs Debian's "
    "libreoffice-writer-nogui and fonts-noto-cjk)."
)


class PdfUnavailable(RuntimeError):
    """LibreOffice is not installed (or failed); the message says how to install it."""


def _soffice() -> str | None:
    configured = os.environ.get("FAZHI_SOFFICE")
    if configured:
        return configured if Path(configured).exists() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_available() -> bool:
    return _soffice() is not None


def docx_to_pdf(data: bytes) -> bytes:
    soffice = _soffice()
    if soffice is None:
        raise PdfUnavailable(INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="fazhi-pdf-") as work:
        source = Path(work) / "document.docx"
        source.write_bytes(data)
        profile = Path(work) / "profile"
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            work,
            str(source),
        ]
        try:
            subprocess.run(
                command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False, cwd=work
            )
        except (OSError, subprocess.SubprocessError) as error:
            raise PdfUnavailable(f"LibreOffice failed: {error}") from error
        target = Path(work) / "document.pdf"
        if not target.exists():
            raise PdfUnavailable("LibreOffice did not produce a PDF.")
        return target.read_bytes()


def render_pdf(doc: OfficialDocument) -> bytes:
    """The document as PDF bytes (raises ``PdfUnavailable`` without LibreOffice)."""
    from fazhi.core.documents.word import render_docx

    return docx_to_pdf(render_docx(doc, fonts_installed()))
