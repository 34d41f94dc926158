"""The dashboard's cache: each part (figures, towns, one chart) per (scope, year), kept until a
record of an app that registers figures changes (a version counter bumped on save and delete),
and at most ``FAZHI_DASHBOARD_CACHE_SECONDS`` (default 10 minutes) in any case.

The version is one number for every scope and year: a changed mediation case of one town makes
the next view of any scope recompute, which is cheap now that each part is a few grouped
queries; finer keys would have to know which figures read which records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

VERSION_KEY = "dashboards:version"
# Apps whose records never move a figure (their saves would only empty the cache).
_IGNORED_APPS = {"sessions", "admin", "contenttypes", "auth", "dashboards", "reports"}


@dataclass(frozen=True)
class Part:
    value: Any
    computed_at: dt.datetime


def _timeout() -> int:
    return int(getattr(settings, "FAZHI_DASHBOARD_CACHE_SECONDS", 600))


def version() -> int:
    value = cache.get(VERSION_KEY)
    if value is None:
        value = 1
        cache.add(VERSION_KEY, value, None)
    return int(value)


def invalidate() -> None:
    """Every cached part becomes stale (a record changed, or ``?refresh=1``)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.set(VERSION_KEY, 2, None)


def cached(part: str, scope, year: int, compute: Callable[[], Any]) -> Part:
    key = f"dashboards:{version()}:{part}:{scope.pk}:{year}"
    found = cache.get(key)
    if found is None:
        found = Part(compute(), timezone.now())
        cache.set(key, found, _timeout())
    return found


_watched: set[type] = set()


def _changed(sender, **kwargs) -> None:
    if sender in _watched:
        invalidate()


def connect() -> None:
    """Watch the models of every fazhi app (``AppConfig.ready``).

    One receiver for all senders, filtered by a set: connecting it once per model (about 480
    connections) cost start-up a quadratic scan of the signal's receiver list.
    """
    for config in apps.get_app_configs():
        if config.name.startswith("fazhi.") and config.label not in _IGNORED_APPS:
            _watched.update(config.get_models())
    post_save.connect(_changed, dispatch_uid="dashboards:changed")
    post_delete.connect(_changed, dispatch_uid="dashboards:changed:delete")
