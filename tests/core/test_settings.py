"""Production settings: secure by default, and `check --deploy` clean."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def _run_check(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "fazhi.settings",
        "FAZHI_VAR_DIR": str(tmp_path),
        **env,
    }
    environment.pop("DATABASE_URL", None)
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set while the browser tests run
    return subprocess.run(
        [sys.executable, "-m", "fazhi.cli", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=environment,
    )


def test_check_deploy_is_clean_in_production(tmp_path):
    result = _run_check(
        tmp_path,
        FAZHI_ENV="production",
        SECRET_KEY="x" * 20 + "-production-secret-key-0123456789abcdefghij",
        FAZHI_ALLOWED_HOSTS="fazhi.example.gov.cn",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_requires_a_secret_key(tmp_path):
    result = _run_check(tmp_path, FAZHI_ENV="production", SECRET_KEY="", FAZHI_ALLOWED_HOSTS="x")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_development_generates_and_keeps_a_secret_key(tmp_path):
    first = _run_check(tmp_path, SECRET_KEY="")
    key = (tmp_path / "secret_key").read_text()
    _run_check(tmp_path, SECRET_KEY="")
    assert (tmp_path / "secret_key").read_text() == key
    assert len(key) > 50
    assert first.returncode != 0  # DEBUG on in development: --deploy warns, as it should


@pytest.mark.parametrize(
    "setting", ["SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT"]
)
def test_secure_flags_in_production(tmp_path, setting):
    code = f"from django.conf import settings; print(settings.{setting})"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "fazhi.settings",
        "FAZHI_VAR_DIR": str(tmp_path),
        "FAZHI_ENV": "production",
        "SECRET_KEY": "k" * 60,
        "FAZHI_ALLOWED_HOSTS": "x",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        capture_output=True,
        text=True,
        env=environment,
    )
    assert result.stdout.strip() == "True", result.stderr
