"""Report and dashboard reads from a PostgreSQL streaming replica (off unless configured).

With ``DATABASE_REPLICA_URL`` set, settings add a ``replica`` database and this router. A GET
(or HEAD) request to one of ``FAZHI_REPLICA_PATHS`` (reports, dashboards, indicators) runs with
replica reads on: every read it makes goes to the replica, except accounts and sessions (a
just-created session may not have reached the replica yet) and anything inside a transaction on
the primary. Writes, migrations and every other request use the primary. A replica lags by
seconds: acceptable for reports, never for a record being worked on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
# Accounts, sessions and tokens are read on every request and must see the newest write.
PRIMARY_ONLY_APPS = frozenset({"auth", "sessions", "authtoken", "contenttypes", "admin"})
_replica_reads: ContextVar[bool] = ContextVar("fazhi_replica_reads", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def replica_reads() -> Iterator[None]:
    """Within this block, reads go to the replica (when one is configured)."""
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


class ReportReplicaRouter:
    def db_for_read(self, model, **hints) -> str | None:
        if (
            _replica_reads.get()
            and replica_configured()
            and model._meta.app_label not in PRIMARY_ONLY_APPS
            and not connections["default"].in_atomic_block
        ):
            return REPLICA
        return None  # the primary

    def db_for_write(self, model, **hints) -> str | None:
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        # One database seen twice: objects read from either may be related.
        if {obj1._state.db, obj2._state.db} <= {"default", REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool | None:
        return False if db == REPLICA else None  # a streaming replica is read-only


class ReplicaReadsMiddleware:
    """Turn replica reads on for safe requests to the report and dashboard paths."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method in ("GET", "HEAD")
            and replica_configured()
            and request.path.startswith(tuple(settings.FAZHI_REPLICA_PATHS))
        ):
            with replica_reads():
                return self.get_response(request)
        return self.get_response(request)
