"""Every indicator for a year at county scale (the Haining demo), the city report's DOCX and
PDF, and the leader's dashboard page.

    python benchmarks/report/run.py                       # builds the demo in a temporary DB
    python benchmarks/report/run.py --database-url sqlite:///var/fazhi.sqlite3   # an existing demo
    python benchmarks/report/run.py --province --database-url URL            # 5 counties
    python benchmarks/report/run.py --province --full --database-url URL     # 90 counties

Prints each indicator's time (slowest first) with the number of records of its app's main
table, then the totals.

``--province`` multiplies the demo (``province.py``) in a scratch copy of the database (a copy
of the SQLite file; a PostgreSQL database created from the given one as template) and prints,
for every indicator computed province-wide, its time at each size beside the record counts:
by default 5 counties (seconds); ``--full`` the issue's province, 90 counties with more than
1 million mediation and 100,000 enforcement cases (minutes to build on SQLite).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time


def _setup(database_url: str | None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ["FAZHI_VAR_DIR"] = tempfile.mkdtemp(prefix="fazhi-bench-")
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from fazhi.core.models import Organization

    if not Organization.objects.filter(kind="city_government").exists():
        started = time.perf_counter()
        print("building the demo (minutes) …", flush=True)
        call_command("demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        print(f"demo built in {time.perf_counter() - started:.1f} s", flush=True)


def _record_counts() -> dict[str, int]:
    from django.apps import apps

    counts = {}
    for label, model in [
        ("disputes", "MediationCase"),
        ("reconsideration", "ReconsiderationCase"),
        ("litigation", "LitigationCase"),
        ("enforcement", "PenaltyCase"),
        ("normdocs", "NormativeDocument"),
    ]:
        try:
            counts[label] = apps.get_model(label, model).objects.count()
        except LookupError:
            continue
    return counts


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--year", type=int, default=2022)
    parser.add_argument("--province", action="store_true")
    parser.add_argument("--full", action="store_true", help="--province with 90 counties")
    parser.add_argument("--counties", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()
    if args.province:
        from province_run import run_province

        return run_province(args)
    _setup(args.database_url)
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment

    from fazhi.core import documents, indicators
    from fazhi.core.models import Organization
    from fazhi.reports import rendering
    from fazhi.reports.models import AnnualReport

    counts = _record_counts()
    city = Organization.objects.filter(kind="city_government").order_by("path").first()
    timings = []
    for indicator in indicators.all_indicators():
        started = time.perf_counter()
        indicators.evaluate(indicator, args.year, city)
        timings.append((time.perf_counter() - started, indicator.key))
    total = sum(t for t, _k in timings)
    print(f"{len(timings)} indicators, {args.year}, county scale; records: {counts}")
    for seconds, key in sorted(timings, reverse=True):
        print(f"  {seconds * 1000:8.1f} ms  {key}  ({counts.get(key.split('.')[0], '-')} records)")
    print(f"all indicators: {total:.2f} s")

    report = AnnualReport.objects.filter(organization=city, year=args.year).first()
    if report is not None:
        started = time.perf_counter()
        rendering.docx(report)
        print(f"city report DOCX: {time.perf_counter() - started:.2f} s")
        if documents.pdf_available():
            started = time.perf_counter()
            rendering.pdf(report)
            print(f"city report PDF:  {time.perf_counter() - started:.2f} s")
    setup_test_environment()
    user = get_user_model().objects.filter(username="leader").first()
    if user is not None:
        client = Client()
        client.force_login(user)
        for attempt in ("cold", "warm"):
            started = time.perf_counter()
            status = client.get(f"/dashboards/?year={args.year}").status_code
            print(f"dashboard page ({attempt}): {time.perf_counter() - started:.2f} s [{status}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
