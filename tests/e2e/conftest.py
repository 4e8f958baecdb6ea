"""Browser fixtures: Debian's Chromium driven by Playwright, against pytest-django's live server."""

import os
import shutil
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import DEFAULT_DB_ALIAS, connections
from django.test.testcases import LiveServerThread

from tests.e2e.browser import CspViolations
from tests.helpers import require_service

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser(django_db_setup):
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        require_service("Chromium", f"{CHROMIUM} is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API keeps an asyncio loop on this thread; the test's own ORM calls
    # are still synchronous, so Django's guard against ORM use inside a loop does not apply.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    # Django keeps connections per context; under Playwright's loop this thread gets a new
    # connection object, without the snapshot of migration data that transactional tests
    # with serialized_rollback restore from. Hand the snapshot over.
    snapshot = getattr(connections[DEFAULT_DB_ALIAS], "_test_serialized_contents", None)
    with sync_api.sync_playwright() as playwright:
        if snapshot is not None:
            connections[DEFAULT_DB_ALIAS]._test_serialized_contents = snapshot
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def csp_violations():
    """Tests call ``csp_violations.assert_none(name of the screen)`` after each screen."""
    return CspViolations()


@pytest.fixture
def page(browser, csp_violations):
    """A browser tab whose Content-Security-Policy violations fail the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    csp_violations.watch(page)
    yield page
    context.close()
    csp_violations.assert_none("by the end of the test")


class OneRequestAtATimeServer(ThreadedWSGIServer):
    """The live server, answering one request at a time.

    On SQLite the test database lives in memory and every thread of the live server uses
    the test's one connection: two requests at once (a double click on "Place order")
    would interleave their transactions on it. PostgreSQL gives each thread its own
    connection, and the races are proven there (tests/shop/test_concurrency.py).
    """

    def set_app(self, application):
        lock = threading.Lock()

        def one_at_a_time(environ, start_response):
            with lock:
                return application(environ, start_response)

        super().set_app(one_at_a_time)


@pytest.fixture(scope="session", autouse=True)
def _sqlite_live_server_serves_one_request_at_a_time():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        yield
        return
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LiveServerThread, "server_class", OneRequestAtATimeServer)
        yield


@pytest.fixture(scope="session")
def screenshots() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def demo(django_db_serialized_rollback, settings, live_server):
    """The four demo stores, seeded for this test, served by the live server."""
    settings.STORES_PORT = int(live_server.url.rsplit(":", 1)[1])
    call_command("seed_demo", verbosity=0)
    return live_server
