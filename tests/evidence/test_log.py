"""The database-backed log: appends, stored subtree hashes, proofs, signed heads and the audit."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from fazhi.evidence import domain, keys, log, merkle
from fazhi.evidence.log import AuditProblem
from fazhi.evidence.models import LogEntry, LogHead, SignedTreeHead, SubtreeHash

pytestmark = pytest.mark.django_db


def _entries(n: int, start: int = 0) -> list[tuple[str, dict]]:
    return [("anchor", {"v": 1, "type": "anchor", "n": start + i}) for i in range(n)]


def _append(n: int, start: int = 0) -> log.Appended:
    with transaction.atomic():
        return log.append(_entries(n, start))


def _raw(n: int) -> list[bytes]:
    return [domain.canonical_json(e) for _, e in _entries(n)]


def test_appends_match_the_reference_tree_and_sign_each_batch():
    for i in range(13):
        _append(1, i)
    _append(6, 13)
    raw = _raw(19)
    head = LogHead.objects.get()
    assert head.tree_size == 19
    assert bytes(head.root_hash) == merkle.root_hash(raw)
    sizes = list(SignedTreeHead.objects.values_list("tree_size", flat=True))
    assert sizes == [*range(1, 14), 19]
    for sth in SignedTreeHead.objects.all():
        assert bytes(sth.root_hash) == merkle.root_hash(raw[: sth.tree_size])
        assert domain.head_signature_valid(
            public_key=keys.public_key_bytes(),
            tree_size=sth.tree_size,
            timestamp=sth.timestamp,
            root_hash=bytes(sth.root_hash),
            signature=bytes(sth.signature),
        )


def test_proofs_from_the_store_equal_the_reference_proofs():
    _append(21)
    raw = _raw(21)
    for size in (1, 2, 5, 8, 13, 21):
        for index in range(size):
            assert log.inclusion_proof(index, size) == merkle.inclusion_proof(raw[:size], index)
        for old in range(1, size + 1):
            assert log.consistency_proof(old, size) == merkle.consistency_proof(raw[:size], old)


def test_append_and_proof_cost_a_constant_number_of_queries(django_assert_max_num_queries):
    _append(1000)
    # Lock the head, read the frontier, insert entries and subtrees, update the head, sign.
    with django_assert_max_num_queries(8), transaction.atomic():
        log.append(_entries(1, 1000))
    with django_assert_max_num_queries(1):
        log.inclusion_proof(517, 1001)
    with django_assert_max_num_queries(1):
        log.consistency_proof(300, 1001)


def test_append_stores_about_two_subtree_hashes_per_entry():
    _append(64)
    assert SubtreeHash.objects.count() == 127  # a perfect tree of 64 leaves has 127 nodes


def test_audit_passes_on_an_untouched_log():
    _append(5)
    _append(1, 5)
    report = log.audit()
    assert report.ok
    assert (report.entries, report.heads) == (6, 2)


def _tamper(sql: str, params: list) -> None:
    """Change a stored row as an attacker with database access would (PostgreSQL: past the
    append-only trigger, which only a superuser able to switch triggers off can do)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = origin")


def test_audit_finds_an_entry_whose_content_was_changed():
    for i in range(8):
        _append(1, i)
    forged = domain.canonical_json({"v": 1, "type": "anchor", "n": 999})
    _tamper("UPDATE evidence_logentry SET data = %s WHERE " + '"index" = 3', [forged])
    report = log.audit()
    assert report.finding is not None
    assert report.finding.problem == AuditProblem.ENTRY_CHANGED
    assert report.finding.index == 3


def test_audit_finds_an_entry_rewritten_together_with_its_leaf_hash():
    _append(4)
    _append(4, 4)
    forged = domain.canonical_json({"v": 1, "type": "anchor", "n": 999})
    _tamper(
        "UPDATE evidence_logentry SET data = %s, leaf_hash = %s WHERE " + '"index" = 6',
        [forged, merkle.leaf_hash(forged)],
    )
    finding = log.audit().finding
    assert finding is not None
    assert finding.problem == AuditProblem.ROOT_MISMATCH
    # The batch signed at size 8 added entries 4..7: the first entry that breaks it is 4.
    assert (finding.index, finding.tree_size) == (4, 8)


def test_audit_finds_a_head_with_a_forged_signature():
    _append(3)
    _append(2, 3)
    _tamper(
        "UPDATE evidence_signedtreehead SET signature = %s WHERE tree_size = 5",
        [b"\x01" * 64],
    )
    finding = log.audit().finding
    assert finding is not None
    assert (finding.problem, finding.tree_size) == (AuditProblem.BAD_SIGNATURE, 5)


def test_audit_finds_a_deleted_entry():
    _append(4)
    _tamper("DELETE FROM evidence_logentry WHERE " + '"index" = 1', [])
    finding = log.audit().finding
    assert finding is not None
    assert (finding.problem, finding.index) == (AuditProblem.ENTRY_MISSING, 1)


def test_audit_finds_stored_subtree_hashes_that_disagree():
    _append(4)
    _tamper(
        "UPDATE evidence_subtreehash SET hash = %s WHERE key = %s",
        [b"\x02" * 32, 0 * 64 + 2],
    )
    finding = log.audit().finding
    assert finding is not None
    assert finding.problem == AuditProblem.STORE_MISMATCH


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL trigger")
def test_postgresql_refuses_update_and_delete_on_log_tables():
    from django.db import DatabaseError

    _append(2)
    for statement in (
        "UPDATE evidence_logentry SET data = 'x'",
        "DELETE FROM evidence_logentry",
        "DELETE FROM evidence_signedtreehead",
        "UPDATE evidence_subtreehash SET hash = 'x'",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)
    assert LogEntry.objects.count() == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="several connections need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_from_several_connections_serialise():
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    from fazhi.evidence import services

    def anchor_five(worker: int) -> None:
        try:
            for i in range(5):
                services.anchor(
                    kind="audit_digest", reference=f"test:{worker}:{i}", digest=f"{worker:064x}"
                )
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(anchor_five, range(4)))
    assert list(LogEntry.objects.values_list("index", flat=True)) == list(range(20))
    assert list(SignedTreeHead.objects.values_list("tree_size", flat=True)) == list(range(1, 21))
    assert log.audit().ok
