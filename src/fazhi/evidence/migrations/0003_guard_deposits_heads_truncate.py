"""On PostgreSQL, extend the append-only guard to deposits, the head row and TRUNCATE.

* ``evidence_deposit``: no DELETE, and no UPDATE of what the log entry commits to (id, entry,
  file hash, size, media type, depositor reference, time); an erasure changes only its status
  and the personal details.
* ``evidence_loghead``: no DELETE, and the tree never shrinks or changes root at the same size.
* TRUNCATE of any evidence table is refused, unless the session says
  ``SET fazhi.evidence_maintenance = 'on'`` (test databases are reset by TRUNCATE).  Any role may
  set that, so the trigger guards against mistakes only; the protection against a compromised
  application is that its role does not own the tables (``fazhi evidence grants``).
"""

from django.db import migrations

LOG_TABLES = ("evidence_logentry", "evidence_subtreehash", "evidence_signedtreehead", "evidence_anchor")
ALL_TABLES = (*LOG_TABLES, "evidence_deposit", "evidence_loghead")

FUNCTIONS = """
CREATE OR REPLACE FUNCTION evidence_refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('fazhi.evidence_maintenance', true), '') = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'evidence log table % is append-only: TRUNCATE refused', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE OR REPLACE FUNCTION evidence_guard_deposit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'evidence_deposit is append-only: DELETE refused'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.id IS DISTINCT FROM OLD.id OR NEW.entry_id IS DISTINCT FROM OLD.entry_id
       OR NEW.file_sha256 IS DISTINCT FROM OLD.file_sha256 OR NEW.size IS DISTINCT FROM OLD.size
       OR NEW.media_type IS DISTINCT FROM OLD.media_type
       OR NEW.depositor_ref IS DISTINCT FROM OLD.depositor_ref
       OR NEW.depositor_id IS DISTINCT FROM OLD.depositor_id
       OR NEW.deposited_at IS DISTINCT FROM OLD.deposited_at THEN
        RAISE EXCEPTION 'evidence_deposit is append-only: the logged fields cannot change'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION evidence_guard_loghead() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'evidence_loghead is append-only: DELETE refused'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.tree_size < OLD.tree_size
       OR (NEW.tree_size = OLD.tree_size AND NEW.root_hash IS DISTINCT FROM OLD.root_hash) THEN
        RAISE EXCEPTION 'evidence_loghead is append-only: the log cannot shrink or change'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTIONS, params=None)
    for table in ALL_TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION evidence_refuse_truncate()"
        )
    for table, function in (
        ("evidence_deposit", "evidence_guard_deposit"),
        ("evidence_loghead", "evidence_guard_loghead"),
    ):
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in ALL_TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
    for table in ("evidence_deposit", "evidence_loghead"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    for function in ("evidence_refuse_truncate", "evidence_guard_deposit", "evidence_guard_loghead"):
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {function}()")


class Migration(migrations.Migration):
    dependencies = [("evidence", "0002_append_only_trigger")]

    operations = [migrations.RunPython(forwards, backwards)]
