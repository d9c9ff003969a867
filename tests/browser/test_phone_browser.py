"""On a cheap phone (375 × 740): every page fits the screen, filters fold, targets can be tapped."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from ctkb.build import BuiltSite

PHONE = {"width": 375, "height": 740}


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, locale="es-MX", is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def test_every_page_fits_a_phone_screen(phone: Page, server: str, shipped_site: BuiltSite) -> None:
    """No page, in either language, is wider than the screen: nothing to scroll sideways."""
    pages = sorted(path.relative_to(shipped_site.site_dir).as_posix() for path in shipped_site.site_dir.rglob("*.html"))
    assert len(pages) > 700
    wide = []
    for path in pages:
        phone.goto(f"{server}/{path}", wait_until="domcontentloaded")
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide.append(f"{path}: {width}px")
    assert wide == []


@pytest.mark.parametrize("index", ["es/indicators/index.html", "es/bibliography/index.html", "es/actors/index.html"])
def test_filters_fold_behind_one_control_on_a_phone(phone: Page, server: str, index: str) -> None:
    phone.goto(f"{server}/{index}")
    panel = phone.locator("[data-ctkb-filter-panel]")
    expect(panel).not_to_have_attribute("open", "")
    filters = panel.locator(":scope > summary").bounding_box()
    assert filters is not None and filters["y"] < 2 * PHONE["height"]
    panel.locator(":scope > summary").click()
    checkbox = phone.locator(".ctkb-facets input[type=checkbox]").first
    size = checkbox.bounding_box()
    assert size is not None and size["width"] >= 24 and size["height"] >= 24  # WCAG 2.2 target size
    checkbox.check()
    expect(panel.locator(":scope > summary")).to_contain_text("(1 activos)")


def test_the_first_reference_shows_on_the_first_screen_of_a_phone(phone: Page, server: str) -> None:
    phone.goto(f"{server}/es/bibliography/index.html")
    first = phone.locator("[data-ctkb-list] > li").first.bounding_box()
    assert first is not None and first["y"] < PHONE["height"]


def test_filters_are_open_on_a_wide_screen(page: Page, server: str) -> None:
    page.goto(f"{server}/indicators/index.html")
    expect(page.locator("[data-ctkb-filter-panel]")).to_have_attribute("open", "")
