"""On PostgreSQL, refuse UPDATE and DELETE on the log tables: the log is append-only for real.

Other databases have no triggers here; ``fazhi evidence audit`` detects tampering on any of them.
TRUNCATE stays possible (a statement, not a row change) so test databases can still be reset;
only an operator with DDL rights can use it, and the audit would then find the heads unmatched.
"""

from django.db import migrations

TABLES = ("evidence_logentry", "evidence_subtreehash", "evidence_signedtreehead", "evidence_anchor")

FUNCTION = """
CREATE OR REPLACE FUNCTION evidence_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'evidence log table % is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # No parameters: the function body's % placeholders are PL/pgSQL's, not the driver's.
    schema_editor.execute(FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION evidence_refuse_change()"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS evidence_refuse_change()")


class Migration(migrations.Migration):
    dependencies = [("evidence", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
