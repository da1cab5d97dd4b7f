"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright against Django's live server.

Skipped, with the reason, when Chromium is not installed. Never downloads a browser.
"""

import os
from pathlib import Path

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.http import FileResponse

from tests.services import services_required

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# axe-core at an address of the live server's own: it loads under the site's own CSP (script-src 'self'), so the
# audit sees the page exactly as a visitor does.
AXE_URL = "/__axe-core__.js"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    reason = "Chromium is not installed at /usr/bin/chromium (apt-get install chromium)"
    if services_required():
        raise pytest.UsageError(f"{reason}; KP_REQUIRE_SERVICES is set, so the browser tests may not skip")
    skip = pytest.mark.skip(reason=reason)
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(skip)


class _FilesAndAxeHandler(StaticFilesHandler):
    """The live server's static files, and axe-core at AXE_URL (Django's live server serves MEDIA_ROOT itself).

    A Playwright route answered axe-core and the media before, but routing turns Chromium's HTTP cache off: every
    page then fetched every stylesheet, script, image and the 560 kB axe-core again through the live server."""

    def _should_handle(self, path):
        return path == AXE_URL or super()._should_handle(path)

    def serve(self, request):
        if request.path != AXE_URL:
            return super().serve(request)
        response = FileResponse(AXE.open("rb"), content_type="text/javascript")
        response["Cache-Control"] = "max-age=3600"
        return response


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, with the handler above."""
    from pytest_django.live_server_helper import LiveServer

    address = request.config.getvalue("liveserver") or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost"
    server = LiveServer(address, start=False)
    server.thread.static_handler = _FilesAndAxeHandler
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread for the whole session; the tests' own ORM calls
    # (fixtures, assertions, flushes) are synchronous and safe, so Django's async guard is relaxed meanwhile.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def _ensure_wagtail_rows():
    """Wagtail's migrations create the default locale, root page and root collection; a transactional flush
    removes them, so the next live-server test would find no tree to load the demo into."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Locale, Page

    if not Locale.objects.exists():
        Locale.objects.create(language_code=settings.LANGUAGE_CODE)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    if Page.get_first_root_node() is None:
        Page.add_root(
            instance=Page(title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page), live=True)
        )


@pytest.fixture
def live_site(live_server, transactional_db):
    """The live server with the demo content (reloaded after each transactional flush)."""
    from tests.conftest import _ensure_demo

    _ensure_wagtail_rows()
    _ensure_demo()
    point_site_at(live_server)
    return live_server


@pytest.fixture(scope="module")
def module_live_site(live_server, module_demo, django_db_blocker):
    """The live server on the demo for a module's browser tests that only read (anonymous visits): unlike live_site,
    no flush and snapshot restore after every test; the snapshot is restored once, after the module."""
    with django_db_blocker.unblock():
        point_site_at(live_server)
    return live_server


@pytest.fixture
def reading_site(module_live_site, django_db_blocker):
    """module_live_site for one test, with the database open to it and the live server (autocommit, no transaction:
    the test reads what the live server serves). The demo comes back first if a transactional test flushed it."""
    from home.models import HomePage
    from tests.conftest import _ensure_demo

    with django_db_blocker.unblock():
        if not HomePage.objects.exists():
            _ensure_wagtail_rows()
            _ensure_demo()
            point_site_at(module_live_site)
        yield module_live_site


def point_site_at(live_server):
    """The default site's hostname and port become the live server's, so page URLs lead to it."""
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    host, port = live_server.url.replace("http://", "").split(":")
    site.hostname, site.port = host, int(port)
    site.save()


@pytest.fixture
def page(browser, live_site):
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam", base_url=live_site.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def sign_in(page, *, username, password):
    """Sign in through the real form."""
    page.goto("/account/inloggen/")
    page.get_by_label("E-mailadres of gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").last.click()
