"""A per-client-address limit on public form submissions, kept in the (shared) cache."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest

LIMIT = 10
WINDOW_SECONDS = 3600


def over_limit(
    request: HttpRequest, bucket: str, limit: int = LIMIT, window: int = WINDOW_SECONDS
) -> bool:
    """Count one submission to ``bucket`` from the client's address; True past ``limit``."""
    key = f"ratelimit:{bucket}:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count > limit
