"""The English catalogue of the shared templates and core covers every string, and is compiled."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

LOCALE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"


def test_every_core_string_has_an_english_translation():
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    blocks = text.split("\n\n")[1:]  # the first block is the header
    untranslated = [
        block
        for block in blocks
        if re.search(r'^msgstr(\[0\])? ""[ \t]*(\n(?!")|\Z)', block, flags=re.MULTILINE)
        and "#, fuzzy" not in block
    ]
    assert not untranslated, untranslated[:3]
    assert "#, fuzzy" not in "\n\n".join(blocks)


def test_catalogue_is_compiled_after_its_last_change():
    assert (LOCALE / "django.mo").stat().st_size > 1000
