"""``run.py --province``: every indicator province-wide at growing sizes of the multiplied demo
(see ``province.py``), time beside the number of records, in a scratch copy of the database."""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
import uuid
from urllib.parse import urlparse, urlunparse

MAIN_TABLES = {
    "disputes": ("disputes", "MediationCase"),
    "enforcement": ("enforcement", "PenaltyCase"),
    "reconsideration": ("reconsideration", "ReconsiderationCase"),
    "litigation": ("litigation", "LitigationCase"),
    "grassroots": ("core", "Organization"),
}
FULL_STEPS = [1, 10, 30, 90]
ENFORCEMENT_COPIES = 28  # × the demo city's ~40 cases × 90 counties ≈ 100,000


def _scratch(database_url: str) -> tuple[str, object]:
    """A copy of the demo database to multiply, and how to drop it."""
    parsed = urlparse(database_url)
    if parsed.scheme.startswith("sqlite"):
        source = parsed.path if not parsed.path.startswith("//") else parsed.path[1:]
        target = os.path.join(tempfile.mkdtemp(prefix="fazhi-province-"), "province.sqlite3")
        with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
            src.backup(dst)  # includes what still sits in the WAL
        return f"sqlite:///{target}", lambda: os.remove(target)
    import psycopg

    name = parsed.path.lstrip("/")
    scratch = f"{name}_province_{uuid.uuid4().hex[:6]}"
    admin = urlunparse(parsed._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{scratch}" TEMPLATE "{name}"')

    def drop() -> None:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{scratch}"')

    return urlunparse(parsed._replace(path=f"/{scratch}")), drop


def _counts() -> dict[str, int]:
    from django.apps import apps

    return {
        app: apps.get_model(label, model).objects.count()
        for app, (label, model) in MAIN_TABLES.items()
    }


def _measure(year: int) -> dict[str, float]:
    from fazhi.core import indicators

    times = {}
    for indicator in indicators.all_indicators():
        started = time.perf_counter()
        indicators.evaluate(indicator, year, None)
        times[indicator.key] = time.perf_counter() - started
    return times


def run_province(args) -> int:
    if not args.database_url:
        print("--province needs --database-url of a database holding the demo")
        return 2
    url, drop = _scratch(args.database_url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()
    from django.db import connection
    from province import multiply

    steps = FULL_STEPS if args.full else [1, max(2, args.counties)]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # the copy's planner statistics, as after the multiplication
    _measure(args.year)  # warm-up: imports, first connection, query compilation
    results: list[tuple[int, dict[str, int], dict[str, float]]] = []
    try:
        built = 1
        for counties in steps:
            if counties > built:
                started = time.perf_counter()
                multiply(counties, ENFORCEMENT_COPIES, start=built + 1)
                print(f"multiplied to {counties} counties in {time.perf_counter() - started:.1f} s")
                built = counties
            counts = _counts()
            times = _measure(args.year)
            print(
                f"{counties:3d} counties on {connection.vendor}: records {counts}; "
                f"every indicator {sum(times.values()):.2f} s",
                flush=True,
            )
            results.append((counties, counts, times))
    finally:
        if not args.keep:
            drop()
        else:
            print(f"scratch database kept: {url}")
    _print(results)
    return 0


def _print(results) -> None:
    first_counts, last_counts = results[0][1], results[-1][1]
    head = "".join(f"{c:>9d}c" for c, _n, _t in results)
    print(f"\nindicator (province-wide), ms at{head}   records(first→last)  time×/records×")
    keys = sorted(results[-1][2], key=lambda k: -results[-1][2][k])
    for key in keys:
        app = key.split(".")[0]
        cells = "".join(f"{times[key] * 1000:10.1f}" for _c, _n, times in results)
        before, after = first_counts.get(app), last_counts.get(app)
        if before and after:
            growth = (results[-1][2][key] / max(results[0][2][key], 1e-6)) / (after / before)
            records = f"{before:>8d}→{after:<9d}  {growth:5.2f}"
        else:
            records = f"{'(not multiplied)':>19s}"
        print(f"  {key:48s}{cells}   {records}")
    totals = "".join(f"{sum(times.values()):10.2f}" for _c, _n, times in results)
    print(f"  {'all indicators, s':48s}{totals}")
