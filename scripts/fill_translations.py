"""Fill an English .po catalogue from a JSON glossary of {Chinese msgid: English}.

Used after `fazhi makemessages -l en`: entries already translated are kept, new ones are taken
from the glossary, and missing ones are listed so they can be added.
Usage: python scripts/fill_translations.py PO_FILE GLOSSARY_JSON
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _unquote(lines: list[str]) -> str:
    return "".join(
        bytes(m.group(1), "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
        for line in lines
        for m in QUOTED.finditer(line)
    )


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def fill(po_path: Path, glossary: dict[str, str]) -> list[str]:
    blocks = po_path.read_text(encoding="utf-8").split("\n\n")
    missing: list[str] = []
    out = []
    for block in blocks:
        lines = block.split("\n")
        keys = [
            i
            for i, line in enumerate(lines)
            if line.startswith(("msgid", "msgid_plural", "msgstr"))
        ]
        if not keys or not any(line.startswith("msgid ") for line in lines):
            out.append(block)
            continue
        sections: dict[str, list[str]] = {}
        current = None
        head = []
        for line in lines:
            match = re.match(r"^(msgid_plural|msgid|msgstr(?:\[\d\])?) ", line)
            if match:
                current = match.group(1)
                sections[current] = [line]
            elif current and line.startswith('"'):
                sections[current].append(line)
            else:
                head.append(line)
        msgid = _unquote(sections.get("msgid", []))
        if not msgid:
            out.append(block)
            continue
        existing = [k for k in sections if k.startswith("msgstr")]
        fuzzy = any(h.strip() == "#, fuzzy" for h in head)  # makemessages' guess: redo it
        if not fuzzy and all(_unquote(sections[k]) for k in existing):
            out.append(block)
            continue
        translation = glossary.get(msgid)
        if translation is None:
            missing.append(msgid)
            out.append(block)
            continue
        head = [h for h in head if h.strip() != "#, fuzzy" and not h.startswith("#|")]
        new = [*head, f"msgid {_quote(msgid)}"]
        if "msgid_plural" in sections:
            plural = _unquote(sections["msgid_plural"])
            new.append(f"msgid_plural {_quote(plural)}")
            singular = translation
            new.append(f"msgstr[0] {_quote(singular)}")
            new.append(f"msgstr[1] {_quote(glossary.get(plural + '|plural', singular))}")
        else:
            new.append(f"msgstr {_quote(translation)}")
        out.append("\n".join(new))
    po_path.write_text("\n\n".join(out), encoding="utf-8")
    return missing


if __name__ == "__main__":
    missing = fill(Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text(encoding="utf-8")))
    for msgid in missing:
        print("missing:", msgid)
