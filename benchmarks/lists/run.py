"""The mediation list at ×N on PostgreSQL (issue 19): timings and EXPLAIN plans, before and after.

The demo's concluded mediation cases are imported again ``--times − 1`` times through the
project's own bulk ledger import (``mediation_cases_import``, one call per copy, new case
numbers), so the ledger grows like a city's would. Then, for a city-wide user (``leader``) and a
town user (``mediator``, 许村镇), each list request is timed (median of ``--repeat``) and the plan
of each of its queries on the mediation table is printed (``EXPLAIN ANALYZE``):

* **before**: the list indexes of ``disputes.0004`` dropped, exact counts (``?exact_count=1``) and
  offset pages — what the lists did before this change;
* **after**: the indexes back, the default estimated count, and keyset (``?cursor=``) pages.

    python benchmarks/lists/run.py --database-url postgres://postgres@127.0.0.1:5432/fz_lists \
        [--times 100] [--repeat 5] [--no-plans]

The database is built (migrate + ``fazhi demo``) when it holds no demo, and grown only up to
``--times`` (it can be reused for a larger run). PostgreSQL only: SQLite always counts exactly.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from urllib.parse import urlparse

LIST_INDEXES = {
    "mediation_list_order": "(registered_on, id)",
    "mediation_list_by_unit": "(organization_id, registered_on, id)",
}
USERS = {"city-wide (leader)": "leader", "town (mediator, 许村镇)": "mediator"}
SYNTHETIC_USERS = {"city-wide (leader)": "bench_leader", "town (mediator, 镇1)": "bench_mediator"}
SUFFIX = "-x"


def _setup(database_url: str, synthetic: bool) -> None:
    import psycopg

    parsed = urlparse(database_url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    from fazhi.disputes.models import MediationCase

    if synthetic:
        _synthetic()
    elif not MediationCase.objects.exists():
        started = time.perf_counter()
        print("building the demo (minutes) …", flush=True)
        call_command("demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        print(f"demo built in {time.perf_counter() - started:.1f} s", flush=True)


def _synthetic_tree(towns: int, committees: int) -> None:
    from django.contrib.auth import get_user_model

    from fazhi.core import services as core_services
    from fazhi.core.models import Role
    from fazhi.disputes import services

    admin = core_services.user_create(
        actor=None,
        username="admin",
        password="Bench-Passw0rd-2026!",
        roles=[],
        site_administrator=True,
    )
    city = core_services.organization_create(
        actor=admin, code="BENCH-C", name="市", kind="city_government"
    )
    core_services.role_assign(actor=admin, user=admin, role=Role.ADMINISTRATOR, organization=city)
    admin = get_user_model().objects.get(pk=admin.pk)
    codes = []
    for t in range(1, towns + 1):
        town = core_services.organization_create(
            actor=admin, code=f"BENCH-T{t}", name=f"镇{t}", kind="town", parent=city
        )
        if t == 1:
            first_town = town
        for c in range(1, committees + 1):
            committee = services.mediation_committee_create(
                actor=admin, parent=town, code=f"BENCH-T{t}-{c}", name=f"镇{t}调委会{c}"
            )
            core_services.person_create(actor=admin, organization=committee, name="调解员")
            codes.append(committee.code)
    for username, role, unit in (
        ("bench_leader", Role.LEADER, city),
        ("bench_mediator", Role.MEDIATOR, first_town),
    ):
        user = core_services.user_create(
            actor=admin, username=username, password="Bench-Passw0rd-2026!", roles=[]
        )
        core_services.role_assign(actor=admin, user=user, role=role, organization=unit)


def _synthetic(towns: int = 20, committees: int = 5, cases: int = 12_297) -> None:
    """Without the demo (a loaded machine builds it slowly): a city of ``towns`` towns with
    ``committees`` committees each and the demo's yearly number of concluded cases, through the
    same services (organisations, accounts, the ledger import)."""
    import datetime as dt

    from django.contrib.auth import get_user_model

    from fazhi.core.models import Organization
    from fazhi.disputes import services
    from fazhi.disputes.models import MediationCase, Outcome
    from fazhi.disputes.services import MediationCaseRow, PartyInput

    if not Organization.objects.filter(code="BENCH-C").exists():
        _synthetic_tree(towns, committees)
    if MediationCase.objects.exists():
        return
    admin = get_user_model().objects.get(username="admin")
    codes = list(
        Organization.objects.filter(code__startswith="BENCH-T", kind="mediation_committee")
        .order_by("code")
        .values_list("code", flat=True)
    )
    parties = (PartyInput("applicant", "甲"), PartyInput("respondent", "乙"))
    start = dt.date(2022, 1, 1)
    services.mediation_cases_import(
        actor=admin,
        rows=[
            MediationCaseRow(
                committee_code=codes[n % len(codes)],
                case_no=f"2022-{n:05d}",
                kind="neighbour",
                source="application",
                registered_on=start + dt.timedelta(days=n % 330),
                concluded_on=start + dt.timedelta(days=n % 330 + 10),
                outcome=Outcome.AGREEMENT_ORAL if n % 9 else Outcome.FAILED,
                next_channel="" if n % 9 else "litigation",
                mediator_name="调解员",
                parties=parties,
            )
            for n in range(cases)
        ],
    )


def _grow(times: int) -> None:
    """Import the demo's concluded cases again until the ledger holds ``times`` copies."""
    from django.contrib.auth import get_user_model

    from fazhi.disputes import services
    from fazhi.disputes.models import CaseStatus, MediationCase
    from fazhi.disputes.services import MediationCaseRow, PartyInput

    demo = MediationCase.objects.filter(status=CaseStatus.CONCLUDED).exclude(
        case_no__contains=SUFFIX
    )
    rows = list(
        demo.values_list(
            "organization__code",
            "case_no",
            "kind",
            "source",
            "registered_on",
            "concluded_on",
            "outcome",
            "mediator__name",
            "amount",
            "next_channel",
        )
    )
    admin = get_user_model().objects.get(username="admin")
    parties = (PartyInput("applicant", "甲"), PartyInput("respondent", "乙"))
    done = {
        no.rsplit(SUFFIX, 1)[1]
        for no in MediationCase.objects.filter(case_no__contains=SUFFIX)
        .values_list("case_no", flat=True)
        .distinct()
    }
    for copy in range(1, times):
        if str(copy) in done:
            continue
        started = time.perf_counter()
        imported = services.mediation_cases_import(
            actor=admin,
            rows=[
                MediationCaseRow(
                    committee_code=code,
                    case_no=f"{no}{SUFFIX}{copy}",
                    kind=kind,
                    source=source,
                    registered_on=registered,
                    concluded_on=concluded,
                    outcome=outcome,
                    mediator_name=mediator or "",
                    amount=amount,
                    next_channel=channel,
                    parties=parties,
                )
                for code, no, kind, source, registered, concluded, outcome, mediator, amount, channel in rows
            ],
        )
        print(
            f"copy {copy}: {imported} cases imported in {time.perf_counter() - started:.1f} s",
            flush=True,
        )


def _indexes(create: bool) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for name, columns in LIST_INDEXES.items():
            if create:
                cursor.execute(
                    f"CREATE INDEX IF NOT EXISTS {name} ON disputes_mediationcase {columns}"
                )
            else:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")
        cursor.execute("ANALYZE disputes_mediationcase")


def _deep_cursor(username: str, depth: int) -> str:
    """The cursor the API gives after ``depth`` rows of the user's list (built directly)."""
    from django.contrib.auth import get_user_model

    from fazhi.core.listing import _encode, _ordering, _values_of
    from fazhi.disputes import selectors
    from fazhi.disputes.models import MediationCase

    user = get_user_model().objects.get(username=username)
    row = selectors.case_list(user=user)[depth - 1 : depth].first()
    return _encode(_values_of(row, _ordering(MediationCase))) if row else ""


def _time(client, url: str, repeat: int) -> tuple[float, float, list[str], int]:
    """Median wall time of the request and of its SQL (ms), its list queries, its query count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm: the plan cache, the page
    times, sql_times = [], []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
        sql_times.append(sum(float(q["time"]) for q in captured.captured_queries))
    queries = [
        q["sql"]
        for q in captured.captured_queries
        if "disputes_mediationcase" in q["sql"] and q["sql"].lstrip().upper().startswith("SELECT")
    ]
    count = len(captured.captured_queries)
    return statistics.median(times) * 1000, statistics.median(sql_times) * 1000, queries, count


def _plan(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF, BUFFERS OFF) {sql}")
        return "\n".join(f"      {line}" for (line,) in cursor.fetchall())


def _measure(phase: str, requests: list[tuple[str, str]], repeat: int, plans: bool):
    from django.contrib.auth import get_user_model
    from django.test import Client

    results = []
    for label, username in USERS.items():
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        for what, url in requests:
            if "{deep}" in url:  # the user's own cursor after 5,000 rows
                url = url.replace("{deep}", _deep_cursor(username, 5_000))
            ms, sql_ms, queries, count = _time(client, url, repeat)
            results.append((phase, label, what, ms, sql_ms))
            print(
                f"[{phase}] {label:24s} {what:36s} {ms:8.1f} ms, SQL {sql_ms:7.1f} ms "
                f"({count} queries)",
                flush=True,
            )
            if plans:
                print(f"    {url}")
                for sql in queries:
                    print(f"    {sql[:160]}{' …' if len(sql) > 160 else ''}")
                    print(_plan(sql))
    return results


BEFORE = [
    ("page 1, exact count (offset)", "/disputes/cases/?exact_count=1"),
    ("API page 1, exact count (offset)", "/api/disputes/cases/?exact_count=1"),
    ("API page 100, exact count (offset)", "/api/disputes/cases/?page=100&exact_count=1"),
]
AFTER = [
    ("page 1 (estimated count)", "/disputes/cases/"),
    ("page 1, exact count asked", "/disputes/cases/?exact_count=1"),
    ("API page 1 (estimated count)", "/api/disputes/cases/"),
    ("API page 100 (estimated count)", "/api/disputes/cases/?page=100"),
    ("API cursor, first page", "/api/disputes/cases/?cursor="),
    ("API cursor, after 5,000 rows", "/api/disputes/cases/?cursor={deep}"),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", required=True, help="a PostgreSQL database (own)")
    parser.add_argument("--times", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-plans", action="store_true")
    parser.add_argument(
        "--synthetic", action="store_true", help="a generated city instead of the demo"
    )
    args = parser.parse_args()
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "src"))
    _setup(args.database_url, args.synthetic)
    if args.synthetic:
        USERS.clear()
        USERS.update(SYNTHETIC_USERS)
    from django.db import connection

    from fazhi.disputes.models import MediationCase

    assert connection.vendor == "postgresql", "PostgreSQL only"
    _grow(args.times)
    with connection.cursor() as cursor:
        # Planner statistics as autovacuum leaves them after the growth: without them the
        # parties' prefetch is planned as if each case had thousands (a seq scan, 0.2 s).
        cursor.execute("ANALYZE")
    total = MediationCase.objects.count()
    print(f"\nmediation cases: {total:,} (demo ×{args.times})\n", flush=True)
    plans = not args.no_plans
    _indexes(create=False)
    results = _measure("before", BEFORE, args.repeat, plans)
    _indexes(create=True)
    results += _measure("after", AFTER, args.repeat, plans)
    print(f"\nsummary at {total:,} cases (median of {args.repeat}; request ms, of which SQL ms)")
    for phase, label, what, ms, sql_ms in results:
        print(f"  {phase:7s} {label:24s} {what:36s} {ms:8.1f} {sql_ms:8.1f}")


if __name__ == "__main__":
    main()
