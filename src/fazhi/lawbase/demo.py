"""Demo hook: ``fazhi demo`` loads the law base from the shared corpus (idempotent, ~2 s)."""

from __future__ import annotations

from fazhi.lawbase import services
from fazhi.lawbase.selectors import corpus_directory


def build(*, admin, stdout) -> None:
    summary = services.laws_load(directory=corpus_directory(), actor=admin)
    if stdout is not None and (summary.added or summary.updated):
        stdout.write(
            f"法律法规库：新增 {summary.added} 部，更新 {summary.updated} 部，"
            f"共 {summary.laws_total} 部、{summary.articles_total} 条"
        )
