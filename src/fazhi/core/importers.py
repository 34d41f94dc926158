"""The mark of an import service the worker may run from a queued upload (``jobs.imports``).

Kept apart from ``core.exports`` so services can carry the mark without loading the sheet
helpers when the app registry starts.
"""

from __future__ import annotations

from collections.abc import Callable


def sheet_importer(func: Callable[..., int]) -> Callable[..., int]:
    """Mark an import service ``(*, actor, data, **kw) -> count`` as one the worker may run
    from a queued upload (``jobs.imports``): big sheets are never imported inside a request."""
    func.sheet_importer = True  # type: ignore[attr-defined]
    return func
