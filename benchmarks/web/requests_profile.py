"""Profile requests end to end through the Django test client on an existing database.

    DATABASE_URL=sqlite:////tmp/demo.sqlite3 PYTHONPATH=src \\
        .venv/bin/python benchmarks/web/requests_profile.py /disputes/ /api/disputes/cases/ [--top 25]

Logs in as the demo administrator (``--user`` to change), warms each URL once, then prints per
URL the number of SQL queries, Python function calls (cProfile: stable on a shared machine,
unlike wall time) and CPU ms, and the top functions by cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--user", default="admin")
    parser.add_argument("--top", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    import logging

    import django

    django.setup()
    logging.disable(logging.ERROR)
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=args.user))
    print(f"{'url':<40}{'status':>7}{'queries':>9}{'calls':>10}{'cpu ms':>9}")
    for url in args.urls:
        client.get(url)  # warm caches, templates, imports
        # Count with an execute wrapper: the request_started signal empties queries_log.
        executed: list[str] = []
        with connection.execute_wrapper(
            lambda run, sql, *a, seen=executed: seen.append(sql) or run(sql, *a)
        ):
            response = client.get(url)
        profiler = cProfile.Profile()
        started = time.process_time()
        profiler.enable()
        for _ in range(args.repeat):
            client.get(url)
        profiler.disable()
        cpu = (time.process_time() - started) / args.repeat * 1000
        stats = pstats.Stats(profiler)
        calls = stats.total_calls // args.repeat  # type: ignore[attr-defined]
        print(
            f"{url:<40}{response.status_code:>7}{len(executed):>9}{calls:>10}{cpu:>9.1f}",
            flush=True,
        )
        if args.top:
            stats.sort_stats("cumulative").print_stats(args.top)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
