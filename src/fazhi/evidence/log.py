"""The live log in the database: append, sign, prove and audit in O(log n) per operation.

Appending ``k`` entries locks the ``LogHead`` row (PostgreSQL: ``SELECT … FOR UPDATE`` queues
concurrent web processes; SQLite's IMMEDIATE transactions serialise writers), reads the
frontier (at most log2(n) stored perfect-subtree hashes, one query), folds the new leaves in
with ``merkle.append_to_frontier``, stores the completed subtree hashes and signs one new tree
head for the batch.  Proofs ask ``merkle.*_proof_from`` which nodes they need, fetch exactly the
stored perfect subtrees covering them in one query, and assemble the proof.

``audit`` (module ``audit``) is the opposite: it trusts nothing stored but the entries, checks
the signed heads and a witness head kept outside the database, and recomputes the tree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from django.db import models, transaction
from django.utils import timezone

from fazhi.evidence import keys, merkle
from fazhi.evidence.domain import (
    canonical_json,
    log_id_for,
    timestamp_ms,
    tree_head_message,
)
from fazhi.evidence.models import LogEntry, LogHead, SignedTreeHead, SubtreeHash, subtree_key

_DUMMY_HASH = b"\x00" * merkle.HASH_SIZE
# Rows per INSERT statement: 5 parameters a row stays under SQLite's 32,766-variable limit.
_CHUNK = 2000


def _bytes(value: bytes | memoryview) -> bytes:
    # PostgreSQL hands BinaryField values back as memoryview.
    return bytes(value)


def _locked_head() -> LogHead:
    head = LogHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        LogHead.objects.get_or_create(pk=1, defaults={"root_hash": merkle.EMPTY_ROOT})
        head = LogHead.objects.select_for_update().get(pk=1)
    return head


class LogCorrupted(RuntimeError):
    """The stored frontier no longer reproduces the head row: refuse to extend a damaged log."""


def _perfect_hashes(ranges: Iterable[tuple[int, int]]) -> dict[tuple[int, int], bytes]:
    wanted = {subtree_key(s, e): (s, e) for s, e in ranges}
    if not wanted:
        return {}
    found = {
        wanted[key]: _bytes(value)
        for key, value in SubtreeHash.objects.filter(key__in=list(wanted)).values_list(
            "key", "hash"
        )
    }
    missing = set(wanted.values()) - set(found)
    if missing:
        raise LookupError(f"stored subtree hashes missing for {sorted(missing)[:3]}")
    return found


# The frontier (hashes of the perfect subtrees covering the log) after the last append this
# process committed, by database alias: the next append reuses it when the locked head row still
# says the same size and root, so an append reads no subtree hash at all.
_FRONTIER: dict[str, tuple[int, bytes, tuple[bytes, ...]]] = {}


def _frontier(alias: str, size: int, root: bytes) -> list[bytes]:
    cached = _FRONTIER.get(alias)
    if cached is not None and cached[0] == size and cached[1] == root:
        return list(cached[2])
    ranges = merkle.perfect_subtrees(0, size)
    try:
        stored = _perfect_hashes(ranges)
    except LookupError as error:
        raise LogCorrupted(str(error)) from None
    frontier = [stored[r] for r in ranges]
    if size and merkle.root_from_perfect_subtrees(frontier) != root:
        raise LogCorrupted(f"stored subtree hashes do not reproduce the root at size {size}")
    return frontier


def forget_cached_frontier() -> None:
    _FRONTIER.clear()


@dataclass(frozen=True)
class Appended:
    rows: list[tuple[int, str, bytes, bytes]]
    logged_at: dt.datetime
    alias: str
    head: SignedTreeHead

    @cached_property
    def entries(self) -> list[LogEntry]:
        """Model instances of the appended rows, built only when a caller wants them (a
        deposit points at its entry; a bulk append of 10^5 anchors does not)."""
        return _saved_entries(self.alias, self.rows, self.logged_at)


def append(entries: Sequence[tuple[str, dict]], *, now: dt.datetime | None = None) -> Appended:
    """Append ``(entry_type, entry)`` pairs and sign the new head; call inside ``atomic``.

    The caller's transaction keeps the head row locked until it commits, so the entries, the
    subtree hashes, the head and the caller's own rows (the deposit) appear together or not at
    all.  A batch costs one bulk insert of entries, one of subtree hashes, one head update and
    one signed head, whatever its length.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("evidence log appends must run inside transaction.atomic")
    if not entries:
        raise ValueError("nothing to append")
    # Load the key before touching the log: a missing key refuses the append, never a new key.
    key = keys.signing_key()
    now = now or timezone.now()
    head = _locked_head()
    size = head.tree_size
    frontier = _frontier(connection.alias, size, _bytes(head.root_hash))
    rows: list[tuple[int, str, bytes, bytes]] = []
    subtrees: list[tuple[int, bytes]] = []
    for entry_type, entry in entries:
        data = canonical_json(entry)
        leaf = merkle.leaf_hash(data)
        frontier, completed = merkle.append_to_frontier(frontier, size, leaf)
        rows.append((size, entry_type, data, leaf))
        subtrees.extend((subtree_key(s, e), h) for s, e, h in completed)
        size += 1
    _insert(connection, rows, subtrees, now)
    root = merkle.root_from_perfect_subtrees(frontier)
    head.tree_size = size
    head.root_hash = root
    head.save(update_fields=["tree_size", "root_hash", "updated_at"])
    signed = _sign(key, size, root, now)
    state = (size, root, tuple(frontier))
    alias = connection.alias
    transaction.on_commit(lambda: _FRONTIER.__setitem__(alias, state), using=alias)
    return Appended(rows, now, alias, signed)


def _column(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    # a concrete column, not a reverse relation
    assert isinstance(field, models.Field) and field.column is not None
    return field.column


def _insert(connection, rows, subtrees, now: dt.datetime) -> None:
    """Rows straight to the tables (multi-row INSERTs on SQLite, a pipelined executemany on
    PostgreSQL): Django's ``bulk_create`` costs more per row than the hashing does, and a batch
    append should cost little more than its hashing."""
    ops = connection.ops
    logged_at = ops.adapt_datetimefield_value(now)
    entry_table = ops.quote_name(LogEntry._meta.db_table)
    entry_columns = ", ".join(
        ops.quote_name(_column(LogEntry, f))
        for f in ("index", "entry_type", "data", "leaf_hash", "logged_at")
    )
    subtree_table = ops.quote_name(SubtreeHash._meta.db_table)
    entry_sql = f"INSERT INTO {entry_table} ({entry_columns}) VALUES "
    subtree_sql = f'INSERT INTO {subtree_table} ("key", "hash") VALUES '
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY: one statement per table, rows streamed (psycopg's per-statement cost would
            # otherwise exceed the hashing).
            raw = cursor.cursor
            with raw.copy(f"COPY {entry_table} ({entry_columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row((*row, now))
            with raw.copy(f'COPY {subtree_table} ("key", "hash") FROM STDIN') as copy:
                for row in subtrees:
                    copy.write_row(row)
            return
        for start in range(0, len(rows), _CHUNK):
            chunk = rows[start : start + _CHUNK]
            cursor.execute(
                entry_sql + ", ".join(["(%s, %s, %s, %s, %s)"] * len(chunk)),
                [v for row in chunk for v in (*row, logged_at)],
            )
        for start in range(0, len(subtrees), _CHUNK):
            chunk = subtrees[start : start + _CHUNK]
            cursor.execute(
                subtree_sql + ", ".join(["(%s, %s)"] * len(chunk)),
                [v for row in chunk for v in row],
            )


def _saved_entries(alias: str, rows, now: dt.datetime) -> list[LogEntry]:
    """Model instances of the rows just inserted (callers point their records at them)."""
    entries = []
    for index, entry_type, data, leaf in rows:
        entry = LogEntry(
            index=index, entry_type=entry_type, data=data, leaf_hash=leaf, logged_at=now
        )
        entry._state.adding = False
        entry._state.db = alias
        entries.append(entry)
    return entries


def _sign(key, tree_size: int, root: bytes, now: dt.datetime) -> SignedTreeHead:
    log_id = log_id_for(keys.raw_public(key))
    stamp = timestamp_ms(now)
    signature = key.sign(
        tree_head_message(log_id=log_id, tree_size=tree_size, timestamp=stamp, root_hash=root)
    )
    return SignedTreeHead.objects.create(
        tree_size=tree_size, root_hash=root, timestamp=stamp, signature=signature, log_id=log_id
    )


# --------------------------------------------------------------------------- proofs


def _from_store(prove: Callable[[merkle.SubtreeHashGetter], list[bytes]]) -> list[bytes]:
    """Run a ``*_proof_from`` twice: once to learn which nodes it needs (the shape of a proof
    depends only on the sizes), then with those nodes' hashes fetched in a single query."""
    nodes: list[tuple[int, int]] = []

    def record(start: int, end: int) -> bytes:
        nodes.append((start, end))
        return _DUMMY_HASH

    prove(record)
    ranges = [r for s, e in nodes for r in merkle.perfect_subtrees(s, e)]
    hashes = _perfect_hashes(ranges)
    return prove(lambda s, e: merkle.subtree_hash_from_perfect(lambda a, b: hashes[(a, b)], s, e))


def inclusion_proof(index: int, tree_size: int) -> list[bytes]:
    return _from_store(lambda get: merkle.inclusion_proof_from(get, index, tree_size))


def consistency_proof(old_size: int, new_size: int) -> list[bytes]:
    return _from_store(lambda get: merkle.consistency_proof_from(get, old_size, new_size))


def root_at(tree_size: int) -> bytes:
    """Root of the log's first ``tree_size`` entries, from at most log2(n) stored hashes."""
    ranges = merkle.perfect_subtrees(0, tree_size)
    stored = _perfect_hashes(ranges)
    return merkle.root_from_perfect_subtrees([stored[r] for r in ranges])


def head_covering(index: int) -> SignedTreeHead | None:
    """The first signed head that includes entry ``index`` (the one signed with it)."""
    return SignedTreeHead.objects.filter(tree_size__gt=index).order_by("tree_size").first()


def latest_head() -> SignedTreeHead | None:
    return SignedTreeHead.objects.order_by("-tree_size").first()


# --------------------------------------------------------------------------- audit

# The audit lives in its own module (it trusts nothing this one stores); re-exported here.
from fazhi.evidence.audit import (  # noqa: E402
    AuditFinding,
    AuditProblem,
    AuditReport,
    Witness,
    audit,
)

__all__ = [
    "Appended",
    "AuditFinding",
    "AuditProblem",
    "AuditReport",
    "LogCorrupted",
    "Witness",
    "append",
    "audit",
    "consistency_proof",
    "head_covering",
    "inclusion_proof",
    "latest_head",
    "root_at",
]
