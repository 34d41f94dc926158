"""RFC 9162 Merkle tree hashing for the tamper-evident evidence log.

Every piece of evidence the platform records is appended to an append-only log whose state is
summarised by a Merkle tree head (size + root hash).  This module is the pure, dependency-free
core of that log: it defines the tree hash exactly as RFC 9162 §2.1 does (SHA-256, leaf hash
``H(0x00 || entry)``, node hash ``H(0x01 || left || right)``, split at the largest power of two
strictly below ``n``), generates inclusion and consistency proofs, and verifies them with the
algorithms of RFC 9162 §2.1.3.2 and §2.1.4.2, so that anyone holding a published tree head can
check that an entry is in the log and that the log has only ever grown.

Two ways of producing proofs are offered:

* from the raw entries (``root_hash``, ``inclusion_proof``, ``consistency_proof``) — simple,
  O(n), used for tests, exports and independent re-computation;
* from stored subtree hashes (``inclusion_proof_from``, ``consistency_proof_from``,
  ``append_to_frontier``, ``subtree_hash_from_perfect``) — O(log n) hash look-ups per proof and
  O(log n) hashing per append, for the live log kept in the database.

The entry-based functions are thin wrappers around the hash-based ones, so a single set of test
vectors exercises both.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

__all__ = [
    "EMPTY_ROOT",
    "HASH_SIZE",
    "append_to_frontier",
    "consistency_proof",
    "consistency_proof_from",
    "inclusion_proof",
    "inclusion_proof_from",
    "is_tree_node",
    "leaf_hash",
    "node_hash",
    "perfect_subtrees",
    "root_from_perfect_subtrees",
    "root_hash",
    "subtree_hash_from_perfect",
    "verify_consistency",
    "verify_inclusion",
]

HASH_SIZE = 32
"""Length in bytes of every hash in the tree (SHA-256)."""

EMPTY_ROOT = hashlib.sha256(b"").digest()
"""MTH({}) — the root of the empty tree is the hash of the empty string (RFC 9162 §2.1.1)."""

_LEAF_PREFIX = b"\x00"
_NODE_PREFIX = b"\x01"

SubtreeHashGetter = Callable[[int, int], bytes]
"""``get_subtree_hash(start, end)`` → MTH of leaves ``[start, end)``; see ``is_tree_node``."""


# --------------------------------------------------------------------------- hash primitives


def leaf_hash(entry: bytes) -> bytes:
    """Return the RFC 9162 leaf hash ``SHA-256(0x00 || entry)``."""
    return hashlib.sha256(_LEAF_PREFIX + entry).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """Return the RFC 9162 interior node hash ``SHA-256(0x01 || left || right)``."""
    return hashlib.sha256(_NODE_PREFIX + left + right).digest()


# --------------------------------------------------------------------------- small helpers


def _split(n: int) -> int:
    """Largest power of two strictly smaller than ``n`` (``n >= 2``): the RFC's ``k``."""
    return 1 << ((n - 1).bit_length() - 1)


def _is_int(value: object) -> bool:
    # bool is an int subclass, but True/False as a tree size is always a caller bug.
    return isinstance(value, int) and not isinstance(value, bool)


def _is_hash(value: object) -> bool:
    return isinstance(value, bytes) and len(value) == HASH_SIZE


def _require_int(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    return value


def _checked_hash(value: object, start: int, end: int) -> bytes:
    # A store returning garbage must not silently produce a proof nobody can verify.
    if not isinstance(value, bytes) or len(value) != HASH_SIZE:
        raise ValueError(f"subtree hash for [{start}, {end}) is not {HASH_SIZE} bytes")
    return value


# --------------------------------------------------------------------------- tree shape


def is_tree_node(start: int, end: int, tree_size: int) -> bool:
    """Whether leaves ``[start, end)`` form a node of the RFC 9162 tree of ``tree_size`` leaves.

    These are exactly the ranges the ``*_from`` functions ever pass to ``get_subtree_hash``:

    * a *perfect aligned subtree*: ``end - start`` is a power of two ``2**j`` and ``start`` is a
      multiple of ``2**j`` (its hash never changes once the log has ``end`` entries, so a store
      can keep it forever); or
    * the *rightmost partial subtree*: ``end == tree_size`` and ``start`` is a multiple of the
      smallest power of two ``>= end - start`` — a node on the right edge of the tree, whose hash
      a store derives from at most ``log2(n)`` perfect subtrees with
      ``subtree_hash_from_perfect``.
    """
    if not (_is_int(start) and _is_int(end) and _is_int(tree_size)):
        return False
    if not 0 <= start < end <= tree_size:
        return False
    width = end - start
    ceiling = 1 << (width - 1).bit_length()  # smallest power of two >= width
    if start % ceiling:
        return False
    return width == ceiling or end == tree_size


def perfect_subtrees(start: int, end: int) -> list[tuple[int, int]]:
    """Cover ``[start, end)`` with maximal aligned perfect subtrees, left to right.

    Each returned ``(s, e)`` has ``e - s`` a power of two and ``s`` a multiple of it.  For
    ``start == 0`` this is the binary decomposition of ``end`` (largest first): the "frontier" or
    compact range of a tree of ``end`` leaves, from which its root is
    ``root_from_perfect_subtrees``.  ``start == end`` gives ``[]``.
    """
    start = _require_int("start", start)
    end = _require_int("end", end)
    if not 0 <= start <= end:
        raise ValueError(f"invalid range [{start}, {end})")
    ranges: list[tuple[int, int]] = []
    while start < end:
        # The biggest block that both fits in what is left and respects start's alignment
        # (start & -start is start's lowest set bit; 0 is aligned to everything).
        width = 1 << ((end - start).bit_length() - 1)
        if start:
            width = min(width, start & -start)
        ranges.append((start, start + width))
        start += width
    return ranges


def root_from_perfect_subtrees(hashes: Sequence[bytes]) -> bytes:
    """Fold the hashes of ``perfect_subtrees(s, e)`` right to left into MTH of ``[s, e)``.

    Valid whenever ``[s, e)`` is a tree node (in particular ``s == 0``: the tree root), because
    the RFC split puts the largest power of two on the left at every level, so the right-most
    pieces combine first.  An empty list is the empty tree: ``EMPTY_ROOT``.
    """
    if not hashes:
        return EMPTY_ROOT
    acc = hashes[-1]
    for h in reversed(hashes[:-1]):
        acc = node_hash(h, acc)
    return acc


def subtree_hash_from_perfect(get_perfect_hash: SubtreeHashGetter, start: int, end: int) -> bytes:
    """MTH of the tree node ``[start, end)`` using only stored perfect-subtree hashes.

    This is how a store answers a ``get_subtree_hash`` call for a rightmost partial subtree:
    ``get_perfect_hash`` is called only with the at most ``log2(end - start) + 1`` ranges of
    ``perfect_subtrees(start, end)``.
    """
    parts = [_checked_hash(get_perfect_hash(s, e), s, e) for s, e in perfect_subtrees(start, end)]
    return root_from_perfect_subtrees(parts)


def append_to_frontier(
    frontier: Sequence[bytes], size: int, new_leaf_hash: bytes
) -> tuple[list[bytes], list[tuple[int, int, bytes]]]:
    """Append one leaf to a log of ``size`` leaves in O(log n) hashing.

    ``frontier`` holds the hashes of ``perfect_subtrees(0, size)`` (left to right).  Returns the
    frontier for ``size + 1`` and every perfect subtree completed by this append as
    ``(start, end, hash)``, smallest first (the new leaf itself is always the first).  A store
    that persists those triples holds every perfect subtree hash the ``*_from`` functions need,
    and ``root_from_perfect_subtrees(new_frontier)`` is the new tree head's root.
    """
    size = _require_int("size", size)
    if size < 0:
        raise ValueError("size must be >= 0")
    if len(frontier) != size.bit_count():
        raise ValueError(f"a tree of {size} leaves has a frontier of {size.bit_count()} hashes")
    new_size = size + 1
    acc = _checked_hash(new_leaf_hash, size, new_size)
    stack = list(frontier)
    completed = [(size, new_size, acc)]
    width = 1
    # Each trailing 1-bit of ``size`` is a perfect subtree of equal width that the new leaf's
    # subtree now pairs with, exactly like a binary carry.
    while size & width:
        acc = node_hash(stack.pop(), acc)
        width <<= 1
        completed.append((new_size - width, new_size, acc))
    stack.append(acc)
    return stack, completed


# --------------------------------------------------------------------------- proofs from hashes


def inclusion_proof_from(
    get_subtree_hash: SubtreeHashGetter, index: int, tree_size: int
) -> list[bytes]:
    """RFC 9162 §2.1.3.1 ``PATH(index, D[tree_size])`` built from subtree hashes.

    ``get_subtree_hash(start, end)`` must return MTH of leaves ``[start, end)``.  It is called
    once per proof element (at most ``ceil(log2(tree_size))`` calls) and only with ranges that are
    nodes of the tree of ``tree_size`` leaves (see ``is_tree_node``): perfect aligned subtrees,
    or the rightmost partial subtree ending at ``tree_size``.  Raises ``ValueError`` unless
    ``0 <= index < tree_size``.
    """
    index = _require_int("index", index)
    tree_size = _require_int("tree_size", tree_size)
    if not 0 <= index < tree_size:
        raise ValueError(f"leaf index {index} is outside a tree of {tree_size} leaves")
    path: list[bytes] = []
    start, end = 0, tree_size
    # Walk from the root down to the leaf, collecting the sibling of each node on the way; the
    # RFC lists them leaf-first, hence the final reverse.
    while end - start > 1:
        mid = start + _split(end - start)
        if index < mid:
            path.append(_checked_hash(get_subtree_hash(mid, end), mid, end))
            end = mid
        else:
            path.append(_checked_hash(get_subtree_hash(start, mid), start, mid))
            start = mid
    path.reverse()
    return path


def consistency_proof_from(
    get_subtree_hash: SubtreeHashGetter, old_size: int, new_size: int
) -> list[bytes]:
    """RFC 9162 §2.1.4.1 ``PROOF(old_size, D[new_size])`` built from subtree hashes.

    Same callback contract as ``inclusion_proof_from`` (nodes of the tree of ``new_size``
    leaves only, one call per proof element).  ``old_size == new_size`` gives ``[]``.  Raises
    ``ValueError`` unless ``0 < old_size <= new_size``: a proof from the empty tree proves
    nothing and the RFC defines none.
    """
    old_size = _require_int("old_size", old_size)
    new_size = _require_int("new_size", new_size)
    if not 0 < old_size <= new_size:
        raise ValueError(f"no consistency proof from {old_size} to {new_size} leaves")
    proof: list[bytes] = []
    # SUBPROOF(m, D[start:end], b), unrolled: m counts old leaves inside [start, end) and
    # ``complete`` is the RFC's b flag (the node is still a subtree the verifier already has).
    m, start, end, complete = old_size, 0, new_size, True
    while m != end - start:
        k = _split(end - start)
        if m <= k:
            proof.append(_checked_hash(get_subtree_hash(start + k, end), start + k, end))
            end = start + k
        else:
            proof.append(_checked_hash(get_subtree_hash(start, start + k), start, start + k))
            m -= k
            start += k
            complete = False
    if not complete:
        proof.append(_checked_hash(get_subtree_hash(start, end), start, end))
    proof.reverse()
    return proof


# --------------------------------------------------------------------------- proofs from entries


def _entry_hasher(entries: Sequence[bytes]) -> SubtreeHashGetter:
    """A ``get_subtree_hash`` over raw entries, memoised so each node is hashed once."""
    leaves = [leaf_hash(e) for e in entries]
    memo: dict[tuple[int, int], bytes] = {}

    def mth(start: int, end: int) -> bytes:
        if end - start == 1:
            return leaves[start]
        key = (start, end)
        if key not in memo:
            mid = start + _split(end - start)
            memo[key] = node_hash(mth(start, mid), mth(mid, end))
        return memo[key]

    return mth


def root_hash(entries: Sequence[bytes]) -> bytes:
    """RFC 9162 §2.1.1 ``MTH(D[n])`` of the raw entries; ``EMPTY_ROOT`` for no entries."""
    if not entries:
        return EMPTY_ROOT
    return _entry_hasher(entries)(0, len(entries))


def inclusion_proof(entries: Sequence[bytes], index: int) -> list[bytes]:
    """Audit path of leaf ``index`` in the tree of all ``entries`` (``ValueError`` if out of range)."""
    return inclusion_proof_from(_entry_hasher(entries), index, len(entries))


def consistency_proof(entries: Sequence[bytes], old_size: int) -> list[bytes]:
    """Consistency proof from the tree of the first ``old_size`` entries to the tree of all.

    ``old_size == len(entries)`` gives ``[]``; ``ValueError`` unless ``0 < old_size <= n``.
    """
    return consistency_proof_from(_entry_hasher(entries), old_size, len(entries))


# --------------------------------------------------------------------------- verification


def _proof_ok(proof: object, max_len: int) -> bool:
    # Only a real sequence of well-formed hashes is worth running the algorithm on; str/bytes
    # are Sequences too but never a list of hashes.  The length cap (no valid proof is longer)
    # keeps a hostile multi-million-element "proof" from costing more than a glance.
    if not isinstance(proof, Sequence) or isinstance(proof, (str, bytes, bytearray)):
        return False
    return len(proof) <= max_len and all(_is_hash(p) for p in proof)


def verify_inclusion(
    leaf_hash: bytes, index: int, tree_size: int, proof: Sequence[bytes], root: bytes
) -> bool:
    """RFC 9162 §2.1.3.2: does ``proof`` show leaf ``index`` hashes to ``root``?

    ``leaf_hash`` is the leaf's hash (``leaf_hash(entry)``), not the entry.  Returns ``False``,
    never raises, on any malformed input (non-int or out-of-range index/size, hashes that are
    not 32-byte ``bytes``, proofs of the wrong length).
    """
    if not (_is_int(index) and _is_int(tree_size)) or not 0 <= index < tree_size:
        return False
    if not (_is_hash(leaf_hash) and _is_hash(root)):
        return False
    # An audit path has one element per level: ceil(log2(tree_size)).
    if not _proof_ok(proof, (tree_size - 1).bit_length()):
        return False
    fn, sn = index, tree_size - 1
    r = leaf_hash
    for p in proof:
        if sn == 0:
            return False  # proof longer than the path
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            # Right edge of a non-perfect tree: skip levels where this node has no sibling.
            while fn and not fn & 1:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> bool:
    """RFC 9162 §2.1.4.2: does ``proof`` show the ``new_size`` tree extends the ``old_size`` one?

    Edge policy (as transparency-dev/merkle): ``old_size == 0`` is rejected (a proof from the
    empty tree is meaningless); ``old_size == new_size`` needs an empty proof and equal roots.
    Returns ``False``, never raises, on any malformed input.
    """
    if not (_is_int(old_size) and _is_int(new_size)) or not 0 < old_size <= new_size:
        return False
    if not (_is_hash(old_root) and _is_hash(new_root)):
        return False
    # At most one element per level on each of the two paths the proof walks.
    if not _proof_ok(proof, 2 * new_size.bit_length()):
        return False
    if old_size == new_size:
        return len(proof) == 0 and old_root == new_root
    if len(proof) == 0:
        return False
    path = list(proof)
    if old_size & (old_size - 1) == 0:
        # The old tree is a perfect subtree of the new one, so the prover left out its root.
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False  # proof longer than the path
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while fn and not fn & 1:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return sn == 0 and fr == old_root and sr == new_root
