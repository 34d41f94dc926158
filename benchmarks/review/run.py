"""Benchmark of the pre-review engine on labelled clauses: precision, recall and throughput.

Run as ``python benchmarks/review/run.py`` (``-v`` lists misses and false alarms). A clause counts
as flagged when any fair-competition or legality finding fires on it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
try:
    from fazhi.review.engine import review_text
except ModuleNotFoundError:  # run from a checkout without an installed package
    sys.path.insert(0, str(REPO / "src"))
    from fazhi.review.engine import review_text

CLAUSES = HERE / "clauses.jsonl"
FLAG_CATEGORIES = {"fair_competition", "legality"}
GROUPS = ("market_entry", "free_flow", "cost", "behaviour", "legality")
PAGE_CHARS = 1500
PAGES = 100


@dataclass(frozen=True)
class Scored:
    id: str
    label: str
    group: str
    origin: str
    batch: str
    flagged: bool
    families: frozenset[str]
    text: str
    excerpts: tuple[str, ...]


def family(rule: str) -> str:
    """The standard family of a rule id: market_entry, free_flow, cost, behaviour or legality."""
    parts = rule.split(".")
    return parts[1] if parts[0] == "fc" else parts[0]


def load(path: Path = CLAUSES) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def score(rows: list[dict[str, str]]) -> list[Scored]:
    scored = []
    for row in rows:
        findings = [f for f in review_text(row["text"]) if f.category in FLAG_CATEGORIES]
        scored.append(
            Scored(
                id=row["id"],
                label=row["label"],
                group=row["group"],
                origin=row.get("origin", ""),
                batch=row.get("batch", row.get("origin", "")),
                flagged=bool(findings),
                families=frozenset(family(f.rule) for f in findings),
                text=row["text"],
                excerpts=tuple(f"{f.rule}:{f.excerpt}" for f in findings),
            )
        )
    return scored


def prf(items: list[Scored]) -> tuple[float, float, int, int, int]:
    tp = sum(1 for s in items if s.flagged and s.label == "violation")
    fp = sum(1 for s in items if s.flagged and s.label != "violation")
    fn = sum(1 for s in items if not s.flagged and s.label == "violation")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp, fp, fn


def report(scored: list[Scored]) -> dict[str, object]:
    lines: dict[str, object] = {}
    for name, subset in (
        ("all", scored),
        ("dev", [s for s in scored if s.origin == "dev"]),
        ("added", [s for s in scored if s.origin == "added"]),
    ):
        p, r, tp, fp, fn = prf(subset)
        n_viol = sum(s.label == "violation" for s in subset)
        lines[name] = {
            "precision": p,
            "recall": r,
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "clauses": len(subset),
            "violations": n_viol,
        }
    per_group = {}
    for group in GROUPS:
        gold = [s for s in scored if s.label == "violation" and s.group == group]
        predicted = [s for s in scored if group in s.families]
        per_group[group] = {
            "violations": len(gold),
            "recall": sum(s.flagged for s in gold) / len(gold) if gold else None,
            "flagged_by_family": len(predicted),
            "precision": (
                sum(s.label == "violation" for s in predicted) / len(predicted)
                if predicted
                else None
            ),
        }
    lines["per_group"] = per_group
    lines["per_batch"] = {}
    for batch in sorted({s.batch for s in scored}):
        p, r, tp, fp, fn = prf([s for s in scored if s.batch == batch])
        lines["per_batch"][batch] = {"precision": p, "recall": r, "tp": tp, "fp": fp, "fn": fn}
    return lines


def throughput(rows: list[dict[str, str]]) -> tuple[float, float, int]:
    texts = [row["text"] for row in rows]
    review_text(texts[0])  # warm up (rules compile once, at first use)
    count = 0
    started = time.perf_counter()
    while time.perf_counter() - started < 1.0:
        for text in texts:
            review_text(text)
        count += len(texts)
    clauses_per_s = count / (time.perf_counter() - started)
    parts: list[str] = []
    size = 0
    while size < PAGES * PAGE_CHARS:
        for text in texts:
            parts.append(text)
            size += len(text) + 1
    document = "\n".join(parts)
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        review_text(document)
        best = min(best, time.perf_counter() - started)
    pages = len(document) / PAGE_CHARS
    return clauses_per_s, pages / best, len(document)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and false alarms")
    parser.add_argument("--no-speed", action="store_true", help="skip the throughput measurement")
    args = parser.parse_args(argv)
    rows = load()
    scored = score(rows)
    result = report(scored)
    print(f"clauses: {len(rows)} ({sum(r['label'] == 'violation' for r in rows)} violation)")
    for name in ("all", "dev", "added"):
        m = result[name]
        print(
            f"{name:>5}: precision {m['precision']:.3f}  recall {m['recall']:.3f}  "
            f"(tp {m['tp']}, fp {m['fp']}, fn {m['fn']}; {m['clauses']} clauses, "
            f"{m['violations']} violations)"
        )
    print(
        "per batch:",
        "; ".join(
            f"{b} P {m['precision']:.2f} R {m['recall']:.2f} (tp {m['tp']} fp {m['fp']} fn {m['fn']})"
            for b, m in result["per_batch"].items()
        ),
    )
    print("per category (recall over labelled violations; precision over clauses a family flags):")
    for group, m in result["per_group"].items():
        recall = "  n/a" if m["recall"] is None else f"{m['recall']:.3f}"
        precision = "  n/a" if m["precision"] is None else f"{m['precision']:.3f}"
        print(
            f"  {group:<13} recall {recall} ({m['violations']:>3} violations)   "
            f"precision {precision} ({m['flagged_by_family']:>3} flagged)"
        )
    if args.verbose:
        print("\nmissed violations:")
        for s in scored:
            if s.label == "violation" and not s.flagged:
                print(f"  {s.id} [{s.group}] {s.text[:90]}")
        print("\nfalse alarms on compliant clauses:")
        for s in scored:
            if s.label != "violation" and s.flagged:
                print(f"  {s.id} {'; '.join(s.excerpts)} | {s.text[:70]}")
    if not args.no_speed:
        per_clause, per_page, chars = throughput(rows)
        print(
            f"throughput: {per_clause:,.0f} clauses/s; {per_page:,.1f} pages/s "
            f"({chars:,} chars ≈ {chars / PAGE_CHARS:.0f} pages of {PAGE_CHARS} chars)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
