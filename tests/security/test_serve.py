"""``fazhi serve`` takes its worker count and timeouts from settings."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command


def test_serve_uses_the_settings(settings):
    settings.FAZHI_WEB_WORKERS = 7
    settings.FAZHI_WEB_TIMEOUT = 45
    settings.FAZHI_WEB_MAX_REQUESTS = 1000
    out = StringIO()
    call_command("serve", "--dry-run", stdout=out)
    command = out.getvalue()
    assert "--workers 7" in command and "--timeout 45" in command
    assert "--max-requests 1000" in command and "--graceful-timeout" in command
    out = StringIO()
    call_command("serve", "--dry-run", "--workers", "2", stdout=out)
    assert "--workers 2" in out.getvalue()


def test_every_web_setting_reaches_gunicorn(settings):
    settings.FAZHI_WEB_WORKERS = 3
    settings.FAZHI_WEB_THREADS = 4
    settings.FAZHI_WEB_TIMEOUT = 90
    settings.FAZHI_WEB_GRACEFUL_TIMEOUT = 20
    settings.FAZHI_WEB_KEEPALIVE = 7
    settings.FAZHI_WEB_MAX_REQUESTS = 0
    settings.FAZHI_WEB_ACCESS_LOG = False
    out = StringIO()
    call_command("serve", "--dry-run", "--bind", "0.0.0.0:9000", stdout=out)
    arguments = out.getvalue().split()
    pairs = dict(zip(arguments[2::2], arguments[3::2], strict=False))
    assert arguments[:2] == ["gunicorn", "fazhi.wsgi"]
    assert pairs == {
        "--bind": "0.0.0.0:9000",
        "--workers": "3",
        "--threads": "4",
        "--timeout": "90",
        "--graceful-timeout": "20",
        "--keep-alive": "7",
    }
    # No recycling and no access log when switched off.
    assert "--max-requests" not in arguments and "--access-logfile" not in arguments
    out = StringIO()
    call_command("serve", "--dry-run", "--threads", "2", "--timeout", "30", stdout=out)
    assert "--threads 2" in out.getvalue() and "--timeout 30" in out.getvalue()


def test_the_defaults_suit_a_two_core_machine(monkeypatch):
    """2 × cores + 1 synchronous workers (5 on this 2-core machine), one thread each, 60 s."""
    import importlib

    import fazhi.settings as fazhi_settings

    for name in ("FAZHI_WEB_WORKERS", "FAZHI_WEB_THREADS", "FAZHI_WEB_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    fresh = importlib.reload(fazhi_settings)
    try:
        assert (fresh.FAZHI_WEB_WORKERS, fresh.FAZHI_WEB_THREADS, fresh.FAZHI_WEB_TIMEOUT) == (
            5,
            1,
            60,
        )
    finally:
        monkeypatch.undo()
        importlib.reload(fazhi_settings)
