"""A real Chromium (Debian's package) driven by Playwright against the live test server."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
OUTPUT = Path(__file__).resolve().parents[2] / "test-output"


@pytest.fixture
def page(live_server, monkeypatch) -> Iterator:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (make test installs it with apt)")
        pytest.skip("chromium is not installed")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the test makes
    # around it are ordinary synchronous calls.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 860})
        context.set_default_timeout(15000)
        page = context.new_page()
        page.on("console", lambda message: print("console:", message.text))
        page.on("pageerror", lambda error: print("page error:", error))
        page.base_url = live_server.url
        yield page
        context.close()
        browser.close()


def screenshot(page, name: str) -> Path:
    """Save a screenshot under test-output/ and print where it is."""
    OUTPUT.mkdir(exist_ok=True)
    path = OUTPUT / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")
    return path
