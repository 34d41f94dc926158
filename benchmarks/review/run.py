"""Benchmark of the pre-review pipeline on labelled clauses: grouped cross-validation first.

Run as ``python benchmarks/review/run.py`` (``-v`` lists misses and false alarms, ``--no-cv``
skips the cross-validation, ``--no-speed`` the timing). A clause counts as **flagged** when a
``fair_competition`` or ``legality`` finding of severity error or warning fires on it (an
``info`` note, such as a verified legal basis, does not count).

Headline: 5-fold cross-validation grouped by source document (no document is in both the
training and the validation folds) of the whole pipeline, rules + the fold's classifier at the
shipped threshold. Then, for each held-out batch, the figures *before tuning*: the classifier
trained only on the batches read before it. In-sample figures (the shipped model on the clauses
it was trained on) come last, and are not an estimate of anything.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")

from fazhi.review.engine import review_text  # noqa: E402
from fazhi.review.engine.classifier import load_classifier  # noqa: E402
from fazhi.review.engine.training import (  # noqa: E402
    Example,
    fit,
    grouped_folds,
    law_negatives,
    load_examples,
    to_classifier,
)

CLAUSES = HERE / "clauses.jsonl"
FLAG_CATEGORIES = {"fair_competition", "legality"}
FAMILIES = ("market_entry", "free_flow", "cost", "behaviour", "legality")
# The order the batches were read in (later batches are "new" to a model trained on earlier).
BATCH_ORDER = ("dev", "added", *(f"heldout-{n}" for n in range(1, 20)), "laws")
PAGE_CHARS = 1500
PAGES = 100


def laws_dir() -> Path:
    shared = Path(os.environ.get("FAZHI_SHARED_DIR", REPO.parent / "shared"))
    return shared / "data" / "laws"


def flagged(text: str, classifier=None, *, use_model: bool = True, **kwargs) -> bool:
    return any(
        f.category in FLAG_CATEGORIES and f.severity != "info"
        for f in review_text(text, use_model=use_model, classifier=classifier, **kwargs)
    )


def prf(flags: Sequence[bool], truth: Sequence[bool]) -> dict[str, float]:
    tp = sum(1 for f, t in zip(flags, truth, strict=True) if f and t)
    fp = sum(1 for f, t in zip(flags, truth, strict=True) if f and not t)
    fn = sum(1 for f, t in zip(flags, truth, strict=True) if not f and t)
    return {
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def line(name: str, m: dict[str, float]) -> str:
    return (
        f"  {name:<34} P {m['precision']:.3f}  R {m['recall']:.3f}  "
        f"(tp {m['tp']}, fp {m['fp']}, fn {m['fn']})"
    )


def threshold_of(classifier) -> float:
    return classifier.threshold if classifier is not None else 0.5


def cross_validate(
    examples: list[Example], extra: list[Example], threshold: float, *, by_report: bool = False
) -> dict[str, list[bool]]:
    """Out-of-fold flags of the rules, the model and the pipeline, grouped by document."""
    if by_report:
        examples = [
            Example(e.text, e.label, str(e.meta.get("source_title", e.document)), e.id, e.batch)
            for e in examples
        ]
    n = len(examples)
    model = [False] * n
    both = [False] * n
    for validation in grouped_folds(examples):
        held = set(validation)
        training = [e for i, e in enumerate(examples) if i not in held] + extra
        classifier = to_classifier(*fit(training), threshold=threshold)
        for i in validation:
            model[i] = classifier.predict(examples[i].text).problem >= threshold
            both[i] = flagged(examples[i].text, classifier)
    return {"model": model, "pipeline": both}


def before_tuning(examples: list[Example], extra: list[Example], threshold: float):
    """Each held-out batch scored by a model trained only on the batches read before it."""
    rank = {b: i for i, b in enumerate(BATCH_ORDER)}
    rows = []
    for batch in BATCH_ORDER:
        if not batch.startswith("heldout"):
            continue
        new = [e for e in examples if e.batch == batch]
        if not new:
            continue
        seen = [e for e in examples if rank.get(e.batch, 99) < rank[batch]]
        classifier = to_classifier(*fit(seen + extra), threshold=threshold)
        truth = [e.violation for e in new]
        model = [classifier.predict(e.text).problem >= threshold for e in new]
        both = [flagged(e.text, classifier) for e in new]
        rows.append((batch, len(new), sum(truth), prf(model, truth), prf(both, truth)))
    return rows


def throughput(texts: list[str], **kwargs) -> dict[str, float]:
    """Clauses per second of CPU time (what one core sustains, robust to other jobs on the
    machine) and of wall time, and pages per second on a ~107-page document."""
    review_text(texts[0], **kwargs)  # warm up: rules compile, the model loads, once
    count = 0
    cpu_started, wall_started = time.process_time(), time.perf_counter()
    while time.process_time() - cpu_started < 2.0:
        for text in texts:
            review_text(text, **kwargs)
        count += len(texts)
    cpu = count / (time.process_time() - cpu_started)
    wall = count / (time.perf_counter() - wall_started)
    parts: list[str] = []
    size = 0
    while size < PAGES * PAGE_CHARS:
        for text in texts:
            parts.append(text)
            size += len(text) + 1
    document = "\n".join(parts)
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        review_text(document, **kwargs)
        best = min(best, time.process_time() - started)
    return {
        "cpu": cpu,
        "wall": wall,
        "pages": len(document) / PAGE_CHARS / best,
        "chars": len(document),
    }


def pipeline_checkers(directory: Path):
    """The citation checker and basis lookup the command uses, built from the corpus files."""
    import django

    django.setup()
    from fazhi.lawbase.selectors import citation_findings, corpus_citation_resolver
    from fazhi.review.lawbasis import corpus_basis_lookup

    resolver = corpus_citation_resolver(directory)

    def checker(text, as_of):
        return citation_findings(text, as_of, resolver)

    return checker, corpus_basis_lookup(directory)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and false alarms")
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation")
    parser.add_argument("--no-speed", action="store_true", help="skip the throughput measurement")
    args = parser.parse_args(argv)
    examples = load_examples([CLAUSES])
    truth = [e.violation for e in examples]
    shipped = load_classifier()
    threshold = threshold_of(shipped)
    print(
        f"clauses: {len(examples)} ({sum(truth)} violation) from "
        f"{len({e.document for e in examples})} source documents; model threshold {threshold:.2f}"
    )
    if not args.no_cv:
        extra = law_negatives(laws_dir())
        print("\nHEADLINE — 5-fold CV grouped by source document (unseen documents):")
        cv = cross_validate(examples, extra, threshold)
        rules = [flagged(e.text, use_model=False) for e in examples]
        print(line("model alone", prf(cv["model"], truth)))
        print(line("rules + model (pipeline)", prf(cv["pipeline"], truth)))
        print(line("rules alone (tuned on these: optimistic)", prf(rules, truth)))
        strict = cross_validate(examples, extra, threshold, by_report=True)
        print("  stricter: grouped by the publishing report")
        print(line("model alone", prf(strict["model"], truth)))
        print(line("rules + model (pipeline)", prf(strict["pipeline"], truth)))
        print("\nPer held-out batch, BEFORE TUNING (model trained on earlier batches only):")
        for batch, n, violations, model, both in before_tuning(examples, extra, threshold):
            print(
                f"  {batch:<11} {n:>3} clauses ({violations:>3} violations)  model R "
                f"{model['recall']:.2f} P {model['precision']:.2f}   pipeline R "
                f"{both['recall']:.2f} P {both['precision']:.2f}"
            )
        if args.verbose:
            print("\nCV misses (pipeline):")
            for e, f in zip(examples, cv["pipeline"], strict=True):
                if e.violation and not f:
                    print(f"  {e.id} [{e.label}] {e.text[:90]}")
            print("\nCV false alarms (pipeline):")
            for e, f in zip(examples, cv["pipeline"], strict=True):
                if f and not e.violation:
                    print(f"  {e.id} {e.text[:90]}")
    print("\nIn-sample (shipped model, trained on these clauses; not an estimate):")
    shipped_flags = [flagged(e.text) for e in examples]
    print(line("rules + shipped model", prf(shipped_flags, truth)))
    for family in FAMILIES:
        gold = [i for i, e in enumerate(examples) if e.label == family]
        if gold:
            hit = sum(shipped_flags[i] for i in gold)
            print(f"    {family:<13} recall {hit / len(gold):.3f} ({hit}/{len(gold)})")
    if not args.no_speed:
        checker, lookup = pipeline_checkers(laws_dir())
        texts = [e.text for e in examples]
        speed = throughput(texts, citation_checker=checker, basis_lookup=lookup)
        print(
            f"\nthroughput (whole pipeline: rules, model, citation check, basis check): "
            f"{speed['cpu']:,.0f} clauses/s of CPU time ({speed['wall']:,.0f}/s wall clock "
            f"with the machine's other jobs); {speed['pages']:,.1f} pages/s "
            f"({speed['chars']:,} chars ≈ {speed['chars'] / PAGE_CHARS:.0f} pages of "
            f"{PAGE_CHARS} chars)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
