"""Benchmark of the evidence log: appends and proofs as the log grows, beside ``pymerkle``.

    .venv/bin/python benchmarks/evidence/run.py               # 10^4 and 10^5 entries
    .venv/bin/python benchmarks/evidence/run.py --million     # also 10^6 (minutes, ~1 GB disk)
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/fazhi_bench \\
        .venv/bin/python benchmarks/evidence/run.py           # adds PostgreSQL

For each backend (a temporary SQLite file; PostgreSQL when ``BENCH_DATABASE_URL`` names a
scratch database — its evidence tables are emptied first) a worker process grows the live log
through ``fazhi.evidence.log`` in batches, and at each checkpoint measures: a single append in
its own transaction (lock, frontier read, insert, sign), inclusion and consistency proof
generation from the stored subtree hashes, and their verification. ``pymerkle``'s in-memory tree
gets the same leaves in the same process; both roots are compared at every checkpoint.

Per-append and per-proof costs must stay flat (logarithmic) as the log grows: the last column
group of the table is the ratio of the largest size's cost to the smallest's.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BATCH = 10_000  # entries per append transaction when growing the log


def leaf(i: int) -> dict:
    """The i-th benchmark entry: an anchor-shaped entry, like those other apps append."""
    return {
        "v": 1,
        "type": "anchor",
        "kind": "bench",
        "reference": f"bench:{i}",
        "digest": hashlib.sha256(str(i).encode()).hexdigest(),
        "time": "2022-01-01T00:00:00.000Z",
    }


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


# --------------------------------------------------------------------------- worker (one DB)


def worker(database_url: str, sizes: list[int], samples: int) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    key_dir = tempfile.mkdtemp(prefix="fazhi-bench-key-")
    os.environ["FAZHI_EVIDENCE_KEY_PATH"] = str(Path(key_dir) / "key.pem")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from fazhi.evidence import log, merkle
    from fazhi.evidence.domain import canonical_json
    from fazhi.evidence.models import LogHead

    call_command("migrate", verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # A scratch database: say so, or the evidence tables refuse TRUNCATE (migration 0003).
            cursor.execute("SET fazhi.evidence_maintenance = 'on'")
            cursor.execute(
                "TRUNCATE evidence_logentry, evidence_subtreehash, evidence_signedtreehead, "
                "evidence_anchor, evidence_deposit, evidence_loghead CASCADE"
            )
    rng = random.Random(9162)
    results = []
    size = LogHead.objects.filter(pk=1).values_list("tree_size", flat=True).first() or 0
    for target in sizes:
        grow_start, grown = time.perf_counter(), 0
        while size < target:
            count = min(BATCH, target - size)
            with transaction.atomic():
                log.append([("anchor", leaf(i)) for i in range(size, size + count)])
            size += count
            grown += count
        grow_seconds = time.perf_counter() - grow_start
        single = []
        for _ in range(samples):
            started = time.perf_counter()
            with transaction.atomic():
                log.append([("anchor", leaf(size))])
            single.append(time.perf_counter() - started)
            size += 1
        head = log.latest_head()
        root = bytes(head.root_hash)
        inclusion, inclusion_verify, consistency, consistency_verify = [], [], [], []
        for _ in range(samples):
            index = rng.randrange(size)
            started = time.perf_counter()
            proof = log.inclusion_proof(index, size)
            inclusion.append(time.perf_counter() - started)
            leaf_hash = merkle.leaf_hash(canonical_json(leaf(index)))
            started = time.perf_counter()
            ok = merkle.verify_inclusion(leaf_hash, index, size, proof, root)
            inclusion_verify.append(time.perf_counter() - started)
            assert ok
            old = rng.randrange(1, size)
            started = time.perf_counter()
            proof = log.consistency_proof(old, size)
            consistency.append(time.perf_counter() - started)
            old_root = log.root_at(old)
            started = time.perf_counter()
            ok = merkle.verify_consistency(old, size, old_root, root, proof)
            consistency_verify.append(time.perf_counter() - started)
            assert ok
        results.append(
            {
                "size": size,
                "batch_appends_per_s": grown / grow_seconds if grown else None,
                "append_ms": _median_ms(single),
                "inclusion_ms": _median_ms(inclusion),
                "inclusion_verify_ms": _median_ms(inclusion_verify),
                "consistency_ms": _median_ms(consistency),
                "consistency_verify_ms": _median_ms(consistency_verify),
                "root": root.hex(),
            }
        )
    print(json.dumps({"vendor": connection.vendor, "results": results}))


# --------------------------------------------------------------------------- pymerkle (peer)


def pymerkle_run(sizes_with_samples: list[int], samples: int) -> list[dict]:
    """pymerkle's in-memory tree on the same leaves, grown to the same sizes."""
    from pymerkle import InmemoryTree, verify_consistency, verify_inclusion

    from fazhi.evidence.domain import canonical_json

    tree = InmemoryTree(algorithm="sha256")
    rng = random.Random(9162)
    size, results = 0, []
    for target in sizes_with_samples:
        grow_start, grown = time.perf_counter(), 0
        target_before_singles = target - samples
        while size < target_before_singles:
            tree.append_entry(canonical_json(leaf(size)))
            size += 1
            grown += 1
        grow_seconds = time.perf_counter() - grow_start
        single = []
        for _ in range(samples):
            started = time.perf_counter()
            tree.append_entry(canonical_json(leaf(size)))
            single.append(time.perf_counter() - started)
            size += 1
        root = tree.get_root(size)
        inclusion, inclusion_verify, consistency, consistency_verify = [], [], [], []
        for _ in range(samples):
            index = rng.randrange(size)
            started = time.perf_counter()
            proof = tree.prove_inclusion(index + 1, size)  # pymerkle counts leaves from 1
            inclusion.append(time.perf_counter() - started)
            base = tree.get_leaf(index + 1)
            started = time.perf_counter()
            verify_inclusion(base, root, proof)
            inclusion_verify.append(time.perf_counter() - started)
            old = rng.randrange(1, size)
            started = time.perf_counter()
            proof = tree.prove_consistency(old, size)
            consistency.append(time.perf_counter() - started)
            old_root = tree.get_root(old)
            started = time.perf_counter()
            verify_consistency(old_root, root, proof)
            consistency_verify.append(time.perf_counter() - started)
        results.append(
            {
                "size": size,
                "batch_appends_per_s": grown / grow_seconds if grown else None,
                "append_ms": _median_ms(single),
                "inclusion_ms": _median_ms(inclusion),
                "inclusion_verify_ms": _median_ms(inclusion_verify),
                "consistency_ms": _median_ms(consistency),
                "consistency_verify_ms": _median_ms(consistency_verify),
                "root": root.hex(),
            }
        )
    return results


# --------------------------------------------------------------------------- driver


COLUMNS = [
    ("append_ms", "append ms"),
    ("inclusion_ms", "incl. proof ms"),
    ("consistency_ms", "cons. proof ms"),
    ("inclusion_verify_ms", "incl. verify ms"),
    ("consistency_verify_ms", "cons. verify ms"),
]


def _print(rows: list[tuple[str, list[dict]]]) -> None:
    header = f"{'backend':22}{'entries':>10}{'batch appends/s':>17}" + "".join(
        f"{label:>17}" for _, label in COLUMNS
    )
    print(header)
    print("-" * len(header))
    for name, results in rows:
        for result in results:
            rate = result["batch_appends_per_s"]
            print(
                f"{name:22}{result['size']:>10}{(f'{rate:,.0f}' if rate else '—'):>17}"
                + "".join(f"{result[key]:>17.3f}" for key, _ in COLUMNS)
            )
    print()
    print("growth of the per-operation cost from the smallest to the largest log (1.0 = flat):")
    for name, results in rows:
        first, last = results[0], results[-1]
        ratios = ", ".join(
            f"{label} ×{last[key] / first[key]:.2f}" for key, label in COLUMNS if first[key] > 0
        )
        print(f"  {name:20} {ratios}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--million", action="store_true", help="also measure 10^6 entries")
    parser.add_argument("--samples", type=int, default=200, help="operations timed per size")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--sizes", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    if args.worker:
        worker(args.worker, [int(s) for s in args.sizes.split(",")], args.samples)
        return
    sizes = [10_000, 100_000] + ([1_000_000] if args.million else [])
    backends = []
    scratch = tempfile.mkdtemp(prefix="fazhi-bench-")
    backends.append(("fazhi · SQLite", f"sqlite:///{scratch}/bench.sqlite3"))
    if os.environ.get("BENCH_DATABASE_URL"):
        backends.append(("fazhi · PostgreSQL", os.environ["BENCH_DATABASE_URL"]))
    rows: list[tuple[str, list[dict]]] = []
    for name, url in backends:
        started = time.perf_counter()
        output = subprocess.run(
            [
                sys.executable,
                __file__,
                "--worker",
                url,
                "--sizes",
                ",".join(str(s - args.samples) for s in sizes),
                "--samples",
                str(args.samples),
            ],
            check=True,
            capture_output=True,
            text=True,
            # DEBUG off, as in production: DEBUG logs every query with its parameters.
            env={**os.environ, "FAZHI_VAR_DIR": scratch, "FAZHI_DEBUG": "0"},
        ).stdout
        rows.append((name, json.loads(output.strip().splitlines()[-1])["results"]))
        print(f"{name}: done in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    rows.append(("pymerkle · in memory", pymerkle_run(sizes, args.samples)))
    reference = rows[-1][1]
    for name, results in rows[:-1]:
        for ours, theirs in zip(results, reference, strict=True):
            assert ours["size"] == theirs["size"], (name, ours["size"], theirs["size"])
            assert ours["root"] == theirs["root"], f"{name}: root differs at {ours['size']}"
    print(f"same leaves, same roots as pymerkle at {', '.join(f'{s:,}' for s in sizes)} entries")
    print()
    _print(rows)


if __name__ == "__main__":
    main()
