"""The leader's dashboard on the demo: the page and each of its parts, cold (empty cache) and
warm, beside the approach it replaced (one request computing every figure, town and chart,
towns figure by figure) in the same run.

    python benchmarks/dashboards/run.py --database-url sqlite:////tmp/demo.sqlite3  # a built demo
    python benchmarks/dashboards/run.py              # builds the demo in a temporary DB (minutes)

The page must answer in under 300 ms; each part is a separate request the page makes after it
loads (htmx), timed here one by one as the browser would ask for them.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

TARGET_MS = 300


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
        print("building the demo (minutes) …", flush=True)
        call_command("demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


def _before(year: int, scope) -> None:
    """What the page computed on a cold cache before: every figure for two years, the towns
    figure by figure and town by town, every chart (the mediation chart one query per town)."""
    from django.db.models import Count

    from fazhi.core import indicators
    from fazhi.dashboards import charts, selectors

    selectors.key_figures(year, scope)
    towns = selectors.towns_under(scope)
    for key in selectors.TOWN_KEYS:
        indicator = indicators.get(key)
        if indicator is not None:
            [indicators.evaluate(indicator, year, town) for town in towns]
    for chart in charts.CHARTS.values():
        if chart.key == "mediation_town":
            cases = charts._mediation(year, scope)
            for town in towns:
                cases.filter(organization__path__startswith=town.path).aggregate(
                    total=Count("pk"), ok=Count("pk", filter=charts._success_q())
                )
        else:
            chart.compute(year, scope)


def _get(client, url: str) -> tuple[float, int, int]:
    from django.db import connection, reset_queries

    reset_queries()
    started = time.perf_counter()
    response = client.get(url)
    return (time.perf_counter() - started) * 1000, response.status_code, len(connection.queries)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--year", type=int, default=2022)
    parser.add_argument("--user", default="leader")
    args = parser.parse_args()
    _setup(args.database_url)
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from fazhi.dashboards import charts, selectors

    setup_test_environment()
    settings.DEBUG = True  # counts queries
    user = get_user_model().objects.get(username=args.user)
    client = Client()
    client.force_login(user)
    scope = selectors.dashboard_scope(user)
    query = f"?scope={scope.code}&year={args.year}"
    client.get(reverse("dashboards:index") + query)  # the process warms up (templates, URLs)

    cache.clear()
    started = time.perf_counter()
    _before(args.year, scope)
    before_ms = (time.perf_counter() - started) * 1000
    print(f"dashboard of {scope.name}, {args.year}")
    print(f"  before: one request computing everything (cold): {before_ms:8.1f} ms")

    urls = [("page", reverse("dashboards:index") + query)]
    urls += [
        (f"figures {app}", reverse("dashboards:figures") + query + f"&area={app}")
        for app, _name in selectors.areas()
    ]
    urls.append(("towns", reverse("dashboards:towns") + query))
    urls += [
        (f"chart {key}", reverse("dashboards:chart", args=[key]) + query) for key in charts.CHARTS
    ]
    for state in ("cold", "warm"):
        if state == "cold":
            cache.clear()
        print(f"  now, {state} cache: each request    ms  queries")
        slowest = total = 0.0
        for name, url in urls:
            ms, status, queries = _get(client, url)
            total += ms
            slowest = max(slowest, ms)
            flag = "" if ms < TARGET_MS else "  (over target)"
            print(f"    {name:36s} {ms:8.1f} {queries:5d}  [{status}]{flag}")
        print(f"    all {len(urls)} requests: {total:.1f} ms; slowest {slowest:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
