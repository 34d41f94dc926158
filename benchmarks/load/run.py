"""Bounded load run against ``fazhi serve``: p50/p95/p99 and throughput at 1/10/25/50 users.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/fazhi_load \\
        .venv/bin/python benchmarks/load/run.py            # migrate + demo + serve, then load
    .venv/bin/python benchmarks/load/run.py --no-setup     # reuse the database as it is
    .venv/bin/python benchmarks/load/run.py --users 1,10 --seconds 10
    .venv/bin/python benchmarks/load/run.py --no-setup --baseline-src /path/to/main/src

The server is started with ``fazhi serve`` (gunicorn, workers and timeouts from the
``FAZHI_WEB_*`` settings) on a free port.  Each simulated user logs in as the demo
administrator and, in a closed loop for ``--seconds``, requests the main staff pages and API
lists (found by asking each app's page and API root; pages that export are not in the set).
Clients are threads of this process on the same machine, so the figures include their cost.
``--baseline-src`` first runs the same levels against another tree's code (``PYTHONPATH``) on
the same database, then this tree, and prints both side by side. The server runs with
``FAZHI_DEBUG=0`` as in production.  Without ``BENCH_DATABASE_URL`` a temporary SQLite database is used (writers then serialise;
PostgreSQL is the production figure).
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
FAZHI = str(Path(sys.executable).with_name("fazhi"))
APPS = [
    "normdocs",
    "decisions",
    "enforcement",
    "supervision",
    "disputes",
    "reconsideration",
    "litigation",
    "consultations",
    "evidence",
    "lawbase",
    "review",
]
DEMO_USER, DEMO_PASSWORD = "admin", "fazhi-demo-2022"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _login(base: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{base}/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = session.post(
        f"{base}/login/",
        data={"username": DEMO_USER, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/login/"},
        timeout=30,
        allow_redirects=False,
    )
    if response.status_code != 302:
        raise SystemExit(f"login failed ({response.status_code}): is the demo loaded?")
    return session


def _discover(base: str, session: requests.Session) -> list[str]:
    urls = ["/", "/organizations/", "/people/"]
    for app in APPS:
        urls.append(f"/{app}/")
        response = session.get(f"{base}/api/{app}/", timeout=30)
        if response.ok and response.headers.get("Content-Type", "").startswith("application/json"):
            body = response.json()
            if isinstance(body, dict):
                urls += [
                    v.replace(base, "")
                    for v in body.values()
                    if isinstance(v, str) and v.startswith(base)
                ]
    urls += ["/api/organizations/", "/api/people/", "/api/notifications/"]
    return [u for u in dict.fromkeys(urls) if session.get(base + u, timeout=60).status_code == 200]


def _load(base: str, urls: list[str], users: int, seconds: float) -> dict:
    sessions = [_login(base) for _ in range(users)]
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def user(session: requests.Session, offset: int) -> None:
        nonlocal errors
        mine, bad, i = [], 0, offset
        while time.monotonic() < stop:
            url = urls[i % len(urls)]
            i += 1
            started = time.perf_counter()
            try:
                ok = session.get(base + url, timeout=60).status_code == 200
            except requests.RequestException:
                ok = False
            mine.append(time.perf_counter() - started)
            bad += not ok
        with lock:
            latencies.extend(mine)
            errors += bad

    started = time.monotonic()
    threads = [threading.Thread(target=user, args=(s, n)) for n, s in enumerate(sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    return {
        "users": users,
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p95": pct(0.95),
        "p99": pct(0.99),
    }


def _serve(env: dict[str, str], workers: int | None) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    command = [FAZHI, "serve", "--bind", f"127.0.0.1:{port}"]
    if workers:
        command += ["--workers", str(workers)]
    server = subprocess.Popen(command, env=env, start_new_session=True)
    for _ in range(240):
        try:
            if requests.get(f"{base}/healthz", timeout=2).ok:
                return server, base
        except requests.RequestException:
            time.sleep(0.5)
    os.killpg(server.pid, signal.SIGTERM)
    raise SystemExit("fazhi serve did not come up")


def _run(label: str, env: dict[str, str], args: argparse.Namespace) -> list[dict]:
    server, base = _serve(env, args.workers)
    rows = []
    try:
        urls = _discover(base, _login(base))
        print(f"[{label}] {len(urls)} pages and API lists: {' '.join(urls)}", file=sys.stderr)
        for users in (int(u) for u in args.users.split(",")):
            row = {"label": label, **_load(base, urls, users, args.seconds)}
            rows.append(row)
            _print(row)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return rows


HEADER = (
    f"{'tree':<14}{'users':>6}{'requests':>10}{'errors':>8}{'req/s':>9}"
    f"{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
)


def _print(row: dict) -> None:
    print(
        f"{row['label'][:13]:<14}{row['users']:>6}{row['requests']:>10}{row['errors']:>8}"
        f"{row['rps']:>9.1f}{row['p50']:>9.0f}{row['p95']:>9.0f}{row['p99']:>9.0f}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", default="1,10,25,50")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--no-setup", action="store_true", help="skip migrate and demo")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: settings)")
    parser.add_argument(
        "--baseline-src",
        metavar="SRC",
        help="first run the same load against another tree (e.g. main's src) on the same data",
    )
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="fazhi-load-")
    env = {
        **os.environ,
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{scratch}/load.sqlite3"),
        "FAZHI_VAR_DIR": os.environ.get("FAZHI_VAR_DIR", scratch),
        "FAZHI_WEB_ACCESS_LOG": "0",
        "FAZHI_DB_CONN_MAX_AGE": os.environ.get("FAZHI_DB_CONN_MAX_AGE", "60"),
        # As in production: DEBUG off (no query log kept, no debug pages).
        "FAZHI_DEBUG": os.environ.get("FAZHI_DEBUG", "0"),
        # The load comes from one address: the per-client API limits would otherwise throttle it.
        "FAZHI_ANON_RATE": "1000000/min",
        "FAZHI_LOGIN_MAX_FAILURES": "1000000",
    }
    if not args.no_setup:
        subprocess.run([FAZHI, "migrate", "--noinput", "-v", "0"], env=env, check=True)
        subprocess.run([FAZHI, "demo"], env=env, check=True, stdout=subprocess.DEVNULL)
    print(
        f"{args.seconds:.0f} s per level; clients are threads of this process on the same machine"
    )
    print(HEADER, flush=True)
    rows = []
    if args.baseline_src:
        rows += _run("baseline", {**env, "PYTHONPATH": args.baseline_src}, args)
    rows += _run("this tree", env, args)
    if args.baseline_src:
        print("\nside by side:")
        print(HEADER)
        for row in sorted(rows, key=lambda r: (r["users"], r["label"] != "baseline")):
            _print(row)


if __name__ == "__main__":
    main()
