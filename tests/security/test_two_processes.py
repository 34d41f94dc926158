"""Two application processes on one PostgreSQL database: concurrent deposits through both land
in one gap-free evidence log that audits clean (the scale-out shape of docs/operations.md)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.db import connection

from fazhi.evidence import log
from fazhi.evidence.models import LogEntry, SignedTreeHead

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_two_app_processes_share_one_log(users, tmp_path):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=users["public"]).key
    settings = connection.settings_dict
    url = (
        f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "FAZHI_VAR_DIR": str(tmp_path / "var"),
        "FAZHI_MEDIA_ROOT": str(tmp_path / "media"),
    }
    ports = [_port(), _port()]
    servers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "fazhi.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--timeout",
                "120",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        for port in ports:
            for _ in range(240):
                try:
                    if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).ok:
                        break
                except requests.RequestException:
                    time.sleep(0.5)
            else:
                pytest.fail(f"server on {port} did not start")

        def deposit(n: int) -> int:
            port = ports[n % 2]
            response = requests.post(
                f"http://127.0.0.1:{port}/api/evidence/deposits/",
                headers={"Authorization": f"Token {token}"},
                data={"title": f"文件{n}", "description": ""},
                files={"file": (f"f{n}.txt", f"content {n}".encode())},
                timeout=120,
            )
            return response.status_code

        with ThreadPoolExecutor(max_workers=6) as pool:
            statuses = list(pool.map(deposit, range(24)))
        assert statuses == [201] * 24
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
    assert list(LogEntry.objects.values_list("index", flat=True)) == list(range(24))
    assert list(SignedTreeHead.objects.values_list("tree_size", flat=True)) == list(range(1, 25))
    log.forget_cached_frontier()
    assert log.audit().ok
