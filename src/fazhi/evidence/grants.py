"""What an application role that does not own the tables may do, on PostgreSQL.

Migrations run as the owner; the web and task processes connect as another role, granted by
the SQL below (``fazhi evidence grants ROLE``, rerun after each migration that adds tables).
That role can read and write the ordinary tables, but on the log it may only INSERT (and move
the head row forward); it cannot UPDATE, DELETE or TRUNCATE the log, and, not owning the
tables, cannot disable or drop their triggers.  This, not the trigger, is what stops a
compromised application from rewriting history; the trigger guards against mistakes by the
owner.
"""

from __future__ import annotations

from fazhi.evidence.models import APPEND_ONLY_TABLES

# Columns an erasure changes; everything the log entry commits to stays frozen.
DEPOSIT_MUTABLE_COLUMNS = ("status", "erased_at", "erasure_reason", "original_name", "description")


def _quoted(role: str) -> str:
    return '"' + role.replace('"', '""') + '"'


def grant_statements(role: str, *, schema: str = "public") -> list[str]:
    who = _quoted(role)
    log_tables = ", ".join(APPEND_ONLY_TABLES)
    return [
        f"GRANT USAGE ON SCHEMA {schema} TO {who}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {who}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {who}",
        f"REVOKE UPDATE, DELETE, TRUNCATE ON {log_tables} FROM {who}",
        f"REVOKE DELETE, TRUNCATE ON evidence_loghead FROM {who}",
        f"REVOKE UPDATE, DELETE, TRUNCATE ON evidence_deposit FROM {who}",
        f"GRANT UPDATE ({', '.join(DEPOSIT_MUTABLE_COLUMNS)}) ON evidence_deposit TO {who}",
    ]
