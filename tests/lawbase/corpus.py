"""A small copy of the law corpus for fast tests: three laws, their index entries, a temp dir."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

LAWS_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "laws"
SMALL_TITLES = ("中华人民共和国行政处罚法", "法规规章备案条例", "法规规章备案审查条例")


def make_small_corpus(directory: Path, titles: tuple[str, ...] = SMALL_TITLES) -> Path:
    """Copy ``titles`` (files and index entries) from the shared corpus into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    entries = [
        entry
        for entry in json.loads((LAWS_DIR / "index.json").read_text(encoding="utf-8"))
        if entry["title"] in titles
    ]
    for entry in entries:
        shutil.copyfile(LAWS_DIR / entry["file"], directory / entry["file"])
    (directory / "index.json").write_text(
        json.dumps(entries, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return directory
