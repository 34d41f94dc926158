"""The tampering matrix: every way of falsifying or cutting the log is caught, with exit 1.

Each case builds a healthy log, saves the witness head (what the operator archives), tampers as
the tables' owner would (on PostgreSQL with triggers switched off, as a superuser can), and runs
``fazhi evidence audit``.  The PostgreSQL cases at the end show what the triggers and a
non-owner application role refuse outright.
"""

from __future__ import annotations

import json
import uuid
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from fazhi.evidence import keys, log, selectors, services, verification
from fazhi.evidence.audit import AuditProblem, Witness
from fazhi.evidence.models import LogEntry, subtree_key

pytestmark = pytest.mark.django_db

POSTGRES = connection.vendor == "postgresql"


def _audit(*extra: str) -> tuple[int, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("evidence", "audit", *extra, stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(exit_.code or 0), err.getvalue()
    return 0, out.getvalue()


def _tamper(*statements: tuple[str, list]) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        if POSTGRES:
            cursor.execute("SET LOCAL session_replication_role = replica")
        for sql, params in statements:
            cursor.execute(sql, params)
    log.forget_cached_frontier()


def _anchors(n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        services.anchor(kind="test", reference=f"test:{i}", digest=f"{i:064x}")


@pytest.fixture
def healthy(witness_path):
    """Eight anchors, the witness saved at 8 (``fazhi evidence witness save``)."""
    _anchors(8)
    call_command("evidence", "witness", "save", stdout=StringIO())
    assert _audit()[0] == 0
    return witness_path


def _finding(witness_path) -> AuditProblem | None:
    report = log.audit(witness=Witness.from_json(witness_path.read_bytes()))
    return report.finding.problem if report.finding else None


def test_changed_entry(healthy):
    _tamper(('UPDATE evidence_logentry SET data = %s WHERE "index" = 3', [b'{"forged":1}']))
    assert _audit()[0] == 1
    assert _finding(healthy) == AuditProblem.ENTRY_CHANGED


def test_deleted_middle_entry(healthy):
    _tamper(
        ("DELETE FROM evidence_anchor WHERE entry_id = 4", []),
        ('DELETE FROM evidence_logentry WHERE "index" = 4', []),
    )
    assert _audit()[0] == 1
    assert _finding(healthy) == AuditProblem.ENTRY_MISSING


def test_tail_cut_consistently_is_caught_by_the_witness(healthy):
    # The attacker removes the last entry with everything that would betray it: its head, its
    # subtree hashes, and puts the head row back to size 7.  Only the witness still knows.
    root7 = log.root_at(7)
    keys_of_8 = [subtree_key(7, 8), subtree_key(6, 8), subtree_key(4, 8), subtree_key(0, 8)]
    _tamper(
        ("DELETE FROM evidence_anchor WHERE entry_id = 7", []),
        ('DELETE FROM evidence_logentry WHERE "index" = 7', []),
        ("DELETE FROM evidence_signedtreehead WHERE tree_size = 8", []),
        (f"DELETE FROM evidence_subtreehash WHERE key IN ({','.join(map(str, keys_of_8))})", []),
        ("UPDATE evidence_loghead SET tree_size = 7, root_hash = %s", [root7]),
    )
    assert log.audit().ok  # without the witness the cut log looks whole
    code, err = _audit()
    assert code == 1 and "少于见证树头" in err
    assert _finding(healthy) == AuditProblem.WITNESS_AHEAD


def test_heads_truncated(healthy):
    _tamper(("DELETE FROM evidence_signedtreehead", []))
    assert _audit()[0] == 1


def test_whole_log_emptied(healthy):
    _tamper(
        *(
            (f"DELETE FROM {table}", [])
            for table in (
                "evidence_anchor",
                "evidence_logentry",
                "evidence_subtreehash",
                "evidence_signedtreehead",
                "evidence_loghead",
            )
        )
    )
    code, err = _audit()
    assert code == 1 and "少于见证树头" in err


def test_rolled_back_and_regrown_log_is_a_fork(healthy):
    # Cut back to 4 entries and grow again with other content: same size, different history.
    _tamper(
        *(
            (f"DELETE FROM {table}", [])
            for table in (
                "evidence_anchor",
                "evidence_logentry",
                "evidence_subtreehash",
                "evidence_signedtreehead",
                "evidence_loghead",
            )
        )
    )
    _anchors(9, start=100)
    code, err = _audit()
    assert code == 1 and "分叉" in err
    assert _finding(healthy) == AuditProblem.WITNESS_MISMATCH


def test_overwritten_internal_node(healthy):
    # [0, 2) is an internal node under the root, not part of the size-8 frontier.
    _tamper(("UPDATE evidence_subtreehash SET hash = %s WHERE key = %s", [b"\x07" * 32, 1]))
    code, err = _audit()
    assert code == 1 and "子树哈希" in err


def test_forged_anchor_digest_is_caught_and_not_believed(healthy):
    forged = "ab" * 32
    _tamper(("UPDATE evidence_anchor SET digest = %s WHERE entry_id = 2", [forged]))
    assert _audit()[0] == 1
    assert _finding(healthy) == AuditProblem.SIDE_TABLE
    outcomes = verification.verify_submission(
        certificate_text=None, file_sha256=None, sha256=forged
    )
    assert [o.code for o in outcomes] == [verification.NOT_DEPOSITED]


def test_forged_deposit_hash_is_caught_and_not_believed(users, witness_path):
    deposit = services.deposit_create(
        actor=users["public"], upload=SimpleUploadedFile("f.txt", b"real content"), title="t"
    )
    call_command("evidence", "witness", "save", stdout=StringIO())
    forged = "cd" * 32
    _tamper(
        (
            "UPDATE evidence_deposit SET file_sha256 = %s WHERE entry_id = %s",
            [forged, deposit.entry_id],
        )
    )
    code, err = _audit()
    assert code == 1 and "deposit.file_sha256" in err
    outcomes = verification.verify_submission(
        certificate_text=None, file_sha256=None, sha256=forged
    )
    assert not outcomes[0].valid and outcomes[0].code == verification.NOT_DEPOSITED
    # The depositor's certificate still proves the real file from the entry itself.
    certificate = selectors.certificate_for_entry(LogEntry.objects.get(pk=deposit.entry_id))
    outcome = verification.check_certificate(
        certificate_text=json.dumps(certificate.as_dict()),
        file_sha256=certificate.entry["file_sha256"],
    )
    assert outcome.valid


def test_forged_witness_is_refused(healthy):
    data = json.loads(healthy.read_text())
    data["tree_size"] = 9
    healthy.write_text(json.dumps(data))
    code, err = _audit()
    assert code == 1 and "见证树头无效" in err


def test_a_kept_certificate_serves_as_witness(healthy, tmp_path):
    entry = LogEntry.objects.get(pk=7)
    certificate = tmp_path / "certificate.json"
    certificate.write_text(json.dumps(selectors.certificate_for_entry(entry).as_dict()))
    _tamper(("DELETE FROM evidence_signedtreehead", []))
    code, _ = _audit("--witness", str(certificate), "--no-update")
    assert code == 1


def test_missing_key_refuses_to_sign_and_names_the_key(healthy, tmp_path, monkeypatch):
    path = keys.key_path()
    moved = tmp_path / "moved.pem"
    path.rename(moved)
    try:
        with pytest.raises(keys.SigningKeyMissing, match=str(path)):
            _anchors(1, start=50)
        assert LogEntry.objects.count() == 8
        # Auditing and verifying need only the public keys: they never create a new key.
        assert _audit()[0] == 0
        assert not path.exists()
    finally:
        moved.rename(path)


def test_rotated_key_keeps_old_heads_and_certificates_valid(healthy):
    old_log_id = keys.log_id()
    certificate = selectors.certificate_for_entry(LogEntry.objects.get(pk=3)).as_dict()
    call_command("evidence", "rotate-key", stdout=StringIO())
    assert keys.log_id() != old_log_id
    _anchors(3, start=20)
    assert _audit()[0] == 0
    outcome = verification.check_certificate(
        certificate_text=json.dumps(certificate), file_sha256=None
    )
    assert outcome.valid


def test_first_set_up_only_generates_a_key(tmp_path, monkeypatch, settings):
    monkeypatch.setenv(keys.KEY_PATH_ENV, str(tmp_path / "k" / "key.pem"))
    settings.FAZHI_EVIDENCE_KEYGEN_ON_FIRST_USE = False
    with pytest.raises(keys.SigningKeyMissing):
        _anchors(1)
    call_command("evidence", "keygen", stdout=StringIO())
    _anchors(1)
    assert LogEntry.objects.count() == 1


# --------------------------------------------------------------------------- PostgreSQL guards

pg_only = pytest.mark.skipif(not POSTGRES, reason="PostgreSQL triggers and roles")


def _refused(statement: str, params=None, match: str = "append-only") -> None:
    with (
        pytest.raises(DatabaseError, match=match),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SET LOCAL fazhi.evidence_maintenance = 'off'")
        cursor.execute(statement, params or [])


@pg_only
def test_postgresql_guards_deposits_head_and_truncate(users):
    deposit = services.deposit_create(
        actor=users["public"], upload=SimpleUploadedFile("f.txt", b"x"), title="t"
    )
    _refused("UPDATE evidence_deposit SET file_sha256 = %s", ["ab" * 32])
    _refused("DELETE FROM evidence_deposit")
    _refused("UPDATE evidence_loghead SET tree_size = 0")
    _refused("DELETE FROM evidence_loghead")
    for table in ("evidence_subtreehash", "evidence_signedtreehead", "evidence_loghead"):
        _refused(f"TRUNCATE {table}")
    # An erasure still works: it changes only the columns the log does not commit to.
    services.deposit_erase_file(actor=users["public"], deposit=deposit, reason="依申请删除")


@pg_only
def test_a_non_owner_app_role_cannot_rewrite_or_unguard_the_log():
    import psycopg

    from fazhi.evidence.grants import grant_statements

    role = f"fazhi_app_{uuid.uuid4().hex[:8]}"
    params = connection.get_connection_params()
    admin = psycopg.connect(**params, autocommit=True)
    try:
        admin.execute(f'CREATE ROLE "{role}" LOGIN')
        for statement in grant_statements(role):
            admin.execute(statement)
        app = psycopg.connect(**{**params, "user": role}, autocommit=True)
        try:
            app.execute("SELECT count(*) FROM evidence_logentry")
            for statement in (
                "UPDATE evidence_logentry SET data = 'x'",
                "DELETE FROM evidence_signedtreehead",
                "TRUNCATE evidence_subtreehash",
                "UPDATE evidence_deposit SET file_sha256 = 'x'",
                "DELETE FROM evidence_loghead",
                "ALTER TABLE evidence_logentry DISABLE TRIGGER ALL",
                "DROP TRIGGER evidence_logentry_append_only ON evidence_logentry",
            ):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    app.execute(statement)
            app.execute("UPDATE evidence_deposit SET status = status")  # erasure columns
        finally:
            app.close()
    finally:
        admin.execute(f'DROP OWNED BY "{role}"')
        admin.execute(f'DROP ROLE "{role}"')
        admin.close()
