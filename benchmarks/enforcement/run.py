"""Benchmark of the consistency (类案同罚) analysis: median/MAD per item and grade in SQL.

Run as ``python benchmarks/enforcement/run.py`` (10^4 and 10^5 cases; ``--million`` adds 10^6).
It builds a scratch SQLite database (or uses ``DATABASE_URL``), generates decided penalty cases
across 200 items with a few planted outliers, and prints how long the two queries take at each
size and how the time grows. The planted outliers must all be found at every size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "src"))

ITEMS = 200
GRADES = ("lighter", "ordinary", "heavier")
OUTLIER_EVERY = 997  # one planted outlier per this many cases


def setup_django() -> None:
    scratch = tempfile.mkdtemp(prefix="fazhi-bench-enforcement-")
    os.environ.setdefault("FAZHI_VAR_DIR", scratch)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def base_records():
    from django.contrib.auth import get_user_model

    from fazhi.core import services as core_services
    from fazhi.enforcement import services
    from fazhi.enforcement.models import EnforcementItem, ItemMode

    User = get_user_model()
    admin = User.objects.filter(username="bench-admin").first() or User.objects.create_superuser(
        "bench-admin", password=None
    )
    city = core_services.organization_create(
        actor=admin, code="BENCH-CITY", name="基准市", kind="city_government"
    )
    bureau = core_services.organization_create(
        actor=admin, code="BENCH-ENF", name="综合行政执法局", kind="department", parent=city
    )
    services.items_import(
        actor=admin,
        rows=[
            services.ItemRow(
                code=f"BENCH-{n:04d}",
                name=f"基准事项{n}",
                category="市容环卫",
                legal_basis="依据",
                penalty_basis="依据",
                max_fine=Decimal(100000),
                mode=ItemMode.CENTRALISED,
                holder_code=bureau.code,
                original_department_code="",
                effective_from=dt.date(2022, 1, 1),
            )
            for n in range(ITEMS)
        ],
    )
    return (
        admin,
        bureau,
        list(EnforcementItem.objects.order_by("code").values_list("pk", flat=True)),
    )


def generate(total: int, *, bureau, item_ids: list[int], start_id: int) -> int:
    """Insert decided cases straight into the table (generation, not the workflow, is timed apart)."""
    from django.db import transaction

    from fazhi.enforcement.models import PenaltyCase

    rng = random.Random(total)
    planted = 0
    batch: list[PenaltyCase] = []
    for n in range(total):
        number = start_id + n
        grade = GRADES[n % len(GRADES)]
        centre = {"lighter": 3000, "ordinary": 10000, "heavier": 40000}[grade]
        amount = rng.gauss(centre, centre * 0.08)
        if n % OUTLIER_EVERY == OUTLIER_EVERY - 1:
            amount = centre * 3
            planted += 1
        batch.append(
            PenaltyCase(
                case_number=f"BENCH-{number}",
                organization=bureau,
                item_id=item_ids[n % len(item_ids)],
                status="closed",
                party_type="organization",
                party_name=f"公司{number}",
                party_id_number=f"91330481{number:010d}",
                facts="基准",
                violation_date=dt.date(2022, 1, 1),
                discovered_on=dt.date(2022, 1, 2),
                opened_on=dt.date(2022, 1, 3),
                officers="甲、乙",
                decided_on=dt.date(2022, 1, 1) + dt.timedelta(days=n % 360),
                outcome="penalty",
                penalty_kinds=["fine"],
                fine_amount=Decimal(round(max(amount, 100), 2)).quantize(Decimal("0.01")),
                proposed_grade=grade,
            )
        )
        if len(batch) == 10_000:
            with transaction.atomic():  # one commit per batch, not per statement
                PenaltyCase.objects.bulk_create(batch)
            batch = []
    if batch:
        with transaction.atomic():
            PenaltyCase.objects.bulk_create(batch)
    return planted


def measure(admin, planted_total: int) -> tuple[float, float, int, int]:
    from fazhi.enforcement import selectors

    start, end = dt.date(2022, 1, 1), dt.date(2022, 12, 31)
    t0 = time.perf_counter()
    spread = selectors.consistency_spread(user=admin, start=start, end=end)
    t1 = time.perf_counter()
    flagged = selectors.consistency_flagged(user=admin, start=start, end=end)
    t2 = time.perf_counter()
    planted_found = sum(1 for f in flagged if f.amount >= f.median * 2)
    assert planted_found == planted_total, (planted_found, planted_total)
    return t1 - t0, t2 - t1, len(spread), len(flagged)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--million", action="store_true", help="also run 10^6 cases (minutes)")
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    admin, bureau, item_ids = base_records()
    sizes = [10_000, 100_000] + ([1_000_000] if args.million else [])
    print(f"database: {connection.vendor}; {ITEMS} items × {len(GRADES)} grades")
    print(
        f"{'cases':>10} {'generate s':>11} {'spread s':>9} {'flagged s':>10} "
        f"{'groups':>7} {'flagged':>8} {'× time':>7}"
    )
    done = 0
    planted = 0
    previous = None
    for size in sizes:
        t0 = time.perf_counter()
        planted += generate(size - done, bureau=bureau, item_ids=item_ids, start_id=done)
        generated = time.perf_counter() - t0
        done = size
        spread_s, flagged_s, groups, flagged = measure(admin, planted)
        total = spread_s + flagged_s
        growth = f"{total / previous:.1f}" if previous else "—"
        previous = total
        print(
            f"{size:>10} {generated:>11.1f} {spread_s:>9.2f} {flagged_s:>10.2f} "
            f"{groups:>7} {flagged:>8} {growth:>7}"
        )
    print(
        "planted outliers found at every size; '× time' is the query time against the previous"
        " size (10× the cases): near 10 means linear growth (the window sorts are n·log n)."
    )


if __name__ == "__main__":
    main()
