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
