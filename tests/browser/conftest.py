"""Browser tests: Playwright driving Debian's Chromium against a live server.

Screenshots land in .local/screenshots so a person can look at what users see.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / ".local" / "screenshots"


@pytest.fixture(scope="session")
def chromium(django_db_setup, django_db_blocker):
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright runs an event loop in this thread; the live server's ORM calls are
    # synchronous and in their own threads, so Django's async guard does not apply.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    serialized = getattr(connections["default"], "_test_serialized_contents", None)
    with sync_playwright() as playwright:
        # Inside Playwright's context Django hands out a new connection object, which must
        # still know the reference data to restore after each transactional test.
        if serialized is not None:
            connections["default"]._test_serialized_contents = serialized
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(
        base_url=live_server.url, locale="es-PE", viewport={"width": 1024, "height": 768}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
