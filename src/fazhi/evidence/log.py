"""The live log in the database: append, sign, prove and audit in O(log n) per operation.

Appending ``k`` entries locks the ``LogHead`` row (PostgreSQL: ``SELECT … FOR UPDATE`` queues
concurrent web processes; SQLite's IMMEDIATE transactions serialise writers), reads the
frontier (at most log2(n) stored perfect-subtree hashes, one query), folds the new leaves in
with ``merkle.append_to_frontier``, stores the completed subtree hashes and signs one new tree
head for the batch.  Proofs ask ``merkle.*_proof_from`` which nodes they need, fetch exactly the
stored perfect subtrees covering them in one query, and assemble the proof.

``audit`` is the opposite: it trusts nothing stored but the entries and the signed heads, and
recomputes the tree from the entries, streaming, to find the first one that no longer matches.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.db import transaction
from django.utils import timezone

from fazhi.evidence import keys, merkle
from fazhi.evidence.domain import (
    canonical_json,
    head_signature_valid,
    timestamp_ms,
    tree_head_message,
)
from fazhi.evidence.models import LogEntry, LogHead, SignedTreeHead, SubtreeHash, subtree_key

_DUMMY_HASH = b"\x00" * merkle.HASH_SIZE


def _bytes(value: bytes | memoryview) -> bytes:
    # PostgreSQL hands BinaryField values back as memoryview.
    return bytes(value)


def _locked_head() -> LogHead:
    head = LogHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        LogHead.objects.get_or_create(pk=1, defaults={"root_hash": merkle.EMPTY_ROOT})
        head = LogHead.objects.select_for_update().get(pk=1)
    return head


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


@dataclass(frozen=True)
class Appended:
    entries: list[LogEntry]
    head: SignedTreeHead


def append(entries: Sequence[tuple[str, dict]], *, now: dt.datetime | None = None) -> Appended:
    """Append ``(entry_type, entry)`` pairs and sign the new head; call inside ``atomic``.

    The caller's transaction keeps the head row locked until it commits, so the entries, the
    subtree hashes, the head and the caller's own rows (the deposit) appear together or not at
    all.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("evidence log appends must run inside transaction.atomic")
    if not entries:
        raise ValueError("nothing to append")
    now = now or timezone.now()
    head = _locked_head()
    size = head.tree_size
    frontier_ranges = merkle.perfect_subtrees(0, size)
    stored = _perfect_hashes(frontier_ranges)
    frontier = [stored[r] for r in frontier_ranges]
    rows: list[LogEntry] = []
    subtrees: list[SubtreeHash] = []
    for entry_type, entry in entries:
        data = canonical_json(entry)
        leaf = merkle.leaf_hash(data)
        frontier, completed = merkle.append_to_frontier(frontier, size, leaf)
        rows.append(
            LogEntry(index=size, entry_type=entry_type, data=data, leaf_hash=leaf, logged_at=now)
        )
        subtrees.extend(SubtreeHash(key=subtree_key(s, e), hash=h) for s, e, h in completed)
        size += 1
    LogEntry.objects.bulk_create(rows)
    SubtreeHash.objects.bulk_create(subtrees)
    root = merkle.root_from_perfect_subtrees(frontier)
    head.tree_size = size
    head.root_hash = root
    head.save(update_fields=["tree_size", "root_hash", "updated_at"])
    return Appended(rows, _sign(size, root, now))


def _sign(tree_size: int, root: bytes, now: dt.datetime) -> SignedTreeHead:
    log_id = keys.log_id()
    stamp = timestamp_ms(now)
    signature = keys.signing_key().sign(
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


class AuditProblem(StrEnum):
    ENTRY_CHANGED = "entry_changed"  # content no longer hashes to its recorded leaf hash
    ROOT_MISMATCH = "root_mismatch"  # entries no longer reproduce a signed head's root
    ENTRY_MISSING = "entry_missing"  # a gap, or a head larger than the entries stored
    BAD_SIGNATURE = "bad_signature"  # a head not signed by the log's key
    STORE_MISMATCH = "store_mismatch"  # stored subtree hashes disagree with the entries


@dataclass(frozen=True)
class AuditFinding:
    index: int | None  # the first entry at fault (None: a head or the store, not an entry)
    tree_size: int | None  # the signed head it no longer matches
    problem: AuditProblem


@dataclass(frozen=True)
class AuditReport:
    entries: int
    heads: int
    finding: AuditFinding | None

    @property
    def ok(self) -> bool:
        return self.finding is None


def audit(*, chunk_size: int = 2000) -> AuditReport:
    """Recompute the tree from the stored entries; report the first one that breaks a head."""
    public_key = keys.public_key_bytes()
    heads = SignedTreeHead.objects.order_by("tree_size").iterator(chunk_size=chunk_size)
    next_head = next(heads, None)
    frontier: list[bytes] = []
    size = 0
    heads_checked = 0
    last_good = 0  # size of the last head the entries reproduced

    def check_heads() -> AuditFinding | None:
        nonlocal next_head, heads_checked, last_good
        while next_head is not None and next_head.tree_size <= size:
            head = next_head
            next_head = next(heads, None)
            heads_checked += 1
            if head.tree_size < size:
                continue  # cannot happen when sizes are unique; a defensive skip
            root = _bytes(head.root_hash)
            if not head_signature_valid(
                public_key=public_key,
                tree_size=head.tree_size,
                timestamp=head.timestamp,
                root_hash=root,
                signature=_bytes(head.signature),
            ):
                return AuditFinding(None, head.tree_size, AuditProblem.BAD_SIGNATURE)
            if merkle.root_from_perfect_subtrees(frontier) != root:
                # Leaf hashes were rewritten along with the content: the culprit is one of the
                # entries this head added beyond the previous good one.
                return AuditFinding(last_good, head.tree_size, AuditProblem.ROOT_MISMATCH)
            last_good = head.tree_size
        return None

    for index, data, stored_leaf in (
        LogEntry.objects.order_by("index")
        .values_list("index", "data", "leaf_hash")
        .iterator(chunk_size=chunk_size)
    ):
        if index != size:
            return AuditReport(
                size, heads_checked, AuditFinding(size, None, AuditProblem.ENTRY_MISSING)
            )
        leaf = merkle.leaf_hash(_bytes(data))
        if leaf != _bytes(stored_leaf):
            return AuditReport(
                size,
                heads_checked,
                AuditFinding(
                    index, next_head.tree_size if next_head else None, AuditProblem.ENTRY_CHANGED
                ),
            )
        frontier, _ = merkle.append_to_frontier(frontier, size, leaf)
        size += 1
        finding = check_heads()
        if finding:
            return AuditReport(size, heads_checked, finding)
    if next_head is not None:
        return AuditReport(
            size, heads_checked, AuditFinding(size, next_head.tree_size, AuditProblem.ENTRY_MISSING)
        )
    ranges = merkle.perfect_subtrees(0, size)
    try:
        stored = _perfect_hashes(ranges)
    except LookupError:
        return AuditReport(
            size, heads_checked, AuditFinding(None, None, AuditProblem.STORE_MISMATCH)
        )
    if [stored[r] for r in ranges] != frontier:
        return AuditReport(
            size, heads_checked, AuditFinding(None, None, AuditProblem.STORE_MISMATCH)
        )
    return AuditReport(size, heads_checked, None)
