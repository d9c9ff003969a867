"""The installable field kit over http: saved on request, then every kit page, search and the
offline page work with the network off; a new published version is announced."""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from browser.conftest import _QuietHandler
from ctkb.build import BuiltSite, build_site

SAVE_TIMEOUT = 180_000


def _context(browser: Browser) -> tuple[BrowserContext, list[str]]:
    context = browser.new_context(viewport={"width": 375, "height": 800}, service_workers="allow")
    outside: list[str] = []

    def guard(route: Route) -> None:
        if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    return context, outside


def _save(page: Page, ready: str) -> None:
    page.click("[data-ctkb-kit-save]")
    size = page.locator("[data-ctkb-kit-size]")
    expect(size).to_contain_text("MB")
    page.click("[data-ctkb-kit-go]")
    expect(page.locator("[data-ctkb-kit-status]")).to_contain_text(ready, timeout=SAVE_TIMEOUT)
    assert page.evaluate("Boolean(navigator.serviceWorker.controller)")


def test_manifest_and_icons_make_an_installable_app(server: str, shipped_site: BuiltSite, page: Page) -> None:
    from PIL import Image

    for lang, prefix in (("en", ""), ("es", "es/")):
        page.goto(f"{server}/{prefix}indicators/index.html")
        href = page.get_attribute("link[rel=manifest]", "href")
        assert href is not None
        manifest = page.evaluate("url => fetch(url).then(response => response.json())", href)
        assert manifest["lang"] == lang and manifest["display"] == "standalone"
        assert manifest["start_url"] == "./index.html"
        folder = shipped_site.site_dir / prefix
        sizes = set()
        for icon in manifest["icons"]:
            with Image.open(folder / icon["src"]) as image:
                assert image.size == tuple(int(n) for n in icon["sizes"].split("x"))
                sizes.add(image.size[0])
        assert sizes == {192, 512}
    assert json.loads((shipped_site.site_dir / "es" / "manifest.webmanifest").read_text())["name"].startswith(
        "ctkb: Base"
    )


def test_saved_field_kit_works_offline_in_both_languages(
    browser: Browser, server: str, shipped_site: BuiltSite
) -> None:
    context, outside = _context(browser)
    page = context.new_page()
    page.goto(f"{server}/index.html")
    _save(page, "Saved.")  # the English kit
    page.goto(f"{server}/es/index.html")
    _save(page, "Guardado.")  # and the Spanish one
    assert page.evaluate("caches.keys()").count("ctkb-site") == 1
    context.set_offline(True)
    checked = 0
    for prefix in ("", "es/"):
        kit = json.loads((shipped_site.site_dir / prefix / "field-kit.json").read_text(encoding="utf-8"))
        pages = [n for n in kit["files"] if n.endswith(".html") and n.startswith(prefix) and "offline" not in n]
        if not prefix:
            pages = [name for name in pages if not name.startswith("es/")]
        for name in pages:
            response = page.goto(f"{server}/{name}")
            assert response is not None and response.ok, name
            heading = page.evaluate("(document.querySelector('h1') || {}).textContent || ''")
            assert heading.strip(" ¶\n") not in ("You are offline", "Está sin conexión"), name
            checked += 1
    assert checked >= 200  # every kit page of both languages (about 125 each)
    # Search works from the saved index.
    page.goto(f"{server}/es/indicators/index.html")
    page.keyboard.press("/")
    page.fill("input[data-md-component=search-query]", "pasaporte")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=30_000)
    # A page never saved shows the offline page, in its language.
    page.goto(f"{server}/es/bibliography/index.html")
    expect(page.locator("h1")).to_contain_text("Está sin conexión")
    page.goto(f"{server}/bibliography/index.html")
    expect(page.locator("h1")).to_contain_text("You are offline")
    context.set_offline(False)
    # "Remove the saved copy" takes everything away.
    page.goto(f"{server}/index.html")
    page.click("[data-ctkb-kit-remove]")
    expect(page.locator("[data-ctkb-kit-status]")).to_contain_text("removed")
    assert page.evaluate("caches.keys()") == []
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0
    context.close()
    assert outside == []


def test_nothing_is_cached_until_asked(page: Page, server: str) -> None:
    page.goto(f"{server}/indicators/ind-001.html")
    expect(page.locator("[data-ctkb-kit-save]")).to_be_visible()
    expect(page.locator("[data-ctkb-kit-remove]")).to_be_hidden()  # nothing saved, nothing to remove
    expect(page.locator("[data-ctkb-kit-go]")).to_be_hidden()
    page.goto(f"{server}/es/checklists/context-workplace.html")
    assert page.evaluate("caches.keys()") == []
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0


@pytest.fixture
def rebuildable(project_factory, tmp_path: Path) -> Iterator[tuple[object, Path, str]]:  # type: ignore[no-untyped-def]
    project = project_factory()
    site = tmp_path / "site"
    build_site(project, output=site)
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield project, site, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_new_version_is_announced(browser: Browser, rebuildable: tuple[object, Path, str]) -> None:
    project, site, server = rebuildable
    context, outside = _context(browser)
    page = context.new_page()
    page.goto(f"{server}/index.html")
    version = page.locator(".ctkb-version").inner_text()
    _save(page, "Saved.")
    expect(page.locator("[data-ctkb-kit-update]")).to_be_hidden()
    # An editor changes an indicator today: the data's date, so the version, moves on.
    indicator = project.root / "indicators" / "ind-001.yaml"  # type: ignore[attr-defined]
    text = indicator.read_text(encoding="utf-8")
    indicator.write_text(text.replace("date: 2026-10-20", "date: 2026-11-30"), encoding="utf-8")
    build_site(project, output=site)  # type: ignore[arg-type]
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    expect(page.locator("[data-ctkb-kit-update]")).to_be_visible(timeout=60_000)
    expect(page.locator("[data-ctkb-kit-update]")).to_contain_text("A new version of ctkb has been published.")
    page.click("[data-ctkb-kit-reload]")
    expect(page.locator(".ctkb-version")).not_to_have_text(version)
    assert "2026-11-30" in page.locator(".ctkb-version").inner_text()
    context.close()
    assert outside == []
