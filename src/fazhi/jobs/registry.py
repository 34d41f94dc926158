"""What may run as a job: apps register a runner under a kind (its dotted path).

A runner is ``run(job, progress) -> Outcome``; ``progress(done, total)`` saves how far it got.
An export returns the file's bytes and its Chinese title (the file is named title + date); an
import returns a message. An all-or-nothing import raises ``ImportFailed`` with its rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any


@dataclass
class Outcome:
    message: str = ""
    content: bytes | None = None
    title: str = ""
    extension: str = "xlsx"


Runner = Callable[[Any, Callable[[int, int], None]], Outcome]
_runners: dict[str, Runner] = {}


def job_runner(func: Runner) -> Runner:
    """Decorator: register ``func`` under its dotted path."""
    _runners[kind_of(func)] = func
    return func


def kind_of(func: Callable[..., Any]) -> str:
    return f"{func.__module__}.{func.__qualname__}"


def runner_for(kind: str) -> Runner:
    """The registered runner of ``kind`` (its module is imported first); KeyError if none."""
    module = kind.rsplit(".", 1)[0]
    if kind not in _runners and module.startswith("fazhi."):
        import_module(module)
    return _runners[kind]
