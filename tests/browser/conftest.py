"""Browser tests: Playwright driving Debian's Chromium against a live server.

Without a Chromium binary these tests are skipped, and pytest's summary says so (they
never pass silently). CI installs Debian's `chromium` (see .ci/run). Set
EXPEDIENTE_CHROMIUM to use another binary, and SCREENSHOTS=1 to save the pages the
tests visit into docs/screenshots/ at phone and desktop width.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from tests.court.conftest import enrolled, staff_user  # noqa: F401 - shared fixtures

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# around it are ordinary synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("EXPEDIENTE_CHROMIUM") or shutil.which("chromium") or ""
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if CHROMIUM:
        return
    skip = pytest.mark.skip(
        reason="browser test skipped: no Chromium (apt-get install chromium, or set "
        "EXPEDIENTE_CHROMIUM)"
    )
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(skip)


APPEND_ONLY_TRIGGERS = (
    "docket_event_no_update",
    "docket_event_no_delete",
    "access_accessrecord_no_update",  # the access log (access/access_log.py)
    "access_accessrecord_no_delete",
)


@pytest.fixture(autouse=True)
def _flushable_event_log(transactional_db: None) -> Iterator[None]:
    """Empty the database after a live-server test although the event log refuses DELETE.

    pytest-django empties the tables with DELETE on SQLite (TRUNCATE on PostgreSQL, which
    the triggers do not block), and the append-only triggers abort it. On SQLite this
    flushes once with the triggers dropped, then puts them back exactly as they were,
    so the next test finds the log append-only again."""
    yield
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN "
            "(%s, %s, %s, %s)",
            APPEND_ONLY_TRIGGERS,
        )
        saved = cursor.fetchall()
        assert len(saved) == len(APPEND_ONLY_TRIGGERS), "the append-only triggers are missing"
        for name, _sql in saved:
            cursor.execute(f"DROP TRIGGER {name}")
    try:
        call_command("flush", interactive=False, verbosity=0)
    finally:
        with connection.cursor() as cursor:
            for _name, sql in saved:
                cursor.execute(sql)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP, locale="es-CR")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def screenshot(page):  # type: ignore[no-untyped-def]
    """screenshot(name): save the current page at desktop and phone width (SCREENSHOTS=1)."""

    def take(name: str) -> None:
        if not os.environ.get("SCREENSHOTS"):
            return
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(size)
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
        page.set_viewport_size(DESKTOP)

    return take
