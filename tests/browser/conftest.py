"""Playwright driving Debian's chromium; every request that would leave the site fails the test."""

from __future__ import annotations

import functools
import threading
import zipfile
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, Route, sync_playwright

from ctkb.build import BuiltSite

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium phones home at start (refused here anyway).
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
    yield browser
    browser.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def server(shipped_site: BuiltSite) -> Iterator[str]:
    """The built site over http on the loopback interface."""
    handler = functools.partial(_QuietHandler, directory=str(shipped_site.site_dir))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def offline_root(shipped_site: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zip, unzipped as a user would, ready to open from file://."""
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(shipped_site.zip_path) as archive:
        archive.extractall(target)
    return target / "ctkb"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    outside: list[str] = []

    def guard(route: Route) -> None:
        url = route.request.url
        if url.startswith(("file://", "http://127.0.0.1", "data:", "blob:", "about:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    yield page
    context.close()
    assert outside == [], f"pages requested addresses outside the site: {outside}"


def storage(page: Page) -> dict[str, object]:
    """Everything a page could have stored: Web Storage, cookies, IndexedDB and the Cache API."""
    return page.evaluate(  # type: ignore[no-any-return]
        """async () => ({
            local: localStorage.length, session: sessionStorage.length, cookie: document.cookie,
            databases: (await indexedDB.databases()).length,
            caches: 'caches' in window ? (await caches.keys()).length : 0
        })"""
    )
