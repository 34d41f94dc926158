"""The audit of the evidence log: everything stored is re-derived from the entries, nothing trusted.

``audit`` streams the entries once, in index order, and for each one:

* recomputes its leaf hash from its content (an entry rewritten alone is ``ENTRY_CHANGED``);
* folds it into the frontier and compares every perfect subtree hash this completes with the
  stored one (an overwritten internal node is ``STORE_MISMATCH``);
* compares the deposit or anchor row that points at it with what the entry says (a forged side
  table, e.g. a changed ``file_sha256``, is ``SIDE_TABLE``);
* checks every signed head reached: signed by a key this log has used (``UNKNOWN_KEY``,
  ``BAD_SIGNATURE``) and reproduced by the entries (``ROOT_MISMATCH``).

Then the whole: no gap (``ENTRY_MISSING``), no entry beyond the newest signed head
(``UNSIGNED_ENTRIES``), the head row agrees (``HEAD_STATE``), and — the one check a database
attacker cannot satisfy by deleting consistently — the log still reproduces the *witness*: the
newest signed head known outside the database (the file the operator archives after each audit,
or a certificate a depositor keeps).  A log shorter than the witness was truncated or rolled back
(``WITNESS_AHEAD``); one whose first ``witness.tree_size`` entries no longer hash to the witness
root was rewritten or forked (``WITNESS_MISMATCH``).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from fazhi.evidence import domain, keys, merkle
from fazhi.evidence.models import (
    Anchor,
    Deposit,
    LogEntry,
    LogHead,
    SignedTreeHead,
    SubtreeHash,
    subtree_key,
)


class AuditProblem(StrEnum):
    ENTRY_CHANGED = "entry_changed"  # content no longer hashes to its recorded leaf hash
    ROOT_MISMATCH = "root_mismatch"  # entries no longer reproduce a signed head's root
    ENTRY_MISSING = "entry_missing"  # a gap, or a head larger than the entries stored
    BAD_SIGNATURE = "bad_signature"  # a head not signed by the key it names
    UNKNOWN_KEY = "unknown_key"  # a head names a key this log never used
    STORE_MISMATCH = "store_mismatch"  # stored subtree hashes disagree with the entries
    SIDE_TABLE = "side_table"  # a deposit or anchor row disagrees with its entry
    UNSIGNED_ENTRIES = "unsigned_entries"  # entries beyond the newest signed head
    HEAD_STATE = "head_state"  # the head row disagrees with the entries
    WITNESS_AHEAD = "witness_ahead"  # the witness is larger than the log: truncated/rolled back
    WITNESS_MISMATCH = "witness_mismatch"  # the entries do not reproduce the witness root
    WITNESS_INVALID = "witness_invalid"  # the witness itself is malformed or badly signed


@dataclass(frozen=True)
class AuditFinding:
    index: int | None  # the first entry at fault (None: a head or the store, not an entry)
    tree_size: int | None  # the signed head (or witness) it no longer matches
    problem: AuditProblem
    detail: str = ""


@dataclass(frozen=True)
class Witness:
    """A signed tree head kept outside the database."""

    tree_size: int
    root_hash: bytes
    timestamp: int
    signature: bytes
    log_id: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": "fazhi-evidence-witness/1",
            "log_id": self.log_id,
            "tree_size": self.tree_size,
            "root_hash": self.root_hash.hex(),
            "timestamp": self.timestamp,
            "signature": base64.b64encode(self.signature).decode("ascii"),
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_head(cls, head: SignedTreeHead) -> Witness:
        return cls(
            tree_size=head.tree_size,
            root_hash=bytes(head.root_hash),
            timestamp=head.timestamp,
            signature=bytes(head.signature),
            log_id=head.log_id,
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> Witness:
        """A witness file, or a deposit certificate (its tree head is a witness too)."""
        try:
            data = json.loads(text)
            if isinstance(data, dict) and "tree_head" in data:
                certificate = domain.parse_certificate(data)
                head = certificate.tree_head
                return cls(
                    head.tree_size,
                    head.root_hash,
                    head.timestamp,
                    head.signature,
                    certificate.log_id,
                )
            return cls(
                tree_size=int(data["tree_size"]),
                root_hash=bytes.fromhex(data["root_hash"]),
                timestamp=int(data["timestamp"]),
                signature=base64.b64decode(data["signature"], validate=True),
                log_id=str(data["log_id"]),
            )
        except (
            ValueError,
            KeyError,
            TypeError,
            binascii.Error,
            domain.CertificateError,
        ) as error:
            raise ValueError(f"not a witness head: {error}") from None


@dataclass(frozen=True)
class AuditReport:
    entries: int
    heads: int
    finding: AuditFinding | None
    newest_head: SignedTreeHead | None = None
    witness_size: int | None = None

    @property
    def ok(self) -> bool:
        return self.finding is None


def _signed_by_known_key(
    known: dict[str, bytes], *, log_id: str, tree_size: int, timestamp: int, root: bytes, sig: bytes
) -> AuditProblem | None:
    public_key = known.get(log_id)
    if public_key is None:
        return AuditProblem.UNKNOWN_KEY
    if not domain.head_signature_valid(
        public_key=public_key,
        tree_size=tree_size,
        timestamp=timestamp,
        root_hash=root,
        signature=sig,
    ):
        return AuditProblem.BAD_SIGNATURE
    return None


_DEPOSIT_FIELDS = ("file_sha256", "size", "media_type")


@dataclass
class _HeadCursor:
    """Where the audit stands among the signed tree heads (walked in size order)."""

    next: SignedTreeHead | None
    checked: int = 0
    last_good: int = 0
    newest: SignedTreeHead | None = None


def _side_table_problem(entry: dict[str, Any], row: Mapping[str, Any], kind: str) -> str:
    if kind == "deposit":
        if entry.get("type") != domain.EntryType.DEPOSIT or str(row["id"]) != entry.get(
            "deposit_id"
        ):
            return "deposit points at an entry of another deposit"
        if row["depositor_ref"] != entry.get("depositor"):
            return "deposit.depositor_ref"
        for name in _DEPOSIT_FIELDS:
            if row[name] != entry.get(name):
                return f"deposit.{name}"
        return ""
    if entry.get("type") != domain.EntryType.ANCHOR:
        return "anchor points at an entry that is not an anchor"
    for name in ("kind", "reference", "digest"):
        if row[name] != entry.get(name):
            return f"anchor.{name}"
    return ""


def audit(*, witness: Witness | None = None, chunk_size: int = 2000) -> AuditReport:
    """Recompute the log from its entries; report the first thing that no longer matches."""
    known = keys.known_public_keys()
    if witness is not None:
        problem = _signed_by_known_key(
            known,
            log_id=witness.log_id,
            tree_size=witness.tree_size,
            timestamp=witness.timestamp,
            root=witness.root_hash,
            sig=witness.signature,
        )
        if problem is not None:
            return AuditReport(
                0, 0, AuditFinding(None, witness.tree_size, AuditProblem.WITNESS_INVALID, problem)
            )
    heads = SignedTreeHead.objects.order_by("tree_size").iterator(chunk_size=chunk_size)
    state = _HeadCursor(next(heads, None))
    frontier: list[bytes] = []
    size = 0
    subtree_count = 0

    def report(finding: AuditFinding | None) -> AuditReport:
        return AuditReport(
            size,
            state.checked,
            finding,
            newest_head=state.newest,
            witness_size=witness.tree_size if witness else None,
        )

    def check_heads() -> AuditFinding | None:
        while state.next is not None and state.next.tree_size <= size:
            head = state.next
            state.next = next(heads, None)
            state.checked += 1
            root = bytes(head.root_hash)
            problem = _signed_by_known_key(
                known,
                log_id=head.log_id,
                tree_size=head.tree_size,
                timestamp=head.timestamp,
                root=root,
                sig=bytes(head.signature),
            )
            if problem is not None:
                return AuditFinding(None, head.tree_size, problem, head.log_id)
            if merkle.root_from_perfect_subtrees(frontier) != root:
                # Leaf hashes were rewritten along with the content: the culprit is one of the
                # entries this head added beyond the previous good one.
                return AuditFinding(state.last_good, head.tree_size, AuditProblem.ROOT_MISMATCH)
            state.last_good = head.tree_size
            state.newest = head
        return None

    while True:
        chunk = list(
            LogEntry.objects.filter(index__gte=size)
            .order_by("index")
            .values_list("index", "data", "leaf_hash")[:chunk_size]
        )
        if not chunk:
            break
        first, last = chunk[0][0], chunk[-1][0]
        deposits = {
            row["entry_id"]: row
            for row in Deposit.objects.filter(entry_id__gte=first, entry_id__lte=last).values(
                "entry_id", "id", "depositor_ref", *_DEPOSIT_FIELDS
            )
        }
        anchors = {
            row["entry_id"]: row
            for row in Anchor.objects.filter(entry_id__gte=first, entry_id__lte=last).values(
                "entry_id", "kind", "reference", "digest"
            )
        }
        computed: dict[int, tuple[int, bytes]] = {}
        for index, data, stored_leaf in chunk:
            if index != size:
                return report(AuditFinding(size, None, AuditProblem.ENTRY_MISSING))
            data = bytes(data)
            leaf = merkle.leaf_hash(data)
            if leaf != bytes(stored_leaf):
                nxt = state.next
                return report(
                    AuditFinding(index, nxt.tree_size if nxt else None, AuditProblem.ENTRY_CHANGED)
                )
            for kind, rows in (("deposit", deposits), ("anchor", anchors)):
                row = rows.get(index)
                if row is not None:
                    detail = _side_table_problem(json.loads(data), row, kind)
                    if detail:
                        return report(AuditFinding(index, None, AuditProblem.SIDE_TABLE, detail))
            frontier, completed = merkle.append_to_frontier(frontier, size, leaf)
            for s, e, h in completed:
                computed[subtree_key(s, e)] = (index, h)
            size += 1
            if (
                witness is not None
                and size == witness.tree_size
                and merkle.root_from_perfect_subtrees(frontier) != witness.root_hash
            ):
                return report(AuditFinding(None, witness.tree_size, AuditProblem.WITNESS_MISMATCH))
            finding = check_heads()
            if finding:
                return report(finding)
        stored = dict(SubtreeHash.objects.filter(key__in=list(computed)).values_list("key", "hash"))
        subtree_count += len(computed)
        for key, (index, value) in computed.items():
            if key not in stored or bytes(stored[key]) != value:
                return report(AuditFinding(index, None, AuditProblem.STORE_MISMATCH))
    if state.next is not None:
        return report(AuditFinding(size, state.next.tree_size, AuditProblem.ENTRY_MISSING))
    if SubtreeHash.objects.count() != subtree_count:
        return report(AuditFinding(None, None, AuditProblem.STORE_MISMATCH, "extra subtree rows"))
    newest = state.newest
    if size and (newest is None or newest.tree_size != size):
        signed = newest.tree_size if newest else 0
        return report(AuditFinding(signed, signed, AuditProblem.UNSIGNED_ENTRIES))
    row = LogHead.objects.filter(pk=1).values_list("tree_size", "root_hash").first()
    root = merkle.root_from_perfect_subtrees(frontier)
    if (row is None and size) or (row is not None and (row[0] != size or bytes(row[1]) != root)):
        return report(AuditFinding(None, row[0] if row else None, AuditProblem.HEAD_STATE))
    if witness is not None and witness.tree_size > size:
        return report(AuditFinding(size, witness.tree_size, AuditProblem.WITNESS_AHEAD))
    return report(None)
