"""Start-up stays light: heavy libraries load where they are used, not when a process starts.

Structural, not timed (timings are ``benchmarks/web/startup.py``): a fresh interpreter sets up
the app registry, loads every URL pattern (so every view module and what it imports) and runs
``fazhi help``; none of the heavy modules may be in ``sys.modules`` afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

HEAVY = ["docx", "lxml", "openpyxl", "numpy", "qrcode", "PIL", "jieba", "sklearn", "ortools"]

PROGRAM = """
import json, sys
import django
django.setup()
after_setup = sorted(m for m in {heavy!r} if m in sys.modules)
services = sorted(
    m for m in sys.modules
    if m.startswith("fazhi.") and m.count(".") >= 2
    and (m.split(".")[2] in ("views", "api", "exports", "documents")
         or m.split(".")[1:3] in (["normdocs", "services"], ["enforcement", "services"],
                                  ["evidence", "services"], ["consultations", "services"]))
)
from django.urls import get_resolver
get_resolver().url_patterns
from fazhi.wsgi import application
after_urls = sorted(m for m in {heavy!r} if m in sys.modules)
print(json.dumps({{"setup": after_setup, "services": services, "urls": after_urls}}))
"""


def _run(program: str, tmp_path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "fazhi.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path}/startup.sqlite3",
        "FAZHI_VAR_DIR": str(tmp_path),
    }
    return subprocess.run(
        [sys.executable, "-c", program], env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("startup")
    result = _run(PROGRAM.format(heavy=HEAVY), tmp_path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_registry_loads_no_heavy_library_and_no_views(loaded):
    assert loaded["setup"] == []
    # Apps' ready() and admin modules register things; they do not pull in the views, the
    # documents and exports, or the big apps' services (python-docx came that way).
    assert loaded["services"] == []


def test_the_web_process_loads_no_heavy_library_until_a_request_needs_it(loaded):
    assert loaded["urls"] == []


def test_the_fazhi_command_loads_no_heavy_library(tmp_path):
    program = (
        "import sys\n"
        "sys.argv = ['fazhi', 'help']\n"
        "from fazhi.cli import main\n"
        "main()\n"
        f"print('HEAVY', [m for m in {HEAVY!r} if m in sys.modules])\n"
    )
    result = _run(program, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "HEAVY []"


def test_the_lazy_paths_still_load_what_they_need(tmp_path):
    """Where a library is used, it is there: a DOCX is rendered, an upload read, a QR drawn."""
    program = (
        "import django, sys\n"
        "django.setup()\n"
        "import datetime as dt\n"
        "from fazhi.core import documents\n"
        "data = documents.render_docx(documents.OfficialDocument(title='t', addressee='a',"
        " blocks=[documents.Paragraph('p')], issuer='i', date=dt.date(2023, 1, 1)))\n"
        "from fazhi.normdocs.uploads import docx_text\n"
        "assert 'p' in docx_text('a.docx', data)\n"
        "from fazhi.evidence.views import qr_svg\n"
        "assert qr_svg('https://example.org').startswith('<')\n"
        "print('OK', 'docx' in sys.modules, 'qrcode' in sys.modules)\n"
    )
    result = _run(program, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "OK True True"
