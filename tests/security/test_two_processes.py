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
PASSWORD = "Two-Processes-2026"


def officer_unit(users):
    return users["justice_legal_officer"].role_assignments.get().organization


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_two_app_processes_share_one_log(users, tmp_path):
    from django.contrib.auth.hashers import Argon2PasswordHasher
    from rest_framework.authtoken.models import Token

    from fazhi.core import services

    token = Token.objects.create(user=users["public"]).key
    # The servers hash with the production hashers, not the tests' fast one.
    officer = users["justice_legal_officer"]
    officer.password = Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt())
    officer.save(update_fields=["password"])
    services.number_series_create(
        key="two", name="两进程", template="两〔{year}〕{seq}号", organization=officer_unit(users)
    )
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

        # Log in on one process; the session works on the other (sessions are in the database).
        browser = requests.Session()
        login = f"http://127.0.0.1:{ports[0]}/login/"
        browser.get(login, timeout=60)
        answer = browser.post(
            login,
            data={
                "username": officer.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": browser.cookies["csrftoken"],
            },
            headers={"Referer": login},
            allow_redirects=False,
            timeout=60,
        )
        assert answer.status_code == 302, answer.text[:500]

        def take_number(n: int) -> str:
            response = browser.post(
                f"http://127.0.0.1:{ports[(n + 1) % 2]}/api/numbers/",
                json={"series": "two", "year": 2022},
                headers={
                    "X-CSRFToken": browser.cookies["csrftoken"],
                    "Referer": f"http://127.0.0.1:{ports[(n + 1) % 2]}/",
                },
                timeout=120,
            )
            assert response.status_code == 201, response.text[:500]
            return response.json()["number"]

        with ThreadPoolExecutor(max_workers=6) as pool:
            numbers = list(pool.map(take_number, range(12)))
        # Both processes allocate from one series under the row lock: no gap, no duplicate.
        assert sorted(numbers) == sorted(f"两〔2022〕{n}号" for n in range(1, 13))
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
    assert list(LogEntry.objects.values_list("index", flat=True)) == list(range(24))
    assert list(SignedTreeHead.objects.values_list("tree_size", flat=True)) == list(range(1, 25))
    log.forget_cached_frontier()
    assert log.audit().ok
